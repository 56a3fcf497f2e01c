// End-to-end: contact secrets (hardening issue #13, item 10) on the real server and the real
// binary — every answer that shows contacts redacts them for non-admins, an export carries them
// only when asked by an admin, a redacted export cannot overwrite stored secrets, and with a key
// the SQLite file holds them sealed (AES-256-GCM): without the key the server still starts and
// deliveries to a sealed contact fail with a clear error; `linea secrets rotate` re-seals them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>

#include "codec/json_codec.h"
#include "common/base64.h"
#include "notify/address_policy.h"
#include "secrets/key_ring.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/test_server.h"
#include "tests/testing/webhook_receiver.h"

namespace linea {
namespace {

using codec::Json;
using testing::CliResult;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::ReadFile;
using testing::RunLinea;
using testing::TestServer;
using testing::Webhook;
using testing::WebhookReceiver;
using testing::WriteFile;

// Every substring below is credential: none may appear in an answer to a non-admin.
constexpr const char* kSlackUrl = "https://hooks.slack.com/services/T0SLACK/B0SLACK/SLACKSECRET";
constexpr const char* kBotToken = "123456:TGSECRETTOKEN";
constexpr const char* kWebhookSecret = "WHSECRET-alpha";
const std::vector<std::string> kCredentials = {"SLACKSECRET",   "T0SLACK",  "/services/",
                                               "TGSECRETTOKEN", "WHSECRET", "hookpw",
                                               "QSECRET",       "/alpha"};

Json Body(const httplib::Result& r) {
  EXPECT_TRUE(r) << "no response";
  return r ? Json::parse(r->body, nullptr, false) : Json();
}

// The receiver URL of team alpha's webhook, with userinfo and a query token.
std::string AlphaUrl(const WebhookReceiver& receiver) {
  std::string url = receiver.url("/alpha?k=QSECRET");
  return "http://hookuser:hookpw@" + url.substr(std::string("http://").size());
}

// hive.raw.src (owned by team data: Slack, Telegram and e-mail) feeds mlflow.m1 (owned by team
// alpha: a signed webhook on the loopback receiver).
Json MeshDocument(const std::string& alpha_url) {
  Json teams = {
      {{"name", "data"},
       {"contacts",
        {{{"type", "slack"}, {"url", kSlackUrl}},
         {{"type", "telegram"}, {"bot_token", kBotToken}, {"chat_id", "@ops"}},
         {{"type", "email"}, {"address", "ops@example.com"}}}}},
      {{"name", "alpha"},
       {"contacts", {{{"type", "webhook"}, {"url", alpha_url}, {"secret", kWebhookSecret}}}}}};
  Json assets = {{{"fqn", "hive.raw.src"},
                  {"kind", "table"},
                  {"owners", {"team:data"}},
                  {"columns", {{{"name", "c"}}}}},
                 {{"fqn", "mlflow.m1"},
                  {"kind", "model"},
                  {"owners", {"team:alpha"}},
                  {"features", {{{"name", "f"}}}}}};
  Json edges = {{{"from", "hive.raw.src.c"}, {"to", "mlflow.m1.f"}}};
  return {{"teams", teams}, {"assets", assets}, {"edges", edges}, {"provenance", "api:test"}};
}

// What a non-admin sees of team data's contacts, exactly.
Json RedactedDataContacts() {
  return Json::parse(R"([
    {"type": "slack", "url": "https://hooks.slack.com/[redacted]"},
    {"type": "telegram", "bot_token": "[redacted]", "chat_id": "@ops"},
    {"type": "email", "address": "ops@example.com"}])");
}

app::AppOptions FastOutbox() {
  app::AppOptions options;
  options.outbox.base_backoff_ms = 100;
  options.outbox.poll_ms = 100;
  options.outbox.transport.total_timeout_ms = 5000;
  // The receivers listen on loopback: allowed here, as `linea serve --notify-allow` would.
  options.outbox.transport.allowed_targets = *notify::ParseCidrs({"127.0.0.0/8"});
  return options;
}

secrets::Key MakeKey(char fill) {
  return *secrets::Key::FromBase64(Base64Encode(std::string(32, fill)));
}

std::string KeyFile(const std::string& dir, char fill) {
  std::string path = dir + "/key-" + std::string(1, fill);
  WriteFile(path, Base64Encode(std::string(32, fill)) + "\n");
  return path;
}

// The SQLite file's bytes, its WAL's included.
std::string FileBytes(const std::string& db) {
  std::string bytes = ReadFile(db);
  std::ifstream wal(db + "-wal", std::ios::binary);
  if (wal) bytes += std::string(std::istreambuf_iterator<char>(wal), {});
  return bytes;
}

// The incident page once every delivery left "pending" (or after ~10 s).
Json SettledIncident(TestServer& server, const std::string& token, const std::string& id) {
  Json page;
  for (int i = 0; i < 200; ++i) {
    page = Body(server.Client(token)->Get("/api/v1/incidents/" + id));
    bool settled = !page["deliveries"].empty();
    for (const Json& d : page["deliveries"]) settled = settled && d["state"] != "pending";
    if (settled) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return page;
}

const Json* DeliveryTo(const Json& page, const std::string& team) {
  for (const Json& d : page["deliveries"]) {
    if (d["team"] == team) return &d;
  }
  return nullptr;
}

class SecretsServerTest : public ::testing::Test {
 protected:
  void Start(std::shared_ptr<const secrets::KeyRing> key_ring = nullptr) {
    server_ = std::make_unique<TestServer>(db_, server::ServerOptions{}, /*tiny_mesh=*/false,
                                           FastOutbox(), std::move(key_ring));
    const std::string run = std::to_string(++starts_);  // token names are never reused
    auto tokens = [&](const std::string& name, auth::Role role) {
      return *server_->app().tokens().Create(name + run, role, std::nullopt, catalog::Writer::Local("test"));
    };
    writer_ = tokens("oncall", auth::Role::kWriter);
    reader_ = tokens("dash", auth::Role::kReader);
    admin_ = tokens("ops", auth::Role::kAdmin);
  }
  void SetUp() override {
    dir_ = testing::FreshTestDir();
    db_ = dir_ + "/linea.db";
  }
  void Load() {
    auto r = server_->Client(writer_)->Put(
        "/api/v1/catalog", MeshDocument(AlphaUrl(receiver_)).dump(), "application/json");
    ASSERT_EQ(r->status, 200) << r->body;
  }
  // Opens an incident on the column (alpha and data are told); returns its id.
  std::string OpenIncident() {
    auto r = server_->Client(writer_)->Post(
        "/api/v1/incidents", Json{{"asset", "hive.raw.src.c"}, {"title", "nulls"}}.dump(),
        "application/json");
    EXPECT_EQ(r->status, 201) << r->body;
    return Body(r).value("id", "");
  }

  WebhookReceiver receiver_;
  std::string dir_, db_, writer_, reader_, admin_;
  std::unique_ptr<TestServer> server_;
  int starts_ = 0;
};

TEST_F(SecretsServerTest, ReaderSeesNoCredentialInAnyAnswer) {
  Start();
  Load();
  auto opened = server_->Client(writer_)->Post(
      "/api/v1/incidents", Json{{"asset", "hive.raw.src.c"}, {"title", "nulls"}}.dump(),
      "application/json");
  ASSERT_EQ(opened->status, 201) << opened->body;
  const std::string id = Body(opened)["id"];
  for (const std::string& body : {opened->body}) {
    for (const std::string& secret : kCredentials) EXPECT_THAT(body, Not(HasSubstr(secret)));
  }
  const std::vector<std::string> paths = {"/api/v1/teams",
                                          "/api/v1/teams/data",
                                          "/api/v1/teams/alpha",
                                          "/api/v1/catalog",
                                          "/api/v1/impact/hive.raw.src.c",
                                          "/api/v1/incidents/" + id,
                                          "/api/v1/incidents"};
  for (const std::string& token : {std::string(), reader_, writer_}) {
    auto client = server_->Client(token);
    for (const std::string& path : paths) {
      auto r = client->Get(path);
      ASSERT_EQ(r->status, 200) << path << " " << r->body;
      for (const std::string& secret : kCredentials) {
        EXPECT_THAT(r->body, Not(HasSubstr(secret))) << path << " as " << token;
      }
    }
    EXPECT_EQ(Body(client->Get("/api/v1/teams/data"))["contacts"], RedactedDataContacts());
    EXPECT_EQ(Body(client->Get("/api/v1/teams/alpha"))["contacts"],
              (Json{{{"type", "webhook"},
                     {"secret", "[redacted]"},
                     {"url", receiver_.url("/[redacted]")}}}));
    Json impact = Body(client->Get("/api/v1/impact/hive.raw.src.c"));
    ASSERT_EQ(impact["teams"].size(), 2u);
    EXPECT_EQ(impact["teams"][1]["team"], "data");
    EXPECT_EQ(impact["teams"][1]["contacts"], RedactedDataContacts());
    Json incident = Body(client->Get("/api/v1/incidents/" + id));
    EXPECT_EQ(incident["impact"]["teams"][1]["contacts"], RedactedDataContacts());
  }
}

TEST_F(SecretsServerTest, AdminSeesContactsInFullAndExportsThemOnlyWhenAsked) {
  Start();
  Load();
  auto admin = server_->Client(admin_);
  Json data = Body(admin->Get("/api/v1/teams/data"));
  EXPECT_EQ(data["contacts"][0]["url"], kSlackUrl);
  EXPECT_EQ(data["contacts"][1]["bot_token"], kBotToken);
  EXPECT_EQ(Body(admin->Get("/api/v1/teams/alpha"))["contacts"][0]["secret"], kWebhookSecret);
  EXPECT_EQ(Body(admin->Get("/api/v1/impact/hive.raw.src.c"))["teams"][1]["contacts"][0]["url"],
            kSlackUrl);
  // The export is redacted unless asked for, even for an admin; asking needs an admin.
  auto plain = admin->Get("/api/v1/catalog");
  for (const std::string& secret : kCredentials) EXPECT_THAT(plain->body, Not(HasSubstr(secret)));
  auto full = admin->Get("/api/v1/catalog?include_secrets=true");
  ASSERT_EQ(full->status, 200);
  EXPECT_THAT(full->body, HasSubstr("SLACKSECRET"));
  EXPECT_THAT(full->body, HasSubstr(kWebhookSecret));
  auto denied = server_->Client(writer_)->Get("/api/v1/catalog?include_secrets=true");
  EXPECT_EQ(denied->status, 403);
  EXPECT_EQ(Body(denied)["error"]["message"], "include_secrets=true needs an admin token");
  EXPECT_EQ(server_->Client()->Get("/api/v1/catalog?include_secrets=maybe")->status, 400);
}

TEST_F(SecretsServerTest, ImportingARedactedExportIsRefusedAndKeepsTheStoredSecrets) {
  Start();
  Load();
  const std::string redacted = server_->Client(reader_)->Get("/api/v1/catalog")->body;
  auto r = server_->Client(admin_)->Put("/api/v1/catalog", redacted, "application/json");
  EXPECT_EQ(r->status, 400);
  EXPECT_THAT(Body(r)["error"]["message"].get<std::string>(),
              HasSubstr("contact 0 (webhook): secret is redacted (\"[redacted]\"): a redacted "
                        "export cannot restore secrets"));
  Json data = Body(server_->Client(admin_)->Get("/api/v1/teams/data"));
  EXPECT_EQ(data["contacts"][0]["url"], kSlackUrl);
  EXPECT_EQ(Body(server_->Client(admin_)->Get("/api/v1/teams/alpha"))["contacts"][0]["secret"],
            kWebhookSecret);
}

TEST_F(SecretsServerTest, WithAKeyTheFileHoldsNoPlaintextSecret) {
  const secrets::Key key = MakeKey('a');
  Start(std::make_shared<const secrets::KeyRing>(key));
  Load();
  // Served in full to an admin: the in-memory catalog holds the plaintext.
  EXPECT_EQ(Body(server_->Client(admin_)->Get("/api/v1/teams/data"))["contacts"][0]["url"],
            kSlackUrl);
  server_.reset();
  const std::string bytes = FileBytes(db_);
  for (const std::string& secret :
       {std::string(kSlackUrl), std::string("SLACKSECRET"), std::string("TGSECRETTOKEN"),
        std::string(kWebhookSecret), std::string("hookpw"), std::string("QSECRET")}) {
    EXPECT_EQ(bytes.find(secret), std::string::npos) << secret;
  }
  EXPECT_THAT(bytes, HasSubstr("enc:v1:" + key.id() + ":"));
  EXPECT_THAT(bytes, HasSubstr("ops@example.com"));  // not a credential: kept readable
  CliResult status = RunLinea({"secrets", "status", "--db", db_, "--json"}, "", "",
                              {"LINEA_SECRET_KEY=" + Base64Encode(std::string(32, 'a'))});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_EQ(Json::parse(status.out),
            (Json{{"plaintext", 0}, {"keys", {{key.id(), 4}}}, {"configured_key", key.id()}}));
}

TEST_F(SecretsServerTest, WithoutTheKeyTheServerStartsAndDeliveriesToSealedContactsFail) {
  Start(std::make_shared<const secrets::KeyRing>(MakeKey('a')));
  Load();
  server_.reset();
  bool first = true;
  for (auto ring : {std::make_shared<const secrets::KeyRing>(MakeKey('b')),
                    std::make_shared<const secrets::KeyRing>()}) {
    Start(ring);
    // Shown redacted to everyone; an admin sees the sealed value, which names its key.
    EXPECT_EQ(Body(server_->Client(reader_)->Get("/api/v1/teams/data"))["contacts"],
              Json::parse(R"([{"type": "slack", "url": "[redacted]"},
                              {"type": "telegram", "bot_token": "[redacted]", "chat_id": "@ops"},
                              {"type": "email", "address": "ops@example.com"}])"));
    EXPECT_THAT(Body(server_->Client(admin_)->Get("/api/v1/teams/alpha"))["contacts"][0]["url"]
                    .get<std::string>(),
                HasSubstr("enc:v1:" + MakeKey('a').id() + ":"));
    if (first) {  // the incident stays open across the restart: it notifies once
      const std::string id = OpenIncident();
      Json page = SettledIncident(*server_, admin_, id);
      const Json* alpha = DeliveryTo(page, "team:alpha");
      ASSERT_NE(alpha, nullptr) << page.dump();
      EXPECT_EQ((*alpha)["state"], "failed");
      EXPECT_EQ((*alpha)["last_error"],
                "contact 0 (webhook): secret is encrypted under key " + MakeKey('a').id() +
                    ", which this process cannot decrypt (configure the key with "
                    "LINEA_SECRET_KEY or --secret-key-file)");
      first = false;
    }
    // Writing a team back with its sealed value is refused, naming the key.
    auto r = server_->Client(admin_)->Put(
        "/api/v1/teams", Body(server_->Client(admin_)->Get("/api/v1/teams/alpha")).dump(),
        "application/json");
    EXPECT_EQ(r->status, 400);
    server_.reset();
  }
  EXPECT_TRUE(receiver_.received().empty());
}

TEST_F(SecretsServerTest, RotateReSealsEverySecretAndDeliveriesStillWork) {
  Start(std::make_shared<const secrets::KeyRing>(MakeKey('a')));
  Load();
  server_.reset();
  const std::string old_id = MakeKey('a').id(), new_id = MakeKey('b').id();
  CliResult rotate = RunLinea({"secrets", "rotate", "--db", db_, "--secret-key-file",
                               KeyFile(dir_, 'a'), "--new-key-file", KeyFile(dir_, 'b')});
  ASSERT_EQ(rotate.exit_code, 0) << rotate.err;
  EXPECT_EQ(rotate.out, "re-encrypted 4 contact secrets of 2 teams under key " + new_id + "\n");
  const std::string bytes = FileBytes(db_);
  EXPECT_EQ(bytes.find(old_id), std::string::npos);
  EXPECT_THAT(bytes, HasSubstr("enc:v1:" + new_id + ":"));
  EXPECT_EQ(bytes.find("SLACKSECRET"), std::string::npos);

  Start(std::make_shared<const secrets::KeyRing>(MakeKey('b')));
  OpenIncident();
  std::vector<Webhook> hooks = receiver_.WaitFor(1);
  ASSERT_EQ(hooks.size(), 1u);
  EXPECT_EQ(hooks[0].path, "/alpha");
  EXPECT_EQ(hooks[0].signature, testing::StandardWebhookSignature(kWebhookSecret, hooks[0]));
}

TEST(SecretsCliTest, RotateWithoutTheOldKeyIsRefusedAndChangesNothing) {
  const std::string dir = testing::FreshTestDir(), db = dir + "/linea.db";
  const std::string key_a = KeyFile(dir, 'a'), key_b = KeyFile(dir, 'b');
  CliResult set =
      RunLinea({"team", "set", "alpha", "--db", db, "--secret-key-file", key_a, "--contact",
                R"({"type": "slack", "url": "https://hooks.slack.com/services/X"})"});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  const std::string before = FileBytes(db);
  CliResult rotate = RunLinea({"secrets", "rotate", "--db", db, "--new-key-file", key_b});
  EXPECT_EQ(rotate.exit_code, 2);
  EXPECT_EQ(rotate.err,
            "linea: nothing rotated: team alpha: contact 0 (slack): url is encrypted "
            "under key " +
                MakeKey('a').id() +
                ", which this process cannot decrypt (configure the key with "
                "LINEA_SECRET_KEY or --secret-key-file)\n");
  CliResult status = RunLinea({"secrets", "status", "--db", db, "--json"});
  EXPECT_EQ(Json::parse(status.out)["keys"], (Json{{MakeKey('a').id(), 1}}));
}

// User contacts are sealed and rotated like team contacts.
TEST(SecretsCliTest, RotateReSealsUserContactsToo) {
  const std::string dir = testing::FreshTestDir(), db = dir + "/linea.db";
  const std::string key_a = KeyFile(dir, 'a'), key_b = KeyFile(dir, 'b');
  for (const char* holder : {"team", "user"}) {
    CliResult set =
        RunLinea({holder, "set", "alpha", "--db", db, "--secret-key-file", key_a, "--contact",
                  std::string(R"({"type": "slack", "url": ")") + kSlackUrl + "\"}"});
    ASSERT_EQ(set.exit_code, 0) << set.err;
  }
  EXPECT_EQ(FileBytes(db).find("SLACKSECRET"), std::string::npos);
  CliResult before = RunLinea({"secrets", "status", "--db", db, "--json"});
  EXPECT_EQ(Json::parse(before.out)["keys"], (Json{{MakeKey('a').id(), 2}}));

  CliResult rotate = RunLinea(
      {"secrets", "rotate", "--db", db, "--secret-key-file", key_a, "--new-key-file", key_b});
  ASSERT_EQ(rotate.exit_code, 0) << rotate.err;
  EXPECT_EQ(rotate.out, "re-encrypted 2 contact secrets of 1 team and 1 user under key " +
                            MakeKey('b').id() + "\n");
  const std::string bytes = FileBytes(db);
  EXPECT_EQ(bytes.find(MakeKey('a').id()), std::string::npos);
  EXPECT_EQ(bytes.find("SLACKSECRET"), std::string::npos);
  CliResult after = RunLinea({"secrets", "status", "--db", db, "--json"});
  EXPECT_EQ(Json::parse(after.out)["keys"], (Json{{MakeKey('b').id(), 2}}));
  CliResult shown =
      RunLinea({"user", "show", "alpha", "--db", db, "--secret-key-file", key_b, "--json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_EQ(Json::parse(shown.out)["contacts"][0]["url"], kSlackUrl);
}

TEST(SecretsCliTest, ExportIsRedactedUnlessIncludeSecretsAndABadKeyIsRefused) {
  const std::string dir = testing::FreshTestDir(), db = dir + "/linea.db";
  const std::string key = KeyFile(dir, 'a');
  CliResult set =
      RunLinea({"team", "set", "data", "--db", db, "--secret-key-file", key, "--contact",
                std::string(R"({"type": "slack", "url": ")") + kSlackUrl + "\"}"});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  CliResult redacted = RunLinea({"export", "--db", db, "--secret-key-file", key});
  ASSERT_EQ(redacted.exit_code, 0) << redacted.err;
  EXPECT_EQ(Json::parse(redacted.out)["teams"][0]["contacts"][0]["url"],
            "https://hooks.slack.com/[redacted]");
  CliResult full = RunLinea({"export", "--db", db, "--secret-key-file", key, "--include-secrets"});
  EXPECT_EQ(Json::parse(full.out)["teams"][0]["contacts"][0]["url"], kSlackUrl);
  // Without the key even --include-secrets cannot show the secret.
  CliResult keyless = RunLinea({"export", "--db", db, "--include-secrets"});
  EXPECT_THAT(keyless.out, Not(HasSubstr("SLACKSECRET")));
  WriteFile(dir + "/bad", "c2hvcnQ=\n");
  CliResult bad = RunLinea({"export", "--db", db, "--secret-key-file", dir + "/bad"});
  EXPECT_EQ(bad.exit_code, 1);  // like every failure to open the catalog
  EXPECT_EQ(bad.err, "linea: secret key file " + dir +
                         "/bad: a secret key must be the base64 of 32 bytes (generate one with "
                         "`openssl rand -base64 32`)\n");
}

}  // namespace
}  // namespace linea
