// End-to-end: looking after the catalog from the command line — retiring assets (`linea
// delete`), teams and their contacts (`linea team`), subscriptions (`linea subscribe`) — on the
// real binary and the tiny mesh.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "codec/json_codec.h"
#include "tests/testing/cli_runner.h"

namespace linea {
namespace {

using codec::Json;
using testing::CliResult;
using ::testing::HasSubstr;
using testing::RunLinea;

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
  EXPECT_EQ(asked.err,
            "linea: nothing deleted: pass --yes to delete "
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
  EXPECT_EQ(unknown.err,
            "linea: unknown asset mlflow_b2c.chrun_scoring (did you mean "
            "mlflow_b2c.churn_scoring, mlflow_b2c.credit_scoring?)\n");
  EXPECT_EQ(unknown.out, "");
  CliResult invalid = Linea({"delete", "hive..x", "--yes"});
  EXPECT_EQ(invalid.exit_code, 2);
  EXPECT_EQ(invalid.err, "linea: invalid FQN \"hive..x\": empty segment at offset 5\n");
  CliResult both = Linea({"delete", "hive.raw_geo.cell_events", "--yes", "--dry-run"});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_EQ(both.err, "linea: --dry-run excludes --yes (see linea --help)\n");
  EXPECT_EQ(Export(), before);
  CliResult missing =
      RunLinea({"delete", "hive.raw_geo.cell_events", "--yes", "--db", dir_ + "/none.db"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("linea: no catalog at"));
}

TEST_F(AdminCliTest, TeamListShowSet) {
  CliResult list = Linea({"team", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out, ::testing::StartsWith("TEAM          CONTACTS  "));
  EXPECT_THAT(list.out, HasSubstr("\ngeo_data      email geo_data@example.com, slack "
                                  "https://hooks.example.com/slack/geo_data              geo data "
                                  "engineering\n"));
  CliResult set = Linea({"team", "set", "risk", "--description", "Risk office", "--contact",
                         "email:risk@example.com", "--contact",
                         R"({"type": "webhook", "url": "https://hooks.example.com/risk",
                             "secret": "s3cret"})"});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_EQ(set.out, "team risk set: 2 contacts\n");
  CliResult show = Linea({"team", "show", "team:risk"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_EQ(show.out,
            "team risk\n"
            "description    Risk office\n"
            "contacts       email risk@example.com\n"
            "               webhook https://hooks.example.com/risk\n"
            "subscriptions  none\n");
  // The local file's owner sees it, in an export only when asked for.
  Json exported = Json::parse(Linea({"export", "--include-secrets"}).out);
  Json risk;
  for (const Json& t : exported["teams"]) {
    if (t["name"] == "risk") risk = t;
  }
  EXPECT_EQ(risk["contacts"][1]["secret"], "s3cret");
  Json redacted = Json::parse(Export());  // a temporary would die before the loop's body
  for (const Json& t : redacted["teams"]) {
    if (t["name"] == "risk") {
      EXPECT_EQ(t["contacts"][1]["secret"], "[redacted]");
    }
  }
  // `set` replaces: a team set again with no contacts has none.
  ASSERT_EQ(Linea({"team", "set", "risk"}).exit_code, 0);
  EXPECT_THAT(Linea({"team", "show", "risk"}).out,
              HasSubstr("contacts       (no contacts: nobody is notified)\n"));
  Json j = Json::parse(Linea({"team", "show", "risk", "--json"}).out);
  EXPECT_EQ(j, Json::parse(R"({"name": "risk", "contacts": [], "subscriptions": []})"));
}

TEST_F(AdminCliTest, SubscribeAddListRemove) {
  ASSERT_EQ(Linea({"team", "set", "risk", "--contact", "email:risk@example.com"}).exit_code, 0);
  CliResult r = Linea({"subscribe", "team:risk", "--domain", "scoring"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "team:risk follows domain scoring\n");
  r = Linea({"subscribe", "team:risk", "--model", "mlflow_b2c.churn_scoring"});
  EXPECT_EQ(r.out, "team:risk follows model mlflow_b2c.churn_scoring\n");
  EXPECT_EQ(Linea({"subscribe", "--list"}).out,
            "SUBSCRIBER  FOLLOWS  TARGET\n"
            "team:risk   domain   scoring\n"
            "team:risk   model    mlflow_b2c.churn_scoring\n");
  EXPECT_THAT(Linea({"team", "show", "risk"}).out,
              HasSubstr("subscriptions  domain scoring, model mlflow_b2c.churn_scoring\n"));
  // An incident upstream of the model now reaches team:risk's contact as well.
  CliResult opened = Linea(
      {"incident", "open", "hive.raw_geo.cell_events.distance_km", "--title", "late", "--json"});
  ASSERT_EQ(opened.exit_code, 0) << opened.err;
  const std::string id = Json::parse(opened.out)["id"];
  Json incident = Json::parse(Linea({"incident", "show", id, "--json"}).out);
  std::set<std::string> told;
  for (const Json& d : incident["deliveries"]) told.insert(d["team"].get<std::string>());
  EXPECT_THAT(told, ::testing::ElementsAre("team:geo_data", "team:risk", "team:scoring_ds"));
  r = Linea({"subscribe", "team:risk", "--model", "mlflow_b2c.churn_scoring", "--remove"});
  EXPECT_EQ(r.out, "team:risk no longer follows model mlflow_b2c.churn_scoring\n");
  EXPECT_EQ(Linea({"subscribe", "--list", "team:risk"}).out,
            "SUBSCRIBER  FOLLOWS  TARGET\n"
            "team:risk   domain   scoring\n");
  Json j = Json::parse(Linea({"subscribe", "--list", "--json"}).out);
  EXPECT_EQ(j, Json::parse(R"({"subscriptions": [{"subscriber": "team:risk",
                                                  "domain": "scoring"}]})"));
}

TEST_F(AdminCliTest, TeamAndSubscribeBadInputIsOneLineAndChangesNothing) {
  const std::string before = Export();
  struct Case {
    std::vector<std::string> args;
    std::string err;
  };
  const std::vector<Case> cases = {
      {{"team", "show", "geo_dat"}, "linea: unknown team geo_dat (did you mean geo_data?)\n"},
      {{"team", "set", "risk", "--contact", "slack:ftp://x"},
       "linea: team risk: contact 0 (slack): url \"ftp://x\" is not an http(s) URL\n"},
      {{"team", "set", "risk", "--contact", "pager:123"},
       "linea: team risk: contact 0 (pager): unknown type; expected one of webhook, slack, "
       "msteams, mattermost, telegram, email\n"},
      {{"team", "set", "risk", "--contact", "nonsense"},
       "linea: --contact \"nonsense\": expected TYPE:VALUE (email:team@example.com) or a JSON "
       "contact object\n"},
      {{"team", "set", "risk", "--contact", "{\"type\": "}, "linea: --contact: malformed JSON: "},
      {{"team"}, "linea: A subcommand is required (see linea --help)\n"},
      {{"subscribe", "team:risk", "--model", "mlflow_b2c.chrun_scoring"},
       "linea: subscription of team:risk: unknown asset mlflow_b2c.chrun_scoring (did you mean "
       "mlflow_b2c.churn_scoring, mlflow_b2c.credit_scoring?)\n"},
      {{"subscribe", "team:risk", "--model", "hive.raw_geo.cell_events"},
       "linea: subscription of team:risk: hive.raw_geo.cell_events is a table, not a model\n"},
      {{"subscribe", "team:risk"},
       "linea: subscribe team:risk: name exactly one of --asset, --domain, --model\n"},
      {{"subscribe", "team:risk", "--domain", "a", "--asset", "hive.raw_geo.cell_events"},
       "linea: subscribe team:risk: name exactly one of --asset, --domain, --model\n"},
      {{"subscribe", "--domain", "scoring"},
       "linea: subscribe: name the subscriber (team:<name> or user:<name>), or --list\n"},
      {{"subscribe", "risk", "--domain", "scoring"},
       "linea: subscription of risk: subscriber must be team:<name> or user:<name>\n"},
  };
  for (const Case& c : cases) {
    CliResult r = Linea(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args[0] << " " << c.args.back();
    EXPECT_THAT(r.err, ::testing::StartsWith(c.err)) << c.args.back();
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.out, "");
  }
  EXPECT_EQ(Export(), before);
}

}  // namespace
}  // namespace linea
