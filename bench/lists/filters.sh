#!/usr/bin/env bash
# Filtered lists of one type against a running Castiel, as a list page or a dashboard asks for them:
# wrk -t2 -c$C for $D seconds after a $W second warm-up, per filter. Seed the vendors with
# ../shared/bench-peers/seed-castiel.sh (100,000 vendors: name, rating 1-5, region of 5, notes); the last two
# filters read an index when the type declares indexedFields ["/name"]. ONLY="a b" runs just those.
#   URL=http://127.0.0.1:18090 KEY=$(cat /tmp/peer/castiel.key) bench/lists/filters.sh
set -euo pipefail
URL=${URL:-http://127.0.0.1:18090} KEY=${KEY:?an API key of the seeded tenant} C=${C:-32} D=${D:-20} W=${W:-5}
BASE="$URL/api/v1/shards?type=vendors&limit=50"
declare -A FILTERS=(
  [range_and_eq]="&where=rating:gte:4&where=region:eq:EU"          # the issue's filter, ~8 % of rows
  [range_60pct]="&where=rating:gte:3"                              # 60 % of rows
  [in_string]="&where=region:in:EU%7CUS"                           # 40 % of rows
  [sort_custom]="&where=region:eq:APAC&sort=-structuredData.rating" # a sort on a custom field
  [eq_0_1pct]="&where=rating:eq:5&where=region:eq:MEA&where=name:contains:Vendor%20999" # ~0.1 % of rows
  [no_filter]=""                                                   # the default list, newest first
  [name_eq]="&where=name:eq:Vendor%2042424"                        # one row by an indexed field's value
  [range_0_1pct]="&where=name:gte:Vendor%20100&where=name:lt:Vendor%20101" # 112 rows (0.1 %), among the oldest; a range on an indexed field
)
for name in ${ONLY:-range_and_eq range_60pct in_string sort_custom eq_0_1pct no_filter name_eq range_0_1pct}; do
  path="$BASE${FILTERS[$name]}"
  rows=$(curl -sf -H "Authorization: Bearer $KEY" "$path" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
  wrk -t2 -c"$C" -d"${W}s" -H "Authorization: Bearer $KEY" "$path" > /dev/null
  out=$(wrk -t2 -c"$C" -d"${D}s" --latency -H "Authorization: Bearer $KEY" "$path")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out"); p50=$(awk '$1=="50%" {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  printf '%-13s rows=%-3s req/s=%-9s p50=%-9s p99=%-9s non2xx=%s\n' "$name" "$rows" "$rps" "$p50" "$p99" "${errors:-0}"
done
