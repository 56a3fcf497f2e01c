// End-to-end: the audit log's read side — GET /api/v1/audit over real HTTP (admin only, filters,
// paging, 400s naming the parameter), `linea audit` against a server and on a file, and the
// retention of a real `linea serve --audit-retention-days`.
//
// Records come from client writes that carry a Writer (catalog/writer.h). Cases marked
// NEEDS-WRITER-PLUMBING expect the routes to pass one (the lead's branch); until then they
// find no record of their writes and skip.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <thread>

#include "codec/json_codec.h"
#include "store/sqlite/sqlite_store.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/test_server.h"

namespace linea {
namespace {

using codec::Json;
using testing::CliResult;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using testing::RunLinea;
using ::testing::StartsWith;
using testing::TestServer;

Json Body(const httplib::Result& r) {
  EXPECT_TRUE(r) << "no response";
  if (!r) return Json();
  return Json::parse(r->body, nullptr, false);
}

int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class AuditServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshTestDir();
    server_ = std::make_unique<TestServer>(dir_ + "/linea.db", server::ServerOptions{});
    writer_ = *server_->app().tokens().Create("ci", auth::Role::kWriter, std::nullopt, catalog::Writer::Local("test"));
    reader_ = *server_->app().tokens().Create("dash", auth::Role::kReader, std::nullopt, catalog::Writer::Local("test"));
    admin_ = *server_->app().tokens().Create("ops", auth::Role::kAdmin, std::nullopt, catalog::Writer::Local("test"));
  }
  httplib::Result Audit(const std::string& query = "") {
    return server_->Client(admin_)->Get("/api/v1/audit" + query);
  }
  Json Entries(const std::string& query = "") {
    httplib::Result r = Audit(query);
    EXPECT_EQ(r->status, 200) << r->body;
    return Body(r)["entries"];
  }
  CliResult Linea(std::vector<std::string> args, const std::string& token) {
    args.insert(args.end(), {"--server", server_->url(), "--token", token});
    return RunLinea(args);
  }
  // Skips the case while no route passes a Writer (NEEDS-WRITER-PLUMBING).

  std::string dir_, writer_, reader_, admin_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(AuditServerTest, OnlyAdminsReadTheAuditLog) {
  httplib::Result anonymous = server_->Client()->Get("/api/v1/audit");
  EXPECT_EQ(anonymous->status, 401);
  EXPECT_EQ(Body(anonymous)["error"]["code"], "unauthenticated");
  for (const std::string& token : {reader_, writer_}) {
    httplib::Result denied = server_->Client(token)->Get("/api/v1/audit");
    EXPECT_EQ(denied->status, 403);
    EXPECT_EQ(Body(denied)["error"]["code"], "permission_denied");
  }
  httplib::Result admin = Audit();
  ASSERT_EQ(admin->status, 200) << admin->body;
  EXPECT_EQ(admin->get_header_value("Content-Type").rfind("application/json", 0), 0u);
  Json body = Body(admin);
  ASSERT_TRUE(body["entries"].is_array());
  EXPECT_FALSE(body.contains("next_cursor"));  // one page holds everything
}

TEST_F(AuditServerTest, ABadParameterIs400NamingIt) {
  const std::pair<const char*, const char*> cases[] = {
      {"?limit=0", "limit: expected 1 to 1000, got 0"},
      {"?limit=1001", "limit: expected 1 to 1000, got 1001"},
      {"?limit=ten", "limit: expected a non-negative integer, got \"ten\""},
      {"?since=yesterday", "since: expected an RFC 3339 date or date-time"},
      {"?since=2026-12-7", "since: expected"},
      {"?until=2026-02-30", "until: expected"},
      {"?until=2026-12-07T25:00:00Z", "until: expected"},
      {"?until=2026-12-07T10:00:00+01:00", "until: expected"},
      {"?cursor=abc", "cursor: expected a next_cursor of a previous page, got \"abc\""},
      {"?cursor=-5", "cursor: expected"},
  };
  for (auto [query, message] : cases) {
    httplib::Result r = Audit(query);
    EXPECT_EQ(r->status, 400) << query;
    EXPECT_EQ(Body(r)["error"]["code"], "invalid_argument") << query;
    EXPECT_THAT(Body(r)["error"]["message"].get<std::string>(), StartsWith(message)) << query;
  }
  for (const char* good :
       {"?since=2026-12-07", "?since=2026-12-07T10:00:00Z", "?since=2026-12-07T10:00:00.250Z",
        "?until=1765100000000", "?limit=1000&cursor=12&actor=x&outcome=ok&action=teams"}) {
    EXPECT_EQ(Audit(good)->status, 200) << good;
  }
}

// NEEDS-WRITER-PLUMBING: every assert below reads records of writes made through the API.
TEST_F(AuditServerTest, WritesAreRecordedWithActorRoleActionOutcomeAndCounts) {
  const int64_t before = NowMillis();
  auto ci = server_->Client(writer_);
  ASSERT_EQ(
      ci->Put("/api/v1/teams", R"({"name": "audit-team", "description": "x"})", "application/json")
          ->status,
      200);

  Json newest = Entries().at(0);
  EXPECT_EQ(newest["actor"], "ci");
  EXPECT_EQ(newest["role"], "writer");
  EXPECT_EQ(newest["action"], "PUT /api/v1/teams");
  EXPECT_EQ(newest["outcome"], "ok");
  EXPECT_FALSE(newest.contains("error"));
  EXPECT_EQ(newest["teams_changed"], 1);
  EXPECT_EQ(newest["assets"], Json({{"added", 0}, {"changed", 0}, {"removed", 0}}));
  EXPECT_EQ(newest["edge_sets_replaced"], 0);
  EXPECT_EQ(newest["edges_written"], 0);
  EXPECT_EQ(newest["provenances"], Json::array());
  EXPECT_EQ(newest["provenances_total"], 0);
  EXPECT_THAT(newest["at"].get<std::string>(),
              MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z"));

  // A write that fails validation is recorded with its error, and changes nothing.
  httplib::Result bad = ci->Put("/api/v1/catalog",
                                R"({"assets": [{"fqn": "hive.audit.t", "kind": "table",
                                    "owners": ["scoring"]}]})",
                                "application/json");
  ASSERT_EQ(bad->status, 400) << bad->body;
  Json refused = Entries().at(0);
  EXPECT_EQ(refused["actor"], "ci");
  EXPECT_EQ(refused["action"], "PUT /api/v1/catalog");
  EXPECT_EQ(refused["outcome"], "invalid_argument");
  EXPECT_EQ(refused["error"], Body(bad)["error"]["message"]);

  // Edges: counts and provenances.
  ASSERT_EQ(ci->Put("/api/v1/catalog",
                    R"({"assets": [{"fqn": "hive.audit.a", "kind": "table"},
                                   {"fqn": "hive.audit.b", "kind": "table"}],
                        "edges": [{"from": "hive.audit.a", "to": "hive.audit.b",
                                   "provenance": "sql:audit"}]})",
                    "application/json")
                ->status,
            200);
  Json edges = Entries().at(0);
  EXPECT_EQ(edges["assets"]["added"], 2);
  EXPECT_EQ(edges["edge_sets_replaced"], 1);
  EXPECT_EQ(edges["edges_written"], 1);
  EXPECT_EQ(edges["provenances"], Json({"sql:audit"}));

  // Filters.
  Json failed = Entries("?actor=ci&outcome=invalid_argument");
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0]["id"], refused["id"]);
  EXPECT_EQ(Entries("?actor=ci&action=teams").size(), 1u);
  EXPECT_EQ(Entries("?actor=ci").size(), 3u);
  EXPECT_EQ(Entries("?actor=c").size(), 0u);  // exact
  EXPECT_EQ(Entries("?actor=ci&since=" + std::to_string(before)).size(), 3u);
  EXPECT_EQ(Entries("?actor=ci&until=" + std::to_string(before)).size(), 0u);
  EXPECT_EQ(Entries("?since=2999-01-01").size(), 0u);

  // Paging: one record a page, newest first, each once.
  std::vector<int64_t> ids;
  std::string cursor;
  for (int page = 0; page < 10; ++page) {
    Json body = Body(Audit("?actor=ci&limit=1" + (cursor.empty() ? "" : "&cursor=" + cursor)));
    for (const Json& e : body["entries"]) ids.push_back(e["id"].get<int64_t>());
    if (!body.contains("next_cursor")) break;
    cursor = body["next_cursor"].get<std::string>();
  }
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_GT(ids[0], ids[1]);
  EXPECT_GT(ids[1], ids[2]);
  EXPECT_EQ(ids[0], edges["id"]);

  // `linea audit` prints the same records, and --json the API's answer.
  CliResult table = Linea({"audit", "--actor", "ci"}, admin_);
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("PUT /api/v1/teams"));
  EXPECT_THAT(table.out, HasSubstr("1 team"));
  EXPECT_THAT(table.out, HasSubstr("+2 ~0 −0 assets, 1 edge set (1 edge)"));
  EXPECT_THAT(table.out, HasSubstr("error: "));
  EXPECT_THAT(table.out, HasSubstr("(3 records, newest first)"));
  CliResult json = Linea({"audit", "--actor", "ci", "--json"}, admin_);
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(Json::parse(json.out), Body(Audit("?actor=ci")));
  CliResult paged = Linea({"audit", "--actor", "ci", "--limit", "1"}, admin_);
  EXPECT_THAT(paged.out, HasSubstr("(1 record, newest first; older ones: --cursor " +
                                   std::to_string(ids[0]) + ")"));
}

// NEEDS-WRITER-PLUMBING and token scopes: a write out of a scoped token's reach is refused
// (403) and recorded as permission_denied. The scope's JSON shape is a guess at the lead's
// POST /api/v1/tokens; adjust it there.
TEST_F(AuditServerTest, AScopeRefusalIsRecordedAsPermissionDenied) {
  ASSERT_EQ(server_->Client(writer_)
                ->Put("/api/v1/teams", R"({"name": "ci-team"})", "application/json")
                ->status,
            200);
  httplib::Result created = server_->Client(admin_)->Post("/api/v1/tokens",
                                                          R"({"name": "ci-geo", "role": "writer",
                                        "scope": {"domains": ["geo"]}})",
                                                          "application/json");
  ASSERT_EQ(created->status, 200) << created->body;
  const std::string scoped = Body(created)["token"];
  httplib::Result denied = server_->Client(scoped)->Put(
      "/api/v1/teams", R"({"name": "audit-team", "description": "x"})", "application/json");
  EXPECT_EQ(denied->status, 403) << denied->body;
  Json entries = Entries("?actor=ci-geo");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0]["role"], "writer");
  EXPECT_EQ(entries[0]["action"], "PUT /api/v1/teams");
  EXPECT_EQ(entries[0]["outcome"], "permission_denied");
  EXPECT_EQ(entries[0]["error"], Body(denied)["error"]["message"]);
  EXPECT_EQ(entries[0]["teams_changed"], 0);
}

TEST_F(AuditServerTest, TheCliNeedsAnAdminTokenOnAServer) {
  CliResult denied = Linea({"audit"}, writer_);
  EXPECT_EQ(denied.exit_code, 2) << denied.err;
  EXPECT_THAT(denied.err, StartsWith("linea: "));
  EXPECT_EQ(denied.out, "");
  CliResult admin = Linea({"audit", "--json"}, admin_);
  ASSERT_EQ(admin.exit_code, 0) << admin.err;
  EXPECT_TRUE(Json::parse(admin.out)["entries"].is_array());
}

// `linea audit` on a catalog file, and its bad flag values: one `linea:` line, exit 2.
class AuditCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testing::FreshTestDir() + "/linea.db";
    CliResult r = RunLinea({"generate", "--scale", "tiny", "--db", db_});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  CliResult Audit(std::vector<std::string> args) {
    args.insert(args.begin(), "audit");
    args.push_back("--db");
    args.push_back(db_);
    return RunLinea(args);
  }
  void ExpectOneLine(const CliResult& r, const std::string& message) {
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_THAT(r.err, StartsWith("linea: " + message)) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.out, "");
  }
  std::string db_;
};

TEST_F(AuditCliTest, BadFlagValuesAreOneLineAndExit2) {
  ExpectOneLine(Audit({"--limit", "0"}), "limit: expected 1 to 1000, got 0");
  ExpectOneLine(Audit({"--limit", "lots"}), "limit: expected a non-negative integer");
  ExpectOneLine(Audit({"--since", "last week"}), "since: expected an RFC 3339 date");
  ExpectOneLine(Audit({"--until", "2026-13-01"}), "until: expected an RFC 3339 date");
  ExpectOneLine(Audit({"--cursor", "x"}), "cursor: expected a next_cursor");
}

// `linea generate` is a local write like any other: the fixture's file starts with its record.
TEST_F(AuditCliTest, LocalCommandsAreRecordedAndAnEmptyPageSaysSo) {
  CliResult json = Audit({"--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const Json entries = Json::parse(json.out)["entries"];
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0]["actor"], "cli");
  EXPECT_EQ(entries[0]["role"], "local");
  EXPECT_EQ(entries[0]["action"], "linea generate");
  EXPECT_EQ(entries[0]["outcome"], "ok");
  EXPECT_GT(entries[0]["assets"]["added"].get<int64_t>(), 0);
  CliResult none = Audit({"--actor", "nobody"});
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_EQ(none.out, "no audit records\n");
}

TEST_F(AuditCliTest, AMissingCatalogIsExit1) {
  CliResult r = RunLinea({"audit", "--db", db_ + ".missing"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_THAT(r.err, StartsWith("linea: "));
}

TEST(AuditRetentionFlagTest, InvalidRetentionIsExit2) {
  const std::string db = testing::FreshTestDir() + "/linea.db";
  for (const char* bad : {"-1", "36501"}) {
    CliResult r =
        RunLinea({"serve", "--db", db, "--listen", "127.0.0.1:0", "--audit-retention-days", bad});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(r.err, std::string("linea: --audit-retention-days: expected 0 (keep forever) to "
                                 "36500, got ") +
                         bad + "\n");
  }
  CliResult text = RunLinea({"serve", "--db", db, "--audit-retention-days", "a year"});
  EXPECT_EQ(text.exit_code, 2) << text.err;
  EXPECT_THAT(text.err, StartsWith("linea: "));
  EXPECT_THAT(text.err, HasSubstr("--audit-retention-days"));
}

// A real `linea serve --audit-retention-days 2` removes the records older than two days soon
// after it starts (its housekeeping's first tick) and keeps the newer ones.
TEST(AuditRetentionServeTest, ServeRemovesRecordsOlderThanTheRetention) {
  const std::string dir = testing::FreshTestDir();
  const std::string db = dir + "/linea.db";
  {
    Result<std::unique_ptr<store::Store>> store = store::OpenSqliteStore({.path = db});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    const int64_t now = NowMillis();
    for (auto [actor, age_days] : {std::pair{"old", 3}, std::pair{"recent", 1}}) {
      store::AuditRecord r;
      r.at_ms = now - age_days * 24LL * 3600 * 1000;
      r.actor = actor;
      r.role = "writer";
      r.action = "PUT /api/v1/teams";
      r.outcome = "ok";
      ASSERT_TRUE(
          (*store)
              ->Write([&](store::WriteTxn& txn) { return (*store)->audit().Append(txn, r); })
              .ok());
    }
  }
  testing::Spawned server =
      testing::SpawnLinea({"serve", "--db", db, "--listen", "127.0.0.1:0", "--no-auth", "--quiet",
                           "--audit-retention-days", "2"});
  std::string banner = testing::WaitForText(server.err_path, "on http://127.0.0.1:");
  ASSERT_FALSE(banner.empty()) << "server did not start";
  const int port = std::stoi(banner.substr(banner.find("on http://127.0.0.1:") + 20));
  httplib::Client c("127.0.0.1", port);
  std::vector<std::string> actors;
  for (int attempt = 0; attempt < 300; ++attempt) {  // housekeeping ticks every 2 s
    httplib::Result r = c.Get("/api/v1/audit");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    actors.clear();
    // The answer held in a variable: a range-for over Body(r)["entries"] would iterate a
    // member of a temporary that is already destroyed (it did: this test was disabled for it).
    const Json body = Body(r);
    for (const Json& e : body["entries"]) actors.push_back(e["actor"].get<std::string>());
    if (actors.size() < 2) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_THAT(actors, ElementsAre("recent")) << testing::ReadFile(server.err_path);
  EXPECT_EQ(testing::StopSpawned(server, SIGTERM), 0);
}

}  // namespace
}  // namespace linea
