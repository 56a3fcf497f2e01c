#include "graph/impact.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "graph/testing/test_mesh.h"

namespace linea::graph {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;

class ImpactTest : public ::testing::Test {
 protected:
  void SetUp() override { g_.ApplyDelta(testing::SmallMesh()); }
  AssetId Id(std::string_view fqn) { return *g_.Find(fqn); }
  LineageGraph g_;
};

std::vector<std::string> Fqns(const std::vector<ReachedAsset>& list) {
  std::vector<std::string> out;
  for (const ReachedAsset& r : list) out.push_back(r.fqn);
  return out;
}

TEST_F(ImpactTest, NearestDataAssetsAreListedByDistanceThenFqnUpToTheCap) {
  ImpactReport column = ComputeImpact(g_, Id("hive.raw.a.x"), {});
  // Table hive.mart.c is only a part-holder (through c.r): not listed.
  EXPECT_THAT(Fqns(column.assets), ElementsAre("hive.mart.b.p", "hive.mart.c.r"));
  EXPECT_THAT(column.assets[1].path, ElementsAre("hive.raw.a.x", "hive.mart.b.p", "hive.mart.c.r"));
  ImpactReport table = ComputeImpact(g_, Id("hive.raw.a"), {});
  EXPECT_THAT(Fqns(table.assets),
              ElementsAre("hive.raw.a.x", "hive.raw.a.y", "hive.mart.b.p", "hive.mart.b.q",
                          "hive.mart.c.r"));
  ImpactOptions two;
  two.max_assets = 3;
  EXPECT_THAT(Fqns(ComputeImpact(g_, Id("hive.raw.a"), two).assets),
              ElementsAre("hive.raw.a.x", "hive.raw.a.y", "hive.mart.b.p"));
  ImpactOptions none;
  none.max_assets = 0;
  EXPECT_THAT(ComputeImpact(g_, Id("hive.raw.a"), none).assets, IsEmpty());
}

TEST_F(ImpactTest, ColumnReachesModelsDashboardsDeploymentsWithPaths) {
  ImpactReport r = ComputeImpact(g_, Id("hive.raw.a.x"), {});
  EXPECT_EQ(r.root_fqn, "hive.raw.a.x");
  ASSERT_EQ(r.models.size(), 2u);
  EXPECT_EQ(r.models[0].fqn, "mlflow.m");
  EXPECT_EQ(r.models[0].distance, 3u);
  EXPECT_THAT(r.models[0].path,
              ElementsAre("hive.raw.a.x", "hive.mart.b.p", "mlflow.m.f1", "mlflow.m"));
  EXPECT_THAT(r.models[0].path_edges, ElementsAre("identity", "identity", "contains"));
  EXPECT_THAT(r.models[0].features, ElementsAre("mlflow.m.f1"));
  EXPECT_THAT(r.models[0].owners, ElementsAre("team:ds"));
  EXPECT_EQ(r.models[0].domain, "scoring");
  EXPECT_EQ(r.models[1].fqn, "mlflow.n");
  EXPECT_EQ(r.models[1].distance, 4u);
  ASSERT_EQ(r.dashboards.size(), 1u);
  // c.r makes table c a part-holder; c's table-level link reaches the dashboard.
  EXPECT_THAT(r.dashboards[0].path, ElementsAre("hive.raw.a.x", "hive.mart.b.p", "hive.mart.c.r",
                                                "hive.mart.c", "qlik.d"));
  ASSERT_EQ(r.deployments.size(), 1u);
  EXPECT_EQ(r.deployments[0].fqn, "seldon.m_prod");
  EXPECT_THAT(r.deployments[0].owners, IsEmpty());
  EXPECT_THAT(r.counts, ElementsAre(Pair("column", 2), Pair("dashboard", 1), Pair("deployment", 1),
                                    Pair("feature", 2), Pair("model", 2), Pair("table", 2)));
  // The owners of what breaks, and of the broken column itself (team:data owns hive.raw.a).
  ASSERT_EQ(r.teams.size(), 4u);
  EXPECT_EQ(r.teams[0].team, "bi");
  EXPECT_THAT(r.teams[0].dashboards, ElementsAre("qlik.d"));
  EXPECT_FALSE(r.teams[0].owns_root);
  EXPECT_EQ(r.teams[1].team, "data");
  EXPECT_TRUE(r.teams[1].owns_root);
  EXPECT_THAT(r.teams[1].models, IsEmpty());
  EXPECT_EQ(r.teams[2].team, "ds");
  EXPECT_THAT(r.teams[2].models, ElementsAre("mlflow.m"));
  ASSERT_EQ(r.teams[2].contacts.size(), 1u);
  EXPECT_EQ(r.teams[2].contacts[0].fields.at("address"), "ds@example.com");
  EXPECT_EQ(r.teams[3].team, "other");
  EXPECT_FALSE(r.truncated);
}

TEST_F(ImpactTest, BrokenTableBreaksItsColumns) {
  ImpactReport r = ComputeImpact(g_, Id("hive.mart.c"), {});
  ASSERT_EQ(r.models.size(), 1u);
  EXPECT_THAT(r.models[0].path,
              ElementsAre("hive.mart.c", "hive.mart.c.r", "mlflow.n.g", "mlflow.n"));
  ASSERT_EQ(r.dashboards.size(), 1u);
  EXPECT_EQ(r.dashboards[0].distance, 1u);
}

TEST_F(ImpactTest, CycleIsWalkedOnce) {
  ImpactReport r = ComputeImpact(g_, Id("hive.raw.a.y"), {});
  ASSERT_EQ(r.models.size(), 1u);
  EXPECT_EQ(r.models[0].fqn, "mlflow.m");
  EXPECT_THAT(r.models[0].features, ElementsAre("mlflow.m.f2"));
  EXPECT_EQ(r.counts.at("column"), 1u);  // b.q only; a.y is the root
}

TEST_F(ImpactTest, FiltersByKindDepthAndDomain) {
  ImpactOptions only_dash;
  only_dash.kinds = {model::AssetKind::kDashboard};
  ImpactReport r = ComputeImpact(g_, Id("hive.raw.a.x"), only_dash);
  EXPECT_THAT(r.models, IsEmpty());
  EXPECT_EQ(r.dashboards.size(), 1u);

  ImpactOptions shallow;
  shallow.max_depth = 3;
  r = ComputeImpact(g_, Id("hive.raw.a.x"), shallow);
  ASSERT_EQ(r.models.size(), 1u);
  EXPECT_EQ(r.models[0].fqn, "mlflow.m");
  EXPECT_THAT(r.dashboards, IsEmpty());

  ImpactOptions crm;
  crm.domain = "crm";
  r = ComputeImpact(g_, Id("hive.raw.a.x"), crm);
  ASSERT_EQ(r.models.size(), 1u);
  EXPECT_EQ(r.models[0].fqn, "mlflow.n");
}

TEST_F(ImpactTest, DirectOnlySkipsIndirectLinks) {
  model::Delta d;
  d.replace_edges.push_back(
      {"sql:etl_c",
       {testing::MakeEdge("hive.mart.b.p", "hive.mart.c.r", model::EdgeKind::kIndirect),
        testing::MakeEdge("hive.mart.b.q", "hive.raw.a.y")}});
  g_.ApplyDelta(d);
  ImpactReport all = ComputeImpact(g_, Id("hive.raw.a.x"), {});
  EXPECT_THAT(Fqns(all.models), ElementsAre("mlflow.m", "mlflow.n"));
  // The path says which step is only indirect.
  ASSERT_EQ(all.dashboards.size(), 1u);
  EXPECT_THAT(all.dashboards[0].path, ElementsAre("hive.raw.a.x", "hive.mart.b.p", "hive.mart.c.r",
                                                  "hive.mart.c", "qlik.d"));
  EXPECT_THAT(all.dashboards[0].path_edges,
              ElementsAre("identity", "indirect", "contains", "identity"));
  ImpactOptions direct;
  direct.direct_only = true;
  ImpactReport r = ComputeImpact(g_, Id("hive.raw.a.x"), direct);
  EXPECT_THAT(Fqns(r.models), ElementsAre("mlflow.m"));
  EXPECT_THAT(r.dashboards, IsEmpty());  // qlik.d reads hive.mart.c, reached only indirectly
  auto sources = [&](bool direct_only) {
    UpstreamOptions up;
    up.direct_only = direct_only;
    std::vector<std::string> out;
    for (const UpstreamSource& s : ComputeUpstream(g_, Id("mlflow.n"), up).sources) {
      out.push_back(s.asset.fqn);
    }
    return out;
  };
  EXPECT_THAT(sources(false), ::testing::Contains("hive.mart.b.p"));
  EXPECT_THAT(sources(true), ::testing::Contains("hive.mart.c.r"));
  EXPECT_THAT(sources(true), ::testing::Not(::testing::Contains("hive.mart.b.p")));
}

TEST_F(ImpactTest, NodeBudgetTruncates) {
  ImpactOptions tight;
  tight.max_nodes = 3;
  ImpactReport r = ComputeImpact(g_, Id("hive.raw.a.x"), tight);
  EXPECT_TRUE(r.truncated);
  EXPECT_THAT(r.models, IsEmpty());
}

TEST_F(ImpactTest, FeatureHitsItsModel) {
  ImpactReport r = ComputeImpact(g_, Id("mlflow.m.f2"), {});
  ASSERT_EQ(r.models.size(), 1u);
  EXPECT_EQ(r.models[0].distance, 1u);
  EXPECT_THAT(r.models[0].features, IsEmpty());  // the root itself is not "hit"
  EXPECT_EQ(r.deployments.size(), 1u);
}

std::vector<std::string> SourceFqns(const UpstreamReport& r) {
  std::vector<std::string> out;
  for (const auto& s : r.sources) out.push_back(s.asset.fqn);
  return out;
}

TEST_F(ImpactTest, UpstreamOfModelRanksByDistanceThenFqn) {
  UpstreamReport r = ComputeUpstream(g_, Id("mlflow.m"), {});
  EXPECT_THAT(SourceFqns(r), ElementsAre("hive.mart.b.p", "hive.mart.b.q", "hive.mart.b",
                                         "hive.raw.a.x", "hive.raw.a.y", "hive.raw.a"));
  EXPECT_THAT(r.sources[3].asset.path,
              ElementsAre("mlflow.m", "mlflow.m.f1", "hive.mart.b.p", "hive.raw.a.x"));
}

TEST_F(ImpactTest, UpstreamEvidenceRanksFirst) {
  UpstreamOptions options;
  options.evidence = [](std::string_view fqn) {
    std::vector<Evidence> e;
    if (fqn == "hive.raw.a") e.push_back({"run_failed", "etl_a failed", ""});
    return e;
  };
  UpstreamReport r = ComputeUpstream(g_, Id("mlflow.m"), options);
  EXPECT_EQ(r.sources[0].asset.fqn, "hive.raw.a");
  EXPECT_EQ(r.sources[0].evidence[0].type, "run_failed");
}

TEST_F(ImpactTest, UpstreamOfColumnClimbsToItsTableOnly) {
  UpstreamReport r = ComputeUpstream(g_, Id("hive.mart.c.r"), {});
  EXPECT_THAT(SourceFqns(r), ElementsAre("hive.mart.b.p", "hive.mart.c", "hive.mart.b",
                                         "hive.raw.a.x", "hive.raw.a"));
}

TEST_F(ImpactTest, UpstreamOfDashboardReachesAllColumnsOfItsTable) {
  UpstreamReport r = ComputeUpstream(g_, Id("qlik.d"), {});
  EXPECT_THAT(SourceFqns(r), ElementsAre("hive.mart.c", "hive.mart.c.r", "hive.mart.b.p",
                                         "hive.mart.b", "hive.raw.a.x", "hive.raw.a"));
}

}  // namespace
}  // namespace linea::graph
