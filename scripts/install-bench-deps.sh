#!/usr/bin/env bash
# Installs the Debian 12 packages `make bench` needs on top of scripts/install-deps.sh: PostgreSQL
# and psycopg2 (the Marquez-style baseline), NetworkX (the Python baseline), gnuplot (the chart),
# sqlite3 (sampling roots), wrk (HTTP load) and GNU time (RSS).
# Idempotent: skips apt entirely when every package is already installed.
set -euo pipefail

PACKAGES=(
  postgresql python3-psycopg2 python3-networkx gnuplot-nox sqlite3 wrk curl time
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "install-bench-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
