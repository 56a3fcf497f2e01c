#include "sourcedb/db_url.h"

#include <gmock/gmock.h>

#include "common/testing/status_matchers.h"

namespace linea::sourcedb {
namespace {

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::HasSubstr;

TEST(DbUrlTest, PostgresUrlWithEverything) {
  Result<DbUrl> url =
      ParseDbUrl("postgresql://hive%40corp:s3cr%2Ft@metastore-db:5433/meta%20store?sslmode=require");
  ASSERT_THAT(url, IsOk());
  EXPECT_EQ(url->engine, Engine::kPostgres);
  EXPECT_EQ(url->user, "hive@corp");
  EXPECT_EQ(url->password, "s3cr/t");
  EXPECT_EQ(url->host, "metastore-db");
  EXPECT_EQ(url->port, 5433);
  EXPECT_EQ(url->database, "meta store");
  EXPECT_EQ(url->params.at("sslmode"), "require");
  EXPECT_EQ(url->Redacted(), "postgresql://hive@corp@metastore-db:5433/meta store");
}

TEST(DbUrlTest, MysqlAndMariadbSchemesWithoutPortOrUser) {
  Result<DbUrl> url = ParseDbUrl("mariadb://db.internal/hive");
  ASSERT_THAT(url, IsOk());
  EXPECT_EQ(url->engine, Engine::kMysql);
  EXPECT_EQ(url->host, "db.internal");
  EXPECT_EQ(url->port, 0);
  EXPECT_EQ(url->user, "");
  EXPECT_EQ(url->Redacted(), "mysql://db.internal/hive");
  EXPECT_EQ(ParseDbUrl("mysql://u:p@[::1]:3307/h")->host, "::1");
  EXPECT_EQ(ParseDbUrl("mysql://u:p@[::1]:3307/h")->port, 3307);
}

TEST(DbUrlTest, SqliteAbsoluteAndRelativePaths) {
  EXPECT_EQ(ParseDbUrl("sqlite:///var/lib/hms.db")->path, "/var/lib/hms.db");
  EXPECT_EQ(ParseDbUrl("sqlite:data/mlflow.db")->path, "data/mlflow.db");
  EXPECT_EQ(ParseDbUrl("sqlite:data/mlflow.db")->Redacted(), "sqlite:data/mlflow.db");
}

TEST(DbUrlTest, TheRedactedFormNeverShowsThePassword) {
  Result<DbUrl> url = ParseDbUrl("postgresql://hive:hunter2@db/metastore");
  ASSERT_THAT(url, IsOk());
  EXPECT_THAT(url->Redacted(), ::testing::Not(HasSubstr("hunter2")));
}

TEST(DbUrlTest, APasswordWithSlashesColonsOrQuestionMarksIsStillThePassword) {
  Result<DbUrl> url = ParseDbUrl("postgresql://hive:12/3?4:5@db:5433/metastore?sslmode=require");
  ASSERT_THAT(url, IsOk());
  EXPECT_EQ(url->password, "12/3?4:5");
  EXPECT_EQ(url->host, "db");
  EXPECT_EQ(url->port, 5433);
  EXPECT_EQ(url->database, "metastore");
  EXPECT_EQ(url->params.at("sslmode"), "require");
  EXPECT_EQ(url->Redacted(), "postgresql://hive@db:5433/metastore");
}

TEST(DbUrlTest, BadUrlsNameTheirProblem) {
  EXPECT_THAT(ParseDbUrl("oracle://db/x"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("unknown scheme \"oracle\"")));
  EXPECT_THAT(ParseDbUrl("metastore-db:5432"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("unknown scheme")));
  EXPECT_THAT(ParseDbUrl("just-a-name"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("expected postgresql://")));
  EXPECT_THAT(ParseDbUrl("postgresql://db:54x2/m"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("bad port \"54x2\"")));
  EXPECT_THAT(ParseDbUrl("postgresql://db:99999/m"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("bad port")));
  EXPECT_THAT(ParseDbUrl("postgresql://db:5432"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("no database name")));
  EXPECT_THAT(ParseDbUrl("postgresql://u:%zz@db/m"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("bad percent escape in the password")));
  EXPECT_THAT(ParseDbUrl("postgresql:db/m"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("expected postgresql://")));
  EXPECT_THAT(ParseDbUrl("sqlite:"), StatusIs(StatusCode::kInvalidArgument, HasSubstr("file path")));
}

}  // namespace
}  // namespace linea::sourcedb
