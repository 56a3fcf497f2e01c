// End-to-end: the real `linea` binary on real SQLite files, driven like a user or CI job.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "codec/json_codec.h"
#include "common/strings.h"
#include "tests/testing/cli_runner.h"

namespace linea {
namespace {

using codec::Json;
using testing::CliResult;
using testing::ReadFile;
using testing::RunLinea;
using testing::WriteFile;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

std::vector<std::string> Fqns(const Json& list) {
  std::vector<std::string> out;
  for (const Json& item : list) out.push_back(item["fqn"].get<std::string>());
  return out;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshTestDir();
    db_ = dir_ + "/linea.db";
  }
  CliResult Linea(std::vector<std::string> args, const std::string& stdin_text = "") {
    args.push_back("--db");
    args.push_back(db_);
    return RunLinea(args, stdin_text);
  }
  Json LineaJson(std::vector<std::string> args) {
    args.push_back("--json");
    CliResult r = Linea(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Json::parse(r.out);
  }
  void GenerateTiny() {
    CliResult r = Linea({"generate", "--scale", "tiny"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  std::string Export() {
    CliResult r = Linea({"export"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }
  std::string dir_, db_;
};

// Hand-checked against the tiny mesh (docs/generate.md): distance_km flows raw → ods
// distance_km_std → agg distance_km_cnt_1d, which feeds three mart columns read by all models.
TEST_F(CliTest, ImpactOfRawColumnOnTinyMesh) {
  GenerateTiny();
  Json j = LineaJson({"impact", "hive.raw_geo.cell_events.distance_km"});
  EXPECT_EQ(j["root"]["kind"], "column");
  EXPECT_THAT(Fqns(j["models"]), ElementsAre("mlflow_b2c.arpu_forecast", "mlflow_b2c.churn_scoring",
                                             "mlflow_b2c.credit_scoring"));
  const Json& arpu = j["models"][0];
  EXPECT_EQ(arpu["distance"], 5);
  EXPECT_EQ(arpu["features"], Json::parse(R"(["mlflow_b2c.arpu_forecast.distance_km_cnt_1d_ratio",
      "mlflow_b2c.arpu_forecast.distance_km_cnt_1d_ratio_woe",
      "mlflow_b2c.arpu_forecast.distance_km_cnt_1d_trend"])"));
  EXPECT_EQ(arpu["path"], Json::parse(R"(["hive.raw_geo.cell_events.distance_km",
      "hive.ods_geo.cell_events.distance_km_std", "hive.agg_geo.cell_events_daily.distance_km_cnt_1d",
      "hive.mart_geo.cell_events_mart.distance_km_cnt_1d_ratio",
      "mlflow_b2c.arpu_forecast.distance_km_cnt_1d_ratio", "mlflow_b2c.arpu_forecast"])"));
  EXPECT_EQ(arpu["owners"], Json::parse(R"(["team:scoring_ds"])"));
  EXPECT_EQ(arpu["domain"], "scoring");
  EXPECT_EQ(j["models"][1]["features"],
            Json::parse(R"(["mlflow_b2c.churn_scoring.approval_flag_cnt_90d_ratio",
                            "mlflow_b2c.churn_scoring.approval_flag_cnt_90d_ratio_lag1"])"));
  // The dashboard reads the mart table as a whole (table-level edge).
  ASSERT_EQ(j["dashboards"].size(), 1u);
  EXPECT_EQ(j["dashboards"][0]["path"][4], "hive.mart_geo.cell_events_mart");
  EXPECT_EQ(j["dashboards"][0]["path"][5], "qlik.geo_cell_events_overview");
  EXPECT_THAT(Fqns(j["deployments"]),
              ElementsAre("seldon.churn_scoring_prod", "seldon.credit_scoring_prod"));
  EXPECT_EQ(j["deployments"][0]["distance"], 6);
  ASSERT_EQ(j["teams"].size(), 2u);
  EXPECT_EQ(j["teams"][0]["team"], "geo_data");
  EXPECT_EQ(j["teams"][1]["team"], "scoring_ds");
  EXPECT_EQ(j["teams"][1]["models"].size(), 3u);
  EXPECT_EQ(j["teams"][1]["deployments"].size(), 2u);
  EXPECT_EQ(j["teams"][1]["contacts"][0]["address"], "scoring_ds@example.com");
  EXPECT_EQ(j["counts"]["model"], 3);
  EXPECT_EQ(j["counts"]["feature"], 8);
  EXPECT_EQ(j["truncated"], false);

  // The same walk, capped: depth 4 reaches no model.
  j = LineaJson({"impact", "hive.raw_geo.cell_events.distance_km", "--depth", "4"});
  EXPECT_THAT(j["models"], IsEmpty());
  // Only dashboards.
  j = LineaJson({"impact", "hive.raw_geo.cell_events.distance_km", "--kinds", "dashboard"});
  EXPECT_THAT(j["models"], IsEmpty());
  EXPECT_EQ(j["dashboards"].size(), 1u);

  CliResult text = Linea({"impact", "hive.raw_geo.cell_events.distance_km"});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_THAT(text.out, HasSubstr("3 models, 1 dashboard, 2 deployments, 2 teams"));
  // Whom to tell comes first, with what of theirs breaks.
  ASSERT_NE(text.out.find("TEAMS TO NOTIFY (2)"), std::string::npos);
  EXPECT_LT(text.out.find("TEAMS TO NOTIFY"), text.out.find("MODELS (3)"));
  EXPECT_THAT(text.out, HasSubstr("\n  scoring_ds        mlflow_b2c.arpu_forecast, "));
  // The broken column's own team is marked.
  EXPECT_THAT(text.out, HasSubstr("\n  geo_data (owner)  qlik.geo_cell_events_overview "));

  // --kinds: the header counts only what is reported; "Reached" says it counts every kind.
  text = Linea({"impact", "hive.raw_geo.cell_events.distance_km", "--kinds", "model"});
  // The models' team and the broken column's own (one rule with incidents).
  EXPECT_THAT(text.out, HasSubstr("(column): 3 models, 2 teams\n"));
  EXPECT_THAT(text.out, HasSubstr("Reached (every kind): "));

  // At a fixed terminal width every line fits (lists end in "+N more", paths skip the middle);
  // --wide and a pipe print them whole.
  CliResult narrow = RunLinea({"impact", "hive.raw_geo.cell_events.distance_km", "--db", db_}, "",
                              "", {"COLUMNS=100"});
  ASSERT_EQ(narrow.exit_code, 0) << narrow.err;
  size_t longest = 0;
  for (const std::string& line : Split(narrow.out, '\n')) {
    size_t width = 0;
    for (unsigned char c : line) width += (c & 0xC0) != 0x80;
    longest = std::max(longest, width);
  }
  EXPECT_LE(longest, 100u) << narrow.out;
  EXPECT_THAT(narrow.out, HasSubstr(" more → "));
  CliResult wide = RunLinea({"impact", "hive.raw_geo.cell_events.distance_km", "--db", db_,
                             "--wide"}, "", "", {"COLUMNS=100"});
  EXPECT_THAT(wide.out, ::testing::Not(HasSubstr(" more → ")));
  CliResult piped = RunLinea({"impact", "hive.raw_geo.cell_events.distance_km", "--db", db_}, "",
                             "", {"COLUMNS="});
  EXPECT_EQ(piped.out, wide.out);
}

// A model reached only through a filter column: the path says so, and --direct-only skips it.
TEST_F(CliTest, ImpactPathShowsIndirectStepsAndDirectOnlySkipsThem) {
  testing::WriteFile(dir_ + "/doc.json", R"({
    "assets": [{"fqn": "hive.raw.calls", "kind": "table", "columns": [{"name": "region"}, {"name": "dur"}]},
               {"fqn": "hive.mart.usage", "kind": "table", "columns": [{"name": "dur_sum"}]},
               {"fqn": "mlflow.churn", "kind": "model", "owners": ["team:ds"],
                "features": [{"name": "dur_sum"}]}],
    "edges": [{"from": "hive.raw.calls.region", "to": "hive.mart.usage.dur_sum", "kind": "indirect"},
              {"from": "hive.raw.calls.dur", "to": "hive.mart.usage.dur_sum", "kind": "aggregation"},
              {"from": "hive.mart.usage.dur_sum", "to": "mlflow.churn.dur_sum"}],
    "provenance": "api:test"})");
  ASSERT_EQ(Linea({"import", dir_ + "/doc.json"}).exit_code, 0);
  Json j = LineaJson({"impact", "hive.raw.calls.region"});
  ASSERT_EQ(j["models"].size(), 1u);
  EXPECT_EQ(j["models"][0]["path_edges"], Json::parse(R"(["indirect", "", "contains"])"));
  CliResult text = Linea({"impact", "hive.raw.calls.region"});
  EXPECT_THAT(text.out,
              HasSubstr("path: hive.raw.calls.region →(indirect) hive.mart.usage.dur_sum → "
                        "mlflow.churn.dur_sum → mlflow.churn\n"));
  // An aggregation carries the value: no mark.
  text = Linea({"impact", "hive.raw.calls.dur"});
  EXPECT_THAT(text.out, HasSubstr("path: hive.raw.calls.dur → hive.mart.usage.dur_sum → "));
  text = Linea({"impact", "hive.raw.calls.region", "--direct-only"});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("(column): 0 models"));
  j = LineaJson({"upstream", "mlflow.churn", "--direct-only"});
  EXPECT_THAT(Fqns(j["sources"]), ::testing::Not(::testing::Contains("hive.raw.calls.region")));
  EXPECT_THAT(Fqns(j["sources"]), ::testing::Contains("hive.raw.calls.dur"));
}

// Every recipient of an incident is shown, also those that cannot be told; --dry-run opens
// nothing. The impact's teams follow the same rule (the broken asset's owners included).
TEST_F(CliTest, IncidentShowsWhoCannotBeToldAndDryRunOpensNothing) {
  testing::WriteFile(dir_ + "/doc.json", R"({
    "teams": [{"name": "raw", "contacts": [{"type": "email", "address": "raw@example.com"}]},
              {"name": "quiet"}],
    "assets": [{"fqn": "hive.raw.calls", "kind": "table", "owners": ["team:raw"],
                "columns": [{"name": "dur"}]},
               {"fqn": "mlflow.churn", "kind": "model", "owners": ["team:quiet", "user:ann"],
                "features": [{"name": "dur"}]},
               {"fqn": "mlflow.ltv", "kind": "model", "owners": ["team:ghost"],
                "features": [{"name": "dur"}]}],
    "edges": [{"from": "hive.raw.calls.dur", "to": "mlflow.churn.dur"},
              {"from": "hive.raw.calls.dur", "to": "mlflow.ltv.dur"}],
    "provenance": "api:test"})");
  ASSERT_EQ(Linea({"import", dir_ + "/doc.json"}).exit_code, 0);
  Json impact = LineaJson({"impact", "hive.raw.calls.dur"});
  ASSERT_EQ(impact["teams"].size(), 4u);  // user:ann is a recipient like the teams
  EXPECT_EQ(impact["teams"][3]["team"], "user:ann");
  EXPECT_EQ(impact["teams"][2]["team"], "raw");
  EXPECT_EQ(impact["teams"][2]["owns_root"], true);
  EXPECT_EQ(impact["teams"][0]["team"], "ghost");
  EXPECT_EQ(impact["teams"][0]["owns_root"], false);

  CliResult dry =
      Linea({"incident", "open", "hive.raw.calls.dur", "--title", "nulls", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_THAT(dry.out, StartsWith("dry run: an incident on hive.raw.calls.dur would notify 1 of 4 "
                                  "recipients; nothing was opened or sent\n"));
  EXPECT_THAT(dry.out, HasSubstr("\nNOTIFIED (1)\n"));
  EXPECT_THAT(dry.out, HasSubstr("\n  team:raw   email     2 models\n"));
  EXPECT_THAT(dry.out, HasSubstr("\nCANNOT BE NOTIFIED (3) — add contacts: linea team set … / "
                                 "linea user set …\n"));
  EXPECT_THAT(dry.out, HasSubstr("\n  team:ghost  not a catalog team  1 model\n"
                                 "  team:quiet  no contacts         1 model\n"
                                 "  user:ann    not a catalog user  1 model\n"));
  EXPECT_EQ(LineaJson({"incident", "list"})["incidents"].size(), 0u);

  CliResult open = Linea({"incident", "open", "hive.raw.calls.dur", "--title", "nulls"});
  ASSERT_EQ(open.exit_code, 0) << open.err;
  EXPECT_THAT(open.out, HasSubstr(" open on hive.raw.calls.dur; 1 notification queued for 1 of 4 "
                                  "recipients\n"));
  EXPECT_THAT(open.out, HasSubstr("CANNOT BE NOTIFIED (3)"));
  Json j = LineaJson({"incident", "open", "hive.raw.calls.dur", "--title", "x", "--dry-run"});
  EXPECT_EQ(j["dry_run"], true);
  EXPECT_EQ(j["created"], false);  // already open: a dry run names it
  EXPECT_EQ(j["recipients"].size(), 0u);
}

TEST_F(CliTest, LsBrowsesServicesDatabasesTablesAndColumns) {
  GenerateTiny();
  Json top = LineaJson({"ls"});
  std::vector<std::string> services;
  for (const Json& e : top["entries"]) services.push_back(e["name"]);
  EXPECT_THAT(services, ElementsAre("airflow", "hive", "kafka", "mlflow_b2b", "mlflow_b2c", "qlik",
                                    "seldon"));
  EXPECT_EQ(top["entries"][1]["kind"], "service");
  // A database is a level, not an asset; its count is every asset below it.
  Json hive = LineaJson({"ls", "hive"});
  ASSERT_FALSE(hive["entries"].empty());
  EXPECT_TRUE(hive["entries"][0]["kind"].is_null());
  Json table = LineaJson({"ls", "hive.raw_geo.cell_events"});
  EXPECT_EQ(table["kind"], "table");
  bool found = false;
  for (const Json& e : table["entries"]) {
    if (e["name"] != "distance_km") continue;
    found = true;
    EXPECT_EQ(e["fqn"], "hive.raw_geo.cell_events.distance_km");
    EXPECT_EQ(e["kind"], "column");
    EXPECT_EQ(e["assets"], 1);
  }
  EXPECT_TRUE(found) << table.dump();
  CliResult text = Linea({"ls", "hive"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, StartsWith("hive (service): " + std::to_string(hive["entries"].size()) +
                                   " entries\n  NAME            KIND  ASSETS\n"
                                   "  agg_billing     -     6\n"));
  text = Linea({"ls", "hive.raw_ge"});  // a level that is no asset: its siblings are candidates
  EXPECT_EQ(text.exit_code, 2);
  EXPECT_EQ(text.err, "linea: nothing at or below hive.raw_ge (did you mean hive.raw_geo?)\n");
  text = Linea({"ls", "hive.raw_geo.cell_event"});
  EXPECT_EQ(text.exit_code, 2);
  EXPECT_THAT(text.err,
              StartsWith("linea: nothing at or below hive.raw_geo.cell_event (did you mean "
                         "hive.raw_geo.cell_events"));
}

TEST_F(CliTest, UpstreamOfModelReachesRawAndKafka) {
  GenerateTiny();
  Json j = LineaJson({"upstream", "mlflow_b2c.credit_scoring"});
  std::vector<std::string> sources = Fqns(j["sources"]);
  // Nearest first: the mart columns its features read.
  EXPECT_THAT(std::vector<std::string>(sources.begin(), sources.begin() + 3),
              ElementsAre("hive.mart_geo.cell_events_mart.distance_km_cnt_1d_trend",
                          "hive.mart_geo.cell_events_mart.subscriber_id",
                          "hive.mart_scoring.credit_checks_mart.income_rub_avg_7d_ratio"));
  EXPECT_EQ(j["sources"][0]["distance"], 2);
  EXPECT_THAT(sources, ::testing::Contains("hive.raw_geo.cell_events.distance_km"));
  EXPECT_THAT(sources, ::testing::Contains("kafka.geo_cell_events.distance_km"));
  // Features of the model itself are not sources.
  EXPECT_THAT(sources, ::testing::Not(::testing::Contains("mlflow_b2c.credit_scoring.subscriber_id")));

  // The text groups them: suspects, then source tables with the features they feed, then teams.
  CliResult text = Linea({"upstream", "mlflow_b2c.credit_scoring", "--limit", "3"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("(model): 48 sources in 12 tables, 0 with evidence\n"));
  EXPECT_THAT(text.out, HasSubstr("hive.mart_scoring.credit_checks_mart  1        income_rub_avg_7d_ratio"));
  EXPECT_THAT(text.out, HasSubstr("(3 of 12 shown; --limit 12 for all)"));
  EXPECT_THAT(text.out, HasSubstr("OWNING TEAMS (3)"));
  EXPECT_THAT(text.out, ::testing::Not(HasSubstr("SUSPECTS")));
  ASSERT_EQ(Linea({"incident", "open", "hive.raw_geo.cell_events.distance_km", "--title", "nulls"})
                .exit_code, 0);
  text = Linea({"upstream", "mlflow_b2c.credit_scoring", "--limit", "0"});
  EXPECT_THAT(text.out, HasSubstr("1 with evidence\n\nSUSPECTS (1)\n"));
  EXPECT_THAT(text.out, HasSubstr("hive.raw_geo.cell_events.distance_km  incident inc-"));
  EXPECT_THAT(text.out, ::testing::Not(HasSubstr("incident: incident")));
  EXPECT_THAT(text.out, ::testing::Not(HasSubstr(" shown; --limit")));
  // The table with evidence leads the source tables.
  EXPECT_LT(text.out.find("hive.raw_geo.cell_events "), text.out.find("hive.mart_geo.cell_events_mart "));
}

TEST_F(CliTest, SearchToleratesTyposAndFilters) {
  GenerateTiny();
  Json j = LineaJson({"search", "chrun_scoring"});
  ASSERT_FALSE(j["results"].empty());
  EXPECT_EQ(j["results"][0]["fqn"], "mlflow_b2c.churn_scoring");
  j = LineaJson({"search", "distance_km_cnt_1d_trend", "--kind", "feature"});
  EXPECT_THAT(Fqns(j["results"]), ElementsAre("mlflow_b2c.arpu_forecast.distance_km_cnt_1d_trend",
                                              "mlflow_b2c.credit_scoring.distance_km_cnt_1d_trend",
                                              "mlflow_b2c.credit_scoring.distance_km_cnt_1d_trend_bin"));
  EXPECT_EQ(j["total"], 3);
  j = LineaJson({"search", "cell_events", "--kind", "table", "--limit", "1"});
  EXPECT_EQ(j["results"].size(), 1u);
  EXPECT_EQ(j["total"], 4);
  // A model outranks columns matched as well; the first line says how to page.
  CliResult text = Linea({"search", "chrun", "--limit", "2"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, StartsWith("2 of "));
  EXPECT_THAT(text.out, HasSubstr(" matches — next page: --offset 2 (all: --limit "));
  j = LineaJson({"search", "chrun"});
  EXPECT_EQ(j["results"][0]["fqn"], "mlflow_b2c.churn_scoring");
  text = Linea({"search", "chrun", "--offset", "2", "--limit", "1"});
  EXPECT_THAT(text.out, StartsWith("3–3 of "));
}

constexpr char kManifest[] = R"(model: mlflow_b2c.churn_v2
version: "3"
owners: [team:scoring_ds]
domain: scoring
features:
  - name: moves_ratio
    sources: [hive.mart_geo.cell_events_mart.distance_km_cnt_1d_ratio]
    transform: "log1p"
  - table: hive.mart_billing.invoices_mart
    columns: [discount_rub_sum_1d_share, dt]
outputs: [hive.scores_scoring.churn_scoring_scores]
)";

TEST_F(CliTest, ShowOneAssetWithOwnersFeaturesDeploymentsAndIncidents) {
  GenerateTiny();
  Json model = LineaJson({"show", "mlflow_b2c.churn_scoring"});
  EXPECT_EQ(model["kind"], "model");
  EXPECT_EQ(model["deployments"], Json::parse(R"(["seldon.churn_scoring_prod"])"));
  EXPECT_EQ(model["owner_contacts"]["team:scoring_ds"][0], "scoring_ds@example.com");
  ASSERT_EQ(model["child_details"].size(), model["children"].size());
  for (const Json& f : model["child_details"]) {
    EXPECT_EQ(f["kind"], "feature");
    EXPECT_FALSE(f["sources"].empty()) << f.dump();
  }
  EXPECT_TRUE(model["open_incidents"].empty());

  // An incident on one of its features shows on the model; the text names it and its sources.
  const std::string feature = model["child_details"][0]["fqn"];
  ASSERT_EQ(Linea({"incident", "open", feature, "--title", "nulls"}).exit_code, 0);
  CliResult text = Linea({"show", "mlflow_b2c.churn_scoring"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("model mlflow_b2c.churn_scoring\n"));
  EXPECT_THAT(text.out, HasSubstr("owners       team:scoring_ds (scoring_ds@example.com"));
  EXPECT_THAT(text.out, HasSubstr("deployments  seldon.churn_scoring_prod\n"));
  EXPECT_THAT(text.out, HasSubstr("(high, open) nulls"));
  EXPECT_THAT(text.out, HasSubstr("FEATURE"));
  EXPECT_THAT(text.out, HasSubstr(model["child_details"][0]["sources"][0].get<std::string>()));

  Json table = LineaJson({"show", "hive.raw_geo.cell_events"});
  EXPECT_EQ(table["child_details"].size(), 5u);
  for (const Json& c : table["child_details"]) {
    if (c["name"] == "distance_km") {
      EXPECT_EQ(c["data_type"], "double");
      EXPECT_FALSE(c["readers"].empty());
    }
  }
  CliResult typo = Linea({"show", "mlflow_b2c.chrun_scoring"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_THAT(typo.err, HasSubstr("mlflow_b2c.churn_scoring"));
  EXPECT_TRUE(typo.out.empty());
}

TEST_F(CliTest, ManifestApplyEditReapply) {
  GenerateTiny();
  std::string file = dir_ + "/lineage.yaml";
  WriteFile(file, kManifest);

  CliResult dry = Linea({"apply", "-f", file, "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_THAT(dry.out, HasSubstr("would change, 3 features"));
  EXPECT_THAT(dry.out, HasSubstr("+ feature moves_ratio"));
  Json impact = LineaJson({"impact", "hive.mart_billing.invoices_mart.dt"});
  EXPECT_THAT(Fqns(impact["models"]), IsEmpty());  // dry run wrote nothing

  CliResult applied = Linea({"apply", "-f", file});
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  EXPECT_THAT(applied.out, HasSubstr("mlflow_b2c.churn_v2 (" + file + "): applied, 3 features"));
  impact = LineaJson({"impact", "hive.mart_billing.invoices_mart.dt"});
  EXPECT_THAT(Fqns(impact["models"]), ElementsAre("mlflow_b2c.churn_v2"));
  EXPECT_EQ(impact["models"][0]["features"], Json::parse(R"(["mlflow_b2c.churn_v2.dt"])"));

  // Applying twice changes nothing.
  std::string before = Export();
  CliResult again = Linea({"apply", "-f", file, "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(Json::parse(again.out)["models"][0]["changed"], false);
  EXPECT_EQ(Export(), before);

  // Edit: drop `dt`, move moves_ratio to another source.
  std::string edited = kManifest;
  edited.replace(edited.find("distance_km_cnt_1d_ratio]"), 25, "distance_km_cnt_1d_trend]");
  edited.replace(edited.find(", dt]"), 5, "]");
  WriteFile(file, edited);
  CliResult edit = Linea({"apply", "-f", file});
  ASSERT_EQ(edit.exit_code, 0) << edit.err;
  EXPECT_THAT(edit.out, HasSubstr("- feature dt"));
  impact = LineaJson({"impact", "hive.mart_billing.invoices_mart.dt"});
  EXPECT_THAT(Fqns(impact["models"]), IsEmpty());
  impact = LineaJson({"impact", "hive.mart_geo.cell_events_mart.distance_km_cnt_1d_trend"});
  EXPECT_THAT(Fqns(impact["models"]), ::testing::Contains("mlflow_b2c.churn_v2"));
  impact = LineaJson({"impact", "hive.mart_geo.cell_events_mart.distance_km_cnt_1d_ratio"});
  EXPECT_THAT(Fqns(impact["models"]), ::testing::Not(::testing::Contains("mlflow_b2c.churn_v2")));
}

TEST_F(CliTest, ManifestUnknownSourceFailsWithCandidateAndWritesNothing) {
  GenerateTiny();
  std::string before = Export();
  std::string bad = kManifest;
  bad.replace(bad.find("cnt_1d_ratio]"), 13, "cnt_1d_ratoi]");
  std::string dir = dir_ + "/models";
  std::filesystem::create_directories(dir + "/churn");
  WriteFile(dir + "/churn/lineage.yaml", bad);
  WriteFile(dir + "/ok.yaml", "model: mlflow_b2c.other\nfeatures:\n  - name: a\n"
                              "    sources: [hive.mart_geo.cell_events_mart.dt]\n");
  CliResult r = Linea({"apply", "-f", dir});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, StartsWith("linea: " + dir + "/churn/lineage.yaml:7: unknown source "
                                "hive.mart_geo.cell_events_mart.distance_km_cnt_1d_ratoi (did you "
                                "mean hive.mart_geo.cell_events_mart.distance_km_cnt_1d_ratio"));
  EXPECT_THAT(r.err, HasSubstr("1 problem found; nothing applied"));
  EXPECT_EQ(Export(), before);  // the valid file in the same run was not applied either
}

TEST_F(CliTest, ExportImportExportIsIdentical) {
  GenerateTiny();
  // With the contacts' secrets: a redacted export is refused on import (secrets_e2e_test.cc).
  std::string first = RunLinea({"export", "--include-secrets", "--db", db_}).out;
  std::string file = dir_ + "/catalog.json";
  WriteFile(file, first);
  std::string other_db = dir_ + "/copy.db";
  CliResult imported = RunLinea({"import", file, "--db", other_db});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  CliResult second = RunLinea({"export", "--include-secrets", "--db", other_db});
  ASSERT_EQ(second.exit_code, 0);
  EXPECT_EQ(second.out, first);
  Json doc = Json::parse(first);
  EXPECT_EQ(doc["edges"].size(), 103u);
  EXPECT_EQ(doc["teams"].size(), 4u);
}

TEST_F(CliTest, ImportFromStdinAndQuotedNames) {
  CliResult r = Linea({"import", "-"}, R"({"assets": [
      {"fqn": "kafka.\"geo.moves.v1\"", "kind": "topic", "owners": ["team:geo"],
       "columns": [{"name": "cell id", "type": "string"}]},
      {"fqn": "hive.geo.moves", "kind": "table", "columns": [{"name": "cell_id"}]}],
    "edges": [{"from": "kafka.\"geo.moves.v1\".\"cell id\"", "to": "hive.geo.moves.cell_id"}]})");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("imported -: 6 assets, 1 edge in 1 provenance, 0 teams"));
  Json j = LineaJson({"upstream", "hive.geo.moves.cell_id"});
  // Its own table (a failed run there breaks the column), then the quoted Kafka field.
  EXPECT_EQ(j["sources"][0]["fqn"], "hive.geo.moves");
  EXPECT_EQ(j["sources"][1]["fqn"], "kafka.\"geo.moves.v1\".\"cell id\"");
  EXPECT_EQ(j["sources"][1]["owners"], Json::parse(R"(["team:geo"])"));  // from the topic
}

TEST_F(CliTest, EveryCommandHasHelpAndVersion) {
  for (const char* cmd : {"import", "export", "generate", "apply", "impact", "upstream", "search",
                          "delete", "team", "subscribe"}) {
    CliResult r = RunLinea({cmd, "--help"});
    EXPECT_EQ(r.exit_code, 0) << cmd;
    EXPECT_THAT(r.out, HasSubstr("Usage: linea " + std::string(cmd))) << cmd;
  }
  CliResult v = RunLinea({"--version"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_EQ(v.out, "linea " LINEA_VERSION "\n");
}

}  // namespace
}  // namespace linea
