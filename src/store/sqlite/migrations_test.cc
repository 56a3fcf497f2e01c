#include "store/sqlite/migrations.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdio>

#include "store/sqlite/sqlite_store.h"
#include "common/testing/status_matchers.h"
#include "store/testing/store_writes.h"

namespace linea::store::sqlite_internal {
namespace {

using ::linea::store::testing::AnyDelta;
using ::linea::store::testing::Apply;
using ::linea::store::testing::PutToken;
using ::linea::store::testing::RevokeToken;

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
  EXPECT_EQ(Tables(), 17);
}

// Writes a catalog file at `path` as a binary of schema `version` left it (the first `version`
// migrations of this one), holding `rows` (SQL inserts), after removing any old file and WAL.
// Every SchemaUpgradeTest starts from one; extend the count below when adding a migration.
void RemoveFiles(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}

void WriteFileAtVersion(const std::string& path, size_t version, const std::string& rows) {
  RemoveFiles(path);
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  ASSERT_THAT(ApplyMigrations(raw, path, Migrations().first(version)), IsOk());
  ASSERT_EQ(sqlite3_exec(raw, rows.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(raw);
  sqlite3_close(raw);
  ASSERT_EQ(Migrations().size(), 10u) << "extend the SchemaUpgradeTests when adding a migration";
}

// A file written by a schema-1 linea (the first migration only, holding catalog rows) opens
// with this binary: later migrations add their tables and every row survives.
TEST(SchemaUpgradeTest, VersionOneFileUpgradesKeepingItsData) {
  const std::string path = ::testing::TempDir() + "/linea_v1_upgrade.db";
  const std::string rows =
      "INSERT INTO assets(id, fqn, kind, owners) VALUES (1, 'h.db.a', 1, '[\"team:geo\"]'),"
      " (2, 'h.db.b', 1, '');"
      "INSERT INTO provenances(id, key) VALUES (1, 'sql:etl');"
      "INSERT INTO edges(provenance_id, from_id, to_id, first_seen, last_seen)"
      " VALUES (1, 1, 2, 10, 20);"
      "INSERT INTO teams(name, description) VALUES ('geo', 'Geo team');";
  ASSERT_NO_FATAL_FAILURE(WriteFileAtVersion(path, 1, rows));

  Result<std::unique_ptr<Store>> store = OpenSqliteStore({.path = path});
  ASSERT_THAT(store, IsOk());
  EXPECT_EQ((*store)->schema_version(), 10);
  std::vector<model::Asset> assets = *(*store)->lineage().ListAssets();
  ASSERT_EQ(assets.size(), 2u);
  EXPECT_EQ(assets[0].fqn, "h.db.a");
  EXPECT_EQ(assets[0].owners, std::vector<std::string>{"team:geo"});
  std::vector<model::Edge> edges = *(*store)->lineage().ListEdges();
  ASSERT_EQ(edges.size(), 1u);
  EXPECT_EQ(edges[0].provenance, "sql:etl");
  EXPECT_EQ(edges[0].first_seen, 10);
  EXPECT_EQ((*store)->lineage().ListTeams()->at(0).description, "Geo team");
  EXPECT_TRUE((*store)->tokens().ListTokens()->empty());
  EXPECT_TRUE((*store)->runs().ListRuns()->empty());
  EXPECT_TRUE((*store)->incidents().ListIncidents("")->empty());
  EXPECT_TRUE((*store)->connectors().ListRuns("", 10)->empty());
  ASSERT_THAT(PutToken(**store, {"ci", "h", "writer", 1, 0}), IsOk());
  store->reset();

  store = OpenSqliteStore({.path = path});  // reopening runs nothing again
  ASSERT_THAT(store, IsOk());
  EXPECT_EQ((*store)->tokens().ListTokens()->size(), 1u);
  EXPECT_EQ((*store)->lineage().ListAssets()->size(), 2u);
  store->reset();
  RemoveFiles(path);
}

// A file written by a schema-2 linea (catalog rows and tokens) opens with this binary:
// migration 3 adds the empty OpenLineage tables (and later ones theirs), every row survives,
// and they are writable.
TEST(SchemaUpgradeTest, VersionTwoFileUpgradesKeepingItsData) {
  const std::string path = ::testing::TempDir() + "/linea_v2_upgrade.db";
  const std::string rows =
      "INSERT INTO assets(id, fqn, kind) VALUES (1, 'h.db.a', 1), (2, 'h.db.b', 1);"
      "INSERT INTO provenances(id, key) VALUES (1, 'sql:etl');"
      "INSERT INTO edges(provenance_id, from_id, to_id, first_seen, last_seen)"
      " VALUES (1, 1, 2, 10, 20);"
      "INSERT INTO tokens(name, hash, role, created_at) VALUES ('ci', 'h', 'writer', 5);";
  ASSERT_NO_FATAL_FAILURE(WriteFileAtVersion(path, 2, rows));

  Result<std::unique_ptr<Store>> store = OpenSqliteStore({.path = path});
  ASSERT_THAT(store, IsOk());
  EXPECT_EQ((*store)->schema_version(), 10);
  EXPECT_EQ((*store)->lineage().ListAssets()->size(), 2u);
  EXPECT_EQ((*store)->lineage().ListEdges()->at(0).first_seen, 10);
  EXPECT_EQ((*store)->tokens().ListTokens()->at(0).created_at, 5);
  EXPECT_TRUE((*store)->runs().ListAliases()->empty());
  EXPECT_TRUE((*store)->runs().ListRuns()->empty());
  EXPECT_EQ(*(*store)->runs().CountEvents(), 0);
  AnyDelta delta;
  delta.upsert_aliases = {{"s3://a", "h.db.a"}};
  delta.upsert_runs.emplace_back().asset = "h.db.a";
  delta.append_events.emplace_back().hash = "e1";
  ASSERT_THAT(Apply(**store, delta), IsOk());
  store->reset();

  store = OpenSqliteStore({.path = path});  // reopening runs nothing again
  ASSERT_THAT(store, IsOk());
  EXPECT_EQ((*store)->runs().ListAliases()->size(), 1u);
  EXPECT_EQ((*store)->runs().ListRuns()->size(), 1u);
  EXPECT_EQ(*(*store)->runs().CountEvents(), 1);
  EXPECT_EQ((*store)->tokens().ListTokens()->size(), 1u);
  store->reset();
  RemoveFiles(path);
}

// A file written by a schema-3 linea (catalog rows, tokens and OpenLineage state) opens with
// this binary: migration 4 adds the empty incident tables, every row survives, and they are
// writable.
TEST(SchemaUpgradeTest, VersionThreeFileUpgradesKeepingItsData) {
  const std::string path = ::testing::TempDir() + "/linea_v3_upgrade.db";
  const std::string rows =
      "INSERT INTO assets(id, fqn, kind) VALUES (1, 'h.db.a', 1), (2, 'h.db.b', 1);"
      "INSERT INTO provenances(id, key) VALUES (1, 'sql:etl');"
      "INSERT INTO edges(provenance_id, from_id, to_id, first_seen, last_seen)"
      " VALUES (1, 1, 2, 10, 20);"
      "INSERT INTO tokens(name, hash, role, created_at) VALUES ('ci', 'h', 'writer', 5);"
      "INSERT INTO aliases(alias, fqn) VALUES ('s3://a', 'h.db.a');"
      "INSERT INTO runs(asset, run_id, failed_assertions) VALUES ('h.db.a', 'r1', '[\"x\"]');"
      "INSERT INTO events(hash, received_at, body) VALUES ('e1', 7, '{}');";
  ASSERT_NO_FATAL_FAILURE(WriteFileAtVersion(path, 3, rows));

  Result<std::unique_ptr<Store>> store = OpenSqliteStore({.path = path});
  ASSERT_THAT(store, IsOk());
  EXPECT_EQ((*store)->schema_version(), 10);
  EXPECT_EQ((*store)->lineage().ListAssets()->size(), 2u);
  EXPECT_EQ((*store)->lineage().ListEdges()->at(0).first_seen, 10);
  EXPECT_EQ((*store)->tokens().ListTokens()->at(0).created_at, 5);
  EXPECT_EQ((*store)->runs().ListAliases()->at(0).fqn, "h.db.a");
  EXPECT_EQ((*store)->runs().ListRuns()->at(0).failed_assertions, std::vector<std::string>{"x"});
  EXPECT_EQ((*store)->runs().ListEvents(0, 10)->at(0).second.received_at, 7);
  EXPECT_TRUE((*store)->incidents().ListIncidents("")->empty());
  EXPECT_TRUE((*store)->incidents().PendingDeliveries()->empty());
  EXPECT_TRUE((*store)->incidents().ListSubscriptions()->empty());
  AnyDelta delta;
  model::Incident& incident = delta.upsert_incidents.emplace_back();
  incident.id = "inc-000000000001";
  incident.asset = "h.db.a";
  incident.state = "open";
  incident.timeline = {{1, "opened", "cli", "broken"}};
  model::Delivery& delivery = delta.upsert_deliveries.emplace_back();
  delivery.id = "d1";
  delivery.incident_id = incident.id;
  delivery.state = "pending";
  delta.upsert_subscriptions = {{"team:geo", "asset", "h.db.a"}};
  ASSERT_THAT(Apply(**store, delta), IsOk());
  store->reset();

  store = OpenSqliteStore({.path = path});  // reopening runs nothing again
  ASSERT_THAT(store, IsOk());
  EXPECT_EQ(*(*store)->incidents().GetIncident("inc-000000000001"), incident);
  EXPECT_EQ((*store)->incidents().PendingDeliveries()->size(), 1u);
  EXPECT_EQ((*store)->incidents().ListSubscriptions()->size(), 1u);
  EXPECT_EQ((*store)->runs().ListAliases()->size(), 1u);
  EXPECT_EQ(*(*store)->runs().CountEvents(), 1);
  EXPECT_EQ((*store)->tokens().ListTokens()->size(), 1u);
  store->reset();
  RemoveFiles(path);
}

// A file written by a schema-4 linea opens with this binary: its logged events keep their plain
// bodies and read back unchanged; events logged from now on are stored as zstd frames
// (body '' and body_zstd set) and read back as the same text.
TEST(SchemaUpgradeTest, VersionFourFileKeepsPlainEventBodiesAndCompressesNewOnes) {
  const std::string path = ::testing::TempDir() + "/linea_v4_upgrade.db";
  ASSERT_NO_FATAL_FAILURE(WriteFileAtVersion(path, 4,
                                             "INSERT INTO events(hash, received_at, body) VALUES "
                                             "('old', 7, '{\"eventType\": \"START\"}');"));

  Result<std::unique_ptr<Store>> store = OpenSqliteStore({.path = path});
  ASSERT_THAT(store, IsOk());
  EXPECT_EQ((*store)->schema_version(), 10);
  std::string body = "{\"eventType\": \"COMPLETE\", \"inputs\": [";
  for (int i = 0; i < 200; ++i) body += "{\"namespace\": \"hive://h:9083\", \"name\": \"db.t\"},";
  body += "{}]}";
  AnyDelta delta;
  delta.append_events.emplace_back().hash = "new";
  delta.append_events.back().body = body;
  ASSERT_THAT(Apply(**store, delta), IsOk());
  Result<std::vector<std::pair<int64_t, model::RawEvent>>> events = (*store)->runs().ListEvents(0, 10);
  ASSERT_THAT(events, IsOk());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].second.body, "{\"eventType\": \"START\"}");
  EXPECT_EQ((*events)[0].second.base, "");  // schema 6: logged events have no base
  EXPECT_EQ((*events)[1].second.body, body);
  EXPECT_TRUE((*events)[1].second.body_zstd.empty());
  store->reset();

  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(raw,
                               "SELECT hash, length(body), body_zstd IS NULL, length(body_zstd) "
                               "FROM events ORDER BY seq",
                               -1, &stmt, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);  // old: plain
  EXPECT_GT(sqlite3_column_int64(stmt, 1), 0);
  EXPECT_EQ(sqlite3_column_int64(stmt, 2), 1);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);  // new: compressed
  EXPECT_EQ(sqlite3_column_int64(stmt, 1), 0);
  EXPECT_EQ(sqlite3_column_int64(stmt, 2), 0);
  EXPECT_LT(sqlite3_column_int64(stmt, 3), static_cast<int64_t>(body.size() / 10));
  sqlite3_finalize(stmt);
  // The unused index by job is gone; the one by hash (idempotency) stays.
  ASSERT_EQ(sqlite3_prepare_v2(raw,
                               "SELECT group_concat(name) FROM sqlite_master "
                               "WHERE type = 'index' AND tbl_name = 'events'",
                               -1, &stmt, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))),
            "sqlite_autoindex_events_1");
  sqlite3_finalize(stmt);
  sqlite3_close(raw);
  RemoveFiles(path);
}

// A file written by a schema-7 linea (tokens made before scopes existed) opens with this
// binary: migration 8 adds the empty audit table and an empty scope to every token, which keeps
// working (listed, revocable); new tokens store their scope, and the audit log is writable.
TEST(SchemaUpgradeTest, VersionSevenFileKeepsItsTokensWithEveryScopeAndGetsAnAuditLog) {
  const std::string path = ::testing::TempDir() + "/linea_v7_upgrade.db";
  const std::string rows =
      "INSERT INTO assets(id, fqn, kind) VALUES (1, 'h.db.a', 1);"
      "INSERT INTO tokens(name, hash, role, created_at, revoked_at)"
      " VALUES ('ci', 'h1', 'writer', 5, 0), ('ops', 'h2', 'admin', 6, 0);";
  ASSERT_NO_FATAL_FAILURE(WriteFileAtVersion(path, 7, rows));

  Result<std::unique_ptr<Store>> store = OpenSqliteStore({.path = path});
  ASSERT_THAT(store, IsOk());
  EXPECT_EQ((*store)->schema_version(), 10);
  EXPECT_EQ((*store)->lineage().ListAssets()->size(), 1u);
  std::vector<TokenRecord> tokens = *(*store)->tokens().ListTokens();
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0], (TokenRecord{"ci", "h1", "writer", 5, 0, ""}));
  EXPECT_EQ(tokens[1], (TokenRecord{"ops", "h2", "admin", 6, 0, ""}));
  EXPECT_TRUE((*store)->audit().List({})->empty());
  ASSERT_THAT(RevokeToken(**store, "ci", 9), IsOk());
  ASSERT_THAT(PutToken(**store, {"geo", "h3", "writer", 10, 0, R"({"domains":["geo"]})"}), IsOk());
  AuditRecord record;
  record.at_ms = 11'000;
  record.actor = "ops";
  record.role = "admin";
  record.action = "POST /api/v1/tokens";
  record.outcome = "ok";
  record.detail = "token geo created (writer)";
  ASSERT_THAT((*store)->Write([&](WriteTxn& txn) { return (*store)->audit().Append(txn, record); }),
              IsOk());
  store->reset();

  store = OpenSqliteStore({.path = path});  // reopening runs nothing again
  ASSERT_THAT(store, IsOk());
  tokens = *(*store)->tokens().ListTokens();
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].revoked_at, 9);
  EXPECT_EQ(tokens[1].scope, R"({"domains":["geo"]})");
  EXPECT_EQ(tokens[2].scope, "");
  std::vector<AuditRecord> audit = *(*store)->audit().List({});
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].detail, "token geo created (writer)");
  store->reset();
  RemoveFiles(path);
}

// A file from before users existed (schema version 8, with a team and a user: owner) gains the
// users table: its rows survive, and users can be written and read back after reopening.
TEST(SchemaUpgradeTest, VersionEightFileKeepsItsTeamsAndGetsUsers) {
  const std::string path = ::testing::TempDir() + "/linea_v8_upgrade.db";
  const std::string rows =
      "INSERT INTO assets(id, fqn, kind, owners) VALUES (1, 'mlflow', 0, ''),"
      " (2, 'mlflow.m', 6, '[\"user:jdoe\"]');"
      "INSERT INTO teams(name, description, contacts) VALUES ('geo', 'Geo team',"
      " '[{\"type\":\"email\",\"fields\":{\"address\":\"geo@example.com\"}}]');";
  ASSERT_NO_FATAL_FAILURE(WriteFileAtVersion(path, 8, rows));

  Result<std::unique_ptr<Store>> store = OpenSqliteStore({.path = path});
  ASSERT_THAT(store, IsOk());
  EXPECT_EQ((*store)->schema_version(), 10);
  std::vector<model::Asset> assets = *(*store)->lineage().ListAssets();
  ASSERT_EQ(assets.size(), 2u);
  EXPECT_EQ(assets[1].owners, std::vector<std::string>{"user:jdoe"});
  const model::Team geo{"geo", "Geo team", {{"email", {{"address", "geo@example.com"}}}}};
  EXPECT_EQ(*(*store)->lineage().ListTeams(), std::vector<model::Team>{geo});
  EXPECT_TRUE((*store)->lineage().ListUsers()->empty());
  AnyDelta delta;
  const model::User jdoe{"jdoe", "Jane Doe", {{"email", {{"address", "jdoe@example.com"}}}}};
  delta.upsert_users = {jdoe};
  ASSERT_THAT(Apply(**store, delta), IsOk());
  store->reset();

  store = OpenSqliteStore({.path = path});  // reopening runs nothing again
  ASSERT_THAT(store, IsOk());
  EXPECT_EQ(*(*store)->lineage().ListUsers(), std::vector<model::User>{jdoe});
  EXPECT_EQ(*(*store)->lineage().ListTeams(), std::vector<model::Team>{geo});
  store->reset();
  RemoveFiles(path);
}

// A file from before data quality (schema version 9, with an asset, a team, a user and an
// incident) gains the quality tables: its rows survive, and checks and results can be written
// and read back after reopening.
TEST(SchemaUpgradeTest, VersionNineFileGetsQualityTables) {
  const std::string path = ::testing::TempDir() + "/linea_v9_upgrade.db";
  const std::string rows =
      "INSERT INTO assets(id, fqn, kind) VALUES (1, 'hive', 0), (2, 'hive.mart.users', 1);"
      "INSERT INTO teams(name, description) VALUES ('geo', 'Geo team');"
      "INSERT INTO users(name, description) VALUES ('jdoe', 'Jane Doe');"
      "INSERT INTO incidents(id, asset, title, state) VALUES ('inc-1', 'hive.mart.users', 't',"
      " 'open');";
  ASSERT_NO_FATAL_FAILURE(WriteFileAtVersion(path, 9, rows));

  Result<std::unique_ptr<Store>> store = OpenSqliteStore({.path = path});
  ASSERT_THAT(store, IsOk());
  EXPECT_EQ((*store)->schema_version(), 10);
  EXPECT_EQ((*store)->lineage().ListAssets()->size(), 2u);
  EXPECT_EQ((*store)->lineage().ListTeams()->size(), 1u);
  EXPECT_EQ((*store)->lineage().ListUsers()->size(), 1u);
  EXPECT_EQ((*store)->incidents().ListIncidents("open")->size(), 1u);
  EXPECT_TRUE((*store)->quality().ListChecks()->empty());
  EXPECT_EQ(*(*store)->quality().CountResults(), 0);
  model::QualityCheck check;
  check.asset = "hive.mart.users";
  check.name = "volume";
  check.kind = "volume";
  check.params = {{"warn", 0.15}};
  model::QualityResult result;
  result.asset = "hive.mart.users";
  result.check = "volume";
  result.kind = "volume";
  result.timestamp_ms = 1'764'547'200'000;
  result.status = "warn";
  result.value = 0.2;
  model::QualityDelta delta;
  delta.upsert_checks = {check};
  delta.append_results = {result};
  ASSERT_THAT((*store)->Write([&](WriteTxn& txn) { return (*store)->quality().Write(txn, delta); }),
              IsOk());
  store->reset();

  store = OpenSqliteStore({.path = path});  // reopening runs nothing again
  ASSERT_THAT(store, IsOk());
  EXPECT_EQ(*(*store)->quality().ListChecks(), std::vector<model::QualityCheck>{check});
  EXPECT_EQ(*(*store)->quality().LatestResults(), std::vector<model::QualityResult>{result});
  EXPECT_EQ((*store)->lineage().ListAssets()->size(), 2u);
  store->reset();
  RemoveFiles(path);
}

}  // namespace
}  // namespace linea::store::sqlite_internal
