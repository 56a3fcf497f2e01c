// End-to-end: the real `linea` binary pulls a Hive Metastore (SQLite file, and a real
// PostgreSQL 15 server) — `linea ingest hive-metastore`, `linea connectors status`,
// `linea serve --connectors` with GET /api/v1/connectors, POST …/run and /metrics — and a pull
// killed with SIGKILL leaves whole transactions that the next pull completes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "sourcedb/testing/test_servers.h"
#include "tests/testing/cli_runner.h"

namespace linea {
namespace {

using testing::CliResult;
using testing::RunLinea;
using testing::WriteFile;
using sourcedb::testing::ExecSqlite;
using ::testing::ContainsRegex;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

std::string SchemaSql(const std::string& engine) {
  return testing::ReadFile(std::string(LINEA_SOURCE_DIR_DEFAULT) +
                           "/tests/data/hive_metastore/schema." + engine + ".sql");
}

// INSERTs for `databases` databases of `tables` tables of `columns` columns each, in the
// quoting of PostgreSQL and SQLite. Table t<j> of db<i> has TBL_ID i*100000+j.
std::string MetastoreRows(int databases, int tables, int columns) {
  std::string sql = "BEGIN;";
  for (int i = 1; i <= databases; ++i) {
    const std::string db = "db" + std::to_string(i);
    sql += "INSERT INTO \"DBS\" VALUES (" + std::to_string(i) + ", NULL, 'hdfs://nn/" + db +
           "', '" + db + "', 'hive', 'USER', 'hive');";
    for (int j = 1; j <= tables; ++j) {
      const std::string id = std::to_string(i * 100000 + j);
      sql += "INSERT INTO \"CDS\" VALUES (" + id + ");INSERT INTO \"SDS\" VALUES (" + id +
             ", NULL, FALSE, NULL, -1, NULL, NULL, " + id + ", FALSE);" +
             "INSERT INTO \"TBLS\" (\"TBL_ID\", \"CREATE_TIME\", \"DB_ID\", \"LAST_ACCESS_TIME\", "
             "\"OWNER\", \"OWNER_TYPE\", \"RETENTION\", \"SD_ID\", \"TBL_NAME\", \"TBL_TYPE\", "
             "\"IS_REWRITE_ENABLED\") VALUES (" + id + ", 1700000000, " + std::to_string(i) +
             ", 0, 'etl', 'USER', 0, " + id + ", 't" + std::to_string(j) +
             "', 'MANAGED_TABLE', FALSE);";
      for (int k = 0; k < columns; ++k) {
        sql += "INSERT INTO \"COLUMNS_V2\" VALUES (" + id + ", NULL, 'c" + std::to_string(k) +
               "', 'string', " + std::to_string(k) + ");";
      }
    }
  }
  return sql + "COMMIT;";
}

// A count from the catalog file, read while another process may write it.
int64_t CountCatalog(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* stmt = nullptr;
  int64_t n = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    n = sqlite3_column_int64(stmt, 0);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return n;
}

class ConnectorCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshTestDir();
    db_ = dir_ + "/linea.db";
    hms_ = dir_ + "/metastore.db";
    ASSERT_TRUE(ExecSqlite(hms_, SchemaSql("sqlite")).ok());
    ASSERT_TRUE(ExecSqlite(hms_, MetastoreRows(2, 3, 4)).ok());
    WriteFile(dir_ + "/hms.yaml",
              "name: hms-prod\ntype: hive-metastore\nurl: sqlite:metastore.db\n"
              "owners: {etl: 'team:platform'}\n");
  }
  CliResult Linea(std::vector<std::string> args) {
    args.push_back("--db");
    args.push_back(db_);
    return RunLinea(args);
  }

  std::string dir_, db_, hms_;
};

TEST_F(ConnectorCliTest, IngestPullsThenSaysNothingChanged) {
  CliResult first = Linea({"ingest", "hive-metastore", "--config", dir_ + "/hms.yaml"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("hms-prod (hive-metastore, sqlite:" + dir_ +
                                   "/metastore.db): 6 items: 6 read, 0 unchanged, 0 removed\n"
                                   "  created: 24 columns, 6 tables\n"));
  EXPECT_THAT(first.out, HasSubstr(" in 2 transactions\n"));
  EXPECT_EQ(first.err, "");  // no progress bar off a terminal

  CliResult second = Linea({"ingest", "hive-metastore", "--config", dir_ + "/hms.yaml"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr("nothing changed (6 items, 6 unchanged since the last pull, "
                                    "0 read)"));
  CliResult asset = Linea({"search", "t2", "--kind", "table", "--json"});
  EXPECT_THAT(asset.out, HasSubstr("\"hive.db1.t2\""));
  EXPECT_THAT(asset.out, HasSubstr("team:platform"));
}

TEST_F(ConnectorCliTest, JsonReportAndStatus) {
  CliResult r = Linea({"ingest", "hive-metastore", "--config", dir_ + "/hms.yaml", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json report = nlohmann::json::parse(r.out);
  EXPECT_EQ(report["connector"], "hms-prod");
  EXPECT_EQ(report["outcome"], "ok");
  EXPECT_EQ(report["items"]["listed"], 6);
  EXPECT_EQ(report["assets"]["created"]["column"], 24);
  EXPECT_EQ(report["changed"], true);

  CliResult status = Linea({"connectors", "status"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_THAT(status.out, HasSubstr("hms-prod   hive-metastore"));
  EXPECT_THAT(status.out, HasSubstr(" ok "));
  EXPECT_THAT(status.out, HasSubstr("30 assets"));
  CliResult json = Linea({"connectors", "status", "--json"});
  nlohmann::json list = nlohmann::json::parse(json.out)["connectors"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["name"], "hms-prod");
  EXPECT_EQ(list[0]["scheduled"], false);
  EXPECT_EQ(list[0]["last_run"]["outcome"], "ok");
}

TEST_F(ConnectorCliTest, DryRunWritesNothing) {
  CliResult r = Linea({"ingest", "hive-metastore", "--config", dir_ + "/hms.yaml", "--dry-run"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("(dry run: nothing written)"));
  EXPECT_THAT(r.out, HasSubstr("would be created: 24 columns, 6 tables"));
  EXPECT_EQ(CountCatalog(db_, "SELECT count(*) FROM assets"), 0);
  EXPECT_EQ(CountCatalog(db_, "SELECT count(*) FROM connector_runs"), 0);
}

TEST_F(ConnectorCliTest, BadConfigsExit2NamingTheKeyAndLineAndWriteNothing) {
  auto expect = [&](const std::string& yaml, const std::string& message) {
    WriteFile(dir_ + "/bad.yaml", yaml);
    CliResult r = Linea({"ingest", "hive-metastore", "--config", dir_ + "/bad.yaml"});
    EXPECT_EQ(r.exit_code, 2) << yaml;
    EXPECT_EQ(r.err, "linea: " + dir_ + "/bad.yaml" + message + "\n");
    EXPECT_EQ(r.out, "");
  };
  expect("name: h\ntype: hive-metastore\nurl: sqlite:metastore.db\npasword_env: X\n",
         ":4: unknown key \"pasword_env\"; did you mean \"password_env\"?");
  expect("name: h\ntype: hive-metastore\n", ":1: missing key \"url\"");
  expect("name: h\ntype: hive-metastore\nurl: oracle://db/x\n",
         ":3: bad \"url\": unknown scheme \"oracle\" (expected postgresql, mysql, mariadb or "
         "sqlite)");
  expect("name: h\ntype: hive-metastor\nurl: sqlite:x.db\n",
         ":2: unknown connector type \"hive-metastor\" (known: hive-metastore, mlflow); did you "
         "mean "
         "\"hive-metastore\"?");
  expect("name: h\ntype: hive-metastore\nurl: sqlite:x.db\nevery: soon\n",
         ":4: \"every\" must be a duration like 30s, 15m, 2h or 1d, got \"soon\"");
  expect("name: h\ntype: hive-metastore\nurl: sqlite:x.db\npassword_env: LINEA_UNSET_VAR\n",
         ":4: \"password_env\": environment variable LINEA_UNSET_VAR is not set");
  EXPECT_EQ(CountCatalog(db_, "SELECT count(*) FROM connector_runs"), -1);  // never created
}

TEST_F(ConnectorCliTest, TheWrongIngestCommandOrAnMlflowConfigWithoutASourceIsNamed) {
  CliResult r = Linea({"ingest", "mlflow", "--config", dir_ + "/hms.yaml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "linea: " + dir_ + "/hms.yaml:1: this file configures a hive-metastore "
                   "connector; run `linea ingest hive-metastore --config " + dir_ + "/hms.yaml`\n");
  WriteFile(dir_ + "/ml.yaml", "name: m\ntype: mlflow\nservice: mlflow_b2c\n");
  r = Linea({"ingest", "mlflow", "--config", dir_ + "/ml.yaml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "linea: " + dir_ + "/ml.yaml:1: an mlflow connector needs exactly one of "
                   "\"tracking_uri\" (the REST API) and \"store\" (the SQL store)\n");
  WriteFile(dir_ + "/ml.yaml", "name: m\ntype: mlflow\ntracking_uri: https://svc:s3cret@mlflow.example/\n");
  r = Linea({"ingest", "mlflow", "--config", dir_ + "/ml.yaml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "linea: " + dir_ + "/ml.yaml:3: \"tracking_uri\" must not hold credentials: "
                   "use token_env, or username with password_env\n");
}

TEST_F(ConnectorCliTest, AnUnreachableSourceExits1WithTheCauseInOneLine) {
  WriteFile(dir_ + "/down.yaml",
            "name: down\ntype: hive-metastore\nurl: postgresql://hive:hunter2@127.0.0.1:1/m\n");
  CliResult r = Linea({"ingest", "hive-metastore", "--config", dir_ + "/down.yaml"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, StartsWith("linea: down: cannot connect to postgresql://hive@127.0.0.1:1/m: "));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_THAT(r.err, Not(HasSubstr("hunter2")));
  EXPECT_EQ(CountCatalog(db_, "SELECT count(*) FROM assets"), 0);
  // The failed run is in the status, without the password.
  CliResult status = Linea({"connectors", "status", "--json"});
  EXPECT_THAT(status.out, HasSubstr("\"outcome\": \"failed\""));
  EXPECT_THAT(status.out, Not(HasSubstr("hunter2")));
}

TEST_F(ConnectorCliTest, APostgresMetastoreWithAPasswordFromTheEnvironment) {
  auto pg = sourcedb::testing::SharedPostgres();
  if (!pg.ok()) {
    if (sourcedb::testing::Absent(pg.status())) GTEST_SKIP() << pg.status().message();
    FAIL() << pg.status().message();
  }
  ASSERT_TRUE((*pg)->CreateDatabase("cli_metastore").ok());
  ASSERT_TRUE((*pg)->Exec("cli_metastore", SchemaSql("postgres")).ok());
  ASSERT_TRUE((*pg)->Exec("cli_metastore", MetastoreRows(3, 2, 5)).ok());
  WriteFile(dir_ + "/pg.yaml", "name: hms-pg\ntype: hive-metastore\nurl: " +
                                   (*pg)->Url("cli_metastore") + "\npassword_env: HMS_PW\n");
  CliResult r = RunLinea({"ingest", "hive-metastore", "--config", dir_ + "/pg.yaml", "--json",
                          "--db", db_},
                         "", "", {"HMS_PW=s3cret-pw"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, Not(HasSubstr("s3cret-pw")));
  nlohmann::json report = nlohmann::json::parse(r.out);
  EXPECT_EQ(report["assets"]["created"]["table"], 6);
  EXPECT_EQ(report["assets"]["created"]["column"], 30);
  EXPECT_EQ(report["batches"], 3);  // one per database
}

TEST_F(ConnectorCliTest, APullKilledMidwayLeavesWholeTransactionsAndTheNextPullConverges) {
  // 60 databases × 40 tables × 40 columns, 10 tables per transaction: 240 transactions.
  constexpr int kTables = 2400, kColumns = 40;
  const std::string big = dir_ + "/big.db";
  ASSERT_TRUE(ExecSqlite(big, SchemaSql("sqlite")).ok());
  ASSERT_TRUE(ExecSqlite(big, MetastoreRows(60, 40, kColumns)).ok());
  WriteFile(dir_ + "/big.yaml",
            "name: big\ntype: hive-metastore\nurl: sqlite:big.db\ntables_per_transaction: 10\n");
  testing::Spawned pull = testing::SpawnLinea(
      {"ingest", "hive-metastore", "--config", dir_ + "/big.yaml", "--db", db_});
  // assets.kind holds model::AssetKind: 1 table, 2 column.
  const std::string kTableCount = "SELECT count(*) FROM assets WHERE kind = 1";
  int64_t tables = 0;
  for (int i = 0; i < 60000 && tables <= 0; ++i) {  // kill right after the first transaction
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    tables = CountCatalog(db_, kTableCount);
  }
  EXPECT_EQ(testing::StopSpawned(pull, SIGKILL), 128 + SIGKILL) << "the pull ended before the kill";
  tables = CountCatalog(db_, kTableCount);
  ASSERT_GT(tables, 0);
  EXPECT_LT(tables, kTables) << "killed too late to test anything";
  EXPECT_EQ(tables % 10, 0) << "a transaction was split";
  EXPECT_EQ(CountCatalog(db_, "SELECT count(*) FROM assets WHERE kind = 2"), tables * kColumns);
  EXPECT_EQ(CountCatalog(db_, "SELECT count(*) FROM connector_items"), tables);

  CliResult next = Linea({"ingest", "hive-metastore", "--config", dir_ + "/big.yaml", "--json"});
  ASSERT_EQ(next.exit_code, 0) << next.err;
  nlohmann::json report = nlohmann::json::parse(next.out);
  EXPECT_EQ(report["items"]["unchanged"], tables);
  EXPECT_EQ(report["items"]["read"], kTables - tables);
  EXPECT_EQ(CountCatalog(db_, kTableCount), kTables);
  EXPECT_EQ(CountCatalog(db_, "SELECT count(*) FROM assets WHERE kind = 2"), kTables * kColumns);
}

TEST_F(ConnectorCliTest, ServeSchedulesConnectorsAndShowsThemInTheApiAndMetrics) {
  WriteFile(dir_ + "/serve.yaml",
            "connectors:\n"
            "  - {name: hms-prod, type: hive-metastore, url: 'sqlite:metastore.db', every: 1h}\n");
  testing::Spawned server = testing::SpawnLinea({"serve", "--db", db_, "--no-auth", "--listen",
                                                 "127.0.0.1:0", "--connectors",
                                                 dir_ + "/serve.yaml", "--quiet"});
  // Stopped however the test ends: a failed ASSERT must not leave the server running.
  struct StopAtEnd {
    const testing::Spawned& process;
    ~StopAtEnd() { testing::StopSpawned(process, SIGTERM); }
  } stop_at_end{server};
  std::string banner = testing::WaitForText(server.err_path, "on http://127.0.0.1:");
  ASSERT_THAT(banner, HasSubstr("pulling 1 connector on schedule"));
  const int port = std::stoi(banner.substr(banner.find("on http://127.0.0.1:") + 20));
  httplib::Client c("127.0.0.1", port);
  nlohmann::json list;
  for (int i = 0; i < 600; ++i) {  // the first run starts at once
    auto res = c.Get("/api/v1/connectors");
    if (!res) {  // a loaded machine: ask again
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      continue;
    }
    list = nlohmann::json::parse(res->body)["connectors"];
    // The first run is recorded, finished, and the next slot set.
    if (list.size() == 1 && list[0]["last_run"].is_object() && !list[0]["running"].get<bool>() &&
        list[0]["next_run_at"].get<int64_t>() > list[0]["last_run"]["started_at_ms"].get<int64_t>() + 60000) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["name"], "hms-prod");
  EXPECT_EQ(list[0]["scheduled"], true);
  EXPECT_EQ(list[0]["every_seconds"], 3600);
  EXPECT_GT(list[0]["next_run_at"].get<int64_t>(), 0);
  ASSERT_TRUE(list[0]["last_run"].is_object());
  EXPECT_EQ(list[0]["last_run"]["outcome"], "ok");

  auto run = c.Post("/api/v1/connectors/hms-prod/run", "", "application/json");
  ASSERT_TRUE(run);
  EXPECT_EQ(run->status, 200);
  EXPECT_EQ(nlohmann::json::parse(run->body)["changed"], false);
  auto unknown = c.Post("/api/v1/connectors/hms-dev/run", "", "application/json");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_THAT(unknown->body, HasSubstr("no connector \\\"hms-dev\\\" (configured: hms-prod)"));

  auto metrics = c.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_THAT(metrics->body, HasSubstr("linea_connector_runs_total 2\n"));
  EXPECT_THAT(metrics->body, HasSubstr("linea_connector_failures_total 0\n"));
  EXPECT_THAT(metrics->body, HasSubstr("linea_connector_assets_changed_total 30\n"));

  // The CLI asks the server the same way.
  CliResult status = RunLinea({"connectors", "status", "--server", "http://127.0.0.1:" +
                                                                      std::to_string(port)});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_THAT(status.out, HasSubstr("hms-prod"));
  EXPECT_THAT(status.out, ContainsRegex("in (5[3-9]|6[0-6])m\n"));  // 1 h ± 10 % jitter
}

TEST_F(ConnectorCliTest, ServeRefusesABadConnectorsFile) {
  WriteFile(dir_ + "/serve.yaml", "connectors:\n  - {name: a, type: hive-metastore}\n");
  CliResult r = Linea({"serve", "--connectors", dir_ + "/serve.yaml", "--no-auth"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "linea: " + dir_ + "/serve.yaml:2: missing key \"url\"\n");
}

}  // namespace
}  // namespace linea
