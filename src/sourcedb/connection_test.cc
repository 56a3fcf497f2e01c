// The same queries against SQLite and against real PostgreSQL 15 and MariaDB servers
// (sourcedb/testing/test_servers.h), each started once for the whole binary.
#include "sourcedb/connection.h"

#include <gmock/gmock.h>
#include <sqlite3.h>

#include <filesystem>

#include "common/testing/status_matchers.h"
#include "sourcedb/testing/test_servers.h"

namespace linea::sourcedb {
namespace {

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// One upper-case table as a Hive Metastore names them, with a NULL and a non-ASCII value.
constexpr const char* kTableSql[] = {
    // PostgreSQL and SQLite
    "CREATE TABLE \"TBLS\"(\"TBL_ID\" BIGINT PRIMARY KEY, \"TBL_NAME\" VARCHAR(256), "
    "\"OWNER\" VARCHAR(767));"
    "INSERT INTO \"TBLS\" VALUES (1, 'moves', 'geo'), (2, 'zones_ü', NULL), (3, 'it''s', 'x');",
    // MySQL
    "CREATE TABLE `TBLS`(`TBL_ID` BIGINT PRIMARY KEY, `TBL_NAME` VARCHAR(256), "
    "`OWNER` VARCHAR(767)) DEFAULT CHARSET=utf8mb4;"
    "INSERT INTO `TBLS` VALUES (1, 'moves', 'geo'), (2, 'zones_ü', NULL), (3, 'it''s', 'x');",
};

struct Servers {
  testing::PostgresServer* pg = nullptr;
  testing::MariadbServer* maria = nullptr;
  std::string sqlite_path;
  std::string pg_skip, maria_skip;
};

Servers& Shared() {
  static Servers* servers = [] {
    auto* s = new Servers();
    s->sqlite_path = ::testing::TempDir() + "/sourcedb_test.db";
    std::filesystem::remove(s->sqlite_path);
    sqlite3* db = nullptr;
    sqlite3_open(s->sqlite_path.c_str(), &db);
    sqlite3_exec(db, kTableSql[0], nullptr, nullptr, nullptr);
    sqlite3_close(db);
    if (auto pg = testing::SharedPostgres(); pg.ok()) {
      s->pg = *pg;
      if (Status st = s->pg->CreateDatabase("metastore"); !st.ok()) s->pg_skip = st.message();
      if (Status st = s->pg->Exec("metastore", kTableSql[0]); !st.ok()) s->pg_skip = st.message();
    } else {
      s->pg_skip = pg.status().message();
    }
    if (auto maria = testing::SharedMariadb(); maria.ok()) {
      s->maria = *maria;
      if (Status st = s->maria->CreateDatabase("metastore"); !st.ok()) s->maria_skip = st.message();
      if (Status st = s->maria->Exec("metastore", kTableSql[1]); !st.ok()) s->maria_skip = st.message();
    } else {
      s->maria_skip = maria.status().message();
    }
    return s;
  }();
  return *servers;
}

class ConnectionTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    Servers& s = Shared();
    switch (GetParam()) {
      case Engine::kSqlite:
        url_ = "sqlite:" + s.sqlite_path;
        break;
      case Engine::kPostgres:
        if (!s.pg) {
          if (!testing::Absent(Status(StatusCode::kUnavailable, s.pg_skip))) FAIL() << s.pg_skip;
          GTEST_SKIP() << s.pg_skip;
        }
        ASSERT_EQ(s.pg_skip, "");
        url_ = s.pg->Url("metastore");
        break;
      case Engine::kMysql:
        if (!s.maria) {
          if (!testing::Absent(Status(StatusCode::kUnavailable, s.maria_skip))) FAIL() << s.maria_skip;
          GTEST_SKIP() << s.maria_skip;
        }
        ASSERT_EQ(s.maria_skip, "");
        url_ = s.maria->Url("metastore");
        break;
    }
    Result<DbUrl> url = ParseDbUrl(url_);
    ASSERT_THAT(url, IsOk());
    Result<std::unique_ptr<Connection>> db = Connection::Open(*url, {});
    ASSERT_THAT(db, IsOk());
    db_ = std::move(*db);
  }

  std::string Select(const std::string& where = "") {
    return "SELECT " + db_->Quote("TBL_ID") + ", " + db_->Quote("TBL_NAME") + ", " +
           db_->Quote("OWNER") + " FROM " + db_->Quote("TBLS") + where + " ORDER BY " +
           db_->Quote("TBL_ID");
  }

  std::string url_;
  std::unique_ptr<Connection> db_;
};

TEST_P(ConnectionTest, RowsComeBackAsTextWithNullsAndUnicode) {
  std::vector<std::string> rows;
  ASSERT_THAT(db_->Query(Select(), {}, [&](const Row& row) {
    EXPECT_EQ(row.size(), 3u);
    rows.push_back(std::to_string(row.Int(0)) + "|" + std::string(row.Text(1)) + "|" +
                   (row.IsNull(2) ? "NULL" : std::string(row.Text(2))));
    return Status::OK();
  }),
              IsOk());
  EXPECT_THAT(rows, ElementsAre("1|moves|geo", "2|zones_ü|NULL", "3|it's|x"));
}

TEST_P(ConnectionTest, ParametersAreBoundNotSpliced) {
  std::vector<int64_t> ids;
  auto collect = [&](const Row& row) {
    ids.push_back(row.Int(0));
    return Status::OK();
  };
  ASSERT_THAT(db_->Query(Select(" WHERE " + db_->Quote("TBL_NAME") + " = ?"), {"it's"}, collect),
              IsOk());
  ASSERT_THAT(db_->Query(Select(" WHERE " + db_->Quote("TBL_NAME") + " = ?"),
                         {"x' OR '1'='1"}, collect),
              IsOk());
  EXPECT_THAT(ids, ElementsAre(3));
}

TEST_P(ConnectionTest, AnErrorFromTheCallbackStopsTheQueryAndTheConnectionStaysUsable) {
  int seen = 0;
  Status stopped = db_->Query(Select(), {}, [&](const Row&) {
    ++seen;
    return Status(StatusCode::kInternal, "enough");
  });
  EXPECT_THAT(stopped, StatusIs(StatusCode::kInternal, "enough"));
  EXPECT_EQ(seen, 1);
  int again = 0;
  ASSERT_THAT(db_->Query(Select(), {}, [&](const Row&) {
    ++again;
    return Status::OK();
  }),
              IsOk());
  EXPECT_EQ(again, 3);
}

TEST_P(ConnectionTest, AMissingTableIsAFailedPrecondition) {
  Status s = db_->Query("SELECT 1 FROM " + db_->Quote("NO_SUCH_TABLE"), {},
                        [](const Row&) { return Status::OK(); });
  EXPECT_THAT(s, StatusIs(StatusCode::kFailedPrecondition, HasSubstr("query failed: ")));
}

TEST_P(ConnectionTest, TheSessionIsReadOnly) {
  Status s = db_->Query("DELETE FROM " + db_->Quote("TBLS"), {}, [](const Row&) { return Status(); });
  EXPECT_THAT(s, StatusIs(StatusCode::kFailedPrecondition));
  int rows = 0;
  ASSERT_THAT(db_->Query(Select(), {}, [&](const Row&) { return ++rows, Status::OK(); }), IsOk());
  EXPECT_EQ(rows, 3);
}

INSTANTIATE_TEST_SUITE_P(Engines, ConnectionTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres, Engine::kMysql),
                         [](const auto& info) { return std::string(EngineName(info.param)); });

TEST(ConnectionOpenTest, NothingListeningIsUnavailableWithTheUrlButNoPassword) {
  Result<std::unique_ptr<Connection>> pg =
      Connection::Open(*ParseDbUrl("postgresql://hive:hunter2@127.0.0.1:1/metastore"), {});
  EXPECT_THAT(pg, StatusIs(StatusCode::kUnavailable,
                           HasSubstr("cannot connect to postgresql://hive@127.0.0.1:1/metastore: ")));
  EXPECT_THAT(pg.status().message(), Not(HasSubstr("hunter2")));
  Result<std::unique_ptr<Connection>> my =
      Connection::Open(*ParseDbUrl("mysql://hive:hunter2@127.0.0.1:1/metastore"), {});
  EXPECT_THAT(my, StatusIs(StatusCode::kUnavailable,
                           HasSubstr("cannot connect to mysql://hive@127.0.0.1:1/metastore: ")));
  EXPECT_THAT(my.status().message(), Not(HasSubstr("hunter2")));
}

TEST(ConnectionOpenTest, AMissingSqliteFileIsUnavailable) {
  EXPECT_THAT(Connection::Open(*ParseDbUrl("sqlite:/nonexistent/hms.db"), {}),
              StatusIs(StatusCode::kUnavailable,
                       "cannot connect to sqlite:/nonexistent/hms.db: no such file"));
}

TEST(ConnectionOpenTest, AWrongPasswordIsUnavailableAndNamesTheCause) {
  Servers& s = Shared();
  if (!s.maria) GTEST_SKIP() << s.maria_skip;
  ASSERT_THAT(s.maria->Exec("", "CREATE USER 'hive'@'127.0.0.1' IDENTIFIED BY 'right';"
                                "GRANT SELECT ON metastore.* TO 'hive'@'127.0.0.1';"),
              IsOk());
  const std::string url = "mysql://hive@127.0.0.1:" + std::to_string(s.maria->port()) + "/metastore";
  Result<std::unique_ptr<Connection>> wrong = Connection::Open(*ParseDbUrl(url), {.password = "wrong"});
  EXPECT_THAT(wrong, StatusIs(StatusCode::kUnavailable, HasSubstr("Access denied for user 'hive'")));
  EXPECT_THAT(wrong.status().message(), Not(HasSubstr("wrong")));
  EXPECT_THAT(Connection::Open(*ParseDbUrl(url), {.password = "right"}), IsOk());
}

}  // namespace
}  // namespace linea::sourcedb
