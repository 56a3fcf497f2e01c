// App's audit retention: PruneAudit() by the app's clock, and the background work calling it.
#include "app/app.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "common/testing/status_matchers.h"
#include "store/sqlite/sqlite_store.h"

namespace linea::app {
namespace {

using ::linea::testing::IsOk;

constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;

int64_t SystemMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class AppAuditRetentionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("app_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    app_.reset();
    std::filesystem::remove_all(dir_);
  }
  // Opens the app with `retention_days` on a clock that reads now_ms_, and writes two audited
  // writes (stamped with the system clock).
  void Open(int64_t retention_days) {
    auto store = store::OpenSqliteStore({.path = (dir_ / "linea.db").string()});
    ASSERT_THAT(store, IsOk());
    AppOptions options;
    options.audit_retention_days = retention_days;
    options.clock_ms = [this] { return now_ms_.load(); };
    auto app = App::Open(std::move(*store), std::move(options));
    ASSERT_THAT(app, IsOk());
    app_ = std::move(*app);
    const catalog::Writer ci{"ci", "writer", "PUT /api/v1/teams", std::nullopt, false};
    for (const char* team : {"geo", "crm"}) {
      model::Delta d;
      d.upsert_teams.push_back({team, "", {}});
      ASSERT_THAT(app_->catalog().Apply(d, nullptr, &ci), IsOk());
    }
  }
  size_t Records() { return app_->catalog().store().audit().List({})->size(); }

  std::filesystem::path dir_;
  std::atomic<int64_t> now_ms_{SystemMillis()};
  std::unique_ptr<App> app_;
};

TEST_F(AppAuditRetentionTest, PruneAuditRemovesRecordsOlderThanTheRetentionByTheAppsClock) {
  Open(2);
  ASSERT_EQ(Records(), 2u);
  now_ms_ = SystemMillis() + kDayMs;  // one day later: within two days
  EXPECT_EQ(*app_->PruneAudit(), 0);
  EXPECT_EQ(Records(), 2u);
  now_ms_ = SystemMillis() + 3 * kDayMs;
  Result<int64_t> pruned = app_->PruneAudit();
  ASSERT_THAT(pruned, IsOk());
  EXPECT_EQ(*pruned, 2);
  EXPECT_EQ(Records(), 0u);
}

TEST_F(AppAuditRetentionTest, ZeroRetentionKeepsEveryRecord) {
  Open(0);
  now_ms_ = SystemMillis() + 100'000 * kDayMs;
  EXPECT_EQ(*app_->PruneAudit(), 0);
  EXPECT_EQ(Records(), 2u);
}

TEST_F(AppAuditRetentionTest, TheBackgroundWorkPrunes) {
  Open(2);
  now_ms_ = SystemMillis() + 3 * kDayMs;
  app_->StartBackground(/*deliver_notifications=*/false);
  for (int i = 0; i < 300 && Records() > 0; ++i) {  // its first tick is 2 s after the start
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(Records(), 0u);
  app_->StopBackground();
}

// Quality results older than --quality-retention-days go with the same background work; the
// newer ones and the checks stay.
TEST(AppQualityRetentionTest, ResultsOlderThanTheRetentionArePruned) {
  const std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "app_quality";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto store = store::OpenSqliteStore({.path = (dir / "linea.db").string()});
  ASSERT_THAT(store, IsOk());
  std::atomic<int64_t> now_ms{SystemMillis()};
  AppOptions options;
  options.quality_retention_days = 30;
  options.clock_ms = [&now_ms] { return now_ms.load(); };
  auto app = App::Open(std::move(*store), std::move(options));
  ASSERT_THAT(app, IsOk());
  model::Delta mesh;
  for (auto [fqn, kind] :
       {std::pair{"hive", model::AssetKind::kService}, {"hive.db.t", model::AssetKind::kTable}}) {
    model::Asset a;
    a.fqn = fqn;
    a.kind = kind;
    mesh.upsert_assets.push_back(a);
  }
  ASSERT_THAT((*app)->catalog().Apply(mesh), IsOk());
  std::vector<model::QualityResult> results;
  for (int days_ago : {90, 45, 10, 1}) {
    model::QualityResult r;
    r.asset = "hive.db.t";
    r.kind = "volume";
    r.timestamp_ms = now_ms - days_ago * kDayMs;
    r.metrics = {{"row_count", 100}};
    results.push_back(r);
  }
  ASSERT_THAT((*app)->quality_service().Record(results, catalog::Writer::Local("test")), IsOk());
  Result<int64_t> pruned = (*app)->PruneQualityResults();
  ASSERT_THAT(pruned, IsOk());
  EXPECT_EQ(*pruned, 2);
  EXPECT_EQ(*(*app)->catalog().store().quality().CountResults(), 2);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace linea::app
