#!/usr/bin/env bash
# make demo: generate the demo mesh into data/demo.db (once) and print three ready commands.
# LINEA_DEMO_DIR overrides the data directory; LINEA_BIN the binary (default build/linea).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${LINEA_BIN:-build/linea}
DATA=${LINEA_DEMO_DIR:-data}
DB="$DATA/demo.db"
mkdir -p "$DATA"
if [ ! -f "$DB" ]; then
  "$BIN" generate --scale demo --db "$DB"
else
  echo "using the existing demo catalog $DB (delete it to regenerate)"
fi
cat <<TXT

The demo mesh: 10 domains, 500 Hive tables (raw → ods → aggregates → marts), ~10,000
columns, 100 ML models with ~3,000 features, 20 dashboards, 40 teams.
Try these:

  # Which models, dashboards and teams break when this raw column breaks?
  $BIN impact hive.raw_geo.trip_segments.cell_id --db $DB

  # A model degraded: which upstream sources could be the cause?
  $BIN upstream mlflow_b2c.churn_scoring --db $DB

  # Find features named like "arpu", typo-tolerant:
  $BIN search arpu --kind feature --db $DB

Add --json to any of them for the API's JSON. More in README.md and docs/.
TXT
