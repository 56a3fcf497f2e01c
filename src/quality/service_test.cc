// QualityService, QualityState and QualityWrite on a real SQLite catalog: results judged against
// their series' history, transitions, checks replaced per provenance, evidence, reload.
#include "quality/service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include "catalog/testing/catalog_fixture.h"
#include "common/testing/status_matchers.h"

namespace linea::quality {
namespace {

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr int64_t kDay = 24LL * 3600 * 1000;
constexpr int64_t kStart = 1767225600000;  // 2026-01-01T00:00:00Z

model::Asset Asset(std::string fqn, model::AssetKind kind) {
  model::Asset a;
  a.fqn = std::move(fqn);
  a.kind = kind;
  return a;
}

// hive.mart.users (uid, age) → mlflow.churn.f
model::Delta Mesh() {
  using K = model::AssetKind;
  model::Delta d;
  for (auto [fqn, kind] : {std::pair{"hive", K::kService},
                           {"mlflow", K::kService},
                           {"hive.mart.users", K::kTable},
                           {"hive.mart.users.uid", K::kColumn},
                           {"hive.mart.users.age", K::kColumn},
                           {"mlflow.churn", K::kModel},
                           {"mlflow.churn.f", K::kFeature}}) {
    d.upsert_assets.push_back(Asset(fqn, kind));
  }
  model::Edge e;
  e.from = "hive.mart.users.age";
  e.to = "mlflow.churn.f";
  d.replace_edges.push_back({"test:mesh", {e}});
  return d;
}

model::QualityResult NullRate(int day, double nulls, double rows = 1000) {
  model::QualityResult r;
  r.asset = "hive.mart.users.age";
  r.kind = "null_rate";
  r.timestamp_ms = kStart + day * kDay;
  r.period = "d" + std::to_string(day);
  r.metrics = {{"null_count", nulls}, {"row_count", rows}};
  return r;
}

model::QualityCheck Check(std::string asset, std::string kind, std::map<std::string, double> params,
                          std::string name = "") {
  model::QualityCheck c;
  c.asset = std::move(asset);
  c.kind = std::move(kind);
  c.name = std::move(name);
  c.params = std::move(params);
  return c;
}

class QualityServiceTest : public catalog::testing::SqliteCatalogTest {
 protected:
  void SetUp() override {
    SqliteCatalogTest::SetUp();
    ASSERT_THAT(catalog_->Apply(Mesh()), IsOk());
  }
  void OnOpen() override {
    state_ = std::make_unique<QualityState>(catalog_->store().quality());
    ASSERT_THAT(state_->Reload(), IsOk());
    catalog_->AddDomain(state_.get());
    service_ = std::make_unique<QualityService>(catalog_.get(), state_.get());
  }
  void OnClose() override {
    service_.reset();
    state_.reset();
  }
  RecordOutcome Record(std::vector<model::QualityResult> results) {
    Result<RecordOutcome> out = service_->Record(std::move(results), writer_);
    EXPECT_THAT(out, IsOk());
    return out.ok() ? *out : RecordOutcome{};
  }
  static std::vector<std::string> Statuses(const RecordOutcome& out) {
    std::vector<std::string> s;
    for (const model::QualityResult& r : out.results) s.push_back(r.status);
    return s;
  }

  const catalog::Writer writer_ = catalog::Writer::Local("test");
  std::unique_ptr<QualityState> state_;
  std::unique_ptr<QualityService> service_;
};

TEST_F(QualityServiceTest, NullRateWarnsThenFailsAndOnlyTheFirstFailIsATransition) {
  // Reference median 0.01; +0.06 ≥ 0.05 warns, +0.19 ≥ 0.10 fails.
  RecordOutcome out = Record({NullRate(0, 10), NullRate(1, 10), NullRate(2, 10)});
  EXPECT_THAT(Statuses(out), ElementsAre("success", "success", "success"));
  out = Record({NullRate(3, 70)});
  EXPECT_THAT(Statuses(out), ElementsAre("warn"));
  EXPECT_THAT(out.failed, IsEmpty());
  EXPECT_NEAR(*out.results[0].value, 0.07, 1e-12);
  EXPECT_NEAR(*out.results[0].reference, 0.01, 1e-12);

  out = Record({NullRate(4, 200)});
  EXPECT_THAT(Statuses(out), ElementsAre("fail"));
  ASSERT_EQ(out.failed.size(), 1u);
  EXPECT_EQ(out.failed[0].result.asset, "hive.mart.users.age");
  EXPECT_EQ(out.failed[0].result.check, "null_rate");
  EXPECT_THAT(state_->AssetsWithFailures(), ElementsAre("hive.mart.users.age"));
  EXPECT_TRUE(state_->HasFailure("hive.mart.users.age"));
  EXPECT_FALSE(state_->HasFailure("hive.mart.users"));
  std::vector<graph::Evidence> evidence = state_->EvidenceFor("hive.mart.users.age");
  ASSERT_EQ(evidence.size(), 1u);
  EXPECT_EQ(evidence[0].type, "check_failed");
  EXPECT_THAT(evidence[0].detail, HasSubstr("check null_rate (null_rate) failed for d4"));
  EXPECT_EQ(evidence[0].at, "2026-01-05T00:00:00Z");

  out = Record({NullRate(5, 250)});  // still failing: no new transition
  EXPECT_THAT(out.failed, IsEmpty());
  out = Record({NullRate(6, 10)});  // back to normal
  ASSERT_EQ(out.recovered.size(), 1u);
  EXPECT_THAT(state_->AssetsWithFailures(), IsEmpty());
  EXPECT_FALSE(state_->HasFailure("hive.mart.users.age"));
  EXPECT_EQ(*catalog_->store().quality().CountResults(), 7);
}

TEST_F(QualityServiceTest, ResultsOfOneCallAreJudgedOldestFirstAgainstEachOther) {
  RecordOutcome out = Record({NullRate(3, 200), NullRate(0, 10), NullRate(2, 10), NullRate(1, 10)});
  // In the order given: day 3 was judged last, against days 0–2.
  EXPECT_THAT(Statuses(out), ElementsAre("fail", "success", "success", "success"));
  ASSERT_EQ(out.failed.size(), 1u);
  EXPECT_EQ(out.failed[0].result.period, "d3");
}

TEST_F(QualityServiceTest, ADefinedCheckReplacesTheDefaultsAndIsKeptPerProvenance) {
  Result<ChecksOutcome> defined = service_->ReplaceChecks(
      "quality:repo", {Check("hive.mart.users.age", "null_rate", {{"max", 0.5}})}, writer_);
  ASSERT_THAT(defined, IsOk());
  EXPECT_EQ(defined->added.size(), 1u);
  // With a fixed bound, +0.19 over the reference is fine: only > 0.5 fails.
  RecordOutcome out = Record({NullRate(0, 10), NullRate(1, 200), NullRate(2, 600)});
  EXPECT_THAT(Statuses(out), ElementsAre("success", "success", "fail"));

  // The same checks again: unchanged. Another provenance may not redefine it.
  defined = service_->ReplaceChecks(
      "quality:repo", {Check("hive.mart.users.age", "null_rate", {{"max", 0.5}})}, writer_);
  ASSERT_THAT(defined, IsOk());
  EXPECT_EQ(defined->unchanged, 1u);
  EXPECT_THAT(service_->ReplaceChecks("quality:other",
                                      {Check("hive.mart.users.age", "null_rate", {})}, writer_),
              StatusIs(StatusCode::kAlreadyExists,
                       HasSubstr("check null_rate on hive.mart.users.age is defined by "
                                 "quality:repo")));

  // Replacing with another set removes what the provenance no longer lists.
  defined = service_->ReplaceChecks(
      "quality:repo", {Check("hive.mart.users", "volume", {{"warn", 0.2}, {"fail", 0.4}})},
      writer_);
  ASSERT_THAT(defined, IsOk());
  EXPECT_EQ(defined->added.size(), 1u);
  ASSERT_EQ(defined->removed.size(), 1u);
  EXPECT_EQ(defined->removed[0].asset, "hive.mart.users.age");
  ASSERT_EQ(state_->Checks().size(), 1u);
  EXPECT_EQ(state_->Checks()[0].name, "volume");
  EXPECT_EQ(state_->Checks()[0].provenance, "quality:repo");

  // A dry run writes nothing; a bad threshold or an unknown asset is an error.
  defined = service_->ReplaceChecks("quality:repo", {}, writer_, /*dry_run=*/true);
  ASSERT_THAT(defined, IsOk());
  EXPECT_EQ(defined->removed.size(), 1u);
  EXPECT_EQ(state_->Checks().size(), 1u);
  EXPECT_THAT(
      service_->ReplaceChecks("quality:repo", {Check("hive.mart.user", "volume", {})}, writer_),
      StatusIs(StatusCode::kNotFound, HasSubstr("unknown asset hive.mart.user")));
}

TEST_F(QualityServiceTest, BadResultsStoreNothing) {
  model::QualityResult unknown = NullRate(1, 10);
  unknown.asset = "hive.mart.users.agee";
  EXPECT_THAT(service_->Record({NullRate(0, 10), unknown}, writer_),
              StatusIs(StatusCode::kNotFound, HasSubstr("results[1]: unknown asset")));
  model::QualityResult no_kind = NullRate(0, 10);
  no_kind.kind = "";
  EXPECT_THAT(service_->Record({no_kind}, writer_),
              StatusIs(StatusCode::kInvalidArgument, "results[0]: neither check nor kind given"));
  model::QualityResult bad_kind = NullRate(0, 10);
  bad_kind.kind = "nulls";
  EXPECT_THAT(service_->Record({bad_kind}, writer_),
              StatusIs(StatusCode::kInvalidArgument, "results[0]: unknown kind \"nulls\""));
  EXPECT_EQ(*catalog_->store().quality().CountResults(), 0);
  EXPECT_EQ(state_->Counts(), (std::pair<size_t, size_t>{0, 0}));
}

TEST_F(QualityServiceTest, StateReloadsChecksAndNewestResults) {
  ASSERT_THAT(
      service_->ReplaceChecks("quality:repo",
                              {Check("hive.mart.users.age", "null_rate", {}, "nulls")}, writer_),
      IsOk());
  model::QualityResult a = NullRate(0, 10), b = NullRate(1, 500);
  a.check = b.check = "nulls";
  Record({a, b});
  Reopen();
  EXPECT_EQ(state_->Counts(), (std::pair<size_t, size_t>{1, 1}));
  std::optional<model::QualityResult> latest = state_->LatestOf("hive.mart.users.age", "nulls");
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(latest->status, "fail");
  EXPECT_EQ(latest->period, "d1");
  EXPECT_THAT(state_->AssetsWithFailures(), ElementsAre("hive.mart.users.age"));
}

// A check the model's manifest defines is judged against the model's training window; other
// checks, and a malformed window, against the previous periods.
TEST_F(QualityServiceTest, AManifestCheckIsJudgedAgainstTheModelsTrainingWindow) {
  auto set_window = [&](const std::string& window) {
    Result<model::Asset> m = catalog_->GetAsset("mlflow.churn");
    ASSERT_THAT(m, IsOk());
    m->properties["training_window"] = window;
    model::Delta d;
    d.upsert_assets.push_back(*m);
    ASSERT_THAT(catalog_->Apply(std::move(d)), IsOk());
  };
  set_window("2026-01");
  ASSERT_THAT(service_->ReplaceChecks("manifest:mlflow.churn",
                                      {Check("hive.mart.users.age", "null_rate", {}, "age_nulls")},
                                      writer_),
              IsOk());
  ASSERT_THAT(
      service_->ReplaceChecks("quality:repo",
                              {Check("hive.mart.users.age", "null_rate", {}, "rolling")}, writer_),
      IsOk());
  auto both = [](int day, double nulls) {
    model::QualityResult a = NullRate(day, nulls), b = NullRate(day, nulls);
    a.check = "age_nulls";
    b.check = "rolling";
    return std::vector<model::QualityResult>{a, b};
  };
  for (int day : {0, 10, 20}) Record(both(day, 10));  // January: 1 % nulls
  // February at 20 %: +0.19 over the window's 1 % fails every time; the previous 6 periods
  // soon hold February itself (median 1 % three times, then 10.5 %, then 20 %).
  std::vector<std::string> windowed, rolling;
  for (int day : {35, 40, 45, 50, 55}) {
    RecordOutcome out = Record(both(day, 200));
    windowed.push_back(out.results[0].status);
    rolling.push_back(out.results[1].status);
    EXPECT_THAT(out.results[0].message,
                HasSubstr("; reference: the training window 2026-01 of mlflow.churn"));
    EXPECT_NEAR(*out.results[0].reference, 0.01, 1e-12);
    EXPECT_THAT(out.results[1].message, Not(HasSubstr("training window")));
  }
  EXPECT_THAT(windowed, ElementsAre("fail", "fail", "fail", "fail", "fail"));
  EXPECT_THAT(rolling, ElementsAre("fail", "fail", "fail", "warn", "success"));

  // A window without results, and a malformed one: the previous periods, and the message says so.
  set_window("2025-06..2025-08");
  RecordOutcome out = Record({both(60, 200)[0]});
  EXPECT_EQ(out.results[0].status, "success");
  EXPECT_THAT(out.results[0].message,
              HasSubstr("; the training window 2025-06..2025-08 of mlflow.churn holds no "
                        "results: judged against the previous periods"));
  set_window("soon");
  out = Record({both(61, 200)[0]});
  EXPECT_THAT(out.results[0].message,
              HasSubstr("; training window \"soon\" of mlflow.churn is not YYYY-MM..YYYY-MM: "
                        "judged against the previous periods"));

  // A check on the model's feature has the model's window, whoever defines it.
  set_window("2026-01");
  ASSERT_THAT(
      service_->ReplaceChecks("quality:features",
                              {Check("mlflow.churn.f", "null_rate", {}, "f_nulls")}, writer_),
      IsOk());
  model::QualityResult f = NullRate(5, 10);
  f.asset = "mlflow.churn.f";
  f.check = "f_nulls";
  Record({f});
  f.timestamp_ms = kStart + 62 * kDay;
  f.period = "d62";
  f.metrics = {{"null_count", 200}, {"row_count", 1000}};
  out = Record({f});
  EXPECT_EQ(out.results[0].status, "fail");
  EXPECT_THAT(out.results[0].message,
              HasSubstr("; reference: the training window 2026-01 of mlflow.churn"));
}

// The history cache changes no verdict: a random mix of new results, late ones, re-sent ones
// and a prune, recorded with the default cache, with none and with one that holds about two
// series, is judged the same each time.
TEST_F(QualityServiceTest, TheHistoryCacheChangesNoVerdict) {
  ASSERT_THAT(service_->ReplaceChecks(
                  "quality:repo",
                  {Check("hive.mart.users.uid", "null_rate", {{"reference_periods", 2}})}, writer_),
              IsOk());
  std::mt19937 random(11);
  std::vector<std::vector<model::QualityResult>> calls;
  for (int call = 0; call < 60; ++call) {
    std::vector<model::QualityResult>& batch = calls.emplace_back();
    const int size = 1 + static_cast<int>(random() % 4);
    for (int i = 0; i < size; ++i) {
      // Mostly the next days, sometimes an earlier one (late or re-sent).
      const int day = random() % 5 == 0 ? static_cast<int>(random() % (call + 1)) : call + i;
      model::QualityResult r = NullRate(day, static_cast<double>(random() % 120));
      if (random() % 3 == 0) r.asset = "hive.mart.users.uid";
      if (random() % 4 == 0) {
        r.asset = "hive.mart.users";
        r.kind = "volume";
        r.metrics = {{"row_count", 1000.0 + static_cast<double>(random() % 600)}};
      }
      batch.push_back(std::move(r));
    }
  }
  auto replay = [&](size_t cache_bytes) {
    EXPECT_THAT(service_->PruneResults(INT64_MAX), IsOk());  // an empty store for each replay
    EXPECT_THAT(service_->ReplaceChecks(
                    "quality:repo",
                    {Check("hive.mart.users.uid", "null_rate", {{"reference_periods", 2}})},
                    writer_),
                IsOk());
    service_ = std::make_unique<QualityService>(catalog_.get(), state_.get(),
                                                QualityService::RecordedFn{}, cache_bytes);
    std::vector<std::string> verdicts;
    for (size_t call = 0; call < calls.size(); ++call) {
      if (call == 30) {  // the check compares with more results: held series are too short
        EXPECT_THAT(service_->ReplaceChecks(
                        "quality:repo",
                        {Check("hive.mart.users.uid", "null_rate", {{"reference_periods", 5}})},
                        writer_),
                    IsOk());
      }
      if (call == 40) {  // results before day 20 go: their series' references shrink
        EXPECT_THAT(service_->PruneResults(kStart + 20 * kDay), IsOk());
      }
      for (const model::QualityResult& r : Record(calls[call]).results) {
        verdicts.push_back(r.asset + " " + r.period + " " + r.status + " " +
                           (r.value ? std::to_string(*r.value) : "-") + " " +
                           (r.reference ? std::to_string(*r.reference) : "-") + " " + r.message);
      }
    }
    return verdicts;
  };
  const std::vector<std::string> cached = replay(QualityService::kDefaultHistoryCacheBytes);
  const std::vector<std::string> uncached = replay(0);
  const std::vector<std::string> thrashing = replay(2 * 2000);
  ASSERT_EQ(cached.size(), uncached.size());
  for (size_t i = 0; i < cached.size(); ++i) EXPECT_EQ(cached[i], uncached[i]) << i;
  ASSERT_EQ(thrashing.size(), uncached.size());
  for (size_t i = 0; i < thrashing.size(); ++i) EXPECT_EQ(thrashing[i], uncached[i]) << i;
  // Not all trivially the same: references were built, and some results warned or failed.
  EXPECT_GT(std::count_if(cached.begin(), cached.end(),
                          [](const std::string& v) { return v.find(" fail ") != v.npos; }),
            0);
}

}  // namespace
}  // namespace linea::quality
