// End-to-end: users (`user:<name>` owners) with contacts like teams, over real HTTP on the real
// server — PUT/GET /api/v1/users, redaction for non-admins, 404 with candidates, 403 for a
// scoped writer — and an incident on a user-owned model delivered by the outbox to a real
// Standard Webhooks receiver on loopback.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "codec/json_codec.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/test_server.h"
#include "tests/testing/webhook_receiver.h"

namespace linea {
namespace {

using codec::Json;
using ::testing::ElementsAre;
using testing::TestServer;
using testing::Webhook;
using testing::WebhookReceiver;

Json Body(const httplib::Result& r) {
  EXPECT_TRUE(r) << "no response";
  return r ? Json::parse(r->body, nullptr, false) : Json();
}

app::AppOptions LoopbackOutbox() {
  app::AppOptions options;
  options.outbox.base_backoff_ms = 100;
  options.outbox.poll_ms = 100;
  options.outbox.transport.total_timeout_ms = 5000;
  // The receiver listens on loopback: allowed here, as `linea serve --notify-allow` would.
  options.outbox.transport.allowed_targets = *notify::ParseCidrs({"127.0.0.0/8"});
  return options;
}

class UsersServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshTestDir();
    server_ = std::make_unique<TestServer>(dir_ + "/linea.db", server::ServerOptions{},
                                           /*tiny_mesh=*/false, LoopbackOutbox());
    auto token = [&](const std::string& name, auth::Role role,
                     std::optional<catalog::WriteScope> scope = std::nullopt) {
      return *server_->app().tokens().Create(name, role, std::move(scope),
                                             catalog::Writer::Local("test"));
    };
    writer_ = token("ci", auth::Role::kWriter);
    reader_ = token("dash", auth::Role::kReader);
    admin_ = token("ops", auth::Role::kAdmin);
    scoped_ = token("ci-geo", auth::Role::kWriter, catalog::WriteScope{.teams = {"geo"}});
  }
  httplib::Result PutUsers(const std::string& token, const std::string& body) {
    return server_->Client(token)->Put("/api/v1/users", body, "application/json");
  }

  WebhookReceiver receiver_;
  std::string dir_, writer_, reader_, admin_, scoped_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(UsersServerTest, PutThenGetWithRedactionCandidatesAndScope) {
  // The three body forms of PUT /api/v1/teams.
  auto r = PutUsers(writer_, R"({"users": [{"name": "jdoe", "description": "Jane Doe",
      "contacts": [{"type": "webhook", "url": "https://hooks.example.com/jdoe",
                    "secret": "s-jdoe"}]}]})");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Body(r)["users"], 1);
  EXPECT_EQ(Body(r)["teams"], 0);
  r = PutUsers(writer_, R"([{"name": "ann"}, {"name": "jdoe2"}])");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Body(r)["users"], 2);
  r = PutUsers(writer_, R"({"name": "bob", "contacts": [{"type": "email",
                                                         "address": "bob@example.com"}]})");
  ASSERT_EQ(r->status, 200) << r->body;

  // Readers and writers see credentials redacted; admins in full.
  Json jdoe = Body(server_->Client(reader_)->Get("/api/v1/users/jdoe"));
  EXPECT_EQ(jdoe, Json::parse(R"({"name": "jdoe", "description": "Jane Doe", "contacts":
      [{"type": "webhook", "secret": "[redacted]",
        "url": "https://hooks.example.com/[redacted]"}]})"));
  EXPECT_EQ(Body(server_->Client(writer_)->Get("/api/v1/users/jdoe"))["contacts"][0]["secret"],
            "[redacted]");
  jdoe = Body(server_->Client(admin_)->Get("/api/v1/users/jdoe"));
  EXPECT_EQ(jdoe["contacts"][0]["url"], "https://hooks.example.com/jdoe");
  EXPECT_EQ(jdoe["contacts"][0]["secret"], "s-jdoe");
  Json list = Body(server_->Client(reader_)->Get("/api/v1/users"));
  std::vector<std::string> names;
  for (const Json& u : list["users"]) names.push_back(u["name"]);
  EXPECT_THAT(names, ElementsAre("ann", "bob", "jdoe", "jdoe2"));
  EXPECT_EQ(list["users"][1]["contacts"][0]["address"], "bob@example.com");
  EXPECT_EQ(Body(server_->Client(reader_)->Get("/api/v1/teams"))["teams"], Json::array());

  // Unknown: 404 with similar names (within three edits, closest first).
  auto miss = server_->Client(reader_)->Get("/api/v1/users/jdo");
  EXPECT_EQ(miss->status, 404);
  EXPECT_EQ(Body(miss), Json::parse(R"({"error": {"code": "not_found",
      "message": "unknown user jdo", "details": {"candidates": ["jdoe", "jdoe2", "ann", "bob"]}}})"));

  // Bad input: 400 naming the field; readers and anonymous callers may not write.
  auto bad = PutUsers(writer_, R"({"users": [{"name": "j doe"}]})");
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(Body(bad)["error"]["message"], "user \"j doe\": name may not hold spaces, ':' or ','");
  bad = PutUsers(writer_, R"({"users": [{"name": "x", "contacts": [{"type": 1}]}]})");
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(Body(bad)["error"]["code"], "invalid_argument");
  EXPECT_EQ(PutUsers(reader_, R"({"name": "mallory"})")->status, 403);
  EXPECT_EQ(PutUsers("", R"({"name": "mallory"})")->status, 401);

  // A scoped writer changes no user, even one named like a team of its scope.
  auto hijack = PutUsers(scoped_, R"({"name": "jdoe", "contacts": [{"type": "webhook",
                                      "url": "https://attacker.example/hook"}]})");
  EXPECT_EQ(hijack->status, 403);
  EXPECT_EQ(Body(hijack)["error"]["message"],
            "token ci-geo may not change user jdoe: a scoped token changes no users (a writer "
            "token without a scope or an admin may)");
  EXPECT_EQ(Body(server_->Client(admin_)->Get("/api/v1/users/jdoe"))["contacts"][0]["url"],
            "https://hooks.example.com/jdoe");
  // … nor what a user follows.
  ASSERT_EQ(server_->Client(admin_)
                ->Put("/api/v1/catalog", R"({"assets": [{"fqn": "hive.geo.t", "kind": "table"}]})",
                      "application/json")
                ->status,
            200);
  auto follow = server_->Client(scoped_)->Put(
      "/api/v1/subscriptions", R"({"subscriber": "user:jdoe", "asset": "hive.geo.t"})",
      "application/json");
  EXPECT_EQ(follow->status, 403) << follow->body;
  EXPECT_EQ(Body(follow)["error"]["message"],
            "token ci-geo may not change the subscriptions of user jdoe: a scoped token changes "
            "no users (a writer token without a scope or an admin may)");

  // Every write is audited; users are counted in the detail.
  Json audit = Body(server_->Client(admin_)->Get("/api/v1/audit?actor=ci"))["entries"];
  ASSERT_EQ(audit.size(), 4u);  // newest first: the refused "j doe", bob, ann + jdoe2, jdoe
  EXPECT_EQ(audit[0]["outcome"], "invalid_argument");
  EXPECT_EQ(audit[1]["detail"], "1 user changed");
  EXPECT_EQ(audit[1]["teams_changed"], 0);
  EXPECT_EQ(audit[2]["detail"], "2 users changed");
  EXPECT_EQ(audit[3]["detail"], "1 user changed");
  audit = Body(server_->Client(admin_)->Get("/api/v1/audit?actor=ci-geo"))["entries"];
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[1]["outcome"], "permission_denied");
  EXPECT_EQ(audit[1]["error"],
            "token ci-geo may not change user jdoe: a scoped token changes no users (a writer "
            "token without a scope or an admin may)");
}

TEST_F(UsersServerTest, AnIncidentOnAUserOwnedModelReachesTheUsersWebhookOnce) {
  Json doc = {
      {"users",
       {{{"name", "jdoe"},
         {"contacts",
          {{{"type", "webhook"}, {"url", receiver_.url("/jdoe")}, {"secret", "s-jdoe"}}}}}}},
      {"assets",
       {{{"fqn", "hive.raw.src"}, {"kind", "table"}, {"columns", {{{"name", "c"}}}}},
        {{"fqn", "mlflow.churn"},
         {"kind", "model"},
         {"owners", {"user:jdoe", "user:ghost"}},
         {"features", {{{"name", "f"}}}}}}},
      {"edges", {{{"from", "hive.raw.src.c"}, {"to", "mlflow.churn.f"}}}},
      {"provenance", "api:test"}};
  auto r = server_->Client(writer_)->Put("/api/v1/catalog", doc.dump(), "application/json");
  ASSERT_EQ(r->status, 200) << r->body;

  // The impact lists the user with its contacts (redacted), the unknown one without.
  Json impact = Body(server_->Client(reader_)->Get("/api/v1/impact/hive.raw.src.c"));
  ASSERT_EQ(impact["teams"].size(), 2u);
  EXPECT_EQ(impact["teams"][0]["team"], "user:ghost");
  EXPECT_EQ(impact["teams"][0]["contacts"], Json::array());
  EXPECT_EQ(impact["teams"][1]["team"], "user:jdoe");
  EXPECT_EQ(impact["teams"][1]["contacts"][0]["type"], "webhook");
  EXPECT_EQ(impact["teams"][1]["contacts"][0]["secret"], "[redacted]");

  r = server_->Client(writer_)->Post("/api/v1/incidents",
                                     Json{{"asset", "hive.raw.src.c"}, {"title", "nulls"}}.dump(),
                                     "application/json");
  ASSERT_EQ(r->status, 201) << r->body;
  const Json opened = Body(r);
  EXPECT_EQ(opened["deliveries_queued"], 1);
  const std::string id = opened["id"];

  std::vector<Webhook> hooks = receiver_.WaitFor(1);
  ASSERT_EQ(hooks.size(), 1u);
  EXPECT_EQ(hooks[0].path, "/jdoe");
  EXPECT_EQ(hooks[0].signature, testing::StandardWebhookSignature("s-jdoe", hooks[0]));
  const Json body = Json::parse(hooks[0].body);
  EXPECT_EQ(body["type"], "incident.opened");
  EXPECT_EQ(body["team"], "user:jdoe");
  EXPECT_EQ(body["incident"]["id"], id);
  ASSERT_EQ(body["models"].size(), 1u);
  EXPECT_EQ(body["models"][0]["fqn"], "mlflow.churn");

  Json page;
  for (int i = 0; i < 200; ++i) {
    page = Body(server_->Client(reader_)->Get("/api/v1/incidents/" + id));
    if (page["deliveries"].size() == 1 && page["deliveries"][0]["state"] == "delivered") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(page["deliveries"].size(), 1u);
  EXPECT_EQ(page["deliveries"][0]["team"], "user:jdoe");
  EXPECT_EQ(page["deliveries"][0]["channel"], "webhook");
  EXPECT_EQ(page["deliveries"][0]["state"], "delivered");
  EXPECT_EQ(page["deliveries"][0]["attempts"], 1);
  EXPECT_EQ(receiver_.received().size(), 1u);  // exactly one message, none for user:ghost
}

}  // namespace
}  // namespace linea
