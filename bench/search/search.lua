-- POST /api/v1/search for wrk: each request one body, drawn at random, from
-- $BENCH_DATA/search-bodies.txt (one JSON body per line, written by bench/search/load.py),
-- with the token of tenant 0 in $BENCH_DATA/tokens.txt. Counts every non-200 as bad.
local common = dofile((os.getenv("BENCH_DIR") or "bench") .. "/lua/common.lua")
common.install(os.getenv("BENCH_SCENARIO") or "search", 200)

local headers, bodies = {}, {}

function init(args)
  math.randomseed(os.time() + (thread_id or 0) * 7919)
  local tokens = common.tokens()
  headers = {["Authorization"] = "Bearer " .. tokens[0], ["Accept"] = "application/json",
             ["Content-Type"] = "application/json"}
  for line in io.lines((os.getenv("BENCH_DATA") or "data") .. "/search-bodies.txt") do
    bodies[#bodies + 1] = line
  end
end

function request()
  return wrk.format("POST", "/api/v1/search", headers, bodies[math.random(#bodies)])
end
