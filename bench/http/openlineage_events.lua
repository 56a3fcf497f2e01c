-- wrk script: POST /api/v1/lineage with the event in $LINEA_WRK_EVENT (ct_CLL_8.json), each
-- request a new run (the runId gets a thread/counter prefix), so every request is projected
-- and logged instead of answered as a duplicate.
local f = assert(io.open(os.getenv("LINEA_WRK_EVENT"), "r"))
local event = f:read("*a")
f:close()
local head, tail = event:match('^(.-"runId": ")(.*)$')
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
local n = 0
function request()
  n = n + 1
  local body = head .. (tid or 0) .. "-" .. n .. "-" .. tail
  return wrk.format("POST", "/api/v1/lineage", {["Content-Type"] = "application/json"}, body)
end
function done(summary, latency, requests)
  io.write(string.format("responses other than 2xx/3xx: %d\n", summary.errors.status))
end
