-- wrk reports its own summary; this prints one parsable line per run for bench/load.py:
-- RESULT <requests> <req/s> <p50 ms> <p95 ms> <non-2xx/3xx responses> <socket errors>
wrk.headers["Accept-Encoding"] = "gzip"
wrk.headers["Accept-Language"] = "fr"

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT %d %.1f %.2f %.2f %d %d\n",
    summary.requests,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000,
    latency:percentile(95) / 1000,
    errors.status,
    errors.connect + errors.read + errors.write + errors.timeout))
end
