#!/usr/bin/env bash
# The list page's and dashboard's filters against Directus on the same 100,000 vendors, in one run:
# for each filter, wrk -t2 -c32 against Castiel, then against Directus (tuned-x2 by default), then again
# (runs A and B), with the CPU of each process (pidstat) and of the whole machine. Needs
# ../shared/bench-peers' setup.sh (Directus seeded, its cluster on $PGPORT_BENCH) and Castiel seeded on
# the same cluster by seed-castiel.sh with the type's bench settings (see "Filtered lists side by side"
# in bench/README.md: embed false, indexedFields /name /region /rating). Directus' vendors get the same
# three single-column indexes (a Directus user declares them as "indexed" fields; that is a btree each).
#   bench/lists/side-by-side.sh            # from the project's root; Castiel must be running (services.sh castiel-start)
# env: RUNS="A B" VARIANT=tuned-x2 D=20 W=5 C=32 ONLY="<filter names>" OUT=<dir> PREWARM=10 (s per filter, once,
#      for Castiel's JIT: a fresh JVM compiles for the first minute or two; Directus' node is warm after W)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd); PEERS=$ROOT/../shared/bench-peers
. "$PEERS/env.sh"
RUNS=${RUNS:-A B}; VARIANT=${VARIANT:-tuned-x2}; D=${D:-20}; W=${W:-5}; C=${C:-32}
OUT=${OUT:-$PEER/results/lists-$(date +%Y%m%d-%H%M%S)}; mkdir -p "$OUT"
KEY=$(cat "$PEER/castiel.key")

# name | Castiel query (after /api/v1/shards?type=vendors&limit=50) | Directus query (after /items/vendors?limit=50)
FILTERS=(
  "range_and_eq|&where=rating:gte:4&where=region:eq:EU|&filter[rating][_gte]=4&filter[region][_eq]=EU&sort=-id"
  "range_60pct|&where=rating:gte:3|&filter[rating][_gte]=3&sort=-id"
  "in_string|&where=region:in:EU%7CUS|&filter[region][_in]=EU,US&sort=-id"
  "sort_custom|&where=region:eq:APAC&sort=-structuredData.rating|&filter[region][_eq]=APAC&sort=-rating,-id"
  "eq_0_1pct|&where=rating:eq:5&where=region:eq:MEA&where=name:contains:Vendor%20999|&filter[rating][_eq]=5&filter[region][_eq]=MEA&filter[name][_contains]=Vendor%20999&sort=-id"
  "no_filter||&sort=-id"
  "name_eq|&where=name:eq:Vendor%2042424|&filter[name][_eq]=Vendor%2042424&sort=-id"
  "range_0_1pct|&where=name:gte:Vendor%20100&where=name:lt:Vendor%20101|&filter[name][_starts_with]=Vendor%20100&sort=-id"
)

psql_b -d directus -qc "create index if not exists vendors_name on vendors (name)" \
  -c "create index if not exists vendors_region on vendors (region)" -c "create index if not exists vendors_rating on vendors (rating)" \
  -c "analyze vendors"
"$PEERS/services.sh" directus-start "$VARIANT" > "$OUT/directus-start.log"
trap '"$PEERS/services.sh" directus-stop > /dev/null 2>&1 || true' EXIT
for _ in $(seq 1 60); do curl -sf "$DIRECTUS_URL/server/ping" > /dev/null && break; sleep 1; done
CPID=$(cat "$PEER/castiel.pid"); DPID=$(cat "$PEER/directus.pid"); PGPID=$(head -1 "$PGDATA_DIR/postmaster.pid")

# rows returned and the matches in all (both must agree, or the comparison is not like for like)
count() { # target query -> "rows total"
  case $1 in
    castiel) curl -sfg -H "Authorization: Bearer $KEY" "$CASTIEL_URL/api/v1/shards?type=vendors&limit=50$2" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))' ;;
    directus) curl -sfg -H "Authorization: Bearer $DIRECTUS_TOKEN" "$DIRECTUS_URL/items/vendors?limit=50$2" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["data"]))' ;;
  esac
}
# CPU % of one core per process tree over the window: java, node, postgres, wrk; and the machine's busy %
cpu_of() { # pidstat-file -> "java node pg wrk"
  awk '!/^#/ && !/^Linux/ && NF>=10 { t[$1]=1; c=$10; s[c]+=$8 } END { n=0; for (k in t) n++; if (!n) n=1;
       printf "%.0f %.0f %.0f %.0f", s["java"]/n, s["node"]/n, s["postgres"]/n, s["wrk"]/n }' "$1"
}
busy() { awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8, $5+$6}' /proc/stat; }

for entry in "${FILTERS[@]}"; do
  IFS='|' read -r name cq dq <<<"$entry"
  [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $name "* ]] && continue
  wrk -t2 -c"$C" -d"${PREWARM:-10}s" --timeout 10s -H "Authorization: Bearer $KEY" "$CASTIEL_URL/api/v1/shards?type=vendors&limit=50$cq" > /dev/null
done
printf 'run\tfilter\ttarget\trows\treq_s\tp50_ms\tp99_ms\tnon2xx\tcpu_java\tcpu_node\tcpu_pg\tcpu_wrk\tbusy\n' > "$OUT/results.tsv"
for run in $RUNS; do
  for entry in "${FILTERS[@]}"; do
    IFS='|' read -r name cq dq <<<"$entry"
    [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $name "* ]] && continue
    for target in castiel directus; do
      if [ $target = castiel ]; then url="$CASTIEL_URL/api/v1/shards?type=vendors&limit=50$cq"; hdr="Authorization: Bearer $KEY"; q=$cq
      else url="$DIRECTUS_URL/items/vendors?limit=50$dq"; hdr="Authorization: Bearer $DIRECTUS_TOKEN"; q=$dq; fi
      rows=$(count $target "$q")
      wrk -t2 -c"$C" -d"${W}s" --timeout 10s -H "$hdr" "$url" > /dev/null
      f=$OUT/$run.$name.$target
      pidstat -u -h -C 'java|node|postgres|wrk' 1 "$D" > "$f.cpu" 2>&1 & pp=$!
      a=$(busy)
      wrk -t2 -c"$C" -d"${D}s" --timeout 10s --latency -H "$hdr" "$url" > "$f.txt"
      b=$(busy); wait $pp || true
      machine=$(echo "$a $b" | awk -v n="$(nproc)" '{dt=$3-$1; di=$4-$2; printf "%.0f", (dt>0 ? 100*(dt-di)/dt*n : 0)}')
      rps=$(awk '/Requests\/sec/ {print $2}' "$f.txt"); p50=$(awk '$1=="50%" {print $2}' "$f.txt"); p99=$(awk '$1=="99%" {print $2}' "$f.txt")
      non2xx=$(awk '/Non-2xx/ {print $5}' "$f.txt")
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$name" "$target" "$rows" "$rps" "$p50" "$p99" "${non2xx:-0}" \
        "$(cpu_of "$f.cpu" | tr ' ' '\t')" "$machine" | tee -a "$OUT/results.tsv"
    done
  done
done
# ratios per run and filter: Castiel / Directus req/s
python3 - "$OUT/results.tsv" <<'PY' | tee "$OUT/summary.md"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
by = {(r["run"], r["filter"], r["target"]): r for r in rows}
print("| filter | rows | Castiel req/s | p99 | Directus req/s | p99 | ratio |")
print("|---|---:|---:|---:|---:|---:|---:|")
for (run, name, target), r in by.items():
    if target != "castiel": continue
    d = by.get((run, name, "directus"))
    if not d: continue
    ratio = float(r["req_s"]) / float(d["req_s"]) if float(d["req_s"]) else 0
    print(f"| {run} {name} | {r['rows']}/{d['rows']} | {float(r['req_s']):,.0f} | {r['p99_ms']} | {float(d['req_s']):,.0f} | {d['p99_ms']} | {ratio:.2f}× |")
PY
echo "results in $OUT"
