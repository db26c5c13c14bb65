-- POST one new shard per request: {"shardType": $SHARD_TYPE, "structuredData": {name, rating, region, notes}}, the body of
-- ../shared/bench-peers/wrk/create.lua, of any type with that schema. Authorization comes from wrk -H.
local shardType = os.getenv("SHARD_TYPE") or "vendors"
local R = {"EU", "US", "APAC", "LATAM", "MEA"}
local n, base = 0, 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
  base = 200000 + math.random(0, 99999) * 1000
end

function request()
  n = n + 1
  local i = base + n
  return wrk.format("POST", "/api/v1/shards", nil, string.format(
    '{"shardType":"%s","structuredData":{"name":"Vendor %d","rating":%d,"region":"%s","notes":"Notes for vendor %d: reliable supplier, net-30 terms, contact via the portal."}}',
    shardType, i, math.random(5), R[math.random(5)], i))
end
