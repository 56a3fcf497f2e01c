// Evaluate (evaluate.h) for the kinds judged by counts, rates and lags; the rest in
// evaluate_shape_test.cc and evaluate_drift_test.cc.
#include "quality/evaluate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "quality/check_kinds.h"
#include "quality/testing/results.h"

namespace linea::quality {
namespace {

using testing::History;
using testing::MakeResult;

model::QualityResult Rows(double rows) {
  return MakeResult("volume", "2026-04", {{"row_count", rows}});
}

std::string StatusOf(const model::QualityCheck& check, const model::QualityResult& current,
                     const std::vector<model::QualityResult>& history) {
  return Evaluate(check, current, history).status;
}

TEST(EvaluateTest, VolumeBoundaries) {
  const auto check = DefaultCheck("a", "volume");
  // Median of 1100, 900, 1000 = 1000; |x − 1000| / 1000 against 0.15 and 0.30.
  const auto history = History("volume", "row_count", {1100, 900, 1000});
  EXPECT_EQ(StatusOf(check, Rows(1149), history), "success");
  EXPECT_EQ(StatusOf(check, Rows(1150), history), "warn");  // 150 / 1000 = 0.15
  EXPECT_EQ(StatusOf(check, Rows(850), history), "warn");
  EXPECT_EQ(StatusOf(check, Rows(1299), history), "warn");
  EXPECT_EQ(StatusOf(check, Rows(1300), history), "fail");  // 300 / 1000 = 0.30
  EXPECT_EQ(StatusOf(check, Rows(700), history), "fail");
  const Verdict v = Evaluate(check, Rows(1150), history);
  EXPECT_EQ(v.value, 1150);
  EXPECT_EQ(v.reference, 1000);
  EXPECT_EQ(v.threshold, "warn ≥ 0.15, fail ≥ 0.30 off the reference median");
  EXPECT_EQ(
      v.message,
      "row_count 1150: +15.0 % from the reference median 1000 of 3 periods (2026-01 … 2026-03)");
}

TEST(EvaluateTest, VolumeParamsAndReferencePeriods) {
  // Newest first: 2000, then 1000 three times; aborted results are no reference.
  auto history = History("volume", "row_count", {2000, 1000, 1000, 1000});
  auto aborted = MakeResult("volume", "2026-05", {{"row_count", 1}});
  aborted.status = "aborted";
  history.insert(history.begin(), aborted);
  auto check = DefaultCheck("a", "volume");
  EXPECT_EQ(Evaluate(check, Rows(1000), history).reference, 1000);  // median of 4
  check.params["reference_periods"] = 1;
  const Verdict newest = Evaluate(check, Rows(1000), history);  // only 2000: |1000 − 2000| / 2000
  EXPECT_EQ(newest.reference, 2000);
  EXPECT_EQ(newest.status, "fail");
  EXPECT_EQ(newest.message,
            "row_count 1000: -50.0 % from the reference median 2000 of 1 period (2026-04)");
  check.params = {{"warn", 0.05}, {"fail", 0.6}};
  EXPECT_EQ(StatusOf(check, Rows(1060), history), "warn");
  EXPECT_EQ(StatusOf(check, Rows(1600), history), "fail");
}

TEST(EvaluateTest, VolumeWithoutHistoryValueOrRows) {
  const auto check = DefaultCheck("a", "volume");
  const Verdict first = Evaluate(check, Rows(1150), {});
  EXPECT_EQ(first.status, "success");
  EXPECT_EQ(first.value, 1150);
  EXPECT_EQ(first.reference, std::nullopt);
  EXPECT_EQ(first.message, "first measurement: the reference is being built (up to 6 periods)");
  auto by_value = MakeResult("volume", "2026-04");
  by_value.value = 1300;
  EXPECT_EQ(StatusOf(check, by_value, History("volume", "row_count", {1000})), "fail");
  const Verdict none = Evaluate(check, MakeResult("volume", "2026-04"), {});
  EXPECT_EQ(none.status, "aborted");
  EXPECT_EQ(none.message, "no row_count metric or value to judge");
  // A reference median of 0: no rows stays fine, any rows fail.
  const auto empty = History("volume", "row_count", {0, 0});
  EXPECT_EQ(StatusOf(check, Rows(0), empty), "success");
  EXPECT_EQ(Evaluate(check, Rows(5), empty).message,
            "row_count 5 against the reference median 0 of 2 periods (2026-01 … 2026-02)");
  EXPECT_EQ(StatusOf(check, Rows(5), empty), "fail");
}

TEST(EvaluateTest, AbortedStaysAborted) {
  for (const char* kind : model::kCheckKinds) {
    auto current = MakeResult(kind, "2026-04", {{"row_count", 5}});
    current.status = "aborted";
    current.message = "query error: relation does not exist";
    const Verdict v = Evaluate(DefaultCheck("a", kind), current, {});
    EXPECT_EQ(v.status, "aborted") << kind;
    EXPECT_EQ(v.message, "query error: relation does not exist") << kind;
  }
  EXPECT_EQ(Evaluate(DefaultCheck("a", "nope"), Rows(1), {}).message,
            "unknown check kind \"nope\"");
}

TEST(EvaluateTest, DistinctBoundaries) {
  const auto check = DefaultCheck("a", "distinct");
  const auto history = History("distinct", "distinct_count", {200, 200});
  auto current = [](double n) {
    return MakeResult("distinct", "2026-03", {{"distinct_count", n}});
  };
  EXPECT_EQ(StatusOf(check, current(229), history), "success");
  EXPECT_EQ(StatusOf(check, current(230), history), "warn");  // 30 / 200 = 0.15
  EXPECT_EQ(StatusOf(check, current(140), history), "fail");  // 60 / 200 = 0.30
}

model::QualityResult Nulls(double nulls, double rows = 100, std::string period = "2026-04") {
  return MakeResult("null_rate", period, {{"null_count", nulls}, {"row_count", rows}});
}

TEST(EvaluateTest, NullRateIncreaseOverTheMedian) {
  const auto check = DefaultCheck("a", "null_rate");
  std::vector<model::QualityResult> history = {Nulls(0, 100, "2026-03"), Nulls(0, 100, "2026-02"),
                                               Nulls(1, 100, "2026-01")};  // median 0
  EXPECT_EQ(StatusOf(check, Nulls(4), history), "success");
  EXPECT_EQ(StatusOf(check, Nulls(5), history), "warn");   // 0.05 − 0
  EXPECT_EQ(StatusOf(check, Nulls(10), history), "fail");  // 0.10 − 0
  const Verdict v = Evaluate(check, Nulls(5), history);
  EXPECT_EQ(v.value, 0.05);
  EXPECT_EQ(v.reference, 0.0);
  EXPECT_EQ(v.threshold, "warn ≥ 0.05, fail ≥ 0.10 above the reference median");
  EXPECT_EQ(v.message,
            "null rate 5.0 % against the reference median 0.0 % of 3 periods (2026-01 … 2026-03)");
  // 0.30 − 0.25 is 0.04999…: still a warn.
  EXPECT_EQ(StatusOf(check, Nulls(30), {Nulls(25)}), "warn");
  EXPECT_EQ(Evaluate(check, Nulls(5), {}).message,
            "first measurement: the reference is being built (up to 6 periods)");
}

TEST(EvaluateTest, NullRateAllNullAndMax) {
  const auto check = DefaultCheck("a", "null_rate");
  // All null against 0.97: an increase of 0.03, yet an all-null column fails.
  const Verdict all = Evaluate(check, Nulls(100), {Nulls(97, 100, "2026-03")});
  EXPECT_EQ(all.status, "fail");
  EXPECT_EQ(all.message,
            "all values null: null rate 100.0 % against the reference median 97.0 % of 1 period "
            "(2026-03)");
  EXPECT_EQ(StatusOf(check, Nulls(100), {Nulls(100)}), "success");  // it always was
  auto max = DefaultCheck("a", "null_rate");
  max.params["max"] = 0.05;
  EXPECT_EQ(StatusOf(max, Nulls(5), {}), "success");  // not above the maximum
  const Verdict over = Evaluate(max, Nulls(6), {});
  EXPECT_EQ(over.status, "fail");
  EXPECT_EQ(over.threshold, "fail > 0.05");
  EXPECT_EQ(over.message, "null rate 6.0 % above the maximum 5.0 %");
  EXPECT_EQ(Evaluate(check, Nulls(7, 5), {}).message,
            "no null_count and row_count metrics (null_count ≤ row_count) or value to judge");
  // Counts past 2^53 cannot be judged exactly (found by the quality_results fuzzer: 1e19 rows
  // overflowed the int64_t conversion).
  const Verdict huge = Evaluate(check, Nulls(312, 1.0485760000000001e19), {});
  EXPECT_EQ(huge.status, "aborted");
}

model::QualityResult Lag(std::vector<std::pair<std::string, double>> metrics) {
  auto r = MakeResult("freshness", "2026-11", std::move(metrics));
  r.timestamp_ms = 100 * 3'600'000LL;
  return r;
}

TEST(EvaluateTest, FreshnessBoundaries) {
  const auto check = DefaultCheck("a", "freshness");
  EXPECT_EQ(StatusOf(check, Lag({{"lag_hours", 23.9}}), {}), "success");
  EXPECT_EQ(StatusOf(check, Lag({{"lag_hours", 24}}), {}), "warn");
  EXPECT_EQ(StatusOf(check, Lag({{"lag_hours", 48}}), {}), "fail");
  // (100 h − 52 h) in ms / 3.6e6 = 48 h.
  const Verdict v = Evaluate(check, Lag({{"max_event_time_ms", 52 * 3'600'000.0}}), {});
  EXPECT_EQ(v.status, "fail");
  EXPECT_EQ(v.value, 48);
  EXPECT_EQ(v.threshold, "warn ≥ 24 h, fail ≥ 48 h");
  EXPECT_EQ(v.message, "newest data 48 h old");
  const Verdict missing = Evaluate(check, Lag({{"partition_present", 0}}), {});
  EXPECT_EQ(missing.status, "fail");
  EXPECT_EQ(missing.message, "expected partition 2026-11 missing");
  EXPECT_EQ(Evaluate(check, Lag({{"partition_present", 1}}), {}).message, "partition present");
  auto tight = DefaultCheck("a", "freshness");
  tight.params = {{"warn", 6}, {"max_lag_hours", 12}};
  EXPECT_EQ(StatusOf(tight, Lag({{"lag_hours", 6}}), {}), "warn");
  EXPECT_EQ(StatusOf(tight, Lag({{"lag_hours", 12}}), {}), "fail");
  EXPECT_EQ(Evaluate(check, Lag({}), {}).message,
            "no lag_hours, max_event_time_ms, partition_present or value to judge");
}

TEST(EvaluateTest, AssertionKeepsTheSourceStatus) {
  const auto check = DefaultCheck("a", "assertion");
  auto failed = MakeResult("assertion", "2026-11");
  failed.status = "fail";
  failed.message = "dbt test not_null_users_id failed: 3 rows";
  const Verdict v = Evaluate(check, failed, {});
  EXPECT_EQ(v.status, "fail");
  EXPECT_EQ(v.message, "dbt test not_null_users_id failed: 3 rows");
  EXPECT_EQ(StatusOf(check, MakeResult("assertion", "2026-11"), {}), "success");
  failed.status = "";
  EXPECT_EQ(Evaluate(check, failed, {}).message,
            "assertion result without a status (success, warn or fail): \"\"");
}

}  // namespace
}  // namespace linea::quality
