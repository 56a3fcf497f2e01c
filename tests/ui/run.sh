#!/usr/bin/env bash
# CTest `ui_browser`: serves the demo mesh with the built binary on a free loopback port and
# runs ui_test.mjs against it in Debian's Chromium. Screenshots: $UI_SCREENSHOTS (default
# build/ui-screenshots). Needs `make test`'s dependencies (chromium, tests/ui/node_modules).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
linea=${LINEA_BIN:-$here/../../build/linea}
shots=${UI_SCREENSHOTS:-$here/../../build/ui-screenshots}
[ -x /usr/bin/chromium ] || { echo "chromium is not installed: run scripts/install-deps.sh"; exit 1; }
[ -d "$here/node_modules/playwright-core" ] || { echo "tests/ui/node_modules missing: run scripts/install-deps.sh"; exit 1; }
work=$(mktemp -d /tmp/linea-ui.XXXXXX)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$linea" generate --scale demo --db "$work/demo.db" > /dev/null
"$linea" serve --db "$work/demo.db" --no-auth --listen 127.0.0.1:0 --quiet 2> "$work/serve.log" &
pid=$!
for _ in $(seq 1 100); do
  grep -q "on http://127.0.0.1:" "$work/serve.log" 2>/dev/null && break
  sleep 0.1
done
port=$(sed -n 's/.*on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/serve.log" | head -1)
[ -n "$port" ] || { cat "$work/serve.log"; exit 1; }
node "$here/ui_test.mjs" "http://127.0.0.1:$port" "$shots"
