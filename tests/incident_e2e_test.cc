// End-to-end: incidents over real HTTP on the real server, notifications delivered by its outbox
// to real Standard Webhooks receivers on loopback (signatures verified with OpenSSL), a real
// `linea serve` process killed with SIGKILL mid-delivery and restarted, and the demo mesh.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "codec/json_codec.h"
#include "notify/testing/smtp_receiver.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/test_server.h"
#include "tests/testing/webhook_receiver.h"

namespace linea {
namespace {

using codec::Json;
using testing::CliResult;
using testing::RunLinea;
using testing::TestServer;
using testing::Webhook;
using testing::WebhookReceiver;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

Json Body(const httplib::Result& r) {
  EXPECT_TRUE(r) << "no response";
  return r ? Json::parse(r->body, nullptr, false) : Json();
}

// hive.raw.src.c feeds one feature of each of four models owned by three teams; the broken
// table's owner (team:data) has no contacts, so it is told nothing.
Json MeshDocument(const std::map<std::string, std::string>& hook_urls) {
  Json teams = Json::array({{{"name", "data"}}});
  for (const auto& [team, url] : hook_urls) {
    teams.push_back({{"name", team},
                     {"contacts", {{{"type", "webhook"}, {"url", url}, {"secret", "s-" + team}}}}});
  }
  Json assets = {{{"fqn", "hive.raw.src"}, {"kind", "table"}, {"owners", {"team:data"}},
                  {"columns", {{{"name", "c"}}}}}};
  Json edges = Json::array();
  const std::vector<std::pair<std::string, std::string>> models = {
      {"mlflow.m1", "alpha"}, {"mlflow.m2", "beta"}, {"mlflow.m3", "gamma"}, {"mlflow.m4", "gamma"}};
  for (const auto& [model, team] : models) {
    assets.push_back({{"fqn", model}, {"kind", "model"}, {"owners", {"team:" + team}},
                      {"features", {{{"name", "f"}}}}});
    edges.push_back({{"from", "hive.raw.src.c"}, {"to", model + ".f"}});
  }
  return {{"teams", teams}, {"assets", assets}, {"edges", edges}, {"provenance", "api:test"}};
}

std::vector<std::string> ModelsIn(const Webhook& hook) {
  std::vector<std::string> out;
  const Json body = Json::parse(hook.body);
  for (const Json& m : body["models"]) out.push_back(m["fqn"]);
  return out;
}

std::string TeamOf(const Webhook& hook) { return hook.path.substr(1); }

app::AppOptions FastOutbox() {
  app::AppOptions options;
  options.outbox.base_backoff_ms = 100;
  options.outbox.poll_ms = 100;
  options.outbox.transport.total_timeout_ms = 5000;
  // The receivers listen on loopback: allowed here, as `linea serve --notify-allow` would.
  options.outbox.transport.allowed_targets = *notify::ParseCidrs({"127.0.0.0/8"});
  options.public_url = "https://linea.example.com";
  return options;
}

class IncidentServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshTestDir();
    server_ = std::make_unique<TestServer>(dir_ + "/linea.db", server::ServerOptions{},
                                           /*tiny_mesh=*/false, FastOutbox());
    writer_ = *server_->app().tokens().Create("oncall", auth::Role::kWriter, std::nullopt, catalog::Writer::Local("test"));
    auto r = server_->Client(writer_)->Put(
        "/api/v1/catalog",
        MeshDocument({{"alpha", receiver_.url("/alpha")},
                      {"beta", receiver_.url("/beta")},
                      {"gamma", receiver_.url("/gamma")}})
            .dump(),
        "application/json");
    ASSERT_EQ(r->status, 200) << r->body;
  }
  httplib::Result Post(const std::string& path, const Json& body) {
    return server_->Client(writer_)->Post(path, body.dump(), "application/json");
  }

  WebhookReceiver receiver_;
  std::string dir_, writer_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(IncidentServerTest, ThreeTeamsGetExactlyThreeSignedMessagesWithTheirModels) {
  auto r = Post("/api/v1/incidents", {{"asset", "hive.raw.src.c"}, {"title", "nulls in c"},
                                      {"severity", "critical"}});
  ASSERT_EQ(r->status, 201) << r->body;
  Json opened = Body(r);
  EXPECT_EQ(opened["state"], "open");
  EXPECT_EQ(opened["deliveries_queued"], 3);
  EXPECT_EQ(opened["impact"]["models"].size(), 4u);
  const std::string id = opened["id"];

  std::vector<Webhook> hooks = receiver_.WaitFor(3);
  ASSERT_EQ(hooks.size(), 3u);
  std::map<std::string, std::vector<std::string>> models_by_team;
  std::set<std::string> ids;
  for (const Webhook& h : hooks) {
    EXPECT_EQ(h.signature, StandardWebhookSignature("s-" + TeamOf(h), h)) << h.path;
    Json body = Json::parse(h.body);
    EXPECT_EQ(body["type"], "incident.opened");
    EXPECT_EQ(body["team"], TeamOf(h));
    EXPECT_EQ(body["incident"]["id"], id);
    EXPECT_EQ(body["incident"]["asset"], "hive.raw.src.c");
    EXPECT_EQ(body["url"], "https://linea.example.com/assets/hive.raw.src.c");
    models_by_team[TeamOf(h)] = ModelsIn(h);
    ids.insert(h.id);
  }
  EXPECT_EQ(ids.size(), 3u);
  EXPECT_THAT(models_by_team["alpha"], ElementsAre("mlflow.m1"));
  EXPECT_THAT(models_by_team["beta"], ElementsAre("mlflow.m2"));
  EXPECT_THAT(models_by_team["gamma"], ElementsAre("mlflow.m3", "mlflow.m4"));
  Json gamma_model = Json::parse(hooks[0].body)["models"][0];
  EXPECT_EQ(gamma_model["path"].size(), 3u);  // column → feature → model

  // The incident page shows every delivery; the open incident is upstream evidence.
  Json page;
  for (int i = 0; i < 100; ++i) {
    page = Body(server_->Client()->Get("/api/v1/incidents/" + id));
    bool all = page["deliveries"].size() == 3;
    for (const Json& d : page["deliveries"]) all = all && d["state"] == "delivered";
    if (all) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(page["deliveries"].size(), 3u);
  for (const Json& d : page["deliveries"]) {
    EXPECT_EQ(d["state"], "delivered");
    EXPECT_EQ(d["attempts"], 1);
    EXPECT_EQ(d["channel"], "webhook");
    EXPECT_TRUE(ids.count(d["id"].get<std::string>()));
  }
  // /metrics: three delivered at the first attempt, nothing waiting.
  const std::string metrics = server_->Client()->Get("/metrics")->body;
  EXPECT_THAT(metrics, HasSubstr("linea_outbox_deliveries_total{outcome=\"delivered\"} 3\n"
                                 "linea_outbox_deliveries_total{outcome=\"retried\"} 0\n"
                                 "linea_outbox_deliveries_total{outcome=\"failed\"} 0\n"));
  EXPECT_THAT(metrics, HasSubstr("linea_outbox_pending 0\n"));
  Json up = Body(server_->Client()->Get("/api/v1/upstream/mlflow.m1"));
  EXPECT_EQ(up["sources"][0]["fqn"], "hive.raw.src.c");
  EXPECT_EQ(up["sources"][0]["evidence"][0]["type"], "incident");

  // Opening again on the same asset adds to the timeline, tells nobody twice.
  r = Post("/api/v1/incidents", {{"asset", "hive.raw.src.c"}, {"title", "still null"}});
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(Body(r)["id"], id);
  EXPECT_EQ(Body(r)["created"], false);

  // ack and resolve reach the same three teams.
  EXPECT_EQ(Post("/api/v1/incidents/" + id + "/ack", {{"note", "looking"}})->status, 200);
  r = Post("/api/v1/incidents/" + id + "/resolve", {{"reason", "backfilled"}});
  ASSERT_EQ(r->status, 200) << r->body;
  hooks = receiver_.WaitFor(9);
  ASSERT_EQ(hooks.size(), 9u);
  std::multiset<std::string> types;
  for (const Webhook& h : hooks) types.insert(Json::parse(h.body)["type"].get<std::string>());
  EXPECT_EQ(types.count("incident.acknowledged"), 3u);
  EXPECT_EQ(types.count("incident.resolved"), 3u);
  page = Body(server_->Client()->Get("/api/v1/incidents/" + id));
  EXPECT_EQ(page["state"], "resolved");
  EXPECT_EQ(page["resolution"], "backfilled");
  std::vector<std::string> timeline;
  for (const Json& e : page["timeline"]) timeline.push_back(e["type"]);
  EXPECT_THAT(timeline, ElementsAre("opened", "reopened", "acknowledged", "resolved"));
  up = Body(server_->Client()->Get("/api/v1/upstream/mlflow.m1"));
  EXPECT_TRUE(up["sources"][0]["evidence"].empty());
}

TEST_F(IncidentServerTest, BadInputIsA4xxNamingTheProblem) {
  auto c = server_->Client(writer_);
  struct Case {
    Json contact;
    std::string message;
  };
  std::vector<Case> cases = {
      {{{"type", "pager"}, {"number", "1"}}, "contact 0 (pager)"},
      {{{"type", "slack"}, {"url", "ftp://hooks.example.com/x"}}, "not an http(s) URL"},
      {{{"type", "email"}, {"address", "not-an-address"}}, "contact 0 (email)"},
      {{{"type", "webhook"}}, "contact 0 (webhook)"},
      {{{"type", "telegram"}, {"chat_id", "42"}}, "bot_token"},
  };
  for (const Case& k : cases) {
    auto r = c->Put("/api/v1/teams", Json{{"name", "alpha"}, {"contacts", {k.contact}}}.dump(),
                    "application/json");
    EXPECT_EQ(r->status, 400) << k.contact.dump();
    EXPECT_THAT(Body(r)["error"]["message"].get<std::string>(), HasSubstr(k.message));
  }
  auto r = Post("/api/v1/incidents", {{"asset", "hive.raw.src.cc"}, {"title", "x"}});
  EXPECT_EQ(r->status, 404);
  EXPECT_THAT(Body(r)["error"]["details"]["candidates"], ::testing::Contains("hive.raw.src.c"));
  EXPECT_EQ(Post("/api/v1/incidents", {{"asset", "hive.raw.src.c"}, {"title", "x"},
                                       {"severity", "urgent"}})->status, 400);
  EXPECT_EQ(Post("/api/v1/incidents", {{"title", "x"}})->status, 400);
  EXPECT_EQ(Post("/api/v1/incidents/inc-000000000000/ack", Json::object())->status, 404);
  std::string id = Body(Post("/api/v1/incidents", {{"asset", "hive.raw.src"}, {"title", "t"}}))["id"];
  EXPECT_EQ(Post("/api/v1/incidents/" + id + "/resolve", Json::object())->status, 400);
  EXPECT_EQ(Post("/api/v1/incidents/" + id + "/resolve", {{"reason", "ok"}})->status, 200);
  EXPECT_EQ(Post("/api/v1/incidents/" + id + "/ack", Json::object())->status, 409);
  EXPECT_EQ(server_->Client()->Post("/api/v1/incidents", "{}", "application/json")->status, 401);
  // A team's contacts were never replaced by a bad PUT.
  Json team = Body(server_->Client()->Get("/api/v1/teams/alpha"));
  EXPECT_EQ(team["contacts"][0]["type"], "webhook");
}

TEST_F(IncidentServerTest, FailedOpenLineageRunOpensAnIncidentWithAutoIncidents) {
  server_.reset();
  app::AppOptions options = FastOutbox();
  options.auto_incidents = true;
  server_ = std::make_unique<TestServer>(dir_ + "/linea.db", server::ServerOptions{},
                                         /*tiny_mesh=*/false, options);
  Json event = Json::parse(testing::ReadFile(std::string(LINEA_SOURCE_DIR_DEFAULT) +
                                             "/tests/data/openlineage/ct_airflow_line_03.json"));
  event["eventType"] = "FAIL";
  event["run"]["facets"]["errorMessage"] = {{"message", "quota exceeded"},
                                            {"programmingLanguage", "python"}};
  auto r = Post("/api/v1/lineage", event);
  ASSERT_EQ(r->status, 201) << r->body;
  Json list = Body(server_->Client()->Get("/api/v1/incidents?state=open"));
  ASSERT_EQ(list["incidents"].size(), 1u) << list.dump();
  EXPECT_EQ(list["incidents"][0]["asset"], "bigquery.mock-project.test.upload");
  EXPECT_THAT(list["incidents"][0]["title"].get<std::string>(), HasSubstr("ended FAIL"));
  EXPECT_EQ(list["incidents"][0]["description"], "quota exceeded");
}

// The server's e-mail and chat settings reach the channels: an SMTP receiver gets the mail from
// --smtp-from, a Slack-style receiver the incoming-webhook payload.
TEST(IncidentChannelsTest, EmailAndSlackContactsAreDeliveredThroughTheServer) {
  std::string dir = testing::FreshTestDir();
  notify::testing::SmtpReceiver smtp;
  WebhookReceiver hooks;
  app::AppOptions options = FastOutbox();
  options.outbox.transport.smtp_url = smtp.url();
  options.outbox.render.smtp_from = "linea@example.com";
  TestServer server(dir + "/linea.db", server::ServerOptions{}, /*tiny_mesh=*/false, options);
  std::string writer = *server.app().tokens().Create("oncall", auth::Role::kWriter, std::nullopt, catalog::Writer::Local("test"));
  Json doc = MeshDocument({});
  doc["teams"] = {{{"name", "data"}},
                  {{"name", "alpha"},
                   {"contacts", {{{"type", "email"}, {"address", "alpha@example.com"}}}}},
                  {{"name", "beta"}, {"contacts", {{{"type", "slack"}, {"url", hooks.url("/slack")}}}}},
                  {{"name", "gamma"}, {"contacts", Json::array()}}};
  auto c = server.Client(writer);
  ASSERT_EQ(c->Put("/api/v1/catalog", doc.dump(), "application/json")->status, 200);
  auto r = c->Post("/api/v1/incidents",
                   Json{{"asset", "hive.raw.src.c"}, {"title", "nulls in c"}}.dump(),
                   "application/json");
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(Body(r)["deliveries_queued"], 2);

  std::vector<Webhook> slack = hooks.WaitFor(1);
  ASSERT_EQ(slack.size(), 1u);
  Json payload = Json::parse(slack[0].body);
  EXPECT_THAT(payload["text"].get<std::string>(), HasSubstr("hive.raw.src.c"));
  EXPECT_TRUE(payload["blocks"].is_array());
  EXPECT_THAT(payload.dump(), HasSubstr("mlflow.m2"));
  EXPECT_THAT(payload.dump(), ::testing::Not(HasSubstr("mlflow.m1")));

  std::vector<notify::testing::ReceivedMail> mails;
  for (int i = 0; i < 200 && mails.empty(); ++i) {
    mails = smtp.mails();
    if (mails.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].mail_from, "<linea@example.com>");
  EXPECT_THAT(mails[0].rcpt_to, ElementsAre("<alpha@example.com>"));
  EXPECT_THAT(mails[0].data, HasSubstr("To: alpha@example.com"));
  EXPECT_THAT(mails[0].data, HasSubstr("hive.raw.src.c"));
  EXPECT_THAT(mails[0].data, HasSubstr("mlflow.m1"));
  EXPECT_THAT(mails[0].data, HasSubstr("https://linea.example.com/assets/hive.raw.src.c"));
}

// A real `linea serve` killed with SIGKILL while a delivery waits for its receiver, then
// restarted: every message arrives, none twice.
TEST(IncidentProcessTest, SigkillMidDeliveryThenRestartDeliversEverythingOnce) {
  std::string dir = testing::FreshTestDir();
  std::string db = dir + "/linea.db";
  WebhookReceiver up;
  int later_port = 0;
  {
    WebhookReceiver probe;  // a free port, closed again: gamma's receiver is down for now
    later_port = probe.port();
  }
  testing::WriteFile(dir + "/mesh.json",
                     MeshDocument({{"alpha", up.url("/alpha")},
                                   {"beta", up.url("/beta")},
                                   {"gamma", "http://127.0.0.1:" + std::to_string(later_port) +
                                                 "/gamma"}})
                         .dump());
  ASSERT_EQ(RunLinea({"import", dir + "/mesh.json", "--db", db}).exit_code, 0);

  auto serve = [&] {
    testing::Spawned p =
        testing::SpawnLinea({"serve", "--db", db, "--listen", "127.0.0.1:0", "--no-auth", "--quiet",
                             "--retry-base-ms", "200", "--notify-allow", "127.0.0.0/8"});
    std::string banner = testing::WaitForText(p.err_path, "on http://");
    size_t at = banner.find("on http://127.0.0.1:");
    EXPECT_NE(at, std::string::npos) << banner;
    int port = std::atoi(banner.c_str() + at + std::strlen("on http://127.0.0.1:"));
    return std::make_pair(p, port);
  };
  auto [first, port] = serve();
  httplib::Client c("127.0.0.1", port);
  auto r = c.Post("/api/v1/incidents", Json{{"asset", "hive.raw.src.c"}, {"title", "t"}}.dump(),
                  "application/json");
  ASSERT_EQ(r->status, 201) << r->body;
  std::string id = Json::parse(r->body)["id"];
  ASSERT_EQ(up.WaitFor(2).size(), 2u);
  // Wait until gamma has failed at least once (its receiver is down) and alpha/beta are recorded.
  for (int i = 0; i < 200; ++i) {
    Json page = Json::parse(c.Get("/api/v1/incidents/" + id)->body);
    int delivered = 0, gamma_attempts = 0;
    for (const Json& d : page["deliveries"]) {
      delivered += d["state"] == "delivered";
      if (d["team"] == "team:gamma") gamma_attempts = d["attempts"];
    }
    if (delivered == 2 && gamma_attempts >= 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  EXPECT_EQ(testing::StopSpawned(first, SIGKILL), 128 + SIGKILL);

  WebhookReceiver later(later_port);  // gamma's receiver comes up while linea is down
  ASSERT_EQ(later.port(), later_port);
  auto [second, port2] = serve();
  std::vector<Webhook> gamma = later.WaitFor(1);
  ASSERT_EQ(gamma.size(), 1u);
  EXPECT_EQ(gamma[0].signature, StandardWebhookSignature("s-gamma", gamma[0]));
  httplib::Client c2("127.0.0.1", port2);
  Json page;
  for (int i = 0; i < 200; ++i) {
    page = Json::parse(c2.Get("/api/v1/incidents/" + id)->body);
    bool all = true;
    for (const Json& d : page["deliveries"]) all = all && d["state"] == "delivered";
    if (all) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  for (const Json& d : page["deliveries"]) EXPECT_EQ(d["state"], "delivered") << d.dump();
  // Stop the server first (its outbox finishes what it sends), so every message it will ever
  // send has arrived when they are counted.
  EXPECT_EQ(testing::StopSpawned(second, SIGTERM), 0);
  std::multiset<std::string> ids;
  for (const Webhook& h : up.received()) ids.insert(h.id);
  for (const Webhook& h : later.received()) ids.insert(h.id);
  EXPECT_EQ(ids.size(), 3u);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 3u) << "a message came twice";
}

// `linea serve` on 127.0.0.1:0 with `extra` flags; returns the process and its port.
std::pair<testing::Spawned, int> ServeOnFreePort(const std::string& db,
                                                 std::vector<std::string> extra) {
  std::vector<std::string> args = {"serve", "--db", db, "--listen", "127.0.0.1:0", "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  testing::Spawned p = testing::SpawnLinea(args);
  std::string banner = testing::WaitForText(p.err_path, "on http://");
  size_t at = banner.find("on http://127.0.0.1:");
  EXPECT_NE(at, std::string::npos) << banner;
  return {p, std::atoi(banner.c_str() + at + std::strlen("on http://127.0.0.1:"))};
}

std::string CreateToken(const std::string& db, const std::string& name, const std::string& role) {
  CliResult r = RunLinea({"token", "create", "--name", name, "--role", role, "--db", db});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out.empty() ? "" : r.out.substr(0, r.out.size() - 1);
}

// Hardening item 9 (SSRF): a real `linea serve` without --notify-allow refuses a team contact
// on loopback: the delivery fails for good, at the first attempt, with the reason, and the
// receiver gets nothing. Only writers and admins see that error; anonymous callers and
// readers see the state. With --notify-allow 127.0.0.0/8 the same contact is told.
TEST(IncidentProcessTest, LoopbackContactIsRefusedUnlessAllowed) {
  std::string dir = testing::FreshTestDir();
  std::string db = dir + "/linea.db";
  WebhookReceiver receiver;
  testing::WriteFile(dir + "/mesh.json", MeshDocument({{"alpha", receiver.url("/alpha")}}).dump());
  ASSERT_EQ(RunLinea({"import", dir + "/mesh.json", "--db", db}).exit_code, 0);
  const std::string admin = CreateToken(db, "ops", "admin");
  const std::string writer = CreateToken(db, "oncall", "writer");
  const std::string reader = CreateToken(db, "dash", "reader");
  auto as = [](const std::string& token) {
    return httplib::Headers{{"Authorization", "Bearer " + token}};
  };

  auto [strict, port] = ServeOnFreePort(db, {"--retry-base-ms", "100"});
  httplib::Client c("127.0.0.1", port);
  auto r = c.Post("/api/v1/incidents", as(writer),
                  Json{{"asset", "hive.raw.src.c"}, {"title", "t"}}.dump(), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body;
  const std::string page_path =
      "/api/v1/incidents/" + Json::parse(r->body)["id"].get<std::string>();
  Json page;
  for (int i = 0; i < 400; ++i) {
    page = Body(c.Get(page_path, as(admin)));
    if (page["deliveries"].size() == 1 && page["deliveries"][0]["state"] != "pending") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ASSERT_EQ(page["deliveries"].size(), 1u) << page.dump();
  const Json& seen_by_admin = page["deliveries"][0];
  EXPECT_EQ(seen_by_admin["team"], "team:alpha");
  EXPECT_EQ(seen_by_admin["state"], "failed");
  EXPECT_EQ(seen_by_admin["attempts"], 1);  // failed for good: never retried
  EXPECT_EQ(seen_by_admin["last_error"],
            "target 127.0.0.1 (loopback) is not allowed; allow it with --notify-allow "
            "127.0.0.1/32");
  EXPECT_FALSE(seen_by_admin.contains("last_status"));
  EXPECT_FALSE(seen_by_admin.contains("outcome_hidden"));
  EXPECT_EQ(Body(c.Get(page_path, as(writer)))["deliveries"][0]["last_error"],
            seen_by_admin["last_error"]);
  for (const httplib::Headers& caller : {httplib::Headers{}, as(reader)}) {
    Json hidden = Body(c.Get(page_path, caller));
    ASSERT_EQ(hidden["deliveries"].size(), 1u) << hidden.dump();
    Json expected = seen_by_admin;
    expected.erase("last_error");
    expected["outcome_hidden"] = true;
    EXPECT_EQ(hidden["deliveries"][0], expected);
    EXPECT_EQ(hidden.dump().find("not allowed"), std::string::npos) << hidden.dump();
  }
  EXPECT_EQ(testing::StopSpawned(strict, SIGTERM), 0);
  EXPECT_TRUE(receiver.received().empty());

  auto [allowing, port2] = ServeOnFreePort(db, {"--notify-allow", "127.0.0.0/8"});
  httplib::Client c2("127.0.0.1", port2);
  r = c2.Post(page_path + "/resolve", as(writer), Json{{"reason", "fixed"}}.dump(),
              "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  std::vector<Webhook> told = receiver.WaitFor(1);
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(Json::parse(told[0].body)["type"], "incident.resolved");
  EXPECT_EQ(testing::StopSpawned(allowing, SIGTERM), 0);
  EXPECT_EQ(receiver.received().size(), 1u);  // the refused delivery stays failed
}

// A --notify-allow that is not a CIDR stops `linea serve` before it serves.
TEST(IncidentProcessTest, BadNotifyAllowIsRejected) {
  std::string dir = testing::FreshTestDir();
  CliResult r = RunLinea(
      {"serve", "--db", dir + "/x.db", "--listen", "127.0.0.1:0", "--notify-allow", "10.1.0.0/8"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "linea: --notify-allow: \"10.1.0.0/8\": host bits are set; did you mean 10.0.0.0/8?\n");
}

// issue #6 "Done when": on the demo mesh, `linea incident open <busy column>` delivers within
// seconds one signed message per affected team, each listing exactly that team's models, and
// the incident page shows every delivery.
TEST(IncidentDemoTest, IncidentOnABusyDemoColumnTellsEveryAffectedTeamOnce) {
  std::string dir = testing::FreshTestDir();
  std::string db = dir + "/demo.db";
  ASSERT_EQ(RunLinea({"generate", "--scale", "demo", "--db", db}).exit_code, 0);
  server::ServerOptions options;
  options.no_auth = true;
  TestServer server(db, options, /*tiny_mesh=*/false, FastOutbox());
  const std::string busy = "hive.raw_geo.trip_segments.cell_id";
  Json impact = Body(server.Client()->Get("/api/v1/impact/" + busy));
  ASSERT_GE(impact["teams"].size(), 2u);
  // Every team impact lists gets one local hook: the owners of what breaks hear about their own
  // models, the broken column's owners (owns_root) about every affected model — the same rule.
  WebhookReceiver receiver;
  Json teams = Json::array();
  std::map<std::string, std::set<std::string>> expected;
  std::set<std::string> all_models;
  for (const Json& m : impact["models"]) all_models.insert(m["fqn"].get<std::string>());
  bool some_owner = false;
  for (const Json& t : impact["teams"]) {
    std::string name = t["team"];
    teams.push_back({{"name", name},
                     {"contacts", {{{"type", "webhook"}, {"url", receiver.url("/" + name)},
                                    {"secret", "s-" + name}}}}});
    expected[name] = t["owns_root"].get<bool>()
                         ? all_models
                         : std::set<std::string>(t["models"].begin(), t["models"].end());
    some_owner = some_owner || t["owns_root"].get<bool>();
  }
  ASSERT_TRUE(some_owner);
  ASSERT_EQ(server.Client()->Put("/api/v1/teams", teams.dump(), "application/json")->status, 200);

  CliResult open = RunLinea({"incident", "open", busy, "--title", "cell ids are null",
                             "--server", server.url()});
  ASSERT_EQ(open.exit_code, 0) << open.err;
  EXPECT_THAT(open.out, HasSubstr(std::to_string(expected.size()) + " notifications queued"));
  std::string id = open.out.substr(0, open.out.find(' '));

  std::vector<Webhook> hooks = receiver.WaitFor(expected.size());
  ASSERT_EQ(hooks.size(), expected.size());
  std::set<std::string> told;
  for (const Webhook& h : hooks) {
    std::string team = TeamOf(h);
    EXPECT_TRUE(told.insert(team).second) << team << " told twice";
    EXPECT_EQ(h.signature, StandardWebhookSignature("s-" + team, h));
    std::vector<std::string> models = ModelsIn(h);
    EXPECT_EQ(std::set<std::string>(models.begin(), models.end()), expected[team]) << team;
  }
  for (int i = 0; i < 100; ++i) {
    CliResult show = RunLinea({"incident", "show", id, "--server", server.url(), "--json"});
    Json page = Json::parse(show.out);
    size_t delivered = 0;
    for (const Json& d : page["deliveries"]) delivered += d["state"] == "delivered";
    if (delivered == expected.size()) break;
    ASSERT_LT(i, 99) << show.out;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace
}  // namespace linea
