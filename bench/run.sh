#!/usr/bin/env bash
# make bench: runs the Google Benchmark suites on the medium mesh (LINEA_BENCH_SCALE=beeline
# for the full-size one) and writes build/bench-<scale>.json plus a readable table on stdout.
# The mesh db is generated once into build/bench-data/ and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${LINEA_BENCH_SCALE:-medium}
export LINEA_BENCH_SCALE=$SCALE
export LINEA_BENCH_DATA=${LINEA_BENCH_DATA:-build/bench-data}
echo "linea bench: scale=$SCALE on $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM"
build/bench/linea_bench --benchmark_out="build/bench-$SCALE.json" --benchmark_out_format=json \
  --benchmark_counters_tabular=true "$@"
