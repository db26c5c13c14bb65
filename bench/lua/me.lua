-- GET /api/v1/me with a random tenant's token: authentication, rate limits, and two indexed
-- queries (tenant, user) in one RLS transaction.
local common = dofile((os.getenv("BENCH_DIR") or "bench") .. "/lua/common.lua")
common.install("me", 200)

local headers, count

function init(args)
  math.randomseed(os.time() + (thread_id or 0) * 7919)
  local tokens = common.tokens()
  headers, count = {}, 0
  for _, token in pairs(tokens) do
    count = count + 1
    headers[count] = {["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json"}
  end
end

function request()
  return wrk.format("GET", "/api/v1/me", headers[math.random(count)])
end
