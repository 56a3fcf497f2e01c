// Evaluate (evaluate.h) for schema and statistics.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "quality/check_kinds.h"
#include "quality/evaluate.h"
#include "quality/testing/results.h"

namespace linea::quality {
namespace {

using testing::History;
using testing::MakeResult;

model::QualityResult Observed(std::vector<std::string> columns) {
  auto r = MakeResult("schema", "2026-11");
  r.columns = std::move(columns);
  return r;
}

TEST(EvaluateShapeTest, Schema) {
  auto check = DefaultCheck("dwh.mart.users", "schema");
  check.columns = {"id:bigint", "age:int", "name:string"};
  const Verdict ok = Evaluate(check, Observed({"ID:BIGINT", "age:int", "name:string"}), {});
  EXPECT_EQ(ok.status, "success");
  EXPECT_EQ(ok.message, "the 3 contract columns are present with their types");
  const Verdict extra =
      Evaluate(check, Observed({"id:bigint", "age:int", "name:string", "email:string"}), {});
  EXPECT_EQ(extra.status, "warn");
  EXPECT_EQ(extra.message, "extra columns: email");
  const Verdict broken = Evaluate(check, Observed({"id:bigint", "age:string", "email:string"}), {});
  EXPECT_EQ(broken.status, "fail");
  EXPECT_EQ(broken.value, 2);
  EXPECT_EQ(broken.reference, 3);
  EXPECT_EQ(broken.message,
            "missing columns: name; type changed: age (int → string); extra columns: email");
  EXPECT_EQ(Evaluate(check, Observed({}), {}).message, "the result carries no observed columns");
}

model::QualityResult Stats(std::vector<std::pair<std::string, double>> metrics) {
  return MakeResult("statistics", "2026-04", std::move(metrics));
}

TEST(EvaluateShapeTest, StatisticsBoundaries) {
  const auto check = DefaultCheck("a", "statistics");
  // mean over the history 14, 12, 10: μ = 12, σ = √((4 + 0 + 4) / 2) = 2.
  const auto history = History("statistics", "mean", {14, 12, 10});
  EXPECT_EQ(Evaluate(check, Stats({{"mean", 15.9}}), history).status, "success");
  const Verdict warn = Evaluate(check, Stats({{"mean", 16}}), history);  // z = 4 / 2 = 2
  EXPECT_EQ(warn.status, "warn");
  EXPECT_EQ(warn.value, 2);
  EXPECT_EQ(warn.reference, 12);
  EXPECT_EQ(warn.threshold, "warn ≥ 2σ, fail ≥ 3σ");
  EXPECT_EQ(
      warn.message,
      "worst: mean 16 is 2σ from the reference mean 12 (σ 2) of 3 periods (2026-01 … 2026-03)");
  EXPECT_EQ(Evaluate(check, Stats({{"mean", 6}}), history).status, "fail");  // z = 3
  auto wide = check;
  wide.params["k"] = 4;
  EXPECT_EQ(Evaluate(wide, Stats({{"mean", 6}}), history).status, "warn");
}

TEST(EvaluateShapeTest, StatisticsReportsTheWorstMetric) {
  std::vector<model::QualityResult> history = {Stats({{"mean", 14}, {"std", 3}}),
                                               Stats({{"mean", 12}, {"std", 2}}),
                                               Stats({{"mean", 10}, {"std", 1}})};  // std: μ 2, σ 1
  const Verdict v = Evaluate(DefaultCheck("a", "statistics"),
                             Stats({{"mean", 14}, {"std", 5}, {"p99", 1}}), history);
  EXPECT_EQ(v.status, "fail");  // mean z = 1, std z = 3
  EXPECT_EQ(v.value, 3);
  EXPECT_EQ(v.message, "worst: std 5 is 3σ from the reference mean 2 (σ 1) of 3 periods (2026-04)");
}

TEST(EvaluateShapeTest, StatisticsConstantReference) {
  const auto check = DefaultCheck("a", "statistics");
  const auto history = History("statistics", "max", {100, 100, 100});  // σ = 0
  const Verdict same = Evaluate(check, Stats({{"max", 100}}), history);
  EXPECT_EQ(same.status, "success");
  EXPECT_EQ(same.message,
            "max 100 equals the constant reference 100 of 3 periods (2026-01 … 2026-03)");
  EXPECT_EQ(Evaluate(check, Stats({{"max", 100 + 1e-8}}), history).status, "success");  // 1e-10 rel
  const Verdict moved = Evaluate(check, Stats({{"max", 100.5}}), history);
  EXPECT_EQ(moved.status, "fail");
  EXPECT_EQ(moved.message,
            "max 100.5 differs from the constant reference 100 of 3 periods (2026-01 … 2026-03)");
  // Two earlier results are not enough to judge against: the reference is still being built.
  EXPECT_EQ(
      Evaluate(check, Stats({{"max", 100.5}}), History("statistics", "max", {100, 100})).status,
      "success");
}

TEST(EvaluateShapeTest, StatisticsBoundsAndBuilding) {
  auto check = DefaultCheck("a", "statistics");
  check.params = {{"min", 0}, {"max", 120}};
  const Verdict low = Evaluate(check, Stats({{"min", -1}, {"max", 80}}), {});
  EXPECT_EQ(low.status, "fail");
  EXPECT_EQ(low.threshold, "warn ≥ 2σ, fail ≥ 3σ; min ≥ 0; max ≤ 120");
  EXPECT_EQ(low.message, "min -1 below the bound 0");
  EXPECT_EQ(Evaluate(check, Stats({{"min", 0}, {"max", 121}}), {}).message,
            "max 121 above the bound 120");
  const Verdict within = Evaluate(check, Stats({{"min", 0}, {"max", 120}}), {});
  EXPECT_EQ(within.status, "success");
  EXPECT_EQ(within.message,
            "within the bounds; first measurement: the reference is being built (up to 6 periods)");
  // One earlier value is no σ yet.
  EXPECT_EQ(Evaluate(DefaultCheck("a", "statistics"), Stats({{"mean", 1e6}}),
                     History("statistics", "mean", {1}))
                .status,
            "success");
  EXPECT_EQ(Evaluate(DefaultCheck("a", "statistics"), Stats({{"rows", 1}}), {}).message,
            "no statistics metric (min, max, mean, std, p25, p50, p75) to judge");
}

}  // namespace
}  // namespace linea::quality
