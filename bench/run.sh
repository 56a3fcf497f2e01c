#!/usr/bin/env bash
# make bench: every benchmark of docs/benchmarks.md in one run, then the page and its chart.
#   1. the meshes (`linea generate`, cached in build/bench-data/<scale>.db);
#   2. the Google Benchmark suites (build/bench/linea_bench) and the HTTP load (bench/http/run.sh)
#      on each scale of LINEA_BENCH_SCALE (default "medium"; e.g. "medium beeline"), after
#      checking that search answers there are still the recorded ones (bench/search_answers/);
#   3. the scale curve over LINEA_BENCH_CURVE (default "tiny demo medium beeline"): impact
#      p50/p99, open time, one-shot CLI RSS; LINEA_BENCH_BIG=2 adds beeline2x, =5 also beeline5x
#      (each skipped with a note when MemAvailable is too small);
#   4. on every curve scale, the baselines (bench/baselines/: PostgreSQL recursive CTE, NetworkX)
#      on the same roots as linea, with a correctness check that fails the run on any difference;
#   4b. data quality (issue #18): bench/quality_bench.cc runs with the suites; the ingest over
#      HTTP (bench/http/quality.sh, on the demo mesh `linea demo` builds) once, http-quality.txt;
#   5. SQL lineage (issue #4): BM_SqlLineageEtlStatements, which also writes its statements to
#      sql-corpus.sql, then sqlglot.lineage (bench/baselines/sqlglot_lineage.py) on that file;
#   6. connector pulls (bench/connectors/run.sh: Hive Metastore and MLflow at telecom scale on a
#      private PostgreSQL 15), summary in connectors/summary.tsv;
#   6b. the web UI in headless Chromium (bench/ui/run.sh on beeline when it is on the curve:
#      first paint of a 5,000-node lineage, pan/zoom frames, expand, search as you type), ui.json;
#   7. docs/benchmarks.md and docs/img/impact_latency_vs_size.png (bench/report.py).
# Raw results: build/bench-results/ (LINEA_BENCH_OUT; LINEA_BENCH_DOC and LINEA_BENCH_CHART move
# the page and the chart), with steps.tsv: the wall seconds of every step. LINEA_BENCH_RESUME=1
# keeps the results of an interrupted run and redoes only the steps that did not finish.
# The binaries are copied first, so a rebuild during the run does not change them. Heavy steps run one after another, never in parallel.
set -euo pipefail
cd "$(dirname "$0")/.."
SUITE_SCALES=${LINEA_BENCH_SCALE:-medium}
CURVE=${LINEA_BENCH_CURVE:-tiny demo medium beeline}
case "${LINEA_BENCH_BIG:-}" in
  "") ;;
  2) CURVE="$CURVE beeline2x" ;;
  5) CURVE="$CURVE beeline2x beeline5x" ;;
  *) echo "LINEA_BENCH_BIG must be 2 or 5" >&2; exit 2 ;;
esac
DATA=${LINEA_BENCH_DATA:-build/bench-data}
OUT=${LINEA_BENCH_OUT:-build/bench-results}
DOC=${LINEA_BENCH_DOC:-docs/benchmarks.md}
CHART=${LINEA_BENCH_CHART:-docs/img/impact_latency_vs_size.png}
PY=/usr/bin/python3
export LINEA_BENCH_DATA=$DATA
mkdir -p "$DATA" "$OUT"
[ "${LINEA_BENCH_RESUME:-0}" = 1 ] || rm -rf "${OUT:?}"/*
started=$(date +%s)

log() { echo "[bench $(($(date +%s) - started))s] $*" >&2; }
mem_avail_gib() { awk '/MemAvailable/ {print int($2 / 1048576)}' /proc/meminfo; }
note() { echo "$*" >> "$OUT/notes.txt"; log "NOTE: $*"; }
# On the shared development machine heavy steps wait for running builds.
wait_builds() { [ -e /tmp/linea-build.lock ] && flock /tmp/linea-build.lock true || true; }
# Runs "$@" unless step $1 is in steps.tsv already, then records its wall seconds there.
step() {
  local name=$1 t0
  shift
  if grep -q "^$name	" "$OUT/steps.tsv" 2>/dev/null; then return 0; fi
  t0=$(date +%s)
  "$@"
  printf '%s\t%s\n' "$name" $(($(date +%s) - t0)) >> "$OUT/steps.tsv"
}

wait_builds
mkdir -p "$OUT/bin"
cp build/linea build/bench/linea_bench build/bench/linea_search_answers "$OUT/bin/"
LINEA=$OUT/bin/linea
BENCH=$OUT/bin/linea_bench
ANSWERS=$OUT/bin/linea_search_answers

# Mesh name -> `linea generate` arguments and the peak GiB generation needs (measured: beeline
# 2.8 GiB; the multiplied meshes scale linearly).
gen_args() {
  case $1 in
    beeline2x) echo "--scale beeline --multiplier 2" ;;
    beeline5x) echo "--scale beeline --multiplier 5" ;;
    *) echo "--scale $1" ;;
  esac
}
gen_need_gib() { case $1 in beeline2x) echo 7 ;; beeline5x) echo 16 ;; *) echo 4 ;; esac; }

# Generates $DATA/<scale>.db; the `time -v` record is kept beside it.
ensure_mesh() {
  local scale=$1 db=$DATA/$1.db
  wait_builds
  log "generating $scale: build/linea generate $(gen_args "$scale") --db $db"
  rm -f "$db.tmp" "$db.tmp-wal" "$db.tmp-shm"
  # shellcheck disable=SC2046
  /usr/bin/time -v -o "$DATA/$scale.gen.txt" "$LINEA" generate $(gen_args "$scale") \
    --db "$db.tmp" >> "$DATA/$scale.gen.txt.out"
  echo "command: build/linea generate $(gen_args "$scale") --db $db" >> "$DATA/$scale.gen.txt"
  cat "$DATA/$scale.gen.txt.out" >> "$DATA/$scale.gen.txt" && rm -f "$DATA/$scale.gen.txt.out"
  for s in "" -wal -shm; do [ -f "$db.tmp$s" ] && mv "$db.tmp$s" "$db$s"; done
  return 0
}

# The sampled roots (every 97th raw-layer column by FQN, as bench/bench_mesh.cc) and mesh size.
sample_mesh() {
  local scale=$1 db=$DATA/$1.db
  sqlite3 "$db" "SELECT fqn FROM assets WHERE kind = 2 AND fqn LIKE '%.raw\_%' ESCAPE '\\'
                 ORDER BY fqn" | awk 'NR % 97 == 1' > "$OUT/roots-$scale.txt"
  sqlite3 "$db" "SELECT (SELECT count(*) FROM assets),
                        (SELECT count(*) FROM (SELECT DISTINCT from_id, to_id FROM edges))" \
    | awk -F'|' -v s="$scale" -v r="$(wc -l < "$OUT/roots-$scale.txt")" \
      '{printf "{\"scale\":\"%s\",\"assets\":%d,\"links\":%d,\"roots\":%d}\n", s, $1, $2, r}' \
    > "$OUT/mesh-$scale.json"
  if [ -f "$DATA/$scale.gen.txt" ]; then cp "$DATA/$scale.gen.txt" "$OUT/gen-$scale.txt"; fi
}

# The suites run on a scratch copy: BM_ApplyManifest1000Features writes a 1,000-feature model
# into its db, which would otherwise change every later answer on the cached mesh.
run_suite() {
  local scale=$1 scratch=$OUT/scratch
  wait_builds
  log "suites on $scale: $BENCH --benchmark_filter='-BaselineRoots|SqlLineage' (on a mesh copy)"
  mkdir -p "$scratch" && cp "$DATA/$scale.db" "$scratch/"
  LINEA_BENCH_DATA=$scratch LINEA_BENCH_SCALE=$scale $BENCH \
    --benchmark_filter='-BaselineRoots|SqlLineage' --benchmark_out="$OUT/suite-$scale.json" \
    --benchmark_out_format=json --benchmark_counters_tabular=true >&2
  rm -rf "$scratch"
}

# What search answers on the mesh (bench/graph_bench.cc's mix, as typed and filtered) must stay as
# recorded in bench/search_answers/<scale>.txt: a speed-up may not change a hit, a score or a
# total. Fails the run on any difference; scales without a recording are skipped.
check_search_answers() {
  local scale=$1 want=bench/search_answers/$1.txt
  [ -f "$want" ] || return 0
  wait_builds
  log "search answers on $scale: $ANSWERS, compared with $want"
  LINEA_BENCH_SCALE=$scale $ANSWERS > "$OUT/search-answers-$scale.txt"
  if ! diff -u "$want" "$OUT/search-answers-$scale.txt" >&2; then
    echo "bench: search answers on $scale differ from $want" >&2
    return 1
  fi
}

run_http() {
  local scale=$1
  log "HTTP load on $scale: bench/http/run.sh"
  LINEA_BIN=$LINEA LINEA_BENCH_SCALE=$scale bash bench/http/run.sh > "$OUT/http-$scale.txt"
  cat "$OUT/http-$scale.txt" >&2
}

run_curve_point() {
  local scale=$1 db=$DATA/$1.db root
  wait_builds
  log "curve $scale: $BENCH --benchmark_filter='ImpactFromRawColumn|OpenCatalog'"
  LINEA_BENCH_SCALE=$scale $BENCH --benchmark_filter='ImpactFromRawColumn|OpenCatalog' \
    --benchmark_out="$OUT/curve-$scale.json" --benchmark_out_format=json \
    --benchmark_counters_tabular=true >&2
  root=$(head -1 "$OUT/roots-$scale.txt")
  /usr/bin/time -f '{"seconds": %e, "max_rss_kib": %M}' -o "$OUT/cli-$scale.json" \
    "$LINEA" impact "$root" --db "$db" > /dev/null
  echo "build/linea impact $root --db $db" > "$OUT/cli-$scale.cmd"
}

run_baselines() {
  local scale=$1 db=$DATA/$1.db roots=$OUT/roots-$1.txt assets need
  assets=$(sed 's/.*"assets":\([0-9]*\).*/\1/' "$OUT/mesh-$scale.json")
  log "baselines on $scale: linea over HTTP (answers), NetworkX, PostgreSQL, check"
  $PY bench/baselines/linea_impact.py "$LINEA" "$db" "$roots" "$scale" \
    "$OUT/answers-linea-$scale.json" 2> >(grep -v '^linea: ' >&2)
  local checked=("$OUT/answers-linea-$scale.json")
  need=$((assets * 16 / 10000000 + 4))  # NetworkX: ~1.6 GiB per million assets, + margin
  if [ "$(mem_avail_gib)" -gt "$need" ]; then
    wait_builds
    $PY bench/baselines/nx_impact.py "$db" "$roots" "$scale" "$OUT/baseline-networkx-$scale.json"
    checked+=("$OUT/baseline-networkx-$scale.json")
  else
    note "NetworkX at $scale skipped: needs ~$need GiB, $(mem_avail_gib) GiB available"
  fi
  wait_builds
  bash bench/baselines/postgres.sh "$db" "$roots" "$scale" "$OUT/baseline-postgresql-$scale.json"
  checked+=("$OUT/baseline-postgresql-$scale.json")
  $PY bench/baselines/check.py "${checked[@]}" 2>&1 | tee "$OUT/check-$scale.txt" >&2
  LINEA_BENCH_SCALE=$scale LINEA_BENCH_ROOTS=$roots $BENCH \
    --benchmark_filter=BaselineRoots --benchmark_out="$OUT/same-roots-$scale.json" \
    --benchmark_out_format=json --benchmark_counters_tabular=true >&2
}

# Data-quality ingest over HTTP (issue #18): on its own demo catalog, so once.
run_http_quality() {
  wait_builds
  log "quality ingest over HTTP: bench/http/quality.sh"
  LINEA_BIN=$LINEA bash bench/http/quality.sh > "$OUT/http-quality.txt"
  cat "$OUT/http-quality.txt" >&2
}

# SQL lineage does not use the mesh, so it runs once: linea, then sqlglot on the same statements.
run_sql() {
  wait_builds
  log "SQL lineage: $BENCH --benchmark_filter=SqlLineage, then sqlglot on the same statements"
  LINEA_SQL_CORPUS_OUT=$OUT/sql-corpus.sql $BENCH --benchmark_filter=SqlLineage \
    --benchmark_out="$OUT/sql-linea.json" --benchmark_out_format=json \
    --benchmark_counters_tabular=true >&2
  if ! $PY -c 'import sqlglot' 2>/dev/null; then
    note "sqlglot baseline skipped: python3-sqlglot is not installed (scripts/install-bench-deps.sh)"
    return 0
  fi
  $PY bench/baselines/sqlglot_lineage.py "$OUT/sql-corpus.sql" > "$OUT/sql-sqlglot.json"
  cat "$OUT/sql-sqlglot.json" >&2
}

log "linea bench on $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM; suites: $SUITE_SCALES; curve: $CURVE"
for scale in $CURVE $SUITE_SCALES; do
  if [ ! -f "$DATA/$scale.db" ]; then
    if [ "$(mem_avail_gib)" -lt "$(gen_need_gib "$scale")" ]; then
      note "$scale skipped: generating it needs ~$(gen_need_gib "$scale") GiB, $(mem_avail_gib) GiB available"
      continue
    fi
    step "generate-$scale" ensure_mesh "$scale"
  fi
  step "sample-$scale" sample_mesh "$scale"
done
for scale in $SUITE_SCALES; do
  step "search-answers-$scale" check_search_answers "$scale"
  step "suites-$scale" run_suite "$scale"
  step "http-$scale" run_http "$scale"
done
step sql run_sql
step http-quality run_http_quality
# Connector pulls (issue #15): bench/connectors/run.sh, a summary in $OUT/connectors/.
step connectors bash bench/connectors/run.sh "$LINEA" "$OUT/connectors"
# The web UI (issue #16) on the largest mesh it targets.
if [ -f "$DATA/beeline.db" ]; then
  wait_builds
  step ui env LINEA_BIN="$LINEA" LINEA_BENCH_SCALE=beeline bash bench/ui/run.sh "$OUT/ui.json"
else
  note "web UI benchmark skipped: beeline is not on the curve (LINEA_BENCH_CURVE)"
fi
for scale in $CURVE; do
  [ -f "$OUT/mesh-$scale.json" ] || continue
  step "curve-$scale" run_curve_point "$scale"
  step "baselines-$scale" run_baselines "$scale"
done
SUITE_SCALES=$SUITE_SCALES CURVE=$CURVE $PY -c 'import json, os
env = {k: v for k, v in os.environ.items() if k.startswith(("LINEA_BENCH_", "LINEA_WRK_"))
       and k not in ("LINEA_BENCH_DATA", "LINEA_BENCH_OUT", "LINEA_BENCH_DOC", "LINEA_BENCH_CHART",
                     "LINEA_BENCH_RESUME")}
print(json.dumps({"suite_scales": os.environ["SUITE_SCALES"], "curve": os.environ["CURVE"],
                  "env": env}))' > "$OUT/run.json"
$PY bench/report.py "$OUT" "$DOC" "$CHART"
log "done: $DOC, $CHART"
