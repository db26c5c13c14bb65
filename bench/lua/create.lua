-- POST /api/v1/shards: one c_account per request, spread over all tenants.
local common = dofile((os.getenv("BENCH_DIR") or "bench") .. "/lua/common.lua")
common.install("create", 201)

local headers, tenant_count, n = {}, 0, 0
local words = {"customer", "renewal", "pipeline", "quarterly", "meeting", "budget", "procurement",
               "contract", "onboarding", "integration", "support", "roadmap", "pricing", "expansion"}

function init(args)
  math.randomseed(os.time() + (thread_id or 0) * 7919)
  local tokens, count = common.tokens()
  tenant_count = count
  for t, token in pairs(tokens) do
    headers[t] = {["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json",
                  ["Content-Type"] = "application/json"}
  end
end

function request()
  n = n + 1
  local text = {}
  for k = 1, 20 do
    text[k] = words[math.random(#words)]
  end
  local body = string.format(
    '{"shardType":"c_account","structuredData":{"name":"Bench %d-%d","industry":"%s","employees":%d,"country":"%s"},' ..
    '"unstructuredData":{"text":"%s"}}',
    thread_id or 0, n, common.industries[math.random(#common.industries)], math.random(50000),
    common.countries[math.random(#common.countries)], table.concat(text, " "))
  return wrk.format("POST", "/api/v1/shards", headers[math.random(tenant_count) - 1], body)
end
