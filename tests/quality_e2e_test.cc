// End-to-end: data-quality results over real HTTP on the real server (issue #18). A drifting
// column's fail opens an incident whose notifications reach, through the outbox, the real
// webhook receivers of exactly the teams of the models that read it; its recovery resolves the
// incident; malformed results are refused naming the field and store nothing; the monthly
// stability report is served as HTML with SVG charts; the CLI posts, shows and writes reports.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "codec/json_codec.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/test_server.h"
#include "tests/testing/webhook_receiver.h"

namespace linea {
namespace {

using codec::Json;
using testing::CliResult;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::RunLinea;
using testing::TestServer;
using ::testing::UnorderedElementsAre;
using testing::Webhook;
using testing::WebhookReceiver;

constexpr char kColumn[] = "hive.raw.src.c";
// 2026-01-01T06:00:00Z and one "month" (30 days) apart: period i is measured at kJan + i·kMonth.
constexpr int64_t kJan = 1767247200000;
constexpr int64_t kMonth = 30LL * 24 * 3600 * 1000;

Json Body(const httplib::Result& r) {
  EXPECT_TRUE(r) << "no response";
  return r ? Json::parse(r->body, nullptr, false) : Json();
}

// hive.raw.src.c feeds one feature of each of four models owned by three teams with webhooks;
// the column's table belongs to team:data, which has no contacts.
Json QualityMesh(const WebhookReceiver& receiver) {
  Json teams = Json::array({{{"name", "data"}}});
  for (const char* team : {"alpha", "beta", "gamma"}) {
    teams.push_back({{"name", team},
                     {"contacts",
                      {{{"type", "webhook"},
                        {"url", receiver.url(std::string("/") + team)},
                        {"secret", std::string("s-") + team}}}}});
  }
  Json assets = {{{"fqn", "hive.raw.src"},
                  {"kind", "table"},
                  {"owners", {"team:data"}},
                  {"domain", "raw"},
                  {"columns", {{{"name", "c"}}, {{"name", "d"}}}}}};
  Json edges = Json::array();
  const std::vector<std::pair<std::string, std::string>> models = {{"mlflow.m1", "alpha"},
                                                                   {"mlflow.m2", "beta"},
                                                                   {"mlflow.m3", "gamma"},
                                                                   {"mlflow.m4", "gamma"}};
  for (const auto& [model, team] : models) {
    assets.push_back({{"fqn", model},
                      {"kind", "model"},
                      {"owners", {"team:" + team}},
                      {"features", {{{"name", "f"}}}}});
    edges.push_back({{"from", kColumn}, {"to", model + ".f"}});
  }
  return {{"teams", teams}, {"assets", assets}, {"edges", edges}, {"provenance", "api:test"}};
}

double NormalCdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// A drift result of `kColumn` for period `i` ("2026-0i"): 10,000 values of N(shift, 1) counted
// in 40 bins of width 0.2 over [-4, 4] (the tails in the outer bins).
Json DriftResult(int i, double shift) {
  Json edges = Json::array(), counts = Json::array();
  for (int b = 0; b <= 40; ++b) edges.push_back(-4.0 + 0.2 * b);
  for (int b = 0; b < 40; ++b) {
    const double lo = b == 0 ? -INFINITY : -4.0 + 0.2 * b;
    const double hi = b == 39 ? INFINITY : -4.0 + 0.2 * (b + 1);
    counts.push_back(std::round(10000 * (NormalCdf(hi - shift) - NormalCdf(lo - shift))));
  }
  return {{"asset", kColumn},
          {"kind", "drift"},
          {"timestamp", kJan + i * kMonth},
          {"period", "2026-0" + std::to_string(i + 1)},
          {"distribution", {{"edges", edges}, {"counts", counts}}}};
}

std::string TeamOf(const Webhook& hook) { return hook.path.substr(1); }

app::AppOptions FastOutbox() {
  app::AppOptions options;
  options.outbox.base_backoff_ms = 100;
  options.outbox.poll_ms = 100;
  options.outbox.transport.total_timeout_ms = 5000;
  options.outbox.transport.allowed_targets = *notify::ParseCidrs({"127.0.0.0/8"});
  return options;
}

class QualityServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshTestDir();
    server_ = std::make_unique<TestServer>(dir_ + "/linea.db", server::ServerOptions{},
                                           /*tiny_mesh=*/false, FastOutbox());
    writer_ = *server_->app().tokens().Create("profiler", auth::Role::kWriter, std::nullopt,
                                              catalog::Writer::Local("test"));
    auto r = server_->Client(writer_)->Put("/api/v1/catalog", QualityMesh(receiver_).dump(),
                                           "application/json");
    ASSERT_EQ(r->status, 200) << r->body;
  }
  httplib::Result PostResults(const Json& results) {
    return server_->Client(writer_)->Post("/api/v1/quality/results",
                                          Json{{"results", results}}.dump(), "application/json");
  }
  // Six stable months: the reference.
  void PostStableHalfYear() {
    Json results = Json::array();
    for (int i = 0; i < 6; ++i) results.push_back(DriftResult(i, 0.0));
    auto r = PostResults(results);
    ASSERT_EQ(r->status, 201) << r->body;
    Json j = Body(r);
    EXPECT_EQ(j["success"], 6);
    EXPECT_EQ(j["failed"].size(), 0u);
  }
  int64_t StoredResults() { return *server_->catalog().store().quality().CountResults(); }

  WebhookReceiver receiver_;
  std::string dir_, writer_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(QualityServerTest, DriftedColumnOpensOneIncidentThatReachesExactlyTheModelTeams) {
  PostStableHalfYear();
  // July: the column shifted by 1σ. PSI over the reference deciles ≈ 0.93 (≥ 0.25: fail).
  auto r = PostResults(Json::array({DriftResult(6, 1.0)}));
  ASSERT_EQ(r->status, 201) << r->body;
  Json posted = Body(r);
  EXPECT_EQ(posted["fail"], 1);
  EXPECT_THAT(posted["statuses"], ElementsAre("fail"));
  ASSERT_EQ(posted["failed"].size(), 1u);
  EXPECT_EQ(posted["failed"][0]["asset"], kColumn);
  EXPECT_EQ(posted["failed"][0]["check"], "drift");

  // One incident on the column, told to the three teams whose models read it (team:data, the
  // table's owner, has no contacts), each naming its own models.
  std::vector<Webhook> hooks = receiver_.WaitFor(3);
  ASSERT_EQ(hooks.size(), 3u);
  std::map<std::string, std::vector<std::string>> models_by_team;
  std::string incident_id;
  for (const Webhook& h : hooks) {
    Json body = Json::parse(h.body);
    EXPECT_EQ(body["type"], "incident.opened");
    EXPECT_EQ(body["incident"]["asset"], kColumn);
    EXPECT_THAT(body["incident"]["title"].get<std::string>(),
                HasSubstr("quality check drift (drift) failed on hive.raw.src.c for 2026-07"));
    incident_id = body["incident"]["id"];
    for (const Json& m : body["models"]) models_by_team[TeamOf(h)].push_back(m["fqn"]);
  }
  EXPECT_THAT(models_by_team["alpha"], ElementsAre("mlflow.m1"));
  EXPECT_THAT(models_by_team["beta"], ElementsAre("mlflow.m2"));
  EXPECT_THAT(models_by_team["gamma"], ElementsAre("mlflow.m3", "mlflow.m4"));

  // The series shows the fail with its PSI and rule; upstream of a model ranks the column
  // first, with the failing check as evidence.
  Json series = Body(server_->Client()->Get("/api/v1/quality/hive.raw.src.c?history=7"));
  ASSERT_EQ(series["series"].size(), 1u);
  const Json& latest = series["series"][0]["latest"];
  EXPECT_EQ(latest["status"], "fail");
  EXPECT_NEAR(latest["value"].get<double>(), 0.93, 0.05);
  EXPECT_EQ(latest["threshold"], "warn ≥ 0.10, fail ≥ 0.25");
  EXPECT_EQ(series["series"][0]["history"].size(), 7u);
  Json upstream = Body(server_->Client()->Get("/api/v1/upstream/mlflow.m1"));
  ASSERT_FALSE(upstream["sources"].empty());
  EXPECT_EQ(upstream["sources"][0]["fqn"], kColumn);
  std::set<std::string> evidence;
  for (const Json& e : upstream["sources"][0]["evidence"]) evidence.insert(e["type"]);
  EXPECT_TRUE(evidence.count("check_failed")) << upstream["sources"][0].dump();

  // August fails again: the same incident, no new message.
  r = PostResults(Json::array({DriftResult(7, 1.0)}));
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(Body(r)["failed"].size(), 0u);

  // September is back to normal: the series recovers, the incident is resolved and the three
  // teams are told.
  r = PostResults(Json::array({DriftResult(8, 0.0)}));
  ASSERT_EQ(r->status, 201) << r->body;
  ASSERT_EQ(Body(r)["recovered"].size(), 1u);
  std::vector<Webhook> all = receiver_.WaitFor(6);
  ASSERT_EQ(all.size(), 6u);
  std::multiset<std::string> types;
  for (const Webhook& h : all) types.insert(Json::parse(h.body)["type"].get<std::string>());
  EXPECT_EQ(types.count("incident.opened"), 3u);
  EXPECT_EQ(types.count("incident.resolved"), 3u);
  Json incident = Body(server_->Client()->Get("/api/v1/incidents/" + incident_id));
  EXPECT_EQ(incident["state"], "resolved");
  EXPECT_THAT(incident["resolution"].get<std::string>(),
              HasSubstr("quality check drift recovered for 2026-09"));
}

TEST_F(QualityServerTest, MalformedResultsAreRefusedNamingTheFieldAndStoreNothing) {
  struct Case {
    Json results;
    int status;
    std::string message;
  };
  Json good = DriftResult(0, 0.0);
  Json no_time = good;
  no_time.erase("timestamp");
  Json bad_status = good;
  bad_status["status"] = "green";
  Json bad_counts = good;
  bad_counts["distribution"]["counts"].erase(0);
  Json unknown = good;
  unknown["asset"] = "hive.raw.src.cc";
  Json bad_kind = good;
  bad_kind["kind"] = "drfit";
  const std::vector<Case> cases = {
      {Json::array({good, no_time}), 400,
       "results[1].timestamp: required, unix milliseconds (a positive integer)"},
      {Json::array({bad_status}), 400,
       "results[0].status: \"green\" is not a status (success, warn, fail, aborted)"},
      {Json::array({bad_counts}), 400, "results[0].distribution: 41 edges need 40 counts, not 39"},
      {Json::array({good, unknown}), 404, "results[1]: unknown asset hive.raw.src.cc"},
      {Json::array({bad_kind}), 400, "results[0]: unknown kind \"drfit\""},
  };
  for (const Case& c : cases) {
    auto r = PostResults(c.results);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, c.status) << r->body;
    EXPECT_EQ(Body(r)["error"]["message"], c.message);
  }
  auto r = server_->Client(writer_)->Post("/api/v1/quality/results", "{\"results\": [",
                                          "application/json");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(StoredResults(), 0);
  EXPECT_EQ(Body(server_->Client()->Get("/api/v1/quality/hive.raw.src"))["series"].size(), 0u);
}

// A result names who measured it; without a name it is the API's. The provenance is always
// the writer (its token), whatever the body says.
TEST_F(QualityServerTest, ResultsKeepTheSourceTheyNameAndTheWritersProvenance) {
  Json named = DriftResult(0, 0.0);
  named["source"] = "great_expectations";
  named["provenance"] = "someone-else";
  ASSERT_EQ(PostResults(Json::array({named, DriftResult(1, 0.0)}))->status, 201);
  Json series = Body(server_->Client()->Get("/api/v1/quality/hive.raw.src.c?history=2"));
  const Json& history = series["series"][0]["history"];
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0]["source"], "api");                 // 2026-02
  EXPECT_EQ(history[1]["source"], "great_expectations");  // 2026-01
  EXPECT_EQ(history[1]["provenance"], "profiler");
}

TEST_F(QualityServerTest, ScopedWriterRecordsOnlyTheAssetsOfItsScope) {
  catalog::WriteScope scope;
  scope.fqn_prefixes = {"mlflow"};
  const std::string scoped = *server_->app().tokens().Create("ml-profiler", auth::Role::kWriter,
                                                             scope, catalog::Writer::Local("test"));
  auto r = server_->Client(scoped)->Post("/api/v1/quality/results",
                                         Json{{"results", {DriftResult(0, 0.0)}}}.dump(),
                                         "application/json");
  EXPECT_EQ(r->status, 403) << r->body;
  EXPECT_THAT(Body(r)["error"]["message"].get<std::string>(),
              HasSubstr("token ml-profiler may not record quality of hive.raw.src.c"));
  EXPECT_EQ(StoredResults(), 0);
}

TEST_F(QualityServerTest, StabilityReportIsServedAsHtmlWithChartsAndAsJson) {
  PostStableHalfYear();
  ASSERT_EQ(PostResults(Json::array({DriftResult(6, 1.0)}))->status, 201);
  auto r = server_->Client()->Get("/api/v1/quality/report/mlflow.m1?period=2026-07");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_THAT(r->get_header_value("Content-Type"), HasSubstr("text/html"));
  EXPECT_THAT(r->body, HasSubstr("Feature stability of mlflow.m1 — 2026-07"));
  EXPECT_THAT(r->body, HasSubstr("<svg"));
  EXPECT_THAT(r->body, HasSubstr("hive.raw.src.c"));
  EXPECT_THAT(r->body, HasSubstr("class=\"badge fail\""));

  Json j =
      Body(server_->Client()->Get("/api/v1/quality/report/mlflow.m1?period=2026-07&format=json"));
  EXPECT_EQ(j["model"], "mlflow.m1");
  EXPECT_EQ(j["periods"].size(), 12u);
  EXPECT_EQ(j["periods"].back(), "2026-07");
  EXPECT_EQ(j["features_by_status"]["fail"], 1);
  ASSERT_EQ(j["features"].size(), 1u);
  EXPECT_EQ(j["features"][0]["fqn"], "mlflow.m1.f");
  EXPECT_THAT(j["features"][0]["sources"], ElementsAre(kColumn));
  const Json& trend = j["features"][0]["trends"][0];
  EXPECT_EQ(trend["kind"], "drift");
  EXPECT_EQ(trend["statuses"].back(), "fail");
  EXPECT_TRUE(trend["values"][0].is_null());  // 2025-08: no result

  EXPECT_EQ(server_->Client()->Get("/api/v1/quality/report/mlflow.m9")->status, 404);
  EXPECT_EQ(server_->Client()->Get("/api/v1/quality/report/mlflow.m1?period=July")->status, 400);
  EXPECT_EQ(server_->Client()->Get("/api/v1/quality/report/hive.raw.src?period=2026-07")->status,
            400);
}

// POST /api/v1/quality/digests: an admin queues July's digests; the three teams owning the
// models get one each through the outbox, exactly once however often it is asked; the errors
// name what is wrong.
TEST_F(QualityServerTest, MonthlyDigestsAreQueuedOnDemandOnceToTheOwningTeams) {
  PostStableHalfYear();
  ASSERT_EQ(PostResults(Json::array({DriftResult(6, 1.0)}))->status, 201);
  ASSERT_EQ(receiver_.WaitFor(3).size(), 3u);  // the incident the fail opened
  const std::string admin = *server_->app().tokens().Create("ops", auth::Role::kAdmin, std::nullopt,
                                                            catalog::Writer::Local("test"));

  // A dry run says who would get what, and queues nothing.
  Json preview = Body(server_->Client(admin)->Post(
      "/api/v1/quality/digests?period=2026-07&team=gamma&dry_run=true", "", ""));
  EXPECT_EQ(preview["dry_run"], true);
  EXPECT_EQ(preview["deliveries_queued"], 1);
  ASSERT_EQ(preview["teams"].size(), 1u);
  EXPECT_EQ(preview["teams"][0]["digest"]["type"], "quality.digest");
  EXPECT_EQ(preview["teams"][0]["digest"]["team"], "gamma");
  EXPECT_EQ(preview["teams"][0]["digest"]["models"].size(), 2u);
  EXPECT_EQ(server_->Client(admin)
                ->Post("/api/v1/quality/digests?period=2026-07&dry_run=maybe", "", "")
                ->status,
            400);

  auto r = server_->Client(admin)->Post("/api/v1/quality/digests?period=2026-07", "", "");
  ASSERT_EQ(r->status, 200) << r->body;
  const Json team_rows = Json::parse(R"([
    {"team": "team:alpha", "models": 1, "channels": ["webhook"], "queued": 1, "already_queued": 0},
    {"team": "team:beta", "models": 1, "channels": ["webhook"], "queued": 1, "already_queued": 0},
    {"team": "team:gamma", "models": 2, "channels": ["webhook"], "queued": 1, "already_queued": 0}
  ])");
  EXPECT_EQ(Body(r), (Json{{"period", "2026-07"},
                           {"dry_run", false},
                           {"deliveries_queued", 3},
                           {"already_queued", 0},
                           {"teams", team_rows}}));

  std::vector<Webhook> hooks = receiver_.WaitFor(6);
  ASSERT_EQ(hooks.size(), 6u);
  // By team; compared as unordered JSON objects (the body's keys come sorted).
  std::map<std::string, nlohmann::json> digests;
  for (const Webhook& h : hooks) {
    nlohmann::json body = nlohmann::json::parse(h.body);
    if (body["type"] != "quality.digest") continue;
    EXPECT_EQ(h.signature, testing::StandardWebhookSignature("s-" + TeamOf(h), h));
    digests[TeamOf(h)] = body;
  }
  ASSERT_EQ(digests.size(), 3u);
  const std::string psi = Body(
      server_->Client()->Get("/api/v1/quality/hive.raw.src.c"))["series"][0]["latest"]["message"];
  const nlohmann::json failing_f = {{"fqn", "mlflow.m3.f"},
                                    {"status", "fail"},
                                    {"source", kColumn},
                                    {"check", "drift"},
                                    {"message", psi}};
  nlohmann::json m4_f = failing_f;
  m4_f["fqn"] = "mlflow.m4.f";
  // No --public-url: no links.
  EXPECT_EQ(digests["gamma"], (nlohmann::json{{"type", "quality.digest"},
                                              {"team", "gamma"},
                                              {"period", "2026-07"},
                                              {"models",
                                               {{{"fqn", "mlflow.m3"},
                                                 {"status", "fail"},
                                                 {"fail", 1},
                                                 {"warn", 0},
                                                 {"success", 0},
                                                 {"unmeasured", 0},
                                                 {"features", {failing_f}}},
                                                {{"fqn", "mlflow.m4"},
                                                 {"status", "fail"},
                                                 {"fail", 1},
                                                 {"warn", 0},
                                                 {"success", 0},
                                                 {"unmeasured", 0},
                                                 {"features", {m4_f}}}}}}));
  EXPECT_EQ(digests["alpha"]["models"][0]["fqn"], "mlflow.m1");

  // Asked again, for all or for one team: nothing new.
  Json again = Body(server_->Client(admin)->Post("/api/v1/quality/digests?period=2026-07", "", ""));
  EXPECT_EQ(again["deliveries_queued"], 0);
  EXPECT_EQ(again["already_queued"], 3);
  Json alpha = Body(server_->Client(admin)->Post(
      "/api/v1/quality/digests?period=2026-07&team=team:alpha", "", ""));
  EXPECT_EQ(alpha["teams"].size(), 1u);
  EXPECT_EQ(alpha["teams"][0]["already_queued"], 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(receiver_.received().size(), 6u);

  // A month nobody measured: no digest at all.
  Json june_next_year =
      Body(server_->Client(admin)->Post("/api/v1/quality/digests?period=2027-06", "", ""));
  EXPECT_EQ(june_next_year["deliveries_queued"], 0);
  EXPECT_EQ(june_next_year["teams"], Json::array());

  // Errors, with their exact codes.
  auto bad = server_->Client(admin)->Post("/api/v1/quality/digests?period=July", "", "");
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(Body(bad)["error"]["message"], "period: expected a month YYYY-MM, not \"July\"");
  auto unknown = server_->Client(admin)->Post("/api/v1/quality/digests?team=team:alpah", "", "");
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(Body(unknown)["error"]["message"], "unknown team alpah");
  EXPECT_THAT(Body(unknown)["error"]["details"]["candidates"], ::testing::Contains("alpha"));
  auto writer = server_->Client(writer_)->Post("/api/v1/quality/digests?period=2026-07", "", "");
  EXPECT_EQ(writer->status, 403) << writer->body;
  EXPECT_EQ(Body(writer)["error"]["message"],
            "token profiler is a writer; POST /api/v1/quality/digests needs admin");
  auto anonymous = server_->Client()->Post("/api/v1/quality/digests?period=2026-07", "", "");
  EXPECT_EQ(anonymous->status, 401) << anonymous->body;
  EXPECT_EQ(receiver_.received().size(), 6u);
}

// `linea serve --quality-digest-day` takes a day from 1 to 28, or 0 for no scheduled digests.
TEST(QualityDigestDayFlagTest, ADayOutsideZeroToTwentyEightIsExit2) {
  const std::string db = testing::FreshTestDir() + "/linea.db";
  for (const char* bad : {"-1", "29"}) {
    CliResult r =
        RunLinea({"serve", "--db", db, "--listen", "127.0.0.1:0", "--quality-digest-day", bad});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(r.err, std::string("linea: --quality-digest-day: expected a day of the month from 1 "
                                 "to 28 (0 = no digests), got ") +
                         bad + "\n");
  }
  CliResult text = RunLinea({"serve", "--db", db, "--quality-digest-day", "first"});
  EXPECT_EQ(text.exit_code, 2) << text.err;
  EXPECT_THAT(text.err, HasSubstr("--quality-digest-day"));
  CliResult help = RunLinea({"serve", "--help"});
  EXPECT_THAT(help.out, HasSubstr("--quality-digest-day INT=1"));
}

// An OpenLineage event's dataQualityMetrics and dataQualityAssertions facets become results on
// the dataset and its columns; the failed assertion opens an incident like any fail.
TEST_F(QualityServerTest, OpenLineageQualityFacetsBecomeResultsAndAFailedAssertionAnIncident) {
  const Json facets = {
      {"schema",
       {{"_producer", "test"},
        {"_schemaURL", "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json"},
        {"fields", {{{"name", "uid"}, {"type", "bigint"}}}}}},
      {"dataQualityMetrics",
       {{"_producer", "test"},
        {"_schemaURL",
         "https://openlineage.io/spec/facets/1-0-0/DataQualityMetricsDatasetFacet.json"},
        {"rowCount", 5000},
        {"columnMetrics", {{"uid", {{"nullCount", 25}, {"distinctCount", 4900}}}}}}},
      {"dataQualityAssertions",
       {{"_producer", "test"},
        {"_schemaURL",
         "https://openlineage.io/spec/facets/1-0-1/DataQualityAssertionsDatasetFacet.json"},
        {"assertions", {{{"assertion", "not_null"}, {"success", false}, {"column", "uid"}}}}}}};
  const Json event = {
      {"eventType", "COMPLETE"},
      {"eventTime", "2026-11-30T06:00:00Z"},
      {"producer", "https://example.com/profiler"},
      {"schemaURL", "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"},
      {"run", {{"runId", "0193e0a8-0000-7000-8000-000000000001"}}},
      {"job", {{"namespace", "spark"}, {"name", "profile_users"}}},
      {"inputs", Json::array()},
      {"outputs",
       {{{"namespace", "hive://hms:9083"}, {"name", "mart.users"}, {"facets", facets}}}}};
  auto r = server_->Client(writer_)->Post("/api/v1/lineage", event.dump(), "application/json");
  ASSERT_TRUE(r);
  ASSERT_LT(r->status, 300) << r->body;

  Json quality = Body(server_->Client()->Get("/api/v1/quality/hive.mart.users"));
  std::map<std::string, std::string> status_of;  // "asset check" → status
  for (const Json& s : quality["series"]) {
    status_of[s["asset"].get<std::string>() + " " + s["name"].get<std::string>()] =
        s["latest"]["status"];
  }
  EXPECT_EQ(status_of,
            (std::map<std::string, std::string>{{"hive.mart.users volume", "success"},
                                                {"hive.mart.users.uid distinct", "success"},
                                                {"hive.mart.users.uid not_null", "fail"},
                                                {"hive.mart.users.uid null_rate", "success"}}));
  Json incidents = Body(server_->Client()->Get("/api/v1/incidents?state=open"));
  ASSERT_EQ(incidents["incidents"].size(), 1u);
  EXPECT_EQ(incidents["incidents"][0]["asset"], "hive.mart.users.uid");
  EXPECT_THAT(incidents["incidents"][0]["title"].get<std::string>(),
              HasSubstr("quality check not_null (assertion) failed"));
}

// The CLI on a catalog file: post a results file, show the series, write the report.
TEST(QualityCliTest, PostShowAndReportOnACatalogFile) {
  const std::string dir = testing::FreshTestDir();
  const std::string db = dir + "/q.db";
  WebhookReceiver receiver;
  {
    std::ofstream(dir + "/mesh.json") << QualityMesh(receiver).dump();
    Json results = Json::array();
    for (int i = 0; i < 6; ++i) results.push_back(DriftResult(i, 0.0));
    results.push_back(DriftResult(6, 1.0));
    std::ofstream(dir + "/results.json") << Json{{"results", results}}.dump();
    std::ofstream(dir + "/bad.json") << R"({"results": [{"asset": "hive.raw.src.c"}]})";
  }
  ASSERT_EQ(RunLinea({"import", dir + "/mesh.json", "--db", db}).exit_code, 0);

  CliResult posted = RunLinea({"quality", "post", "-f", dir + "/results.json", "--db", db});
  ASSERT_EQ(posted.exit_code, 0) << posted.err;
  EXPECT_THAT(posted.out, HasSubstr("7 results recorded: 6 success, 0 warn, 1 fail, 0 aborted"));
  EXPECT_THAT(posted.out, HasSubstr("NOW FAILING"));

  CliResult shown = RunLinea({"quality", "show", "hive.raw.src", "--db", db});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_THAT(shown.out, HasSubstr("hive.raw.src.c  drift  drift  fail    2026-07"));

  CliResult report = RunLinea({"report", "stability", "--model", "mlflow.m3", "--period", "2026-07",
                               "-o", dir + "/report.html", "--db", db});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  std::ifstream in(dir + "/report.html");
  std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_THAT(html, HasSubstr("<svg"));
  EXPECT_THAT(html, HasSubstr("Feature stability of mlflow.m3"));

  // Checks as code: a quality document applied with `linea apply`, listed with its parameters.
  std::ofstream(dir + "/quality.yaml")
      << "quality: src\nchecks:\n  - asset: hive.raw.src.c\n    kind: drift\n    fail: 0.2\n";
  CliResult applied = RunLinea({"apply", "-f", dir + "/quality.yaml", "--db", db});
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  EXPECT_THAT(applied.out, HasSubstr("+ check drift on hive.raw.src.c"));
  CliResult checks = RunLinea({"quality", "checks", "--db", db});
  ASSERT_EQ(checks.exit_code, 0) << checks.err;
  EXPECT_THAT(checks.out,
              HasSubstr("hive.raw.src.c  drift  drift  high      fail=0.2  quality:src"));

  // The monthly digests of July into the file's outbox (the next `linea serve` sends them).
  CliResult digest = RunLinea({"quality", "digest", "--period", "2026-07", "--db", db});
  ASSERT_EQ(digest.exit_code, 0) << digest.err;
  EXPECT_EQ(digest.out,
            "quality digests of 2026-07: 3 deliveries queued, 0 already queued, for 3 of 3 "
            "recipients\n"
            "\n"
            "NOTIFIED (3)\n"
            "  RECIPIENT   CHANNELS  MODELS  QUEUED  ALREADY QUEUED\n"
            "  team:alpha  webhook   1       1       0\n"
            "  team:beta   webhook   1       1       0\n"
            "  team:gamma  webhook   2       1       0\n");
  CliResult dry = RunLinea(
      {"quality", "digest", "--period", "2026-07", "--team", "alpha", "--dry-run", "--db", db});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  const std::string psi =
      "PSI 0.92 over 10 reference-decile bins against 6 periods (2026-01 … 2026-06)";
  EXPECT_EQ(dry.out,
            "dry run: quality digests of 2026-07: 0 deliveries would be queued, 1 already queued, "
            "for 1 of 1 recipient; nothing was queued\n"
            "\n"
            "NOTIFIED (1)\n"
            "  RECIPIENT   CHANNELS  MODELS  QUEUED  ALREADY QUEUED\n"
            "  team:alpha  webhook   1       0       1\n"
            "\n"
            "THE DIGEST OF team:alpha\n"
            "  MODEL      STATUS  FAIL  WARN  SUCCESS  UNMEASURED\n"
            "  mlflow.m1  fail    1     0     0        0\n"
            "  fail  mlflow.m1.f: drift on hive.raw.src.c: " +
                psi + "\n");
  CliResult twice =
      RunLinea({"quality", "digest", "--period", "2026-07", "--team", "gamma", "--db", db});
  ASSERT_EQ(twice.exit_code, 0) << twice.err;
  EXPECT_THAT(twice.out,
              HasSubstr("0 deliveries queued, 1 already queued, for 1 of 1 recipient\n"));
  CliResult bad_period = RunLinea({"quality", "digest", "--period", "July", "--db", db});
  EXPECT_EQ(bad_period.exit_code, 2);
  EXPECT_EQ(bad_period.err, "linea: period: expected a month YYYY-MM, not \"July\"\n");
  CliResult bad_team =
      RunLinea({"quality", "digest", "--period", "2026-07", "--team", "gama", "--db", db});
  EXPECT_EQ(bad_team.exit_code, 2);
  EXPECT_EQ(bad_team.err, "linea: unknown team gama (did you mean gamma, data, beta?)\n");

  CliResult bad = RunLinea({"quality", "post", "-f", dir + "/bad.json", "--db", db});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err,
            "linea: results[0].timestamp: required, unix milliseconds (a positive integer)\n");
  CliResult typo = RunLinea({"report", "stability", "--model", "mlflow.m", "--db", db});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_THAT(typo.err, HasSubstr("linea: unknown asset mlflow.m"));
}

}  // namespace
}  // namespace linea
