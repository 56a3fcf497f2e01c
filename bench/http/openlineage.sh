#!/usr/bin/env bash
# HTTP load on OpenLineage ingestion: starts `linea serve` on a fresh catalog (durable event
# log on, SQLite WAL), then wrk posts ct_CLL_8.json as a new run per request for 20 s with 8
# connections. Prints wrk's latency distribution and requests/s (= events/s).
# The event is sent on one line, as OpenLineage clients serialize it (the Python client's
# json.dumps, Jackson in Java): 21 KB instead of the corpus file's indented 39 KB.
# LINEA_OL_AS_IS=1 sends the file byte for byte.
set -euo pipefail
cd "$(dirname "$0")/../.."
CONNECTIONS=${LINEA_WRK_CONNECTIONS:-8}
DURATION=${LINEA_WRK_DURATION:-20s}
PORT=${LINEA_WRK_PORT:-18788}
dir=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$dir"' EXIT
# A busy keep-alive connection keeps the thread that answered it (the sticky path): more
# threads than connections.
threads=$(( CONNECTIONS + 8 > 16 ? CONNECTIONS + 8 : 16 ))
# wrk measures throughput from one address: no rate limits (docs/security.md#rate-limits).
"${LINEA_BIN:-build/linea}" serve --db "$dir/ol.db" --listen 127.0.0.1:$PORT --no-auth --quiet \
  --threads $threads --rate-limit-per-address 0 --rate-limit-per-token 0 &
server=$!
for _ in $(seq 1 600); do
  curl -sf http://127.0.0.1:$PORT/healthz > /dev/null && break
  sleep 0.1
done
event=${LINEA_OL_EVENT:-tests/data/openlineage/ct_CLL_8.json}
if [ "${LINEA_OL_AS_IS:-0}" != 1 ]; then
  python3 -c 'import json, sys; print(json.dumps(json.load(open(sys.argv[1]))))' "$event" \
    > "$dir/event.json"
  event_name=$(basename "$event")
  event=$dir/event.json
fi
echo "linea OpenLineage HTTP bench: ${event_name:-$(basename "$event")} ($(wc -c < "$event") bytes), $CONNECTIONS connections, $DURATION"
LINEA_WRK_EVENT=$event wrk -t 2 -c "$CONNECTIONS" -d "$DURATION" --latency \
  -s bench/http/openlineage_events.lua http://127.0.0.1:$PORT
echo "events in the log: $(sqlite3 "$dir/ol.db" 'SELECT count(*) FROM events')"
