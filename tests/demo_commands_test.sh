#!/usr/bin/env bash
# Runs scripts/demo.sh into a temp dir and then every command it prints: each must exit 0 and
# print something, so `make demo` never advertises a command that does not work.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$(LINEA_BIN="$LINEA_BIN" LINEA_DEMO_DIR="$tmp" bash "$root/scripts/demo.sh")
cmds=$(printf '%s\n' "$out" | grep -E "^  $LINEA_BIN " || true)
count=$(printf '%s\n' "$cmds" | grep -c . || true)
if [ "$count" -ne 3 ]; then echo "expected 3 commands, got $count:"; echo "$out"; exit 1; fi
while IFS= read -r cmd; do
  result=$(cd "$root" && eval "$cmd")
  if [ -z "$result" ]; then echo "no output: $cmd"; exit 1; fi
  if printf '%s' "$result" | grep -qE "^(0 of 0 matches|Impact .*: 0 models)"; then
    echo "empty answer: $cmd"; echo "$result"; exit 1
  fi
  echo "ok: $cmd"
done <<< "$cmds"
echo "1 passed, 0 failed"
