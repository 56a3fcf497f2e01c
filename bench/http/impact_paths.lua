-- wrk script: GET /api/v1/impact/{fqn} for FQNs read from $LINEA_WRK_ROOTS (one per line),
-- each connection cycling through them from a different offset.
local roots = {}
for line in io.lines(os.getenv("LINEA_WRK_ROOTS")) do roots[#roots + 1] = line end
local counter = 0
function setup(thread)
  thread:set("offset", counter * 97)
  counter = counter + 1
end
local i = 0
function request()
  i = i + 1
  local fqn = roots[((offset or 0) + i) % #roots + 1]
  return wrk.format("GET", "/api/v1/impact/" .. fqn .. "?kinds=model")
end
