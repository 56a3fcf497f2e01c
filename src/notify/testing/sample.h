// src/notify/testing/sample.h: a Notification and a Digest used across the notify tests.
#pragma once

#include "notify/digest.h"
#include "notify/message.h"

namespace linea::notify::testing {

// Team "scoring" hit by incident inc-42 on hive.geo.moves_daily: two models, one dashboard,
// one deployment.
inline Notification SampleNotification() {
  Notification n;
  n.type = EventType::kOpened;
  n.incident = {.id = "inc-42",
                .asset = "hive.geo.moves_daily",
                .title = "Partition missing",
                .severity = "high",
                .state = "open"};
  n.team = "scoring";
  n.models = {
      {.fqn = "mlflow_b2c.churn_scoring",
       .features = {"geo_moves_7d", "home_region"},
       .path = {"hive.geo.moves_daily", "hive.geo.moves_weekly", "mlflow_b2c.churn_scoring"}},
      {.fqn = "mlflow_b2c.ltv",
       .features = {"moves_30d"},
       .path = {"hive.geo.moves_daily", "mlflow_b2c.ltv"}},
  };
  n.dashboards = {"superset.geo_overview"};
  n.deployments = {"seldon.churn_scoring_v3"};
  n.url = "https://linea.example/assets/hive.geo.moves_daily";
  n.idempotency_key = "inc-42:scoring:webhook:incident.opened";
  return n;
}

// Team "scoring"'s digest of 2026-11: mlflow_b2c.churn_scoring fails (a drifted column, a
// null-rate warning), mlflow_b2c.ltv is stable. No urls: Render() builds them.
inline Digest SampleDigest() {
  Digest d;
  d.team = "scoring";
  d.period = "2026-11";
  d.models = {
      {.fqn = "mlflow_b2c.churn_scoring",
       .status = "fail",
       .fail = 1,
       .warn = 1,
       .success = 3,
       .unmeasured = 2,
       .features = {{.fqn = "mlflow_b2c.churn_scoring.home_region",
                     .status = "fail",
                     .source = "hive.geo.moves_daily.region_id",
                     .check = "drift",
                     .message = "PSI 0.88 over 10 reference-decile bins against 6 periods"},
                    {.fqn = "mlflow_b2c.churn_scoring.age",
                     .status = "warn",
                     .source = "hive.crm.users.age",
                     .check = "null_rate",
                     .message = "null rate 0.07, +0.06 over the reference median 0.01"}}},
      {.fqn = "mlflow_b2c.ltv", .status = "success", .success = 4, .unmeasured = 1},
  };
  d.idempotency_key = "digest-2026-11-scoring-0";
  return d;
}

}  // namespace linea::notify::testing
