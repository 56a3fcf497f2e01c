#!/usr/bin/env bash
# HTTP load on data-quality ingest: `linea demo` builds its catalog (the demo mesh and a year of
# monthly results of every column feeding a model), then `linea serve` on that file takes
# POST /api/v1/quality/results from wrk for 20 s with 4 connections: each request a batch of
# LINEA_WRK_BATCH (1,000) null-rate results of the demo's columns at a new instant, each judged
# against its series' history and recorded. Prints wrk's latency distribution, requests/s and
# results/s (= requests/s × batch).
set -euo pipefail
cd "$(dirname "$0")/../.."
CONNECTIONS=${LINEA_WRK_CONNECTIONS:-4}
DURATION=${LINEA_WRK_DURATION:-20s}
BATCH=${LINEA_WRK_BATCH:-1000}
PORT=${LINEA_WRK_PORT:-18789}
LINEA=${LINEA_BIN:-build/linea}
dir=$(mktemp -d)
server=
trap 'if [ -n "$server" ]; then kill $server 2>/dev/null || true; fi; rm -rf "$dir"' EXIT
# The demo writes its catalog before it serves: once it answers, the file is complete.
"$LINEA" demo --data-dir "$dir" --listen 127.0.0.1:$PORT > /dev/null 2>&1 &
server=$!
for _ in $(seq 1 1200); do
  curl -sf http://127.0.0.1:$PORT/healthz > /dev/null && break
  sleep 0.1
done
kill $server && wait $server 2>/dev/null || true
sqlite3 "$dir/demo.db" "SELECT DISTINCT asset FROM quality_results WHERE kind = 'null_rate'
                        ORDER BY asset" > "$dir/columns.txt"
# wrk measures throughput from one address: no rate limits (docs/security.md#rate-limits).
"$LINEA" serve --db "$dir/demo.db" --listen 127.0.0.1:$PORT --no-auth --quiet --threads 16 \
  --rate-limit-per-address 0 --rate-limit-per-token 0 &
server=$!
for _ in $(seq 1 600); do
  curl -sf http://127.0.0.1:$PORT/healthz > /dev/null && break
  sleep 0.1
done
before=$(sqlite3 "$dir/demo.db" 'SELECT count(*) FROM quality_results')
echo "linea quality HTTP bench: demo mesh, $(wc -l < "$dir/columns.txt") columns, $BATCH results per request, $CONNECTIONS connections, $DURATION"
LINEA_WRK_COLUMNS=$dir/columns.txt LINEA_WRK_BATCH=$BATCH wrk -t 2 -c "$CONNECTIONS" \
  -d "$DURATION" --latency -s bench/http/quality_results.lua http://127.0.0.1:$PORT \
  | tee "$dir/wrk.txt"
after=$(sqlite3 "$dir/demo.db" 'SELECT count(*) FROM quality_results')
rps=$(awk '/^Requests\/sec:/ {print $2}' "$dir/wrk.txt")
echo "results recorded: $((after - before)); results/s: $(awk -v r="$rps" -v b="$BATCH" 'BEGIN {printf "%.0f", r * b}')"
