#include "store/sqlite/sqlite_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "common/testing/status_matchers.h"
#include "common/zstd.h"
#include "store/sqlite/checkpointer.h"
#include "store/store_contract_test.h"
#include "store/testing/store_writes.h"

namespace linea::store {
namespace {

using ::linea::store::testing::AnyDelta;
using ::linea::store::testing::Apply;
using ::linea::store::testing::PutToken;
using ::linea::store::testing::RevokeToken;

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A clock that moves one second per call, so every Apply() gets a later timestamp.
int64_t TickingClock() {
  static std::atomic<int64_t> now{1'700'000'000};
  return now++;
}

Result<std::unique_ptr<Store>> OpenInDir(const std::string& dir) {
  SqliteOptions options;
  options.path = dir + "/linea.db";
  options.clock = TickingClock;
  return OpenSqliteStore(options);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, LineageStoreContractTest,
                         ::testing::Values(StoreBackend{"Sqlite", OpenInDir}), StoreBackendName);
INSTANTIATE_TEST_SUITE_P(Sqlite, RunStoreContractTest,
                         ::testing::Values(StoreBackend{"Sqlite", OpenInDir}), StoreBackendName);
INSTANTIATE_TEST_SUITE_P(Sqlite, IncidentStoreContractTest,
                         ::testing::Values(StoreBackend{"Sqlite", OpenInDir}), StoreBackendName);
INSTANTIATE_TEST_SUITE_P(Sqlite, TokenStoreContractTest,
                         ::testing::Values(StoreBackend{"Sqlite", OpenInDir}), StoreBackendName);
INSTANTIATE_TEST_SUITE_P(Sqlite, BatchStoreContractTest,
                         ::testing::Values(StoreBackend{"Sqlite", OpenInDir}), StoreBackendName);
INSTANTIATE_TEST_SUITE_P(Sqlite, ConnectorStoreContractTest,
                         ::testing::Values(StoreBackend{"Sqlite", OpenInDir}), StoreBackendName);
INSTANTIATE_TEST_SUITE_P(Sqlite, AuditStoreContractTest,
                         ::testing::Values(StoreBackend{"Sqlite", OpenInDir}), StoreBackendName);
INSTANTIATE_TEST_SUITE_P(Sqlite, QualityStoreContractTest,
                         ::testing::Values(StoreBackend{"Sqlite", OpenInDir}), StoreBackendName);

// A raw connection for inspecting or tampering with a store file behind its back.
class RawDb {
 public:
  explicit RawDb(const std::string& path) { sqlite3_open(path.c_str(), &db_); }
  ~RawDb() { sqlite3_close(db_); }
  // Runs `sql`; returns the SQLite result code.
  int Exec(const std::string& sql) {
    return sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  }
  // The first column of the first row of `sql` as text ("" when no row).
  std::string Text(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    std::string text;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    return text;
  }

 private:
  sqlite3* db_ = nullptr;
};

AnyDelta UpsertAssets(std::initializer_list<std::string> fqns) {
  AnyDelta delta;
  for (const std::string& fqn : fqns) delta.upsert_assets.emplace_back().fqn = fqn;
  return delta;
}

model::Edge MakeEdge(std::string from, std::string to) {
  model::Edge edge;
  edge.from = std::move(from);
  edge.to = std::move(to);
  return edge;
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::path(::testing::TempDir()) / "linea_sqlite_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    path_ = dir_ + "/x.db";
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::permissions(dir_, std::filesystem::perms::owner_all, ignored);
    std::filesystem::remove_all(dir_, ignored);
  }

  SqliteOptions Options() const {
    SqliteOptions options;
    options.path = path_;
    return options;
  }

  // Creates the store with assets `a` and `b` and closes it.
  void CreateStoreWithTwoAssets() {
    Result<std::unique_ptr<Store>> store = OpenSqliteStore(Options());
    ASSERT_THAT(store, IsOk());
    ASSERT_THAT(Apply(**store, UpsertAssets({"a", "b"})), IsOk());
  }

  std::vector<std::string> StoredFqns() {
    SqliteOptions options = Options();
    options.read_only = true;
    Result<std::unique_ptr<Store>> store = OpenSqliteStore(options);
    EXPECT_THAT(store, IsOk());
    std::vector<std::string> fqns;
    if (!store.ok()) return fqns;
    Result<std::vector<model::Asset>> assets = (*store)->lineage().ListAssets();
    EXPECT_THAT(assets, IsOk());
    if (!assets.ok()) return fqns;
    for (const model::Asset& asset : *assets) fqns.push_back(asset.fqn);
    return fqns;
  }

  std::string dir_;
  std::string path_;
};

TEST_F(SqliteStoreTest, CreatesWalDatabaseAtCurrentVersion) {
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(Options());
  ASSERT_THAT(store, IsOk());
  EXPECT_EQ((*store)->schema_version(), SqliteSchemaVersion());
  RawDb raw(path_);
  EXPECT_EQ(raw.Text("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(raw.Text("PRAGMA user_version"), std::to_string(SqliteSchemaVersion()));
}

TEST_F(SqliteStoreTest, StampsEdgesWithTheInjectedClock) {
  int64_t now = 100;
  SqliteOptions options = Options();
  options.clock = [&now] { return now; };
  Result<std::unique_ptr<Store>> opened = OpenSqliteStore(options);
  ASSERT_THAT(opened, IsOk());
  Store& store = **opened;
  AnyDelta delta = UpsertAssets({"a", "b", "c"});
  delta.replace_edges = {{"p", {MakeEdge("a", "b")}}};
  ASSERT_THAT(Apply(store, delta), IsOk());

  now = 200;
  delta.replace_edges = {{"p", {MakeEdge("a", "b"), MakeEdge("b", "c")}}};
  ASSERT_THAT(Apply(store, delta), IsOk());
  std::vector<model::Edge> edges = *store.lineage().EdgesOfProvenance("p");
  ASSERT_EQ(edges.size(), 2u);
  EXPECT_EQ(edges[0].first_seen, 100);
  EXPECT_EQ(edges[0].last_seen, 200);
  EXPECT_EQ(edges[1].first_seen, 200);
  EXPECT_EQ(edges[1].last_seen, 200);
}

TEST_F(SqliteStoreTest, StampsEventsWithTheInjectedClock) {
  int64_t now = 100;
  SqliteOptions options = Options();
  options.clock = [&now] { return now; };
  Result<std::unique_ptr<Store>> opened = OpenSqliteStore(options);
  ASSERT_THAT(opened, IsOk());
  Store& store = **opened;
  AnyDelta delta;
  delta.append_events.emplace_back().hash = "e1";
  delta.append_events.back().received_at = 7;  // ignored
  ASSERT_THAT(Apply(store, delta), IsOk());

  now = 200;
  delta.append_events.emplace_back().hash = "e2";  // e1 again is skipped and keeps 100
  ASSERT_THAT(Apply(store, delta), IsOk());
  auto events = *store.runs().ListEvents(0, 10);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].second.received_at, 100);
  EXPECT_EQ(events[1].second.received_at, 200);
}

TEST_F(SqliteStoreTest, MalformedStoredFailedAssertionsIsDataLoss) {
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(Options());
  ASSERT_THAT(store, IsOk());
  AnyDelta delta = UpsertAssets({"a"});
  delta.upsert_runs.emplace_back().asset = "a";
  delta.upsert_runs.back().failed_assertions = {"x"};
  ASSERT_THAT(Apply(**store, delta), IsOk());
  ASSERT_EQ(RawDb(path_).Exec("UPDATE runs SET failed_assertions = '[1]' WHERE asset = 'a'"),
            SQLITE_OK);
  Result<std::vector<model::RunRecord>> runs = (*store)->runs().ListRuns();
  EXPECT_THAT(runs, StatusIs(StatusCode::kDataLoss));
  EXPECT_EQ(runs.status().message(), "store holds a malformed failed_assertions for a");
}

TEST_F(SqliteStoreTest, DamagedCompressedEventBodyIsDataLossNamingTheEvent) {
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(Options());
  ASSERT_THAT(store, IsOk());
  AnyDelta delta;
  delta.append_events.emplace_back().hash = "e1";
  delta.append_events.back().body = std::string(2000, 'x');
  ASSERT_THAT(Apply(**store, delta), IsOk());
  // Flip bytes in the middle of the frame: zstd's content checksum catches it.
  ASSERT_EQ(RawDb(path_).Exec("UPDATE events SET body_zstd = substr(body_zstd, 1, 8) || "
                              "x'00ff00ff' || substr(body_zstd, 13)"),
            SQLITE_OK);
  Result<std::vector<std::pair<int64_t, model::RawEvent>>> events = (*store)->runs().ListEvents(0, 10);
  EXPECT_THAT(events, StatusIs(StatusCode::kDataLoss));
  EXPECT_THAT(events.status().message(), ::testing::StartsWith("event e1 in the log: "));
}

// An event's base (model::RawEvent::base) gone from the file, or itself given a base: the
// event cannot be read, and the error names both events.
TEST_F(SqliteStoreTest, EventWhoseBaseIsGoneOrHasABaseIsDataLoss) {
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(Options());
  ASSERT_THAT(store, IsOk());
  const std::string base_body = std::string(2000, 'b');
  AnyDelta delta;
  delta.append_events.emplace_back().hash = "k1";
  delta.append_events.back().body = base_body;
  model::RawEvent& next = delta.append_events.emplace_back();
  next.hash = "e2";
  next.body_zstd = ZstdPrefix(base_body, -1).Compress(base_body + "c");
  next.base = "k1";
  ASSERT_THAT(Apply(**store, delta), IsOk());

  ASSERT_EQ(RawDb(path_).Exec("UPDATE events SET base = 'e2' WHERE hash = 'k1'"), SQLITE_OK);
  Result<std::vector<std::pair<int64_t, model::RawEvent>>> events = (*store)->runs().ListEvents(1, 10);
  EXPECT_THAT(events, StatusIs(StatusCode::kDataLoss));
  EXPECT_EQ(events.status().message(), "event e2 in the log: its base event k1 has a base too");

  ASSERT_EQ(RawDb(path_).Exec("DELETE FROM events WHERE hash = 'k1'"), SQLITE_OK);
  events = (*store)->runs().ListEvents(0, 10);
  EXPECT_THAT(events, StatusIs(StatusCode::kDataLoss));
  EXPECT_EQ(events.status().message(),
            "event e2 in the log: its base event k1 is missing from the log");
}

// The writer's commits leave checkpoints to the Checkpointer's thread (checkpointer.h): the
// pages written reach the database file while the store is open, and every event survives.
TEST_F(SqliteStoreTest, WalIsCheckpointedIntoTheDatabaseFileWhileOpen) {
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(Options());
  ASSERT_THAT(store, IsOk());
  const uintmax_t empty_size = std::filesystem::file_size(path_);
  uint32_t seed = 1;
  // Incompressible 128 KiB bodies, 10 % more pages than the checkpoint threshold.
  const int kEvents =
      sqlite_internal::Checkpointer::kBackgroundFrames * 4096 / (128 * 1024) * 11 / 10;
  const uintmax_t written = uintmax_t{128} * 1024 * static_cast<uintmax_t>(kEvents);
  for (int i = 0; i < kEvents; ++i) {
    AnyDelta delta;
    delta.append_events.emplace_back().hash = "e" + std::to_string(i);
    std::string& body = delta.append_events.back().body;
    body.resize(128 * 1024);
    for (char& c : body) c = static_cast<char>((seed = seed * 1664525u + 1013904223u) >> 24);
    ASSERT_THAT(Apply(**store, delta), IsOk());
  }
  bool checkpointed = false;
  for (int wait = 0; wait < 600 && !checkpointed; ++wait) {  // up to 60 s on a loaded machine
    checkpointed = std::filesystem::file_size(path_) > empty_size + written * 8 / 10;
    if (!checkpointed) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(checkpointed) << "database file still " << std::filesystem::file_size(path_);
  EXPECT_EQ(*(*store)->runs().CountEvents(), kEvents);
  store->reset();
  store = OpenSqliteStore(Options());
  ASSERT_THAT(store, IsOk());
  EXPECT_EQ(*(*store)->runs().CountEvents(), kEvents);
}

TEST_F(SqliteStoreTest, MalformedStoredTimelineIsDataLoss) {
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(Options());
  ASSERT_THAT(store, IsOk());
  AnyDelta delta;
  model::Incident& incident = delta.upsert_incidents.emplace_back();
  incident.id = "inc-1";
  incident.state = "open";
  incident.timeline = {{1, "opened", "cli", ""}};
  ASSERT_THAT(Apply(**store, delta), IsOk());
  // Each malformed form: not JSON, not an array, an entry without a type, a non-integer time.
  for (const char* timeline :
       {"[{", R"({"at":1})", R"([{"at":1}])", R"([{"at":"1","type":"x"}])"}) {
    ASSERT_EQ(RawDb(path_).Exec(std::string("UPDATE incidents SET timeline = '") + timeline +
                                "' WHERE id = 'inc-1'"),
              SQLITE_OK);
    Result<std::optional<model::Incident>> got = (*store)->incidents().GetIncident("inc-1");
    EXPECT_THAT(got, StatusIs(StatusCode::kDataLoss)) << timeline;
    EXPECT_EQ(got.status().message(), "store holds a malformed timeline for incident inc-1");
    Result<std::vector<model::Incident>> listed = (*store)->incidents().ListIncidents("open");
    EXPECT_THAT(listed, StatusIs(StatusCode::kDataLoss)) << timeline;
  }
}

// Empty lists, maps and distributions, and absent values, cost no JSON: '' or NULL.
TEST_F(SqliteStoreTest, QualityResultWithoutListsStoresNoJson) {
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(Options());
  ASSERT_THAT(store, IsOk());
  model::QualityDelta delta;
  model::QualityResult& result = delta.append_results.emplace_back();
  result.asset = "a";
  result.check = "rows";
  result.status = "success";
  delta.upsert_checks.emplace_back().asset = "a";
  ASSERT_THAT((*store)->Write([&](WriteTxn& txn) { return (*store)->quality().Write(txn, delta); }),
              IsOk());
  RawDb raw(path_);
  EXPECT_EQ(raw.Text("SELECT quote(value) || quote(reference) || quote(metrics) || "
                     "quote(distribution) || quote(columns) FROM quality_results"),
            "NULLNULL''NULL''");
  EXPECT_EQ(raw.Text("SELECT quote(params) || quote(columns) FROM quality_checks"), "''''");
}

// Distributions are written as blobs (distribution_blob.h); rows of the JSON text written before
// still read.
TEST_F(SqliteStoreTest, QualityDistributionIsABlobAndOlderJsonTextStillReads) {
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(Options());
  ASSERT_THAT(store, IsOk());
  model::QualityDelta delta;
  model::QualityResult& result = delta.append_results.emplace_back();
  result.asset = "a";
  result.check = "drift";
  result.distribution.edges = {0, 1, 2};
  result.distribution.counts = {5, 6};
  ASSERT_THAT((*store)->Write([&](WriteTxn& txn) { return (*store)->quality().Write(txn, delta); }),
              IsOk());
  RawDb raw(path_);
  EXPECT_EQ(raw.Text("SELECT typeof(distribution) FROM quality_results"), "blob");
  Result<std::vector<model::QualityResult>> listed = (*store)->quality().ListResults({});
  ASSERT_THAT(listed, IsOk());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].distribution, result.distribution);

  ASSERT_EQ(raw.Exec("UPDATE quality_results SET distribution = "
                     "'{\"edges\":[0,0.5],\"counts\":[9],\"missing\":2}'"),
            SQLITE_OK);
  listed = (*store)->quality().ListResults({});
  ASSERT_THAT(listed, IsOk());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].distribution.edges, (std::vector<double>{0, 0.5}));
  EXPECT_EQ((*listed)[0].distribution.counts, (std::vector<double>{9}));
  EXPECT_EQ((*listed)[0].distribution.missing, 2);
}

TEST_F(SqliteStoreTest, MalformedStoredQualityRowIsDataLoss) {
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(Options());
  ASSERT_THAT(store, IsOk());
  model::QualityDelta delta;
  model::QualityResult& result = delta.append_results.emplace_back();
  result.asset = "a";
  result.check = "rows";
  result.timestamp_ms = 7;
  delta.upsert_checks.emplace_back().asset = "a";
  ASSERT_THAT((*store)->Write([&](WriteTxn& txn) { return (*store)->quality().Write(txn, delta); }),
              IsOk());
  // Each malformed form of each encoded column.
  for (const char* update :
       {"metrics = '[[\"x\"]]'", "metrics = '{}'", "distribution = '{\"counts\":[\"1\"]}'",
        "distribution = '{\"bins\":[]}'", "distribution = '{\"quantiles\":[[1]]}'",
        "distribution = x'4c4401'", "columns = '[1]'", "value = 'text'"}) {
    RawDb raw(path_);
    ASSERT_EQ(raw.Exec("UPDATE quality_results SET " + std::string(update)), SQLITE_OK);
    auto listed = (*store)->quality().ListResults({});
    EXPECT_THAT(listed, StatusIs(StatusCode::kDataLoss)) << update;
    EXPECT_EQ(listed.status().message(), "store holds a malformed quality result of a rows at 7");
    EXPECT_THAT((*store)->quality().LatestResults(), StatusIs(StatusCode::kDataLoss)) << update;
    ASSERT_EQ(raw.Exec("UPDATE quality_results SET metrics = '', distribution = NULL, "
                       "columns = '', value = NULL"),
              SQLITE_OK);
    EXPECT_THAT((*store)->quality().ListResults({}), IsOk());
  }
  ASSERT_EQ(RawDb(path_).Exec("UPDATE quality_checks SET params = '{\"k\":\"3\"}'"), SQLITE_OK);
  EXPECT_THAT((*store)->quality().ListChecks(), StatusIs(StatusCode::kDataLoss));
}

TEST_F(SqliteStoreTest, GarbageFileIsDataLoss) {
  std::ofstream(path_) << std::string(8192, '\x5a') << "definitely not sqlite";
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(Options());
  EXPECT_THAT(store, StatusIs(StatusCode::kDataLoss));
  EXPECT_EQ(store.status().message(), path_ + " is not a linea database or is corrupt");
}

TEST_F(SqliteStoreTest, ForeignSqliteDatabaseIsDataLoss) {
  RawDb(path_).Exec("CREATE TABLE cookies(name TEXT)");
  EXPECT_THAT(OpenSqliteStore(Options()), StatusIs(StatusCode::kDataLoss));
  EXPECT_EQ(RawDb(path_).Text("PRAGMA user_version"), "0");  // untouched
}

TEST_F(SqliteStoreTest, NewerSchemaIsFailedPrecondition) {
  CreateStoreWithTwoAssets();
  ASSERT_EQ(RawDb(path_).Exec("PRAGMA user_version = 99"), SQLITE_OK);
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(Options());
  EXPECT_THAT(store, StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_EQ(store.status().message(), "store " + path_ + " has schema version 99, newer than " +
                                          "this linea (" + std::to_string(SqliteSchemaVersion()) +
                                          "); upgrade linea");
}

TEST_F(SqliteStoreTest, LockedStoreIsUnavailableAndUnchanged) {
  CreateStoreWithTwoAssets();
  SqliteOptions options = Options();
  options.busy_timeout_ms = 20;
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(options);
  ASSERT_THAT(store, IsOk());

  RawDb other(path_);
  ASSERT_EQ(other.Exec("BEGIN EXCLUSIVE"), SQLITE_OK);
  Status status = Apply(**store, UpsertAssets({"c"}));
  EXPECT_THAT(status, StatusIs(StatusCode::kUnavailable));
  EXPECT_THAT(status.message(), HasSubstr("database is locked"));
  ASSERT_EQ(other.Exec("ROLLBACK"), SQLITE_OK);

  EXPECT_THAT(StoredFqns(), ElementsAre("a", "b"));
  EXPECT_THAT(Apply(**store, UpsertAssets({"c"})), IsOk());  // usable once released
  EXPECT_THAT(StoredFqns(), ElementsAre("a", "b", "c"));
}

TEST_F(SqliteStoreTest, ReadOnlyOptionRefusesWritesAndChangesNothing) {
  CreateStoreWithTwoAssets();
  SqliteOptions options = Options();
  options.read_only = true;
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(options);
  ASSERT_THAT(store, IsOk());
  EXPECT_EQ((*store)->lineage().ListAssets()->size(), 2u);
  AnyDelta delta = UpsertAssets({"c"});
  delta.delete_assets = {"a"};
  EXPECT_THAT(Apply(**store, delta), StatusIs(StatusCode::kUnavailable));
  store->reset();
  EXPECT_THAT(StoredFqns(), ElementsAre("a", "b"));
}

TEST_F(SqliteStoreTest, ReadOnlyStoreNeedingMigrationIsUnavailable) {
  std::ofstream(path_).flush();  // an empty file is an empty database at version 0
  SqliteOptions options = Options();
  options.read_only = true;
  EXPECT_THAT(OpenSqliteStore(options), StatusIs(StatusCode::kUnavailable));
  EXPECT_EQ(std::filesystem::file_size(path_), 0u);
}

TEST_F(SqliteStoreTest, ReadOnlyFileModeRefusesWrites) {
  if (geteuid() == 0) GTEST_SKIP() << "root ignores file modes";
  CreateStoreWithTwoAssets();
  ASSERT_EQ(chmod(path_.c_str(), 0444), 0);
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(Options());
  ASSERT_THAT(store, IsOk());
  EXPECT_THAT(Apply(**store, UpsertAssets({"c"})), StatusIs(StatusCode::kUnavailable));
  store->reset();
  EXPECT_THAT(StoredFqns(), ElementsAre("a", "b"));
}

TEST_F(SqliteStoreTest, StoreInReadOnlyDirectoryRefusesWrites) {
  if (geteuid() == 0) GTEST_SKIP() << "root ignores directory modes";
  CreateStoreWithTwoAssets();
  ASSERT_EQ(chmod(path_.c_str(), 0444), 0);
  ASSERT_EQ(chmod(dir_.c_str(), 0555), 0);
  SqliteOptions options = Options();
  options.busy_timeout_ms = 20;
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(options);
  if (store.ok()) {
    EXPECT_THAT(Apply(**store, UpsertAssets({"c"})), StatusIs(StatusCode::kUnavailable));
  } else {
    EXPECT_THAT(store, StatusIs(StatusCode::kUnavailable));
  }
}

TEST_F(SqliteStoreTest, MissingFileWithoutCreateIsUnavailable) {
  SqliteOptions options = Options();
  options.create_if_missing = false;
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(options);
  EXPECT_THAT(store, StatusIs(StatusCode::kUnavailable));
  EXPECT_EQ(store.status().message(), "store " + path_ + " does not exist");
  options.read_only = true;
  EXPECT_THAT(OpenSqliteStore(options), StatusIs(StatusCode::kUnavailable));
  EXPECT_FALSE(std::filesystem::exists(path_));
}

TEST_F(SqliteStoreTest, UncreatableFileIsUnavailable) {
  SqliteOptions options = Options();
  options.path = dir_ + "/no/such/dir/x.db";
  EXPECT_THAT(OpenSqliteStore(options), StatusIs(StatusCode::kUnavailable));
}

TEST_F(SqliteStoreTest, ReopenRunsNoMigrationTwice) {
  CreateStoreWithTwoAssets();
  // A second run of migration 1 would fail on CREATE TABLE; reopening must not run it.
  for (int i = 0; i < 2; ++i) {
    Result<std::unique_ptr<Store>> store = OpenSqliteStore(Options());
    ASSERT_THAT(store, IsOk());
    EXPECT_EQ((*store)->lineage().ListAssets()->size(), 2u);
  }
  EXPECT_EQ(RawDb(path_).Text("PRAGMA user_version"), std::to_string(SqliteSchemaVersion()));
}

TEST_F(SqliteStoreTest, MalformedStoredJsonIsDataLoss) {
  CreateStoreWithTwoAssets();
  ASSERT_EQ(RawDb(path_).Exec("UPDATE assets SET owners = '[\"team:a\"' WHERE fqn = 'a'"),
            SQLITE_OK);
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(Options());
  ASSERT_THAT(store, IsOk());
  EXPECT_THAT((*store)->lineage().GetAsset("a"), StatusIs(StatusCode::kDataLoss));
  EXPECT_THAT((*store)->lineage().GetAsset("b"), IsOk());
}

TEST_F(SqliteStoreTest, InMemoryStoreWorks) {
  SqliteOptions options;
  options.path = ":memory:";
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(options);
  ASSERT_THAT(store, IsOk());
  ASSERT_THAT(Apply(**store, UpsertAssets({"m"})), IsOk());
  EXPECT_TRUE((*(*store)->lineage().GetAsset("m")).has_value());
}

}  // namespace
}  // namespace linea::store
