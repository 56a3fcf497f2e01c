#!/usr/bin/env bash
# examples/connectors/walkthrough.sh works as documented: both sources pulled, the second HMS
# pull changes nothing, and impact from the raw Hive column reaches the MLflow model through
# the view and the feature, and the model's deployment.
set -euo pipefail
out=$(bash "$(dirname "$0")/../examples/connectors/walkthrough.sh" "$LINEA_BIN" 2>&1) || {
  echo "$out"; exit 1; }
expect() {
  if ! grep -qF -- "$1" <<< "$out"; then
    echo "missing from the walkthrough's output: $1"; echo "$out"; exit 1
  fi
}
expect "created: 12 columns, 3 tables"
expect "created: 1 deployment, 3 features, 1 model"
expect "nothing changed (3 items, 3 unchanged since the last pull, 0 read)"
expect "Impact of hive.raw_b2c.usage.arpu (column): 1 model, 0 dashboards, 1 deployment, 2 teams"
expect "path: hive.raw_b2c.usage.arpu → hive.mart_b2c.churn_features.arpu → mlflow_b2c.churn_scoring.arpu_30d → mlflow_b2c.churn_scoring → seldon.churn_scoring_prod"
echo "walkthrough ok"
