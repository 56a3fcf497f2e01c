#!/usr/bin/env bash
# Starts `make demo`'s server (scripts/demo.sh) on a free loopback port with a fresh data dir,
# runs every command it prints (from the repo root, as a newcomer would), checks each answers
# with real data, then runs README.md's tour top to bottom against the same server (one
# database: what `apply` and `ingest` write, the next commands read), then stops the server with
# SIGINT and expects a clean exit.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp=$(mktemp -d)
out="$tmp/out"
LINEA_BIN="$LINEA_BIN" LINEA_DEMO_DIR="$tmp/data" LINEA_DEMO_LISTEN=127.0.0.1:0 \
  bash "$root/scripts/demo.sh" > "$out" 2> "$tmp/err" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 1 600); do
  grep -q "Stop with Ctrl-C" "$out" 2>/dev/null && break
  kill -0 $pid 2>/dev/null || { echo "demo exited early:"; cat "$out" "$tmp/err"; exit 1; }
  sleep 0.1
done
grep -q "Stop with Ctrl-C" "$out" || { echo "demo did not start"; cat "$out" "$tmp/err"; exit 1; }
cmds=$(grep -E "^  (curl|build/linea) " "$out" || true)
count=$(printf '%s\n' "$cmds" | grep -c . || true)
if [ "$count" -ne 6 ]; then echo "expected 6 commands, got $count:"; cat "$out"; exit 1; fi
# The first answer is the CLI's, not a page of one-line JSON.
first=$(printf '%s\n' "$cmds" | head -1)
case $first in "  build/linea impact "*) ;; *) echo "the first command is not the CLI's impact: $first"; exit 1 ;; esac
bin_dir=$(dirname "$LINEA_BIN")
while IFS= read -r cmd; do
  # The banner says build/linea (the path from the repo root); point it at the binary under test.
  run=${cmd//build\/linea/$LINEA_BIN}
  result=$(cd "$root" && set +o pipefail && eval "$run")  # `| head` may cut its pipe short
  if [ -z "$result" ]; then echo "no output: $cmd"; exit 1; fi
  if printf '%s' "$result" | grep -qE '^\{"error"|^\{"root":\{[^}]*\},"models":\[\]|"models": \[\]|^0 of 0 matches|: 0 sources'; then
    echo "empty or failed answer: $cmd"; echo "$result" | head -5; exit 1
  fi
  echo "ok: $cmd"
done <<< "$cmds"
# README's tour, line by line, in a scratch dir that sees the repo's examples/ and tests/data/.
tour="$tmp/tour"
mkdir -p "$tour/build"
ln -s "$root/examples" "$tour/examples"
ln -s "$root/tests" "$tour/tests"
ln -s "$LINEA_BIN" "$tour/build/linea"
url=$(sed -n 's/^linea demo: serving the demo mesh ([^)]*) at \(http[^ ]*\)$/\1/p' "$out")
[ -n "$url" ] || { echo "the banner names no URL"; cat "$out"; exit 1; }
steps=$(sed -n '/^<!-- tour:/,/^<!-- end of tour -->/p' "$root/README.md" | grep -E '^(build/linea|export) ' || true)
[ "$(printf '%s\n' "$steps" | grep -c '^build/linea')" -ge 10 ] || { echo "no tour in README.md"; exit 1; }
while IFS= read -r step; do
  case $step in export\ LINEA_URL=*) export LINEA_URL="$url"; echo "ok: $step"; continue ;; esac
  result=$(cd "$tour" && set +o pipefail && eval "$step" 2>"$tmp/step.err") || {
    echo "failed (exit $?): $step"; cat "$tmp/step.err"; exit 1; }
  if [ -z "$result" ] && [[ $step != *"> catalog.json"* ]]; then echo "no output: $step"; exit 1; fi
  echo "ok: $step"
done <<< "$steps"
unset LINEA_URL
# One database: the tour's writes are in the server's answers.
"$LINEA_BIN" impact hive.mart_geo.trip_segments_mart.cell_id --kinds model --server "$url" |
  grep -q "mlflow_b2c.trip_churn" || { echo "the applied model is not in the server's impact"; exit 1; }
"$LINEA_BIN" impact hive.default.t1.a --server "$url" | grep -q "hive.default.t2.a" ||
  { echo "the ingested OpenLineage lineage is not in the server's impact"; exit 1; }
"$LINEA_BIN" impact hive.staging_geo.vendor_fixes.cell_id --kinds model --server "$url" |
  grep -q "mlflow_b2c.home_location_spb" ||
  { echo "the ingested query log's lineage is not in the server's impact"; exit 1; }
grep -q '"assets"' "$tour/catalog.json" || { echo "export wrote no catalog"; exit 1; }
[ -s "$tour/copy.db" ] || { echo "import wrote no copy.db"; exit 1; }
ui=$(sed -n 's/^Open \(http[^ ]*\)\/ in a browser.*/\1/p' "$out")
[ -n "$ui" ] || { echo "the banner names no UI URL"; cat "$out"; exit 1; }
curl -sf "$ui/" | grep -q '<script type="module" src="/ui/app.js">' || { echo "no UI at $ui/"; exit 1; }
echo "ok: the web UI at $ui/"
# The generated year of quality results: the drifted mart column's incident queued one message
# per team its impact names (the teams of the models reading it, and the column's own), and the
# stability report of a model reading it shows the drift.
report=$(sed -n 's/^  \(http[^ ]*\/api\/v1\/quality\/report\/[^ ]*\)$/\1/p' "$out")
[ -n "$report" ] || { echo "the banner names no stability report"; cat "$out"; exit 1; }
curl -sf "$report" > "$tmp/report.html" || { echo "no report at $report"; exit 1; }
grep -q '<svg' "$tmp/report.html" && grep -q 'class="badge fail"' "$tmp/report.html" ||
  { echo "the report shows no failing drift: $report"; exit 1; }
echo "ok: the stability report at $report"
python3 - "$url" <<'PY'
import json, sys, urllib.request
url = sys.argv[1]
get = lambda path: json.load(urllib.request.urlopen(url + path))
incidents = get("/api/v1/incidents?state=open")["incidents"]
quality = [i for i in incidents if i["title"].startswith("quality check drift")]
assert len(quality) == 1, incidents
column = quality[0]["asset"]
impact = get("/api/v1/impact/" + column)
expected = {t["team"] for t in impact["teams"]}
incident = get("/api/v1/incidents/" + quality[0]["id"])
told = {d["team"].removeprefix("team:") for d in incident["deliveries"]}
assert impact["models"], column
assert told == {t.removeprefix("team:") for t in expected}, (told, expected)
print("ok: the drift incident on %s queued messages for exactly %d teams of %d models"
      % (column, len(told), len(impact["models"])))
PY
kill -INT $pid
wait $pid
echo "1 passed, 0 failed"
