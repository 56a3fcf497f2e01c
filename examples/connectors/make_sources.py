#!/usr/bin/env python3
"""Builds the walkthrough's two sources in DIR: a Hive Metastore database (metastore.db) and an
MLflow tracking store (mlflow.db) with its file:// artifact tree (mlruns/), both on the real
schemas in tests/data/ — what a metastore and `mlflow server --backend-store-uri sqlite:///…`
would hold after a few tables, a view and a logged, registered model.

Usage: make_sources.py DIR
"""
import json
import os
import sqlite3
import sys

here = os.path.dirname(os.path.abspath(__file__))
schemas = os.path.join(here, "..", "..", "tests", "data")
out = os.path.abspath(sys.argv[1])
os.makedirs(out, exist_ok=True)

# ---- Hive Metastore: raw_b2c.subscribers, raw_b2c.usage (partitioned by dt), and the view
# mart_b2c.churn_features over both.
hms_path = os.path.join(out, "metastore.db")
if os.path.exists(hms_path):
    os.remove(hms_path)
hms = sqlite3.connect(hms_path)
hms.executescript(open(os.path.join(schemas, "hive_metastore", "schema.sqlite.sql")).read())
hms.execute("""INSERT INTO "DBS" VALUES (1, 'raw subscriber data', 'hdfs://nn/raw_b2c.db',
               'raw_b2c', 'etl_b2c', 'ROLE', 'hive')""")
hms.execute("""INSERT INTO "DBS" VALUES (2, 'B2C marts', 'hdfs://nn/mart_b2c.db', 'mart_b2c',
               'analyst', 'USER', 'hive')""")


def table(tbl_id, db_id, name, owner, columns, kind="MANAGED_TABLE", view=None, partitions=(),
          comment=None):
    hms.execute('INSERT INTO "CDS" VALUES (?)', (tbl_id,))
    hms.execute('INSERT INTO "SDS" VALUES (?, NULL, 0, NULL, -1, NULL, NULL, ?, 0)',
                (tbl_id, tbl_id))
    hms.execute('''INSERT INTO "TBLS" ("TBL_ID", "CREATE_TIME", "DB_ID", "LAST_ACCESS_TIME",
                   "OWNER", "OWNER_TYPE", "RETENTION", "SD_ID", "TBL_NAME", "TBL_TYPE",
                   "VIEW_EXPANDED_TEXT", "VIEW_ORIGINAL_TEXT", "IS_REWRITE_ENABLED")
                   VALUES (?, 1717000000, ?, 0, ?, 'USER', 0, ?, ?, ?, ?, ?, 0)''',
                (tbl_id, db_id, owner, tbl_id, name, kind, view, view))
    for i, (col, typ, note) in enumerate(columns):
        hms.execute('INSERT INTO "COLUMNS_V2" VALUES (?, ?, ?, ?, ?)', (tbl_id, note, col, typ, i))
    for i, (col, typ) in enumerate(partitions):
        hms.execute('INSERT INTO "PARTITION_KEYS" VALUES (?, NULL, ?, ?, ?)', (tbl_id, col, typ, i))
    params = {"transient_lastDdlTime": "1717000100", "numRows": "1200000"}
    if comment:
        params["comment"] = comment
    for k, v in params.items():
        hms.execute('INSERT INTO "TABLE_PARAMS" VALUES (?, ?, ?)', (tbl_id, k, v))


table(10, 1, "subscribers", "etl_b2c",
      [("msisdn", "string", "subscriber number"), ("tenure_days", "int", None),
       ("contract_type", "string", None), ("region", "string", None)],
      comment="one row per subscriber")
table(11, 1, "usage", "etl_b2c",
      [("msisdn", "string", None), ("arpu", "double", "average revenue per user, 30 days"),
       ("data_mb", "double", None)], partitions=[("dt", "string")])
table(20, 2, "churn_features", "analyst",
      [("msisdn", "string", None), ("tenure", "int", None), ("contract", "string", None),
       ("arpu", "double", None)], kind="VIRTUAL_VIEW",
      view="SELECT `s`.`msisdn`, `s`.`tenure_days` AS `tenure`, `s`.`contract_type` AS "
           "`contract`, `u`.`arpu` FROM `raw_b2c`.`subscribers` `s` JOIN `raw_b2c`.`usage` `u` "
           "ON `s`.`msisdn` = `u`.`msisdn` WHERE `u`.`dt` = '2024-06-01'")
hms.commit()

# ---- MLflow: experiment 1, run 8f2a… trained on mart_b2c.churn_features (a Spark table), the
# registered model churn_scoring (version 1, alias champion, tag team=scoring).
ml_path = os.path.join(out, "mlflow.db")
if os.path.exists(ml_path):
    os.remove(ml_path)
ml = sqlite3.connect(ml_path)
ml.executescript(open(os.path.join(schemas, "mlflow", "schema.sqlite.sql")).read())
run = "8f2a6c1d9e4b4f7a8c3d2e1f0a9b8c7d"
artifacts = "file://" + os.path.join(out, "mlruns", "1", run, "artifacts")
ml.execute("INSERT INTO experiments VALUES (1, 'churn', ?, 'active', 1717000000000, 1717000000000)",
           ("file://" + os.path.join(out, "mlruns", "1"),))
ml.execute("""INSERT INTO runs (run_uuid, name, user_id, status, start_time, end_time,
              lifecycle_stage, artifact_uri, experiment_id)
              VALUES (?, 'bold-owl-42', 'alice', 'FINISHED', 1717000200000, 1717000300000,
              'active', ?, 1)""", (run, artifacts))
ml.execute("""INSERT INTO datasets VALUES ('d1', 1, 'churn_train', '4f1b2c3d', 'spark', ?, ?, NULL)""",
           (json.dumps({"table_name": "mart_b2c.churn_features"}),
            json.dumps({"mlflow_colspec": [
                {"type": "integer", "name": "tenure", "required": True},
                {"type": "string", "name": "contract", "required": True},
                {"type": "double", "name": "arpu", "required": True},
                {"type": "long", "name": "churned", "required": True}]})))
ml.execute("INSERT INTO inputs VALUES ('i1', 'DATASET', 'd1', 'RUN', ?)", (run,))
ml.execute("INSERT INTO input_tags VALUES ('i1', 'mlflow.data.context', 'training')")
ml.execute("""INSERT INTO registered_models VALUES ('churn_scoring', 1717000400000, 1717000500000,
              'Scores the churn risk of every B2C subscriber, daily')""")
ml.execute("INSERT INTO registered_model_tags VALUES ('team', 'scoring', 'churn_scoring')")
ml.execute("""INSERT INTO model_versions (name, version, creation_time, last_updated_time,
              user_id, current_stage, source, run_id, status)
              VALUES ('churn_scoring', 1, 1717000400000, 1717000500000, 'alice', 'None', ?, ?,
              'READY')""", (artifacts + "/model", run))
ml.execute("INSERT INTO registered_model_aliases VALUES ('champion', 1, 'churn_scoring')")
ml.commit()

# The MLmodel file as MLflow 2.x writes it: the signature inputs are JSON inside YAML.
model_dir = os.path.join(out, "mlruns", "1", run, "artifacts", "model")
os.makedirs(model_dir, exist_ok=True)
signature = json.dumps([{"type": "integer", "name": "tenure", "required": True},
                        {"type": "string", "name": "contract", "required": True},
                        {"type": "double", "name": "arpu_30d", "required": True}])
with open(os.path.join(model_dir, "MLmodel"), "w") as f:
    f.write("artifact_path: model\n"
            "flavors:\n  python_function:\n    loader_module: mlflow.sklearn\n"
            "    model_path: model.pkl\n    python_version: 3.10.12\n"
            "mlflow_version: 2.19.0\n"
            "model_uuid: 3d22615565ae4f5f896d3a05072b552f\n"
            "run_id: " + run + "\n"
            "signature:\n  inputs: '" + signature.replace("'", "''") + "'\n"
            "  outputs: '[{\"type\": \"long\", \"required\": true}]'\n  params: null\n"
            "utc_time_created: '2024-05-29 16:26:40.000000'\n")
print("sources in", out)
