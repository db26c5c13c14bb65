#!/usr/bin/env bash
# Directus 12.4.0 side of the analytics bench (issue 19). Everything runs in /tmp/peer (bench-peers).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PEERS=${PEERS:-$(cd "$HERE/../../../../shared/bench-peers" 2>/dev/null && pwd || echo /work/shared/bench-peers)}
[ -d /tmp/peer/directus/node_modules/directus ] || "$PEERS/setup.sh"   # ~6 min from nothing
"$PEERS/services.sh" pg-start
"$PEERS/services.sh" directus-start tuned
PEERS=$PEERS "$HERE/create_collections.sh"
psql -h 127.0.0.1 -p 55433 -U postgres -v opps=1000000 -v accounts=20000 -f "$HERE/load_directus.sql" directus
python3 "$HERE/bench_directus.py" check
python3 "$HERE/bench_directus.py" latency
"$HERE/cpu_sample.sh" python3 "$HERE/bench_directus.py" concurrent
"$HERE/cpu_sample.sh" python3 "$HERE/bench_directus.py" concurrent --workaround
psql -h 127.0.0.1 -p 55433 -U postgres -f "$HERE/floor_directus.sql" directus
[ -n "${KEEP:-}" ] || "$PEERS/services.sh" stop-all
