#!/usr/bin/env bash
# Regenerates web/openapi.json from a freshly built server, so the generated API types
# (src/lib/api/schema.d.ts, made from it by `npm run generate`) match the server.
#
#   web/scripts/update-openapi.sh            # builds the jar, starts it on a free port, fetches the document
#   SKIP_BUILD=1 web/scripts/update-openapi.sh  # reuses server/target/castiel-server.jar
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/web/openapi.json"
PORT="${PORT:-18555}"

cd "$ROOT"
if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -B -q package -DskipTests -Dskip.web=true
fi

HOME_DIR="$(mktemp -d)"
LOG="$HOME_DIR/server.log"
CASTIEL_HOME="$HOME_DIR" scripts/castiel --server.port="$PORT" >"$LOG" 2>&1 &
PID=$!
cleanup() {
  kill "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  rm -rf "$HOME_DIR"
}
trap cleanup EXIT

for _ in $(seq 1 180); do
  if grep -q "Started" "$LOG"; then
    break
  fi
  if ! kill -0 "$PID" 2>/dev/null; then
    echo "update-openapi: the server stopped; its log:" >&2
    cat "$LOG" >&2
    exit 1
  fi
  sleep 1
done
grep -q "Started" "$LOG" || { echo "update-openapi: the server did not start in 180 s" >&2; exit 1; }

curl -fsS "http://localhost:$PORT/api/v1/openapi.json" -o "$OUT.tmp"
# Pretty-printed so diffs of the committed file are readable; "servers" (the URL of this
# temporary server) is left out: it is not part of the contract.
node -e 'const fs=require("fs");const d=JSON.parse(fs.readFileSync(process.argv[1],"utf8"));delete d.servers;fs.writeFileSync(process.argv[2],JSON.stringify(d,null,2)+"\n")' "$OUT.tmp" "$OUT"
rm -f "$OUT.tmp"
echo "update-openapi: wrote $OUT"
