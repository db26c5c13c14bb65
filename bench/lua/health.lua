-- GET /health: no authentication, no rate limit, no database; the baseline of a request.
local common = dofile((os.getenv("BENCH_DIR") or "bench") .. "/lua/common.lua")
common.install("health", 200)

function request()
  return wrk.format("GET", "/health", {["Accept"] = "application/json"})
end
