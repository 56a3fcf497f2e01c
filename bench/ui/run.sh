#!/usr/bin/env bash
# The web UI's speed (issue #16): serves the bench mesh (LINEA_BENCH_SCALE, default beeline)
# with `linea serve`, picks the roots — BIG: the first raw table (by FQN) whose column-level
# lineage reaches 5,000 nodes; MID: the first whose column-level downstream has 1,800–2,600 —
# and runs bench/ui/bench.mjs in Debian's Chromium. Prints its JSON (first paint, pan/zoom
# frame times, expand, search keystroke → results painted).
# Usage: bench/ui/run.sh [OUT.json]; LINEA_BIN picks the binary.
set -euo pipefail
cd "$(dirname "$0")/../.."
SCALE=${LINEA_BENCH_SCALE:-beeline}
DB=${LINEA_BENCH_DATA:-build/bench-data}/$SCALE.db
PORT=${LINEA_UI_BENCH_PORT:-18790}
OUT=${1:-/dev/stdout}
[ -f "$DB" ] || { echo "bench/ui: $DB is missing (make bench generates it)" >&2; exit 1; }
[ -x /usr/bin/chromium ] && [ -d tests/ui/node_modules/playwright-core ] || {
  echo "bench/ui: chromium or tests/ui/node_modules missing: run scripts/install-deps.sh" >&2; exit 1; }
# A timing run: nothing may wait on a rate limit (docs/security.md#rate-limits).
"${LINEA_BIN:-build/linea}" serve --db "$DB" --listen 127.0.0.1:$PORT --no-auth --quiet \
  --rate-limit-per-address 0 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -sf http://127.0.0.1:$PORT/healthz > /dev/null && break
  sleep 0.1
done
base=http://127.0.0.1:$PORT
count() {  # count QUERY: nodes in the layout answer
  curl -sf "$base/api/v1/lineage/$1" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["nodes"]))'
}
big= mid=
for t in $(sqlite3 "$DB" "SELECT fqn FROM assets WHERE kind = 1 AND fqn LIKE 'hive.raw\_%' ESCAPE '\\' ORDER BY fqn LIMIT 400"); do
  if [ -z "$big" ] && [ "$(count "$t/layout?columns=true&up=10&down=10&fold=0&max_nodes=5000")" -ge 5000 ]; then big=$t; fi
  if [ -z "$mid" ]; then
    n=$(count "$t/layout?columns=true&up=0&down=10&fold=0&max_nodes=5000")
    if [ "$n" -ge 1800 ] && [ "$n" -le 2600 ]; then mid=$t; fi
  fi
  [ -n "$big" ] && [ -n "$mid" ] && break
done
[ -n "$big" ] && [ -n "$mid" ] || { echo "bench/ui: no 5,000-node or ~2,000-node lineage in $DB" >&2; exit 1; }
echo "bench/ui on $SCALE: 5,000-node view from $big, ~2,000-node view from $mid" >&2
node bench/ui/bench.mjs "$base" "$big" "$mid" > "$OUT"
