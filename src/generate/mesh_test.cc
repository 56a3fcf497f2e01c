#include "generate/mesh.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "generate/testing/mesh_test_util.h"

namespace linea::generate {
namespace {

using model::AssetKind;
using model::Delta;
using testing::CountEdges;
using testing::CountEdgesInto;
using testing::CountKinds;
using testing::Graph;
using testing::RuleViolations;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

void ExpectSameDelta(const Delta& a, const Delta& b) {
  ASSERT_EQ(a.upsert_assets.size(), b.upsert_assets.size());
  EXPECT_TRUE(a.upsert_assets == b.upsert_assets);
  EXPECT_TRUE(a.upsert_teams == b.upsert_teams);
  EXPECT_TRUE(a.delete_assets == b.delete_assets);
  ASSERT_EQ(a.replace_edges.size(), b.replace_edges.size());
  for (size_t i = 0; i < a.replace_edges.size(); ++i) {
    EXPECT_EQ(a.replace_edges[i].provenance, b.replace_edges[i].provenance);
    EXPECT_TRUE(a.replace_edges[i].edges == b.replace_edges[i].edges) << i;
  }
}

const model::Asset* Find(const Delta& d, std::string_view fqn) {
  for (const model::Asset& a : d.upsert_assets) {
    if (a.fqn == fqn) return &a;
  }
  return nullptr;
}

// ---- scales -------------------------------------------------------------------------------

TEST(ScaleTest, ParseAndNameRoundTrip) {
  for (Scale s : {Scale::kTiny, Scale::kDemo, Scale::kMedium, Scale::kBeeline}) {
    EXPECT_EQ(ParseScale(ScaleName(s)), s);
  }
  EXPECT_EQ(ScaleName(Scale::kBeeline), "beeline");
  EXPECT_EQ(ParseScale("huge"), std::nullopt);
  EXPECT_EQ(ParseScale("Tiny"), std::nullopt);
  EXPECT_EQ(ParseScale(""), std::nullopt);
}

// ---- determinism --------------------------------------------------------------------------

TEST(MeshTest, SameOptionsGiveIdenticalDelta) {
  ExpectSameDelta(GenerateMesh({Scale::kTiny, 42, 1}), GenerateMesh({Scale::kTiny, 42, 1}));
  ExpectSameDelta(GenerateMesh({Scale::kDemo, 7, 1}), GenerateMesh({Scale::kDemo, 7, 1}));
}

TEST(MeshTest, DifferentSeedDiffers) {
  Delta a = GenerateMesh({Scale::kDemo, 42, 1});
  Delta b = GenerateMesh({Scale::kDemo, 43, 1});
  EXPECT_FALSE(a.upsert_assets == b.upsert_assets);
}

TEST(MeshTest, DefaultsAreDemoSeed42) {
  MeshOptions options;
  EXPECT_EQ(options.scale, Scale::kDemo);
  EXPECT_EQ(options.seed, 42u);
  EXPECT_EQ(options.multiplier, 1);
}

// ---- rules --------------------------------------------------------------------------------

TEST(MeshTest, TinyFollowsCatalogRules) {
  Delta d = GenerateMesh({Scale::kTiny, 42, 1});
  EXPECT_THAT(RuleViolations(d), IsEmpty());
  EXPECT_TRUE(Graph(d).Acyclic());
  EXPECT_TRUE(d.delete_assets.empty());
}

TEST(MeshTest, DemoFollowsCatalogRules) {
  Delta d = GenerateMesh({Scale::kDemo, 42, 1});
  EXPECT_THAT(RuleViolations(d), IsEmpty());
  EXPECT_TRUE(Graph(d).Acyclic());
}

TEST(MeshTest, OtherSeedsAndMultiplierFollowRules) {
  for (uint64_t seed : {1u, 2u, 3u, 1234567u}) {
    Delta d = GenerateMesh({Scale::kTiny, seed, 1});
    EXPECT_THAT(RuleViolations(d), IsEmpty()) << seed;
    EXPECT_TRUE(Graph(d).Acyclic()) << seed;
  }
  Delta d = GenerateMesh({Scale::kDemo, 5, 2});
  EXPECT_THAT(RuleViolations(d), IsEmpty());
  EXPECT_TRUE(Graph(d).Acyclic());
}

// ---- tiny: exact shape (docs/generate.md) -------------------------------------------------

TEST(MeshTest, TinyExactCounts) {
  Delta d = GenerateMesh({Scale::kTiny, 42, 1});
  std::map<AssetKind, size_t> kinds = CountKinds(d);
  EXPECT_EQ(kinds[AssetKind::kService], 7u);
  EXPECT_EQ(kinds[AssetKind::kPipeline], 9u);
  EXPECT_EQ(kinds[AssetKind::kTopic], 1u);
  EXPECT_EQ(kinds[AssetKind::kTable], 15u);   // 12 layered + 3 score tables
  EXPECT_EQ(kinds[AssetKind::kColumn], 73u);  // 5 topic fields + 56 layered + 12 score columns
  EXPECT_EQ(kinds[AssetKind::kModel], 3u);
  EXPECT_EQ(kinds[AssetKind::kFeature], 12u);
  EXPECT_EQ(kinds[AssetKind::kDeployment], 2u);
  EXPECT_EQ(kinds[AssetKind::kDashboard], 1u);
  EXPECT_EQ(d.upsert_assets.size(), 123u);
  EXPECT_EQ(d.replace_edges.size(), 14u);
  EXPECT_EQ(CountEdges(d), 103u);
  EXPECT_EQ(CountEdgesInto(d, AssetKind::kColumn), 85u);
  EXPECT_EQ(CountEdgesInto(d, AssetKind::kFeature), 12u);
}

TEST(MeshTest, TinyTeamsAndContacts) {
  Delta d = GenerateMesh({Scale::kTiny, 42, 1});
  std::vector<std::string> names;
  for (const model::Team& t : d.upsert_teams) names.push_back(t.name);
  EXPECT_THAT(names, ElementsAre("geo_data", "billing_data", "scoring_data", "scoring_ds"));
  const model::Team& ds = d.upsert_teams[3];
  ASSERT_EQ(ds.contacts.size(), 2u);
  EXPECT_EQ(ds.contacts[0].type, "email");
  EXPECT_EQ(ds.contacts[0].fields.at("address"), "scoring_ds@example.com");
  EXPECT_EQ(ds.contacts[1].type, "slack");
  EXPECT_EQ(ds.contacts[1].fields.at("url"), "https://hooks.example.com/slack/scoring_ds");
  EXPECT_EQ(d.upsert_teams[1].contacts[1].type, "msteams");
  const model::Contact& hook = d.upsert_teams[2].contacts[1];
  EXPECT_EQ(hook.type, "webhook");
  EXPECT_EQ(hook.fields.at("url"), "https://hooks.example.com/webhook/scoring_data");
  EXPECT_EQ(hook.fields.at("secret"), "secret-scoring_data");
}

TEST(MeshTest, TinyDocumentedAssets) {
  Delta d = GenerateMesh({Scale::kTiny, 42, 1});
  const model::Asset* raw = Find(d, "hive.raw_geo.cell_events");
  ASSERT_NE(raw, nullptr);
  EXPECT_EQ(raw->kind, AssetKind::kTable);
  EXPECT_EQ(raw->domain, "geo");
  EXPECT_THAT(raw->owners, ElementsAre("team:geo_data"));
  EXPECT_THAT(raw->tags, ElementsAre("raw", "pii", "streaming"));
  EXPECT_EQ(raw->properties.at("layer"), "raw");
  const model::Asset* col = Find(d, "hive.raw_geo.cell_events.distance_km");
  ASSERT_NE(col, nullptr);
  EXPECT_EQ(col->kind, AssetKind::kColumn);
  EXPECT_EQ(col->data_type, "double");
  const model::Asset* churn = Find(d, "mlflow_b2c.churn_scoring");
  ASSERT_NE(churn, nullptr);
  EXPECT_EQ(churn->domain, "scoring");
  EXPECT_THAT(churn->owners, ElementsAre("team:scoring_ds"));
  EXPECT_EQ(churn->properties.at("stage"), "Production");
  EXPECT_TRUE(churn->properties.count("version") && churn->properties.count("algorithm"));
  EXPECT_NE(Find(d, "seldon.churn_scoring_prod"), nullptr);
  EXPECT_NE(Find(d, "seldon.credit_scoring_prod"), nullptr);
  EXPECT_EQ(Find(d, "seldon.arpu_forecast_prod"), nullptr);
  EXPECT_EQ(Find(d, "hive.scores_scoring.arpu_forecast_scores")->properties.at("layer"), "scores");
  EXPECT_NE(Find(d, "qlik.geo_cell_events_overview"), nullptr);
  EXPECT_NE(Find(d, "kafka.geo_cell_events.distance_km"), nullptr);
  std::vector<std::string> provenances;
  for (const model::EdgeSet& es : d.replace_edges) provenances.push_back(es.provenance);
  EXPECT_THAT(provenances,
              ElementsAre("openlineage:flink/ingest_raw_geo.cell_events",
                          "openlineage:airflow/etl_ods_geo.cell_events",
                          "openlineage:airflow/etl_ods_billing.invoices",
                          "openlineage:airflow/etl_ods_scoring.credit_checks",
                          "openlineage:airflow/etl_agg_geo.cell_events_daily",
                          "openlineage:airflow/etl_agg_billing.invoices_daily",
                          "openlineage:airflow/etl_agg_scoring.credit_checks_daily",
                          "openlineage:airflow/etl_mart_geo.cell_events_mart",
                          "openlineage:airflow/etl_mart_billing.invoices_mart",
                          "openlineage:airflow/etl_mart_scoring.credit_checks_mart",
                          "manifest:mlflow_b2c.churn_scoring", "manifest:mlflow_b2c.credit_scoring",
                          "manifest:mlflow_b2c.arpu_forecast", "api:bi_sync"));
}

// docs/generate.md: the busy raw column and the models it reaches (walking column edges, then
// feature → model containment), computed here independently of the generator.
TEST(MeshTest, TinyBusyColumnReachesDocumentedModels) {
  Delta d = GenerateMesh({Scale::kTiny, 42, 1});
  Graph g(d);
  for (const char* root :
       {"hive.raw_geo.cell_events.distance_km", "kafka.geo_cell_events.distance_km",
        "hive.raw_scoring.credit_checks.approval_flag"}) {
    EXPECT_THAT(g.Reach(root, AssetKind::kModel, false),
                ElementsAre("mlflow_b2c.arpu_forecast", "mlflow_b2c.churn_scoring",
                            "mlflow_b2c.credit_scoring"))
        << root;
  }
  EXPECT_THAT(g.Reach("hive.raw_geo.cell_events.distance_km", AssetKind::kDeployment, false),
              ElementsAre("seldon.churn_scoring_prod", "seldon.credit_scoring_prod"));
  EXPECT_THAT(g.Reach("hive.raw_geo.cell_events.distance_km", AssetKind::kFeature, false),
              ElementsAre("mlflow_b2c.arpu_forecast.distance_km_cnt_1d_ratio",
                          "mlflow_b2c.arpu_forecast.distance_km_cnt_1d_ratio_woe",
                          "mlflow_b2c.arpu_forecast.distance_km_cnt_1d_trend",
                          "mlflow_b2c.churn_scoring.approval_flag_cnt_90d_ratio",
                          "mlflow_b2c.churn_scoring.approval_flag_cnt_90d_ratio_lag1",
                          "mlflow_b2c.credit_scoring.distance_km_cnt_1d_trend",
                          "mlflow_b2c.credit_scoring.distance_km_cnt_1d_trend_bin",
                          "mlflow_b2c.credit_scoring.income_rub_avg_7d_ratio"));
  EXPECT_THAT(g.Reach("hive.raw_geo.cell_events.sector_id", AssetKind::kModel, false), IsEmpty());
  EXPECT_THAT(g.Reach("hive.raw_billing.invoices.discount_rub", AssetKind::kModel, false),
              ElementsAre("mlflow_b2c.arpu_forecast", "mlflow_b2c.credit_scoring"));
}

bool HasEdge(const Delta& d, std::string_view from, std::string_view to) {
  for (const model::EdgeSet& es : d.replace_edges) {
    for (const model::Edge& e : es.edges) {
      if (e.from == from && e.to == to) return true;
    }
  }
  return false;
}

TEST(MeshTest, TinyDocumentedPathsExist) {
  Delta d = GenerateMesh({Scale::kTiny, 42, 1});
  const std::vector<std::string> path = {"hive.raw_geo.cell_events.distance_km",
                                         "hive.ods_geo.cell_events.distance_km_std",
                                         "hive.agg_geo.cell_events_daily.distance_km_cnt_1d",
                                         "hive.mart_geo.cell_events_mart.distance_km_cnt_1d_trend",
                                         "mlflow_b2c.credit_scoring.distance_km_cnt_1d_trend"};
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    EXPECT_TRUE(HasEdge(d, path[i], path[i + 1])) << path[i] << " -> " << path[i + 1];
  }
  EXPECT_TRUE(HasEdge(d, "hive.agg_geo.cell_events_daily.distance_km_cnt_1d",
                      "hive.mart_scoring.credit_checks_mart.approval_flag_cnt_90d_ratio"));
  EXPECT_TRUE(HasEdge(d, "hive.mart_scoring.credit_checks_mart.approval_flag_cnt_90d_ratio",
                      "mlflow_b2c.churn_scoring.approval_flag_cnt_90d_ratio"));
  EXPECT_TRUE(HasEdge(d, "kafka.geo_cell_events.distance_km", path[0]));
  EXPECT_TRUE(HasEdge(d, "hive.mart_geo.cell_events_mart", "qlik.geo_cell_events_overview"));
  EXPECT_TRUE(HasEdge(d, "mlflow_b2c.churn_scoring", "seldon.churn_scoring_prod"));
  EXPECT_TRUE(HasEdge(d, "mlflow_b2c.churn_scoring", "hive.scores_scoring.churn_scoring_scores"));
}

TEST(MeshTest, TinyModelUpstreamRawColumns) {
  Delta d = GenerateMesh({Scale::kTiny, 42, 1});
  std::vector<std::string> raw;
  for (const std::string& c :
       Graph(d).Reach("mlflow_b2c.churn_scoring", AssetKind::kColumn, /*up=*/true)) {
    if (c.rfind("hive.raw_", 0) == 0) raw.push_back(c);
  }
  EXPECT_THAT(
      raw,
      ElementsAre("hive.raw_geo.cell_events.distance_km", "hive.raw_geo.cell_events.dt",
                  "hive.raw_geo.cell_events.msisdn", "hive.raw_scoring.credit_checks.approval_flag",
                  "hive.raw_scoring.credit_checks.customer_id", "hive.raw_scoring.credit_checks.dt",
                  "hive.raw_scoring.credit_checks.income_rub"));
}

// ---- larger scales ------------------------------------------------------------------------

TEST(MeshTest, DemoRoughCounts) {
  Delta d = GenerateMesh({Scale::kDemo, 42, 1});
  std::map<AssetKind, size_t> kinds = CountKinds(d);
  EXPECT_EQ(kinds[AssetKind::kTable], 500u);  // 400 layered + 100 score tables
  EXPECT_EQ(kinds[AssetKind::kModel], 100u);
  EXPECT_EQ(kinds[AssetKind::kDashboard], 20u);
  EXPECT_EQ(d.upsert_teams.size(), 40u);
  EXPECT_GT(kinds[AssetKind::kColumn], 9000u);
  EXPECT_LT(kinds[AssetKind::kColumn], 11500u);
  EXPECT_GT(kinds[AssetKind::kFeature], 2800u);
  EXPECT_LT(kinds[AssetKind::kFeature], 3300u);
  // Pinned for seed 42 (docs/generate.md): a change here changes the demo and the benchmarks.
  EXPECT_EQ(d.upsert_assets.size(), 14128u);
  EXPECT_EQ(CountEdges(d), 22374u);
}

TEST(MeshTest, MediumRoughCounts) {
  Delta d = GenerateMesh({Scale::kMedium, 42, 1});
  std::map<AssetKind, size_t> kinds = CountKinds(d);
  EXPECT_EQ(kinds[AssetKind::kTable], 2000u);  // 1,500 layered + 500 score tables
  EXPECT_EQ(kinds[AssetKind::kModel], 500u);
  EXPECT_EQ(kinds[AssetKind::kDashboard], 60u);
  EXPECT_EQ(d.upsert_teams.size(), 120u);
  EXPECT_GT(kinds[AssetKind::kColumn], 90000u);
  EXPECT_LT(kinds[AssetKind::kColumn], 115000u);
  EXPECT_GT(kinds[AssetKind::kFeature], 45000u);
  EXPECT_LT(kinds[AssetKind::kFeature], 55000u);
  const size_t column_edges = CountEdgesInto(d, AssetKind::kColumn);
  EXPECT_GT(column_edges, 150000u);
  EXPECT_LT(column_edges, 260000u);
  EXPECT_THAT(RuleViolations(d), IsEmpty());
}

TEST(MeshTest, MultiplierScalesTablesAndModels) {
  Delta d = GenerateMesh({Scale::kTiny, 42, 2});
  std::map<AssetKind, size_t> kinds = CountKinds(d);
  EXPECT_EQ(kinds[AssetKind::kTable], 30u);  // 24 layered + 6 score tables
  EXPECT_EQ(kinds[AssetKind::kModel], 6u);
  EXPECT_EQ(kinds[AssetKind::kDashboard], 2u);
  EXPECT_EQ(d.upsert_teams.size(), 4u);
  EXPECT_NE(Find(d, "mlflow_b2c.churn_scoring_prepaid"), nullptr);
  EXPECT_NE(Find(d, "hive.raw_geo.subscriber_moves"), nullptr);
  EXPECT_THAT(RuleViolations(d), IsEmpty());
  Delta zero = GenerateMesh({Scale::kTiny, 42, 0});  // treated as 1
  EXPECT_EQ(CountKinds(zero)[AssetKind::kTable], 15u);
}

// The beeline mesh (2M assets, ~25 s) follows the catalog's rules too.
TEST(MeshRulesTest, BeelineFollowsCatalogRules) {
  Delta d = GenerateMesh({Scale::kBeeline, 42, 1});
  std::vector<std::string> violations = RuleViolations(d);
  EXPECT_THAT(std::vector<std::string>(
                  violations.begin(), violations.begin() + std::min<size_t>(violations.size(), 20)),
              IsEmpty());
  EXPECT_TRUE(Graph(d).Acyclic());
}

}  // namespace
}  // namespace linea::generate
