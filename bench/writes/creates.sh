#!/usr/bin/env bash
# Single-shard creates at c=32 while their embedding waits (issue 23, point 4): wrk -t2 -c$C for $D s of
# POST /shards of type $SHARD_TYPE, then how long the embedding queue takes to drain once the load stops,
# and the CPU the JVM spent on it (utime+stime of the java process over the drain). Castiel runs in server
# mode on ../shared/bench-peers' cluster (services.sh castiel-start), seeded by seed-castiel.sh (its API key).
# The type is made if missing, with the vendors' schema: SHARD_TYPE=vendor_notes EMBED=true (embedded, the
# default for a type) or SHARD_TYPE=vendors (embed false: no embedding at all).
#   bench/writes/creates.sh            # from the project's root
# env: SHARD_TYPE=vendor_notes EMBED=true C=32 D=20 W=5
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd); . "$ROOT/../shared/bench-peers/env.sh"
SHARD_TYPE=${SHARD_TYPE:-vendor_notes}; EMBED=${EMBED:-true}; C=${C:-32}; D=${D:-20}; W=${W:-5}
KEY=$(cat "$PEER/castiel.key"); CPID=$(cat "$PEER/castiel.pid"); HZ=$(getconf CLK_TCK)
api() { curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' "$@"; }
if ! api -o /dev/null "$CASTIEL_URL/api/v1/shard-types/$SHARD_TYPE"; then
  api -o /dev/null -X POST "$CASTIEL_URL/api/v1/shard-types" -d '{"name":"'"$SHARD_TYPE"'","displayName":"Vendor notes","embed":'"$EMBED"',
    "schema":{"type":"object","required":["name"],"additionalProperties":false,"properties":{"name":{"type":"string","maxLength":200},
    "rating":{"type":"integer","minimum":1,"maximum":5},"region":{"type":"string","enum":["EU","US","APAC","LATAM","MEA"]},
    "notes":{"type":"string","maxLength":2000}}}}'
  echo "type $SHARD_TYPE created (embed $EMBED)"
fi
queue() { psql_b -d castiel -Atc "select count(*) from embedding_queue where attempts < 3"; }
cpu() { awk '{print $14 + $15}' "/proc/$CPID/stat"; }
"$ROOT/../shared/bench-peers/services.sh" castiel-drain
SHARD_TYPE=$SHARD_TYPE wrk -t2 -c"$C" -d"${W}s" --timeout 10s -H "Authorization: Bearer $KEY" -s "$ROOT/bench/writes/create.lua" "$CASTIEL_URL" > /dev/null
"$ROOT/../shared/bench-peers/services.sh" castiel-drain
before=$(psql_b -d castiel -Atc "select count(*) from shards where shard_type = '$SHARD_TYPE'")
out=$(SHARD_TYPE=$SHARD_TYPE wrk -t2 -c"$C" -d"${D}s" --timeout 10s --latency -H "Authorization: Bearer $KEY" -s "$ROOT/bench/writes/create.lua" "$CASTIEL_URL")
after=$(psql_b -d castiel -Atc "select count(*) from shards where shard_type = '$SHARD_TYPE'")
echo "$out" | grep -E "Requests/sec|Non-2xx|Socket errors|^ +(50|90|99)%"
backlog=$(queue); t0=$(date +%s.%N); c0=$(cpu)
echo "acknowledged $(echo "$out" | awk '/requests in/ {print $1}') creates, $((after - before)) new $SHARD_TYPE shards; embedding queue $backlog at the end of the load"
while [ "$(queue)" != 0 ]; do sleep 1; done
t1=$(date +%s.%N); c1=$(cpu)
python3 -c "d=$t1-$t0; c=($c1-$c0)/$HZ; n=$backlog; print(f'drained {n} in {d:.1f} s; java CPU {c:.1f} s' + (f' = {1000*c/n:.2f} ms per shard' if n else ''))"
