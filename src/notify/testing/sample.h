// src/notify/testing/sample.h: a Notification used across the notify tests.
#pragma once

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

}  // namespace linea::notify::testing
