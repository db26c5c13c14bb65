-- OPTIONS (not a CORS preflight): Spring MVC answers 200 with an Allow header, touching no
-- database. BENCH_OPTIONS=health sends OPTIONS /health with no token; BENCH_OPTIONS=api sends
-- OPTIONS /api/v1/me with a tenant's token, which adds exactly authentication (cached token
-- verification), the authorization check and the rate-limit buckets. Their p50 difference is the
-- per-request cost of authentication + rate limiting.
local common = dofile((os.getenv("BENCH_DIR") or "bench") .. "/lua/common.lua")
local mode = os.getenv("BENCH_OPTIONS") or "api"
common.install("options-" .. mode, 200)

local headers, count

function init(args)
  math.randomseed(os.time() + (thread_id or 0) * 7919)
  headers, count = {}, 0
  if mode == "api" then
    for _, token in pairs(common.tokens()) do
      count = count + 1
      headers[count] = {["Authorization"] = "Bearer " .. token}
    end
  else
    headers[1], count = {}, 1
  end
end

function request()
  return wrk.format("OPTIONS", mode == "api" and "/api/v1/me" or "/health", headers[math.random(count)])
end
