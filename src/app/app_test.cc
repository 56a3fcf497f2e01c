// App's background policies by the app's clock: the audit log's and quality results'
// retention, and the monthly quality digests queued on their day and delivered once.
#include "app/app.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "common/testing/status_matchers.h"
#include "notify/address_policy.h"
#include "notify/testing/http_receiver.h"
#include "qualitydigest/testing/mesh.h"
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

// 2026-12-01T06:00:00Z: the 1st of the month after the digest mesh's drifted month.
constexpr int64_t kFirstOfDecemberMs = 1796104800000;

// An app on the digest mesh (qualitydigest/testing/mesh.h) whose teams' webhooks point at a
// loopback receiver, with its results recorded, on a clock that reads now_ms_.
class AppDigestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("app_digest_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    app_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Open(int digest_day) {
    auto store = store::OpenSqliteStore({.path = (dir_ / "linea.db").string()});
    ASSERT_THAT(store, IsOk());
    AppOptions options;
    options.public_url = "https://linea.example";
    options.quality_digest_day = digest_day;
    options.clock_ms = [this] { return now_ms_.load(); };
    // The receiver listens on loopback, which deliveries may reach only when allowed.
    options.outbox = {.transport = {.connect_timeout_ms = 2000,
                                    .total_timeout_ms = 10000,
                                    .allowed_targets = *notify::ParseCidrs({"127.0.0.0/8"})},
                      .workers = 2,
                      .base_backoff_ms = 10,
                      .poll_ms = 20,
                      .clock_ms = [this] { return now_ms_.load(); }};
    auto app = App::Open(std::move(*store), std::move(options));
    ASSERT_THAT(app, IsOk());
    app_ = std::move(*app);
    auto url = [this](const std::string& name) { return receiver_.url("/" + name); };
    ASSERT_THAT(app_->catalog().Apply(incident::testing::IncidentMesh(url)), IsOk());
    ASSERT_THAT(app_->catalog().Apply(qualitydigest::testing::DigestMeshAdditions(url)), IsOk());
    // The drift fails: the quality policy opens an incident too, whose messages the same
    // receiver gets.
    ASSERT_THAT(app_->quality_service().Record(qualitydigest::testing::DigestResults(),
                                               catalog::Writer::Local("test")),
                IsOk());
  }
  // The digests received so far, by path ("/alpha").
  std::map<std::string, std::vector<nlohmann::json>> Digests() const {
    std::map<std::string, std::vector<nlohmann::json>> out;
    for (const auto& r : receiver_.requests()) {
      nlohmann::json body = nlohmann::json::parse(r.body);
      if (body["type"] == "quality.digest") out[r.path].push_back(std::move(body));
    }
    return out;
  }
  size_t DigestRows() { return app_->incidents().DeliveriesOf("digest:2026-11")->size(); }
  std::string MessageOf(const std::string& asset) {
    for (const model::QualityResult& r : app_->quality().Latest(asset)) return r.message;
    return "";
  }

  std::filesystem::path dir_;
  std::atomic<int64_t> now_ms_{kFirstOfDecemberMs};
  notify::testing::HttpReceiver receiver_;
  std::unique_ptr<App> app_;
};

TEST_F(AppDigestTest, OnTheDigestDayTheOwningTeamsGetLastMonthsDigestOnce) {
  Open(/*digest_day=*/1);
  app_->StartBackground(/*deliver_notifications=*/true);
  for (int i = 0; i < 300 && Digests().size() < 4; ++i) {  // the first tick is 2 s after start
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::map<std::string, std::vector<nlohmann::json>> digests = Digests();
  // Exactly the owners of measured models with contacts: not team:data (tables only), not
  // team:watch (an unmeasured model), not team:quiet (no contacts).
  std::set<std::string> paths;
  for (const auto& [path, bodies] : digests) paths.insert(path);
  EXPECT_THAT(paths, ::testing::ElementsAre("/alpha", "/ann", "/beta", "/gamma"));
  ASSERT_EQ(digests["/alpha"].size(), 1u);
  const std::string drift = MessageOf("hive.mart.users.uid");
  const std::string nulls = MessageOf("hive.mart.users.age");
  const nlohmann::json expected = {
      {"type", "quality.digest"},
      {"team", "alpha"},
      {"period", "2026-11"},
      {"models",
       {{{"fqn", "mlflow.churn"},
         {"status", "fail"},
         {"fail", 1},
         {"warn", 1},
         {"success", 0},
         {"unmeasured", 1},
         {"features",
          {{{"fqn", "mlflow.churn.f"},
            {"status", "fail"},
            {"source", "hive.mart.users.uid"},
            {"check", "drift"},
            {"message", drift}},
           {{"fqn", "mlflow.churn.age"},
            {"status", "warn"},
            {"source", "hive.mart.users.age"},
            {"check", "null_rate"},
            {"message", nulls}}}},
         {"url", "https://linea.example/api/v1/quality/report/mlflow.churn?period=2026-11"}},
        {{"fqn", "mlflow.ltv"},
         {"status", "fail"},
         {"fail", 1},
         {"warn", 0},
         {"success", 0},
         {"unmeasured", 0},
         {"features",
          {{{"fqn", "mlflow.ltv.f"},
            {"status", "fail"},
            {"source", "hive.mart.users.uid"},
            {"check", "drift"},
            {"message", drift}}}},
         {"url", "https://linea.example/api/v1/quality/report/mlflow.ltv?period=2026-11"}}}}};
  EXPECT_EQ(digests["/alpha"][0], expected);
  EXPECT_EQ(digests["/ann"][0]["team"], "user:ann");
  EXPECT_EQ(digests["/gamma"][0]["models"].size(), 2u);

  // Another pass (the next tick, a restart on a later day of the month) queues nothing new.
  Result<std::optional<incident::DigestOutcome>> again = app_->QueueDueDigests();
  ASSERT_THAT(again, IsOk());
  ASSERT_TRUE(again->has_value());
  EXPECT_EQ((*again)->queued, 0u);
  EXPECT_EQ((*again)->already_queued, 4u);
  EXPECT_TRUE((*again)->recipients.empty());  // no report built again
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));  // one more tick
  app_->StopBackground();
  EXPECT_EQ(DigestRows(), 4u);
  for (const auto& [path, bodies] : Digests()) EXPECT_EQ(bodies.size(), 1u) << path;
}

TEST_F(AppDigestTest, NothingBeforeTheDigestDayThenOnAnyLaterDayOfTheMonth) {
  Open(/*digest_day=*/2);
  Result<std::optional<incident::DigestOutcome>> early = app_->QueueDueDigests();
  ASSERT_THAT(early, IsOk());
  EXPECT_FALSE(early->has_value());
  EXPECT_EQ(DigestRows(), 0u);
  now_ms_ = kFirstOfDecemberMs + 9 * kDayMs;  // down on the 2nd: the 10th will do
  Result<std::optional<incident::DigestOutcome>> late = app_->QueueDueDigests();
  ASSERT_THAT(late, IsOk());
  ASSERT_TRUE(late->has_value());
  EXPECT_EQ((*late)->queued, 4u);
  EXPECT_EQ((*late)->recipients.size(), 5u);  // team:quiet too, without contacts
  EXPECT_EQ(DigestRows(), 4u);
}

TEST_F(AppDigestTest, DayZeroMeansNoScheduledDigests) {
  Open(/*digest_day=*/0);
  Result<std::optional<incident::DigestOutcome>> due = app_->QueueDueDigests();
  ASSERT_THAT(due, IsOk());
  EXPECT_FALSE(due->has_value());
  EXPECT_EQ(DigestRows(), 0u);
}

}  // namespace
}  // namespace linea::app
