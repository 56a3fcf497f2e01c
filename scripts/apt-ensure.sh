#!/usr/bin/env bash
# apt-ensure.sh NAME PACKAGE…: installs the given Debian packages that are missing (apt-get update
# once, no recommends). Idempotent: does nothing when every package is installed. NAME prefixes
# the one progress line.
set -euo pipefail
name=$1
shift
missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "$name: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
