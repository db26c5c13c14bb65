#!/usr/bin/env bash
# The stack's floor beside Directus and pgbench -S, in one run of ../shared/bench-peers/bench.sh:
# FloorApplication (Castiel's web and database stack, nothing of Castiel) serves the bench's
# by_id, filter and create on Directus's own vendors table. See bench/README.md, "The stack's floor".
#   bench/floor/run.sh            (from the project's root, after ../shared/bench-peers/setup.sh)
#   env: VARIANTS (tuned-x2), RUNS ("A B"), TESTS ("by_id filter create"), FLOOR_JAVA_OPTS (-Xms1g -Xmx1g),
#        FLOOR_WARM (30: a pre-warm-up per test, and EXTRA_WARM=10, as castiel-side-by-side.sh gives Castiel's JIT)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd); PEERS=$ROOT/../shared/bench-peers
. "$PEERS/env.sh"
VARIANTS=${VARIANTS:-tuned-x2}; RUNS=${RUNS:-A B}; FLOOR_PORT=${FLOOR_PORT:-18091}
export TESTS=${TESTS:-by_id filter create}
(cd "$ROOT/bench/floor" && mvn -B -q package -DskipTests)
"$PEERS/services.sh" pg-start >/dev/null
# Directus's table as the lists bench leaves it: b-tree indexes on the filtered columns
psql_b -d directus -qc "create index if not exists vendors_rating_idx on vendors (rating)" \
  -c "create index if not exists vendors_region_idx on vendors (region)" -c "analyze vendors"
# shellcheck disable=SC2086
FLOOR_PORT=$FLOOR_PORT setsid "$CASTIEL_JAVA_HOME/bin/java" ${FLOOR_JAVA_OPTS:--Xms1g -Xmx1g} -jar "$ROOT/bench/floor/target/castiel-floor.jar" \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PGPORT_BENCH/directus" --spring.datasource.username=postgres \
  --floor.token=floor-token > "$PEER/floor.log" 2>&1 < /dev/null &
FPID=$!
trap 'kill $FPID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf -o /dev/null -H 'Authorization: Bearer floor-token' "http://127.0.0.1:$FLOOR_PORT/items/vendors/1" && break; sleep 0.5; done
curl -sf -H 'Authorization: Bearer floor-token' "http://127.0.0.1:$FLOOR_PORT/items/vendors/1"; echo
H='Authorization: Bearer floor-token'; URL=http://127.0.0.1:$FLOOR_PORT; export WRK_LUA_DIR=$PEERS/wrk
IDS_FILE=$PEER/vendors.ids PATH_PREFIX=/items/vendors/ wrk -t2 -c32 -d"${FLOOR_WARM:-30}s" -H "$H" -s "$WRK_LUA_DIR/random-id.lua" "$URL" | grep SUMMARY
wrk -t2 -c32 -d"${FLOOR_WARM:-30}s" -H "$H" -s "$WRK_LUA_DIR/fixed.lua" "$URL/items/vendors?filter[rating][_gte]=4&filter[region][_eq]=EU&limit=50" | grep SUMMARY
CREATE_KIND=directus wrk -t2 -c32 -d"${FLOOR_WARM:-30}s" -H "$H" -s "$WRK_LUA_DIR/create.lua" "$URL" | grep SUMMARY
export EXTRA_WARM=${EXTRA_WARM:-10}
STAMP=$(date +%Y%m%d-%H%M%S)
for r in $RUNS; do
  OUT=$PEER/results/floor-$STAMP-$r EXTRA_NAME=floor EXTRA_URL=http://127.0.0.1:$FLOOR_PORT EXTRA_PIDS=$FPID \
    EXTRA_HEADER='Authorization: Bearer floor-token' EXTRA_CREATE_KIND=directus \
    "$PEERS/bench.sh" $VARIANTS
done
for r in $RUNS; do echo "== run $r"; cut -f1-8,10,11,17,18 "$PEER/results/floor-$STAMP-$r/results.tsv" | column -t; done
