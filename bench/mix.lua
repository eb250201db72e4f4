-- wrk script: send GET requests round-robin over a list of paths (one per line; blank lines
-- and lines starting with # are skipped). Each wrk thread walks the list from the top.
--
--   wrk -t2 -c32 -d20s --latency -s bench/mix.lua http://127.0.0.1:18080 -- bench/out/manabi_paths.txt
--
-- done() prints one machine-readable line for bench/run.sh:
--   MIX_RESULT requests=… duration_us=… rps=… p50_us=… p99_us=… non2xx=… socket_errors=… …
-- non2xx is wrk's own status-error count (every response with status >= 400); run.sh checks
-- beforehand with curl that every path answers 200, so redirects (3xx) are not expected.

local paths = {}
local index = 0

function init(args)
  local file = args[1] or "bench/urls.txt"
  for line in io.lines(file) do
    line = line:gsub("%s+$", "")
    if line ~= "" and line:sub(1, 1) ~= "#" then
      paths[#paths + 1] = line
    end
  end
  if #paths == 0 then
    error("mix.lua: no paths in " .. file)
  end
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "MIX_RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
    "non2xx=%d socket_errors=%d connect=%d read=%d write=%d timeout=%d bytes=%d\n",
    summary.requests, summary.duration, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout,
    summary.bytes))
end
