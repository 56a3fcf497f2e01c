#!/usr/bin/env bash
# Connector pulls at telecom scale (issue #15), against a private PostgreSQL 15 server (initdb
# in a temp dir, loopback, trust auth, as bench/baselines/postgres.sh):
#   1. Hive Metastore: 20,000 tables × 50 columns in 40 databases + 2,000 views (10 columns,
#      each over one table) — first pull, then a second with nothing changed;
#   2. MLflow SQL store: 5,000 registered models × 200 features (column signatures in MLmodel
#      files on disk), each trained on its own 200-column Hive table (5,000 tables pulled from a
#      second metastore first) — first pull, then a second.
# Each pull is one `linea ingest … --json` process; wall time and peak RSS from /usr/bin/time.
#
# Usage: bench/connectors/run.sh [LINEA_BINARY] [OUT_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
linea=$(realpath "${1:-$root/build/linea}")
out=$(realpath -m "${2:-$root/build/bench-results/connectors}")
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || pg_config --bindir)}
mkdir -p "$out"

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
dir=$(mktemp -d /tmp/linea-conn-bench.XXXXXX)
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
started=1
as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 120 start -o \
  "-k $dir -c listen_addresses=127.0.0.1 -p $port -c fsync=off -c synchronous_commit=off \
   -c full_page_writes=off -c shared_buffers=256MB" > /dev/null
psql() { "$PGBIN/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }

log() { echo "[connectors bench] $*" >&2; }

# metastore DB TABLES COLUMNS VIEWS TABLES_PER_DB
metastore() {
  local db=$1 tables=$2 columns=$3 views=$4 per_db=$5
  psql -d postgres -c "CREATE DATABASE $db"
  psql -d "$db" -f "$root/tests/data/hive_metastore/schema.postgres.sql"
  psql -d "$db" <<SQL
INSERT INTO "DBS" SELECT d, NULL, 'hdfs://nn/db' || d, 'db' || d, 'hive', 'USER', 'hive'
  FROM generate_series(1, ($tables + $per_db - 1) / $per_db) d;
INSERT INTO "CDS" SELECT t FROM generate_series(1, $tables + $views) t;
INSERT INTO "SDS" SELECT t, NULL, false, NULL, -1, NULL, NULL, t, false
  FROM generate_series(1, $tables + $views) t;
INSERT INTO "TBLS" ("TBL_ID", "CREATE_TIME", "DB_ID", "LAST_ACCESS_TIME", "OWNER", "OWNER_TYPE",
                    "RETENTION", "SD_ID", "TBL_NAME", "TBL_TYPE", "IS_REWRITE_ENABLED")
  SELECT t, 1700000000, (t - 1) / $per_db + 1, 0, 'etl', 'USER', 0, t, 't' || t, 'MANAGED_TABLE', false
  FROM generate_series(1, $tables) t;
INSERT INTO "COLUMNS_V2" SELECT t, 'column ' || k, 'c' || k, 'string', k
  FROM generate_series(1, $tables) t, generate_series(0, $columns - 1) k;
-- Views: v<i> in the database of table t<i>, selecting c0..c9 of it with a filter.
INSERT INTO "TBLS" ("TBL_ID", "CREATE_TIME", "DB_ID", "LAST_ACCESS_TIME", "OWNER", "OWNER_TYPE",
                    "RETENTION", "SD_ID", "TBL_NAME", "TBL_TYPE", "VIEW_EXPANDED_TEXT",
                    "VIEW_ORIGINAL_TEXT", "IS_REWRITE_ENABLED")
  SELECT $tables + v, 1700000000, (v - 1) / $per_db + 1, 0, 'analyst', 'USER', 0, $tables + v,
         'v' || v, 'VIRTUAL_VIEW',
         'SELECT ' || (SELECT string_agg('\`t\`.\`c' || k || '\`', ', ') FROM generate_series(0, 9) k) ||
         ' FROM \`db' || ((v - 1) / $per_db + 1) || '\`.\`t' || v || '\` \`t\` WHERE \`t\`.\`c10\` = ''x''',
         NULL, false
  FROM generate_series(1, $views) v;
INSERT INTO "COLUMNS_V2" SELECT $tables + v, NULL, 'c' || k, 'string', k
  FROM generate_series(1, $views) v, generate_series(0, 9) k;
INSERT INTO "TABLE_PARAMS" SELECT t, 'transient_lastDdlTime', '1700000100'
  FROM generate_series(1, $tables + $views) t;
ANALYZE;
SQL
}

# pull NAME CONFIG CATALOG: one ingest, its JSON report and time -v output kept.
pull() {
  local name=$1 config=$2 catalog=$3 type
  type=$(sed -n 's/^type: //p' "$config")
  /usr/bin/time -v "$linea" ingest "$type" --config "$config" --db "$catalog" --json \
    > "$out/$name.json" 2> "$out/$name.time"
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$out/$name.time")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/$name.time")
  /usr/bin/python3 - "$out/$name.json" "$name" "$wall" "$rss" <<'PY' | tee -a "$out/summary.tsv"
import json, sys
r = json.load(open(sys.argv[1]))
i, a = r["items"], r["assets"]
changed = sum(sum(v.values()) for v in a.values())
print(f"{sys.argv[2]}\twall {sys.argv[3]}\tpeak RSS {int(sys.argv[4]) // 1024} MiB\t"
      f"outcome {r['outcome']}\titems {i['listed']} listed, {i['read']} read, {i['unchanged']} unchanged\t"
      f"assets changed {changed}\tedges {r['edges_written']}\ttransactions {r['batches']}\t"
      f"problems {r['problems_total']}\tpull {r['duration_ms']} ms")
PY
}

: > "$out/summary.tsv"
work="$dir/work"
mkdir -p "$work"

log "HMS: generating 20,000 tables × 50 columns + 2,000 views"
metastore hms 20000 50 2000 500
cat > "$work/hms.yaml" <<YAML
name: hms-bench
type: hive-metastore
url: postgresql://postgres@127.0.0.1:$port/hms
YAML
pull hms_first "$work/hms.yaml" "$work/hms_catalog.db"
pull hms_second "$work/hms.yaml" "$work/hms_catalog.db"

log "MLflow: 5,000 tables × 200 columns in a second metastore, 5,000 models × 200 features"
metastore features 5000 200 0 500
cat > "$work/features.yaml" <<YAML
name: features
type: hive-metastore
url: postgresql://postgres@127.0.0.1:$port/features
YAML
psql -d postgres -c "CREATE DATABASE mlflow"
psql -d mlflow -f "$root/tests/data/mlflow/schema.postgres.sql"
psql -d mlflow <<SQL
INSERT INTO experiments VALUES (1, 'bench', 'file://$work/mlruns/1', 'active', 1, 1);
INSERT INTO runs (run_uuid, name, status, start_time, lifecycle_stage, artifact_uri, experiment_id)
  SELECT 'r' || m, 'run', 'FINISHED', 1, 'active', 'file://$work/mlruns/1/r' || m || '/artifacts', 1
  FROM generate_series(1, 5000) m;
INSERT INTO datasets SELECT 'd' || m, 1, 'train' || m, 'abc', 'spark',
  '{"table_name": "db' || ((m - 1) / 500 + 1) || '.t' || m || '"}', NULL, NULL
  FROM generate_series(1, 5000) m;
INSERT INTO inputs SELECT 'i' || m, 'DATASET', 'd' || m, 'RUN', 'r' || m FROM generate_series(1, 5000) m;
INSERT INTO input_tags SELECT 'i' || m, 'mlflow.data.context', 'training' FROM generate_series(1, 5000) m;
INSERT INTO registered_models SELECT 'model_' || m, 1, 1718000000000, 'model ' || m
  FROM generate_series(1, 5000) m;
INSERT INTO registered_model_tags SELECT 'team', 'team' || (m % 40), 'model_' || m
  FROM generate_series(1, 5000) m;
INSERT INTO model_versions (name, version, creation_time, last_updated_time, current_stage, source,
                            run_id, status)
  SELECT 'model_' || m, 1, 1, 1718000000000, 'Production', 'runs:/r' || m || '/model', 'r' || m, 'READY'
  FROM generate_series(1, 5000) m;
INSERT INTO registered_model_aliases SELECT 'champion', 1, 'model_' || m FROM generate_series(1, 5000) m;
ANALYZE;
SQL
/usr/bin/python3 - "$work/mlruns/1" <<'PY'
import json, os, sys
sig = json.dumps([{"type": "string", "name": f"c{k}", "required": True} for k in range(200)])
text = ("artifact_path: model\nflavors:\n  python_function:\n    loader_module: mlflow.sklearn\n"
        "mlflow_version: 2.19.0\nsignature:\n  inputs: '" + sig + "'\n"
        "  outputs: '[{\"type\": \"long\", \"required\": true}]'\n  params: null\n")
for m in range(1, 5001):
    d = os.path.join(sys.argv[1], f"r{m}", "artifacts", "model")
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "MLmodel"), "w").write(text)
PY
cat > "$work/mlflow.yaml" <<YAML
name: mlflow-bench
type: mlflow
store: postgresql://postgres@127.0.0.1:$port/mlflow
service: mlflow_b2c
deployments:
  - {alias: champion, fqn: "seldon.{model}_prod"}
YAML
pull features_hms "$work/features.yaml" "$work/ml_catalog.db"
pull mlflow_first "$work/mlflow.yaml" "$work/ml_catalog.db"
pull mlflow_second "$work/mlflow.yaml" "$work/ml_catalog.db"
log "done: $out/summary.tsv"
