#!/usr/bin/env bash
# The Marquez approach: a private PostgreSQL 15 server (initdb into a temp dir, loopback only, a
# free port, trust auth), the mesh loaded with COPY, impact as one recursive CTE per root
# (bench/baselines/pg_impact.py). The server is stopped and the dir removed on exit, error or not.
#
# Usage: postgres.sh DB ROOTS_FILE SCALE OUT_JSON
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
db=$(realpath "$1"); roots=$(realpath "$2"); scale=$3; out=$(realpath -m "$4")
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || pg_config --bindir)}

as_pg() {  # PostgreSQL refuses to run as root: use the postgres user then.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

dir=$(mktemp -d /tmp/linea-pg.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres: "$dir"
started=0
cleanup() {
  if [ $started = 1 ]; then as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop > /dev/null || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C > "$dir/initdb.log"
# Durability off (fsync, WAL) only speeds the load; the query settings are PostgreSQL's defaults
# except jit=off (JIT compilation would add ~100 ms to every large-cost CTE) and work_mem=64MB.
started=1
as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 120 start -o \
  "-k $dir -c listen_addresses=127.0.0.1 -p $port -c fsync=off -c synchronous_commit=off \
   -c full_page_writes=off -c shared_buffers=512MB -c work_mem=64MB -c jit=off \
   -c max_wal_size=4GB" > /dev/null
PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGDATABASE=postgres \
  /usr/bin/python3 "$here/pg_impact.py" "$db" "$roots" "$scale" "$out"
