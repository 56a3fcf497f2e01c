// src/graph/testing/test_mesh.h (tests only): a small hand-built catalog used by graph tests.
//
//   hive.raw.a(x, y) --x→p, y→q--> hive.mart.b(p, q) --p→r--> hive.mart.c(r)
//   b.q → a.y (a cycle);  b.p → mlflow.m.f1;  b.q → mlflow.m.f2;  c.r → mlflow.n.g
//   hive.mart.c → qlik.d (table-level);  mlflow.m → seldon.m_prod
//   owners: hive.* team:data (domain geo), mlflow.m team:ds (scoring), mlflow.n team:other,
//   qlik.d team:bi, seldon.m_prod unset (inherits nothing).
#pragma once

#include <string>
#include <vector>

#include "model/delta.h"

namespace linea::graph::testing {

inline model::Asset MakeAsset(std::string fqn, model::AssetKind kind,
                              std::vector<std::string> owners = {}, std::string domain = "") {
  model::Asset a;
  a.fqn = std::move(fqn);
  a.kind = kind;
  a.owners = std::move(owners);
  a.domain = std::move(domain);
  return a;
}

inline model::Edge MakeEdge(std::string from, std::string to,
                            model::EdgeKind kind = model::EdgeKind::kIdentity) {
  model::Edge e;
  e.from = std::move(from);
  e.to = std::move(to);
  e.kind = kind;
  return e;
}

inline model::Delta SmallMesh() {
  using K = model::AssetKind;
  model::Delta d;
  auto& a = d.upsert_assets;
  for (const char* s : {"hive", "mlflow", "qlik", "seldon"}) a.push_back(MakeAsset(s, K::kService));
  a.push_back(MakeAsset("hive.raw.a", K::kTable, {"team:data"}, "geo"));
  a.push_back(MakeAsset("hive.raw.a.x", K::kColumn));
  a.push_back(MakeAsset("hive.raw.a.y", K::kColumn));
  a.push_back(MakeAsset("hive.mart.b", K::kTable, {"team:data"}, "geo"));
  a.push_back(MakeAsset("hive.mart.b.p", K::kColumn));
  a.push_back(MakeAsset("hive.mart.b.q", K::kColumn));
  a.push_back(MakeAsset("hive.mart.c", K::kTable, {"team:data"}, "geo"));
  a.push_back(MakeAsset("hive.mart.c.r", K::kColumn));
  a.push_back(MakeAsset("mlflow.m", K::kModel, {"team:ds"}, "scoring"));
  a.push_back(MakeAsset("mlflow.m.f1", K::kFeature));
  a.push_back(MakeAsset("mlflow.m.f2", K::kFeature));
  a.push_back(MakeAsset("mlflow.n", K::kModel, {"team:other"}, "crm"));
  a.push_back(MakeAsset("mlflow.n.g", K::kFeature));
  a.push_back(MakeAsset("qlik.d", K::kDashboard, {"team:bi"}, "bi"));
  a.push_back(MakeAsset("seldon.m_prod", K::kDeployment));
  d.replace_edges.push_back({"sql:etl_b", {MakeEdge("hive.raw.a.x", "hive.mart.b.p"),
                                           MakeEdge("hive.raw.a.y", "hive.mart.b.q")}});
  d.replace_edges.push_back({"sql:etl_c", {MakeEdge("hive.mart.b.p", "hive.mart.c.r"),
                                           MakeEdge("hive.mart.b.q", "hive.raw.a.y")}});
  d.replace_edges.push_back({"manifest:mlflow.m", {MakeEdge("hive.mart.b.p", "mlflow.m.f1"),
                                                   MakeEdge("hive.mart.b.q", "mlflow.m.f2"),
                                                   MakeEdge("mlflow.m", "seldon.m_prod")}});
  d.replace_edges.push_back({"manifest:mlflow.n", {MakeEdge("hive.mart.c.r", "mlflow.n.g")}});
  d.replace_edges.push_back({"api:bi", {MakeEdge("hive.mart.c", "qlik.d")}});
  model::Team ds{"ds", "data science", {{"email", {{"address", "ds@example.com"}}}}};
  d.upsert_teams.push_back(ds);
  return d;
}

}  // namespace linea::graph::testing
