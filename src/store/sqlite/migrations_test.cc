#include "store/sqlite/migrations.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store/sqlite/sqlite_store.h"
#include "tests/testing/status_matchers.h"

namespace linea::store::sqlite_internal {
namespace {

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;

class MigrationsTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK); }
  void TearDown() override { sqlite3_close(db_); }

  int64_t Int(const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    int64_t value = -1;
    if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      value = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
    return value;
  }
  int64_t UserVersion() { return Int("PRAGMA user_version"); }
  int64_t Tables() { return Int("SELECT count(*) FROM sqlite_master WHERE type = 'table'"); }

  sqlite3* db_ = nullptr;
};

const Migration kSteps[] = {
    {"a", "CREATE TABLE a(x)"},
    {"b", "CREATE TABLE b(x); INSERT INTO b VALUES (1)"},
    {"c", "CREATE TABLE c(x)"},
};

TEST_F(MigrationsTest, AppliesOnlyMissingSteps) {
  Result<int> applied = ApplyMigrations(db_, "m.db", std::span(kSteps).first(2));
  ASSERT_THAT(applied, IsOk());
  EXPECT_EQ(*applied, 2);
  EXPECT_EQ(UserVersion(), 2);

  applied = ApplyMigrations(db_, "m.db", std::span(kSteps).first(2));
  ASSERT_THAT(applied, IsOk());
  EXPECT_EQ(*applied, 0);
  EXPECT_EQ(Int("SELECT count(*) FROM b"), 1);  // step b not run twice

  applied = ApplyMigrations(db_, "m.db", kSteps);
  ASSERT_THAT(applied, IsOk());
  EXPECT_EQ(*applied, 1);
  EXPECT_EQ(UserVersion(), 3);
  EXPECT_EQ(Tables(), 3);
}

TEST_F(MigrationsTest, FailingStepRollsBackEveryStep) {
  const Migration steps[] = {
      {"a", "CREATE TABLE a(x)"},
      {"broken", "CREATE TABLE d(x); SELECT nope FROM nowhere"},
  };
  Result<int> applied = ApplyMigrations(db_, "m.db", steps);
  EXPECT_THAT(applied, StatusIs(StatusCode::kInternal));
  EXPECT_THAT(applied.status().message(), ::testing::HasSubstr("migration 2 (broken)"));
  EXPECT_EQ(UserVersion(), 0);
  EXPECT_EQ(Tables(), 0);
}

TEST_F(MigrationsTest, NewerFileIsFailedPrecondition) {
  ASSERT_EQ(sqlite3_exec(db_, "PRAGMA user_version = 5", nullptr, nullptr, nullptr), SQLITE_OK);
  Result<int> applied = ApplyMigrations(db_, "m.db", kSteps);
  EXPECT_THAT(applied, StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_EQ(applied.status().message(),
            "store m.db has schema version 5, newer than this linea (3); upgrade linea");
  EXPECT_EQ(Tables(), 0);
}

TEST_F(MigrationsTest, RealSchemaMigratesAnEmptyDatabase) {
  EXPECT_EQ(static_cast<size_t>(SqliteSchemaVersion()), Migrations().size());
  Result<int> applied = ApplyMigrations(db_, ":memory:", Migrations());
  ASSERT_THAT(applied, IsOk());
  EXPECT_EQ(*applied, SqliteSchemaVersion());
  EXPECT_EQ(Int("PRAGMA application_id"), kLineaApplicationId);
  EXPECT_EQ(Tables(), 4);
}

}  // namespace
}  // namespace linea::store::sqlite_internal
