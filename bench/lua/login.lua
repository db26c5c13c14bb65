-- POST /api/v1/auth/login: a random one of the seeded login users (seed.py users), right password.
-- Every answer must be 200: a 429 (the per-address login limit) or 503 (hashing queue full) counts as bad.
local common = dofile((os.getenv("BENCH_DIR") or "bench") .. "/lua/common.lua")
common.install("login", 200)

local bodies, count
local headers = {["Content-Type"] = "application/json", ["Accept"] = "application/json"}

function init(args)
  math.randomseed(os.time() + (thread_id or 0) * 7919)
  bodies, count = {}, 0
  for line in io.lines((os.getenv("BENCH_DATA") or "data") .. "/logins.txt") do
    local email, password = line:match("^(%S+) (%S+)$")
    count = count + 1
    bodies[count] = string.format('{"email":"%s","password":"%s"}', email, password)
  end
end

function request()
  return wrk.format("POST", "/api/v1/auth/login", headers, bodies[math.random(count)])
end
