// End-to-end: looking after the catalog from the command line — retiring assets (`linea
// delete`) — on the real binary and the tiny mesh.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "codec/json_codec.h"
#include "tests/testing/cli_runner.h"

namespace linea {
namespace {

using codec::Json;
using testing::CliResult;
using testing::RunLinea;
using ::testing::HasSubstr;

class AdminCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshTestDir();
    db_ = dir_ + "/linea.db";
    ASSERT_EQ(Linea({"generate", "--scale", "tiny"}).exit_code, 0);
  }
  CliResult Linea(std::vector<std::string> args, const std::string& stdin_text = "") {
    args.push_back("--db");
    args.push_back(db_);
    return RunLinea(args, stdin_text);
  }
  std::string Export() { return Linea({"export"}).out; }

  std::string dir_, db_;
};

constexpr char kMartPlan[] =
    "would delete table hive.mart_geo.cell_events_mart with 5 columns and 21 links\n"
    "impact: 2 models, 1 dashboard, 1 deployment, 2 teams\n"
    "  LOSES LINEAGE  ASSETS\n"
    "  models         mlflow_b2c.arpu_forecast, mlflow_b2c.credit_scoring\n"
    "  dashboards     qlik.geo_cell_events_overview\n"
    "  deployments    seldon.credit_scoring_prod\n"
    "  teams          geo_data, scoring_ds\n";

TEST_F(AdminCliTest, DeleteShowsWhatGoesAndNeedsYes) {
  const std::string before = Export();
  CliResult dry = Linea({"delete", "hive.mart_geo.cell_events_mart", "--dry-run"});
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_EQ(dry.out, kMartPlan);
  EXPECT_EQ(dry.err, "");
  // Neither flag: the same plan, then a refusal.
  CliResult asked = Linea({"delete", "hive.mart_geo.cell_events_mart"});
  EXPECT_EQ(asked.exit_code, 2);
  EXPECT_EQ(asked.out, kMartPlan);
  EXPECT_EQ(asked.err, "linea: nothing deleted: pass --yes to delete "
                       "hive.mart_geo.cell_events_mart (or --dry-run to only look)\n");
  EXPECT_EQ(Export(), before);

  CliResult gone = Linea({"delete", "hive.mart_geo.cell_events_mart", "--yes"});
  ASSERT_EQ(gone.exit_code, 0) << gone.err;
  EXPECT_THAT(gone.out, ::testing::StartsWith("deleted table hive.mart_geo.cell_events_mart with "
                                              "5 columns and 21 links\n"));
  EXPECT_EQ(Linea({"show", "hive.mart_geo.cell_events_mart.dt"}).exit_code, 2);
  CliResult impact = Linea({"impact", "hive.agg_geo.cell_events_daily", "--json"});
  Json models = Json::parse(impact.out)["models"];
  for (const Json& m : models) EXPECT_NE(m["fqn"], "mlflow_b2c.arpu_forecast") << impact.out;
}

TEST_F(AdminCliTest, DeleteModelTakesItsFeaturesAndJson) {
  CliResult r = Linea({"delete", "mlflow_b2c.churn_scoring", "--yes", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json j = Json::parse(r.out);
  EXPECT_EQ(j["fqn"], "mlflow_b2c.churn_scoring");
  EXPECT_EQ(j["kind"], "model");
  EXPECT_EQ(j["dry_run"], false);
  EXPECT_EQ(j["deleted"], 5);  // the model and its 4 features
  EXPECT_EQ(j["impact"]["deployments"], Json::parse(R"(["seldon.churn_scoring_prod"])"));
  CliResult search = Linea({"search", "churn_scoring", "--kind", "feature", "--json"});
  EXPECT_EQ(Json::parse(search.out)["total"], 0);
}

TEST_F(AdminCliTest, DeleteBadInputIsOneLineAndDeletesNothing) {
  const std::string before = Export();
  CliResult unknown = Linea({"delete", "mlflow_b2c.chrun_scoring", "--yes"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err, "linea: unknown asset mlflow_b2c.chrun_scoring (did you mean "
                         "mlflow_b2c.churn_scoring, mlflow_b2c.credit_scoring?)\n");
  EXPECT_EQ(unknown.out, "");
  CliResult invalid = Linea({"delete", "hive..x", "--yes"});
  EXPECT_EQ(invalid.exit_code, 2);
  EXPECT_EQ(invalid.err, "linea: invalid FQN \"hive..x\": empty segment at offset 5\n");
  CliResult both = Linea({"delete", "hive.raw_geo.cell_events", "--yes", "--dry-run"});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_EQ(both.err, "linea: --dry-run excludes --yes (see linea --help)\n");
  EXPECT_EQ(Export(), before);
  CliResult missing = RunLinea({"delete", "hive.raw_geo.cell_events", "--yes", "--db",
                                dir_ + "/none.db"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("linea: no catalog at"));
}

}  // namespace
}  // namespace linea
