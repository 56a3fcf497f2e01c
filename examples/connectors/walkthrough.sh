#!/usr/bin/env bash
# The connectors walkthrough (examples/connectors/README.md): a Hive Metastore and an MLflow
# tracking store feed the catalog, then impact from a raw Hive column reaches the MLflow model
# and its deployment — no hand-written JSON. Runs from a fresh clone after `make build`.
#
# Usage: examples/connectors/walkthrough.sh [LINEA_BINARY]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
linea=${1:-$here/../../build/linea}
work=$(mktemp -d /tmp/linea-connectors.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp "$here"/*.yaml "$work"/
python3 "$here/make_sources.py" "$work/sources" > /dev/null
cd "$work"

echo "\$ linea ingest hive-metastore --config hive-metastore.yaml"
"$linea" ingest hive-metastore --config hive-metastore.yaml --db catalog.db
echo
echo "\$ linea ingest mlflow --config mlflow.yaml"
"$linea" ingest mlflow --config mlflow.yaml --db catalog.db
echo
echo "\$ linea ingest hive-metastore --config hive-metastore.yaml   # again: nothing changed"
"$linea" ingest hive-metastore --config hive-metastore.yaml --db catalog.db
echo
echo "\$ linea connectors status"
"$linea" connectors status --db catalog.db
echo
echo "\$ linea impact hive.raw_b2c.usage.arpu"
"$linea" impact hive.raw_b2c.usage.arpu --db catalog.db
