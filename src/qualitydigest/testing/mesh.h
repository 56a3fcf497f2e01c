// src/qualitydigest/testing/mesh.h (tests only): the incident test mesh
// (incident/testing/fixture.h) with what a month's quality digests need — columns measured
// month by month, models that are stable, unmeasured or co-owned by a user.
//
// Added to the incident mesh:
//   hive.mart.users.{age,city}; mlflow.churn.age ← age, mlflow.churn.unused ←
//   hive.raw.events.user_id; mlflow.steady (team:gamma, user:ann, domain geo) .city ← city;
//   mlflow.idle (team:watch) .x ← hive.raw.events.user_id; user ann: one webhook <url>/ann.
// Results for 2026-05 … 2026-11 (measured on the 15th): the drift of hive.mart.users.uid —
// which every incident-mesh model's feature `f` reads — is steady, then shifts in 2026-11
// (fail); the null rate of hive.mart.users.age is 1 %, then 7 % in 2026-11 (warn); the null
// rate of hive.mart.users.city stays at 1 % (success). hive.raw.events.user_id is never measured.
//
// So the digests of 2026-11 go to team:alpha (churn: 1 fail, 1 warn, 1 unmeasured; ltv),
// team:beta (fraud), team:gamma (geo_mix fails, steady is stable), team:quiet (silent; no
// contacts) and user:ann (steady); team:data (tables only) and team:watch (idle, unmeasured)
// get none.
#pragma once

#include <ctime>
#include <string>
#include <vector>

#include "incident/testing/fixture.h"
#include "model/delta.h"
#include "model/quality.h"

namespace linea::qualitydigest::testing {

inline constexpr char kPeriod[] = "2026-11";
inline constexpr char kDriftedColumn[] = "hive.mart.users.uid";

// The assets, edges and user above; `url(name)` is the webhook URL of user `name`.
template <typename UrlFn>
model::Delta DigestMeshAdditions(UrlFn url) {
  using K = model::AssetKind;
  using incident::testing::MeshAsset;
  using incident::testing::MeshEdge;
  model::Delta d;
  auto& a = d.upsert_assets;
  a.push_back(MeshAsset("hive.mart.users.age", K::kColumn));
  a.push_back(MeshAsset("hive.mart.users.city", K::kColumn));
  a.push_back(MeshAsset("mlflow.churn.age", K::kFeature));
  a.push_back(MeshAsset("mlflow.churn.unused", K::kFeature));
  a.push_back(MeshAsset("mlflow.steady", K::kModel, {"team:gamma", "user:ann"}, "geo"));
  a.push_back(MeshAsset("mlflow.steady.city", K::kFeature));
  a.push_back(MeshAsset("mlflow.idle", K::kModel, {"team:watch"}, "geo"));
  a.push_back(MeshAsset("mlflow.idle.x", K::kFeature));
  d.replace_edges.push_back({"test:digest",
                             {MeshEdge("hive.mart.users.age", "mlflow.churn.age"),
                              MeshEdge("hive.raw.events.user_id", "mlflow.churn.unused"),
                              MeshEdge("hive.mart.users.city", "mlflow.steady.city"),
                              MeshEdge("hive.raw.events.user_id", "mlflow.idle.x")}});
  d.upsert_users.push_back(
      {"ann", "", {{"webhook", {{"url", url("ann")}, {"secret", "secret-ann"}}}}});
  return d;
}

// The results above, oldest first.
inline std::vector<model::QualityResult> DigestResults() {
  std::vector<model::QualityResult> out;
  for (int month = 5; month <= 11; ++month) {
    const bool last = month == 11;
    const std::string period = (month < 10 ? "2026-0" : "2026-") + std::to_string(month);
    std::tm tm{};
    tm.tm_year = 2026 - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = 15;
    tm.tm_hour = 12;
    const int64_t at = static_cast<int64_t>(timegm(&tm)) * 1000;
    model::QualityResult drift;
    drift.asset = kDriftedColumn;
    drift.kind = "drift";
    drift.timestamp_ms = at;
    drift.period = period;
    drift.distribution.edges = {0, 10, 20, 30, 40};
    drift.distribution.counts =
        last ? std::vector<double>{700, 100, 100, 100} : std::vector<double>{250, 250, 250, 250};
    out.push_back(drift);
    for (const char* column : {"hive.mart.users.age", "hive.mart.users.city"}) {
      model::QualityResult nulls;
      nulls.asset = column;
      nulls.kind = "null_rate";
      nulls.timestamp_ms = at;
      nulls.period = period;
      const bool warn = last && std::string(column) == "hive.mart.users.age";
      nulls.metrics = {{"null_count", warn ? 70 : 10}, {"row_count", 1000}};
      out.push_back(nulls);
    }
  }
  return out;
}

}  // namespace linea::qualitydigest::testing
