#!/usr/bin/env bash
# make demo: `linea demo` — generate the demo mesh into data/demo.db (once) and serve it without
# auth on 127.0.0.1:8686, printing the URL and six ready commands. Ctrl-C stops it.
# LINEA_DEMO_LISTEN overrides the address (e.g. 127.0.0.1:0 for a free port).
set -euo pipefail
cd "$(dirname "$0")/.."
exec "${LINEA_BIN:-build/linea}" demo --listen "${LINEA_DEMO_LISTEN:-127.0.0.1:8686}" \
  --data-dir "${LINEA_DEMO_DIR:-data}"
