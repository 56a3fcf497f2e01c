-- wrk script: POST /api/v1/quality/results, each request $LINEA_WRK_BATCH null-rate results of
-- the columns listed in $LINEA_WRK_COLUMNS (taken in turn), all at one new instant per request
-- (2030 onwards, a second apart, the thread in the milliseconds): every result is new, judged
-- against its series' history and appended.
local columns = {}
for line in io.lines(os.getenv("LINEA_WRK_COLUMNS")) do columns[#columns + 1] = line end
local batch = tonumber(os.getenv("LINEA_WRK_BATCH") or "1000")
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
local n = 0
local next_column = 0
function request()
  n = n + 1
  local at = 1893456000000 + n * 1000 + (tid or 0)
  local parts = {}
  for i = 1, batch do
    next_column = next_column % #columns + 1
    local rows = 100000
    local nulls = 500 + (next_column * 7 + n) % 200
    parts[i] = string.format(
      '{"asset":"%s","kind":"null_rate","timestamp":%d,"metrics":{"null_count":%d,"row_count":%d}}',
      columns[next_column], at, nulls, rows)
  end
  local body = '{"results":[' .. table.concat(parts, ",") .. ']}'
  return wrk.format("POST", "/api/v1/quality/results", {["Content-Type"] = "application/json"}, body)
end
function done(summary, latency, requests)
  io.write(string.format("responses other than 2xx/3xx: %d\n", summary.errors.status))
end
