#include "connectors/scheduler.h"

#include <gmock/gmock.h>

#include <future>

#include "catalog/testing/catalog_fixture.h"
#include "common/testing/status_matchers.h"

namespace linea::connectors {
namespace {

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::HasSubstr;

// A source of one table whose reads can be held until the test releases them.
class GateSource : public Source {
 public:
  explicit GateSource(std::shared_future<void> gate, std::atomic<int>* reads)
      : gate_(std::move(gate)), reads_(reads) {}
  std::string Describe() const override { return "gate://"; }
  Status Connect() override { return Status::OK(); }
  Result<std::vector<SourceItem>> ListItems() override {
    ++*reads_;
    gate_.wait();
    return std::vector<SourceItem>{{"db.t", "", "db", 0, ""}};  // no version: read every time
  }
  Result<std::vector<MappedItem>> ReadItems(const std::vector<SourceItem>&,
                                            const catalog::Catalog&) override {
    model::Asset t;
    t.fqn = "hive.db.t";
    t.kind = model::AssetKind::kTable;
    return std::vector<MappedItem>{{"db.t", {t}, {}, {}}};
  }

 private:
  std::shared_future<void> gate_;
  std::atomic<int>* reads_;
};

class SchedulerTest : public catalog::testing::SqliteCatalogTest {
 protected:
  // A config says at least `every: 10s`; tests shorten it to `every_seconds`.
  std::vector<ConnectorConfig> Configs(int every_seconds) {
    auto configs = ParseConnectorConfigs(
        "connectors:\n  - {name: hms, type: hive-metastore, every: 1d, jitter: 0s}\n",
        "serve.yaml", {"hive-metastore"}, false);
    EXPECT_THAT(configs, IsOk());
    configs->at(0).every = std::chrono::seconds(every_seconds);
    return *configs;
  }
  SourceFactory Factory() {
    return [this](const ConnectorConfig&) -> Result<std::unique_ptr<Source>> {
      return std::unique_ptr<Source>(std::make_unique<GateSource>(gate_, &reads_));
    };
  }

  std::promise<void> open_;
  std::shared_future<void> gate_ = open_.get_future().share();
  std::atomic<int> reads_{0};
};

TEST_F(SchedulerTest, RunsOnStartThenOnItsSchedule) {
  open_.set_value();
  Scheduler scheduler(*catalog_, Configs(1), Factory());
  scheduler.Start();
  for (int i = 0; i < 100 && reads_ < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  scheduler.Stop();
  EXPECT_GE(reads_.load(), 2);
  EXPECT_TRUE(catalog_->KindOf("hive.db.t"));
  auto status = scheduler.Status();
  ASSERT_THAT(status, IsOk());
  ASSERT_EQ(status->size(), 1u);
  EXPECT_EQ((*status)[0].name, "hms");
  EXPECT_TRUE((*status)[0].scheduled);
  EXPECT_EQ((*status)[0].every_seconds, 1);
  ASSERT_TRUE((*status)[0].last_run.has_value());
  EXPECT_EQ((*status)[0].last_run->outcome, "ok");
  EXPECT_GE(scheduler.counters().runs, 2u);
}

TEST_F(SchedulerTest, ARunOverlappingTheNextSlotsSkipsThemAndCountsThem) {
  Scheduler scheduler(*catalog_, Configs(1), Factory());
  scheduler.Start();  // the first run starts and waits at the gate
  for (int i = 0; i < 3000 && reads_ < 1; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (reads_ < 1) {  // never blocks below on a gate nobody opens
    open_.set_value();
    FAIL() << "the scheduled run did not start within 30 s";
  }
  EXPECT_THAT(scheduler.RunNow("hms"),
              StatusIs(StatusCode::kFailedPrecondition, "connector hms is running"));
  std::this_thread::sleep_for(std::chrono::milliseconds(2200));  // two slots pass
  EXPECT_TRUE((*scheduler.Status())[0].running);
  open_.set_value();
  for (int i = 0; i < 100 && scheduler.counters().runs < 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  scheduler.Stop();
  EXPECT_GE(scheduler.counters().skipped, 2u);
  EXPECT_GE((*scheduler.Status())[0].skipped_runs, 2u);
}

TEST_F(SchedulerTest, RunNowRunsAConnectorByNameAndRejectsUnknownOnes) {
  open_.set_value();
  Scheduler scheduler(*catalog_, Configs(86400), Factory());
  Result<PullReport> r = scheduler.RunNow("hms");
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->outcome, "ok");
  EXPECT_THAT(scheduler.RunNow("hsm"),
              StatusIs(StatusCode::kNotFound, "no connector \"hsm\" (configured: hms)"));
}

TEST_F(SchedulerTest, ASourceThatCannotBeBuiltIsAFailedRun) {
  Scheduler scheduler(*catalog_, Configs(86400),
                      [](const ConnectorConfig&) -> Result<std::unique_ptr<Source>> {
                        return UnavailableError("cannot connect to postgresql://db/x: refused");
                      });
  Result<PullReport> r = scheduler.RunNow("hms");
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->outcome, "failed");
  EXPECT_EQ(r->error, "cannot connect to postgresql://db/x: refused");
  EXPECT_EQ(scheduler.counters().failures, 1u);
}

}  // namespace
}  // namespace linea::connectors
