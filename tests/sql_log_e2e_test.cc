// End-to-end: POST /api/v1/sql/log over real HTTP on a real SQLite catalog holding the tiny
// mesh — the lineage it writes, the summary, token roles and scopes, the audit log — and
// `linea ingest sql-log --server` printing what the local run prints (docs/query-logs.md).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "codec/json_codec.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/test_server.h"

namespace linea {
namespace {

using codec::Json;
using testing::CliResult;
using testing::RunLinea;
using testing::TestServer;

Json Body(const httplib::Result& r) {
  EXPECT_TRUE(r) << "no response";
  if (!r) return Json();
  return Json::parse(r->body, nullptr, false);
}

// A script of two statements: one copies a column, one does not parse (line 3 of the file).
constexpr char kLog[] =
    "INSERT INTO TABLE copy\n"
    "SELECT cell_id FROM moves;\n"
    "SELECT cell_id\n"
    "  FORM moves;\n";

class SqlLogServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshTestDir();
    server_ = std::make_unique<TestServer>(dir_ + "/linea.db", server::ServerOptions{});
    const catalog::Writer setup = catalog::Writer::Local("test");
    writer_ = *server_->app().tokens().Create("ci-etl", auth::Role::kWriter, std::nullopt, setup);
    reader_ = *server_->app().tokens().Create("dash", auth::Role::kReader, std::nullopt, setup);
    admin_ = *server_->app().tokens().Create("ops", auth::Role::kAdmin, std::nullopt, setup);
  }
  httplib::Result Post(const std::string& token, const std::string& query, const std::string& log) {
    return server_->Client(token)->Post("/api/v1/sql/log" + query, log, "text/plain");
  }
  int StatusOf(const std::string& path) { return server_->Client()->Get(path)->status; }

  std::string dir_, writer_, reader_, admin_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(SqlLogServerTest, WritesTheLogsLineageAndAnswersTheSummary) {
  httplib::Result r = Post(writer_, "?default_database=geo&file=etl.hql", kLog);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Body(r), Json::parse(R"({
      "records": 1, "statements": 2, "parsed": 1, "failed": 1,
      "failed_by_reason": {"expected FROM": 1}, "with_lineage": 1, "edges_written": 1,
      "assets_discovered": 4, "rejected": 0,
      "problems": [{"kind": "parse_error", "record": 1, "line": 3,
                    "text": "SELECT cell_id FORM moves",
                    "error": "4:3: expected FROM, got 'FORM'"}],
      "problems_omitted": 0})"));

  // The copied column reads moves.cell_id (identity), besides its own table.
  Json up = Body(server_->Client()->Get("/api/v1/upstream/hive.geo.copy.cell_id"));
  std::vector<std::pair<std::string, Json>> sources;
  for (const Json& s : up["sources"]) sources.emplace_back(s["fqn"], s["path_edges"]);
  EXPECT_EQ(sources, (std::vector<std::pair<std::string, Json>>{
                         {"hive.geo.copy", Json::array({"contains"})},
                         {"hive.geo.moves.cell_id", Json::array({"identity"})},
                         {"hive.geo.moves", Json::array({"identity", "contains"})}}));
  Json copy = Body(server_->Client()->Get("/api/v1/assets/hive.geo.copy"));
  EXPECT_EQ(copy["properties"]["discovered_by"], "sql");

  // Written as the token, through the catalog: the audit log has it.
  Json audit = Body(server_->Client(admin_)->Get("/api/v1/audit?actor=ci-etl"))["entries"];
  ASSERT_EQ(audit.size(), 1u) << audit;
  EXPECT_EQ(audit[0]["action"], "POST /api/v1/sql/log");
  EXPECT_EQ(audit[0]["outcome"], "ok");
  EXPECT_EQ(audit[0]["edges_written"], 1);
}

TEST_F(SqlLogServerTest, BadParametersAndLogsAre400NamingThem) {
  httplib::Result r = Post(writer_, "?dialect=oracle", kLog);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(Body(r)["error"]["code"], "invalid_argument");
  EXPECT_EQ(Body(r)["error"]["message"], "dialect: expected hive, spark or postgres");
  r = Post(writer_, "?format=xml", kLog);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(Body(r)["error"]["message"], "format: expected text, csv or jsonl");
  r = Post(writer_, "?strict=perhaps", kLog);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(Body(r)["error"]["message"], "strict: expected true or false, got \"perhaps\"");
  r = Post(writer_, "?format=csv&file=log.csv", "user,text\nu,SELECT 1\n");
  EXPECT_EQ(r->status, 400);
  EXPECT_THAT(Body(r)["error"]["message"].get<std::string>(), ::testing::StartsWith("log.csv: "));
  EXPECT_EQ(StatusOf("/api/v1/assets/hive.geo.copy"), 404);
}

TEST_F(SqlLogServerTest, ReadersAndWritersOutOfScopeAreRefusedAndNothingIsApplied) {
  httplib::Result r = Post(reader_, "?default_database=geo", kLog);
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(Body(r)["error"]["code"], "permission_denied");
  r = Post("", "?default_database=geo", kLog);
  EXPECT_EQ(r->status, 401);

  auto created = server_->Client(admin_)->Post(
      "/api/v1/tokens",
      R"({"name": "ci-geo", "role": "writer", "scope": {"prefixes": ["hive.geo"]}})",
      "application/json");
  ASSERT_EQ(created->status, 200) << created->body;
  const std::string geo = Body(created)["token"];
  // The first statement is the token's; the second writes outside its scope.
  r = Post(geo, "",
           "INSERT INTO TABLE geo.copy SELECT cell_id FROM geo.moves;\n"
           "INSERT INTO TABLE crm.churn SELECT cell_id FROM geo.moves;\n");
  EXPECT_EQ(r->status, 403) << r->body;
  EXPECT_EQ(Body(r)["error"]["code"], "permission_denied");
  EXPECT_EQ(Body(r)["error"]["message"],
            "token ci-geo may not change hive.crm.churn (no domain): its scope covers prefixes "
            "[hive.geo]");
  EXPECT_EQ(StatusOf("/api/v1/assets/hive.geo.copy"), 404);
  EXPECT_EQ(StatusOf("/api/v1/assets/hive.geo.moves"), 404);
  EXPECT_EQ(StatusOf("/api/v1/assets/hive.crm.churn"), 404);
  Json audit = Body(server_->Client(admin_)->Get("/api/v1/audit?actor=ci-geo"))["entries"];
  ASSERT_EQ(audit.size(), 1u) << audit;
  EXPECT_EQ(audit[0]["outcome"], "permission_denied");

  // Within its scope the same token writes.
  r = Post(geo, "", "INSERT INTO TABLE geo.copy SELECT cell_id FROM geo.moves;\n");
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(StatusOf("/api/v1/assets/hive.geo.copy.cell_id"), 200);
}

// `linea ingest sql-log --server` prints what the same run prints on a local catalog holding
// the same mesh, as text and as JSON.
TEST_F(SqlLogServerTest, CliAgainstAServerPrintsWhatTheLocalRunPrints) {
  const std::string log = dir_ + "/etl.hql", csv = dir_ + "/history.csv";
  testing::WriteFile(log, kLog);
  testing::WriteFile(csv,
                     "user,database,query_text\n"
                     "etl,geo,\"INSERT INTO TABLE copy2 SELECT cell_id FROM moves\"\n");
  const std::string db = dir_ + "/local.db";
  ASSERT_EQ(RunLinea({"generate", "--scale", "tiny", "--db", db}).exit_code, 0);
  // The same runs on each side, so both catalogs stay alike: the script as text, then a CSV
  // log as JSON.
  const std::vector<std::vector<std::string>> runs = {
      {"ingest", "sql-log", log, "--default-database", "geo"},
      {"ingest", "sql-log", csv, "--format", "csv", "--json"}};
  std::vector<std::string> outputs;
  for (const std::vector<std::string>& args : runs) {
    std::vector<std::string> local_args = args, remote_args = args;
    local_args.insert(local_args.end(), {"--db", db});
    remote_args.insert(remote_args.end(), {"--server", server_->url(), "--token", writer_});
    CliResult local = RunLinea(local_args);
    ASSERT_EQ(local.exit_code, 0) << local.err;
    CliResult remote = RunLinea(remote_args);
    ASSERT_EQ(remote.exit_code, 0) << remote.err;
    EXPECT_EQ(remote.out, local.out);
    EXPECT_EQ(remote.err, "");
    outputs.push_back(local.out);
  }
  EXPECT_EQ(outputs[0],
            "1 record, 2 statements: 1 parsed, 1 failed\n"
            "  failed: 1 × expected FROM\n"
            "1 statement with lineage, 1 edge written, 4 assets discovered\n"
            "problems:\n"
            "  line 3 (record 1) \"SELECT cell_id FORM moves\": 4:3: expected FROM, got "
            "'FORM'\n");
  Json summary = Json::parse(outputs[1]);
  EXPECT_EQ(summary["records"], 1);
  EXPECT_EQ(summary["edges_written"], 1);
  EXPECT_EQ(summary["assets_discovered"], 2);  // copy2 and its column
  // Bad flags are the CLI's: exit 2, one line, nothing sent.
  CliResult bad = RunLinea({"ingest", "sql-log", log, "--dialect", "oracle", "--server",
                            server_->url(), "--token", writer_});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err, "linea: --dialect: expected hive, spark or postgres\n");
  // A reader token is refused by the server: exit 2 with its message.
  CliResult reader =
      RunLinea({"ingest", "sql-log", log, "--server", server_->url(), "--token", reader_});
  EXPECT_EQ(reader.exit_code, 2) << reader.err;
}

}  // namespace
}  // namespace linea
