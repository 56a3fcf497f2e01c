#!/usr/bin/env bash
# Installs the Debian 12 packages `make bench` needs on top of scripts/install-deps.sh: PostgreSQL
# and psycopg2 (the Marquez-style baseline), NetworkX (the Python baseline), sqlglot (the SQL
# lineage baseline), gnuplot (the chart), sqlite3 (sampling roots), wrk (HTTP load) and GNU time
# (RSS).
# Idempotent: skips apt entirely when every package is already installed.
set -euo pipefail

PACKAGES=(
  postgresql python3-psycopg2 python3-networkx python3-sqlglot gnuplot-nox sqlite3 wrk curl time
)

bash "$(dirname "$0")/apt-ensure.sh" install-bench-deps "${PACKAGES[@]}"
