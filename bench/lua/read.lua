-- GET /api/v1/shards/{id}: a random seeded shard, read with a token of its own tenant.
local common = dofile((os.getenv("BENCH_DIR") or "bench") .. "/lua/common.lua")
common.install("read", 200)

local tokens, tenants, ids, count

function init(args)
  math.randomseed(os.time() + (thread_id or 0) * 7919)
  tokens = common.tokens()
  tenants, ids = common.ids()
  count = #ids
  for t, token in pairs(tokens) do
    tokens[t] = {["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json"}
  end
end

function request()
  local i = math.random(count)
  return wrk.format("GET", "/api/v1/shards/" .. ids[i], tokens[tenants[i]])
end
