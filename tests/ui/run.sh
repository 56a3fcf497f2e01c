#!/usr/bin/env bash
# CTest `ui_browser`: serves the demo mesh with the built binary on free loopback ports — once
# without auth, once with reads needing a token (a reader and a writer token made here) — and
# runs ui_test.mjs against both in Debian's Chromium. Screenshots: $UI_SCREENSHOTS (default
# build/ui-screenshots). Needs `make test`'s dependencies (chromium, tests/ui/node_modules).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
linea=${LINEA_BIN:-$here/../../build/linea}
shots=${UI_SCREENSHOTS:-$here/../../build/ui-screenshots}
[ -x /usr/bin/chromium ] || { echo "chromium is not installed: run scripts/install-deps.sh"; exit 1; }
[ -d "$here/node_modules/playwright-core" ] || { echo "tests/ui/node_modules missing: run scripts/install-deps.sh"; exit 1; }
work=$(mktemp -d /tmp/linea-ui.XXXXXX)
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$linea" generate --scale demo --db "$work/demo.db" > /dev/null
cp "$work/demo.db" "$work/secured.db"
reader=$("$linea" token create --name ui-reader --role reader --db "$work/secured.db" --json | node -e 'process.stdin.on("data", d => console.log(JSON.parse(d).token))')
writer=$("$linea" token create --name ui-writer --role writer --db "$work/secured.db" --json | node -e 'process.stdin.on("data", d => console.log(JSON.parse(d).token))')

# serve NAME ARGS…: starts `linea serve` on a free port; sets port_NAME.
pids=()
serve() {
  local name=$1
  shift
  "$linea" serve --listen 127.0.0.1:0 --quiet "$@" 2> "$work/$name.log" &
  pids+=($!)
  for _ in $(seq 1 100); do
    grep -q "on http://127.0.0.1:" "$work/$name.log" 2>/dev/null && break
    sleep 0.1
  done
  printf -v "port_$name" '%s' "$(sed -n 's/.*on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/$name.log" | head -1)"
}
serve open --db "$work/demo.db" --no-auth
serve secured --db "$work/secured.db" --require-auth-for-reads
[ -n "$port_open" ] && [ -n "$port_secured" ] || { cat "$work"/*.log; exit 1; }
SECURED_URL="http://127.0.0.1:$port_secured" READER_TOKEN=$reader WRITER_TOKEN=$writer \
  node "$here/ui_test.mjs" "http://127.0.0.1:$port_open" "$shots"
