-- Shared by the wrk scripts: data loading, status accounting and the RESULT line.
-- wrk runs this file in one Lua state per thread plus one main state (setup/done);
-- the counters are globals of the thread states and summed in done() via thread:get.

local common = {}

local data_dir = os.getenv("BENCH_DATA") or "data"   -- run.sh sets BENCH_DATA=results/<stamp>/data

function common.tokens()
  local tokens, count = {}, 0
  for line in io.lines(data_dir .. "/tokens.txt") do
    local tenant, token = line:match("^(%d+) (%S+)$")
    tokens[tonumber(tenant)] = token
    count = count + 1
  end
  return tokens, count
end

-- Two parallel arrays, so that a random index gives a (tenant, id) pair.
function common.ids()
  local tenants, ids = {}, {}
  for line in io.lines(data_dir .. "/ids.txt") do
    local tenant, id = line:match("^(%d+) (%S+)$")
    tenants[#tenants + 1] = tonumber(tenant)
    ids[#ids + 1] = id
  end
  return tenants, ids
end

common.industries = {"Manufacturing", "Software", "Healthcare", "Finance", "Retail",
                     "Energy", "Education", "Logistics", "Media", "Agriculture"}
common.countries = {"US", "DE", "FR", "GB", "JP", "BR", "IN", "CA", "AU", "NL"}

local threads = {}
local next_id = 1

-- Installs setup/response/done hooks; `expected` is the one status counted as success.
function common.install(scenario, expected)
  ok, bad, bad_statuses = 0, 0, ""
  per_second = {}   -- completed responses per wall-clock second, to show stalls

  function setup(thread)
    thread:set("thread_id", next_id)
    next_id = next_id + 1
    table.insert(threads, thread)
  end

  function response(status, headers, body)
    local now = os.time()
    per_second[now] = (per_second[now] or 0) + 1
    if status == expected then
      ok = ok + 1
    else
      bad = bad + 1
      if bad <= 5 then
        bad_statuses = bad_statuses .. status .. ":" .. (body or ""):sub(1, 160):gsub("%s+", " ") .. " | "
      end
    end
  end

  function done(summary, latency, requests)
    local total_ok, total_bad, samples, seconds_seen = 0, 0, "", {}
    for _, thread in ipairs(threads) do
      total_ok = total_ok + thread:get("ok")
      total_bad = total_bad + thread:get("bad")
      samples = samples .. thread:get("bad_statuses")
      for second, n in pairs(thread:get("per_second")) do
        seconds_seen[second] = (seconds_seen[second] or 0) + n
      end
    end
    local keys = {}
    for second in pairs(seconds_seen) do keys[#keys + 1] = second end
    table.sort(keys)
    local timeline = {}
    for i = 2, #keys - 1 do   -- the first and last seconds are partial
      timeline[#timeline + 1] = tostring(seconds_seen[keys[i]])
    end
    local seconds = summary.duration / 1e6
    local errors = summary.errors
    io.write(string.format(
      "RESULT scenario=%s requests=%d seconds=%.2f rps=%.1f ok_rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f " ..
      "max_ms=%.2f mean_ms=%.2f ok=%d bad=%d connect_err=%d read_err=%d write_err=%d timeouts=%d\n",
      scenario, summary.requests, seconds, summary.requests / seconds, total_ok / seconds,
      latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, latency.mean / 1000, total_ok, total_bad,
      errors.connect, errors.read, errors.write, errors.timeout))
    io.write("TIMELINE responses/s: " .. table.concat(timeline, " ") .. "\n")
    if total_bad > 0 then
      io.write("UNEXPECTED " .. samples .. "\n")
    end
  end
end

return common
