-- GET /api/v1/shards?type=c_account&where=industry:eq:X&limit=50: a page of 50 of ~1,000 matches.
local common = dofile((os.getenv("BENCH_DIR") or "bench") .. "/lua/common.lua")
common.install("list", 200)

local headers, tenant_count = {}, 0

function init(args)
  math.randomseed(os.time() + (thread_id or 0) * 7919)
  local tokens, count = common.tokens()
  tenant_count = count
  for t, token in pairs(tokens) do
    headers[t] = {["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json"}
  end
end

function request()
  local industry = common.industries[math.random(#common.industries)]
  return wrk.format("GET", "/api/v1/shards?type=c_account&where=industry:eq:" .. industry .. "&limit=50",
                    headers[math.random(tenant_count) - 1])
end
