"""Trains traveller_churn (a stub: the real job reads the features listed in lineage.yaml).

The model is registered in MLflow as `traveller_churn`; linea knows it as
mlflow_b2c.traveller_churn and, from lineage.yaml, which catalog columns each feature comes from.
"""

FEATURES = {
    "subscriber_id": "hive.mart_geo.cell_events_mart.subscriber_id",
    "active_days_30d": "count(distinct hive.mart_geo.cell_events_mart.dt) over 30 days",
}


def main() -> None:
    for name, source in FEATURES.items():
        print(f"feature {name} <- {source}")


if __name__ == "__main__":
    main()
