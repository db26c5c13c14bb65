#!/usr/bin/env bash
# Analytics bench (issue 19): a fresh embedded Castiel, one tenant with 1,000,000 c_opportunity and
# 20,000 c_account shards loaded by SQL, then latency, dashboard load and the psql floor.
#   bench/analytics/run.sh            (BUILD=1 to run `mvn -q -B package -DskipTests` first;
#                                      KEEP=1 to leave the server and its CASTIEL_HOME behind)
# Env: PORT (18419), OPPS (1000000), ACCOUNTS (20000), DASH_SECONDS (60), CASTIEL_HOME (/tmp/castiel-analytics-bench).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/bench/analytics"
PORT="${PORT:-18419}"
OPPS="${OPPS:-1000000}"
ACCOUNTS="${ACCOUNTS:-20000}"
export CASTIEL_HOME="${CASTIEL_HOME:-/tmp/castiel-analytics-bench}"
BASE="http://localhost:$PORT"

if [[ "${BUILD:-0}" == 1 || ! -f "$ROOT/server/target/castiel-server.jar" ]]; then
  (cd "$ROOT" && mvn -q -B package -DskipTests)
fi
rm -rf "$CASTIEL_HOME" && mkdir -p "$CASTIEL_HOME"
"$ROOT/scripts/castiel" --server.port="$PORT" >"$CASTIEL_HOME/server.log" 2>&1 &
SERVER=$!
stop() { [[ "${KEEP:-0}" == 1 ]] || { kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null || true; rm -rf "$CASTIEL_HOME"; }; }
trap stop EXIT
until grep -q "Started CastielApplication" "$CASTIEL_HOME/server.log"; do
  kill -0 "$SERVER" || { tail -50 "$CASTIEL_HOME/server.log"; exit 1; }
  sleep 1
done
PGPORT="$(sed -n 's/.*Embedded PostgreSQL on port \([0-9]*\).*/\1/p' "$CASTIEL_HOME/server.log" | head -1)"
PSQL=(psql -X -h localhost -p "$PGPORT" -U postgres castiel)

curl -sf -X POST "$BASE/api/v1/auth/register" -H 'Content-Type: application/json' \
  -d '{"tenantName":"Analytics Bench","email":"bench@analytics.example","password":"bench-password-0123456789","name":"Bench"}' \
  >"$CASTIEL_HOME/register.json"
field() { python3 -c "import json,sys; d=json.load(open('$CASTIEL_HOME/register.json')); print($1)"; }
TENANT="$(field "d['tenant']['id']")"; OWNER="$(field "d['user']['id']")"; TOKEN="$(field "d['accessToken']")"

echo "== first shards through the API, then erased (as an import's first batch: the types get their typed columns)"
api() { curl -sf -X "$1" "$BASE/api/v1/$2" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' ${3:+-d "$3"}; }
id() { python3 -c "import json,sys; print(json.load(sys.stdin)['id'])"; }
SEED_ACCOUNT="$(api POST shards '{"shardType":"c_account","structuredData":{"name":"Seed","industry":"Seed"}}' | id)"
SEED_DEAL="$(api POST shards '{"shardType":"c_opportunity","structuredData":{"name":"Seed","amount":1,"currency":"EUR","stage":"prospecting","closeDate":"2025-01-01"}}' | id)"
api POST relationships "{\"sourceId\":\"$SEED_ACCOUNT\",\"targetId\":\"$SEED_DEAL\",\"type\":\"has_opportunity\"}" >/dev/null
api DELETE "shards/$SEED_DEAL?permanent=true"; api DELETE "shards/$SEED_ACCOUNT?permanent=true"

echo "== load ($OPPS opportunities, $ACCOUNTS accounts)"; uptime
time "${PSQL[@]}" -q -v tenant="$TENANT" -v owner="$OWNER" -v opps="$OPPS" -v accounts="$ACCOUNTS" -f "$HERE/load.sql" | grep -E '^(Time|INSERT)' || true

echo "== spot check: three shards through the API"
for id in $("${PSQL[@]}" -Atc "select id from shards where tenant_id = '$TENANT' order by random() limit 3"); do
  curl -sf "$BASE/api/v1/shards/$id" -H "Authorization: Bearer $TOKEN" | head -c 300; echo
done

echo "== typed columns (filled as loaded; the plans must read them)"; uptime
python3 "$HERE/bench.py" ready --base "$BASE" --seconds 600
echo "== latency (sequential)"; uptime
python3 "$HERE/bench.py" latency --base "$BASE"
echo "== dashboard load"; uptime
python3 "$HERE/bench.py" dashboard --base "$BASE" --seconds "${DASH_SECONDS:-60}"
echo "== floor (psql)"; uptime
"${PSQL[@]}" -v tenant="$TENANT" -f "$HERE/floor.sql" | grep -E '^(Time|[a-z_0-9]+$)'
uptime
