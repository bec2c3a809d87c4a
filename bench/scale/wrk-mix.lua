-- wrk script for the scale benchmark: replays a query mix (queries.tsv: kind<TAB>path) in a fixed
-- order, each thread from its own offset, and prints the latency percentiles as one JSON line.
-- wrk -t2 -c16 -d30s -s wrk-mix.lua http://127.0.0.1:PORT -- queries.tsv

local paths = {}
local counter = 0
local threads = {}

local function load(file)
  local list = {}
  for line in io.lines(file) do
    local tab = line:find("\t", 1, true)
    if tab then
      list[#list + 1] = line:sub(tab + 1)
    end
  end
  return list
end

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  paths = load(args[1] or "queries.tsv")
  -- Threads start far apart in the list, so they do not ask the same queries at the same moment.
  local step = math.floor(#paths / 8)
  position = ((id or 1) - 1) * step
  errors_non2xx = 0
end

function request()
  position = position % #paths + 1
  return wrk.format("GET", paths[position])
end

function response(status, headers, body)
  if status < 200 or status >= 300 then
    errors_non2xx = errors_non2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + (thread:get("errors_non2xx") or 0)
  end
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests":%d,"seconds":%.2f,"rps":%.1f,"p50":%.2f,"p95":%.2f,"p99":%.2f,"max":%.2f,"non2xx":%d,"socketErrors":%d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    bad, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
