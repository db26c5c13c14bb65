#!/usr/bin/env bash
# Creates bench_accounts and bench_opportunities (m2o account -> bench_accounts) through the Directus API,
# with the static admin token. Run after ../../../../shared/bench-peers/setup.sh (or with PEERS=dir).
# Idempotent: skips what exists.
set -euo pipefail
PEERS=${PEERS:-/work/shared/bench-peers}
. "$PEERS/env.sh"
B=$DIRECTUS_URL
# static token on the admin user (as seed-directus.sh does: login -> access token -> PATCH /users/me)
AT=$(curl -sf -X POST "$B/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["access_token"])')
curl -sf -o /dev/null -X PATCH "$B/users/me" -H "authorization: Bearer $AT" -H 'content-type: application/json' -d "{\"token\":\"$DIRECTUS_TOKEN\"}"
H="authorization: Bearer $DIRECTUS_TOKEN"
post() { curl -sS -X POST "$B$1" -H "$H" -H 'content-type: application/json' -d "$2" -w ' -> HTTP %{http_code}\n' -o /tmp/directus-post.out; head -c 300 /tmp/directus-post.out; echo; }

if curl -sf -o /dev/null "$B/collections/bench_accounts" -H "$H"; then echo "bench_accounts exists"; else
post /collections '{
 "collection":"bench_accounts","meta":{"icon":"business"},"schema":{},
 "fields":[
  {"field":"id","type":"integer","meta":{"hidden":true,"readonly":true,"interface":"input"},"schema":{"is_primary_key":true,"has_auto_increment":true}},
  {"field":"name","type":"string","meta":{"interface":"input"},"schema":{}},
  {"field":"industry","type":"string","meta":{"interface":"input"},"schema":{}},
  {"field":"employees","type":"integer","meta":{"interface":"input"},"schema":{}},
  {"field":"country","type":"string","meta":{"interface":"input"},"schema":{}}]}'
fi
if curl -sf -o /dev/null "$B/collections/bench_opportunities" -H "$H"; then echo "bench_opportunities exists"; else
post /collections '{
 "collection":"bench_opportunities","meta":{"icon":"paid"},"schema":{},
 "fields":[
  {"field":"id","type":"integer","meta":{"hidden":true,"readonly":true,"interface":"input"},"schema":{"is_primary_key":true,"has_auto_increment":true}},
  {"field":"name","type":"string","meta":{"interface":"input"},"schema":{}},
  {"field":"stage","type":"string","meta":{"interface":"input"},"schema":{}},
  {"field":"amount","type":"decimal","meta":{"interface":"input"},"schema":{"numeric_precision":12,"numeric_scale":2}},
  {"field":"currency","type":"string","meta":{"interface":"input"},"schema":{}},
  {"field":"close_date","type":"date","meta":{"interface":"datetime"},"schema":{}},
  {"field":"probability","type":"integer","meta":{"interface":"input"},"schema":{}},
  {"field":"account","type":"integer","meta":{"interface":"select-dropdown-m2o","special":["m2o"]},"schema":{}}]}'
post /relations '{"collection":"bench_opportunities","field":"account","related_collection":"bench_accounts",
  "schema":{"on_delete":"SET NULL"},"meta":{"sort_field":null}}'
fi
curl -sS "$B/relations/bench_opportunities" -H "$H" | python3 -c 'import json,sys; [print("relation:", r["collection"], r["field"], "->", r["related_collection"], (r.get("schema") or {}).get("constraint_name")) for r in json.load(sys.stdin)["data"]]'
