// Evaluate (evaluate.h) for drift and score_drift, including a normal column shifted by k·σ.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "quality/check_kinds.h"
#include "quality/evaluate.h"
#include "quality/psi.h"
#include "quality/testing/results.h"

namespace linea::quality {
namespace {

using model::Distribution;
using testing::MakeResult;

model::QualityResult WithDistribution(std::string period, Distribution d) {
  auto r = MakeResult("drift", std::move(period));
  r.distribution = std::move(d);
  return r;
}

Distribution Bins(std::vector<double> edges, std::vector<double> counts) {
  Distribution d;
  d.edges = std::move(edges);
  d.counts = std::move(counts);
  return d;
}

Distribution Uniform() {
  return Bins({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, std::vector<double>(10, 10));
}

TEST(EvaluateDriftTest, PsiAgainstTheMergedHistory) {
  const auto check = DefaultCheck("a", "drift");
  // Newest first; the one without a distribution is skipped.
  std::vector<model::QualityResult> history = {WithDistribution("2026-03", Uniform()),
                                               MakeResult("drift", "2026-02"),
                                               WithDistribution("2026-01", Uniform())};
  // 75 % below 5 and 25 % above: PSI = 0.25·ln 3 = 0.2747 (psi_test.cc).
  const Verdict v =
      Evaluate(check, WithDistribution("2026-04", Bins({0, 5, 10}, {75, 25})), history);
  EXPECT_EQ(v.status, "fail");
  EXPECT_NEAR(*v.value, 0.25 * std::log(3.0), 1e-12);
  EXPECT_EQ(v.reference, std::nullopt);
  EXPECT_EQ(v.threshold, "warn ≥ 0.10, fail ≥ 0.25");
  EXPECT_EQ(v.message,
            "PSI 0.27 over 10 reference-decile bins against 2 periods (2026-01 … 2026-03)");
  auto score = DefaultCheck("a", "score_drift");
  score.params["fail"] = 0.3;
  EXPECT_EQ(
      Evaluate(score, WithDistribution("2026-04", Bins({0, 5, 10}, {75, 25})), history).status,
      "warn");
  EXPECT_EQ(Evaluate(check, WithDistribution("2026-04", Uniform()), {}).message,
            "first measurement: the reference is being built (up to 6 periods)");
}

TEST(EvaluateDriftTest, CategoricalMessageAndInvalidInput) {
  Distribution reference, current;
  reference.categories = {"a", "b"};
  reference.counts = {60, 40};
  current.categories = {"a", "c"};
  current.counts = {50, 30};
  current.missing = 20;
  const Verdict v = Evaluate(DefaultCheck("a", "drift"), WithDistribution("2026-02", current),
                             {WithDistribution("2026-01", reference)});
  EXPECT_EQ(v.status, "fail");
  EXPECT_EQ(v.message,
            "PSI 7.26 over 2 reference categories, other and missing against 1 period (2026-01)");
  Distribution negative = Uniform();
  negative.counts[2] = -1;
  const Verdict bad = Evaluate(DefaultCheck("a", "drift"), WithDistribution("2026-02", negative),
                               {WithDistribution("2026-01", Uniform())});
  EXPECT_EQ(bad.status, "aborted");
  EXPECT_EQ(bad.message, "cannot compute PSI: current: counts[2] is negative: -1");
}

TEST(EvaluateDriftTest, QuantilesWithNullsAreCountedByRowCount) {
  Distribution uniform;
  uniform.quantiles = {{0, 0}, {1, 10}};
  Distribution with_nulls = uniform;
  with_nulls.missing = 25;
  auto current = WithDistribution("2026-02", with_nulls);
  const std::vector<model::QualityResult> history = {WithDistribution("2026-01", uniform)};
  EXPECT_EQ(Evaluate(DefaultCheck("a", "drift"), current, history).message,
            "cannot compute PSI: current: quantiles with missing > 0 (quantiles carry no count, "
            "so the share of nulls is unknown: give bins)");
  // 125 rows, 25 of them null: 0.08 per decile and 0.2 missing against 0.1 and 0 —
  // (ε − 0.2)·ln(ε/0.2) + 10·(0.1 − 0.08)·ln(0.1/0.08) = 1.564049.
  current.metrics = {{"row_count", 125}};
  const Verdict v = Evaluate(DefaultCheck("a", "drift"), current, history);
  EXPECT_EQ(v.status, "fail");
  EXPECT_NEAR(*v.value, 1.5640491119, 1e-9);
  EXPECT_EQ(v.message,
            "PSI 1.56 over 10 reference-decile bins and missing against 1 period (2026-01)");
}

TEST(EvaluateDriftTest, ValueIsThePsiTheSourceComputed) {
  const auto check = DefaultCheck("a", "score_drift");
  auto psi = [&](double value) {
    auto r = MakeResult("score_drift", "2026-04");
    r.value = value;
    return Evaluate(check, r, {});
  };
  EXPECT_EQ(psi(0.0999).status, "success");
  EXPECT_EQ(psi(0.10).status, "warn");
  EXPECT_EQ(psi(0.25).status, "fail");
  EXPECT_EQ(psi(0.10).message, "PSI 0.10 as computed by the source");
  EXPECT_EQ(Evaluate(check, MakeResult("score_drift", "2026-04"), {}).message,
            "no distribution or value (PSI) to judge");
}

// Φ(x), and its inverse by bisection (to 1e-12).
double NormalCdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }
double NormalQuantile(double p) {
  double lo = -10, hi = 10;
  while (hi - lo > 1e-12) {
    const double mid = (lo + hi) / 2;
    (NormalCdf(mid) < p ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

// The reference: N(0, 1) as a profiler reports it — quantiles at 0, 10 %, …, 100 %, the ends
// clipped to ±4 (only the inner deciles cut bins).
Distribution StandardNormalDeciles() {
  Distribution d;
  d.quantiles.emplace_back(0.0, -4.0);
  for (int k = 1; k <= 9; ++k) d.quantiles.emplace_back(k / 10.0, NormalQuantile(k / 10.0));
  d.quantiles.emplace_back(1.0, 4.0);
  return d;
}

// A sample of 20,000 values of N(shift, 1) — the evenly spaced quantiles Φ⁻¹((i + ½) / n) +
// shift — as a histogram of 0.05-wide bins on [−7, 7].
Distribution ShiftedSample(double shift) {
  Distribution d;
  for (int i = 0; i <= 280; ++i) d.edges.push_back(-7 + i * 0.05);
  d.counts.assign(280, 0);
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    const double x = NormalQuantile((i + 0.5) / n) + shift;
    d.counts[std::clamp(static_cast<int>(std::floor((x + 7) / 0.05)), 0, 279)] += 1;
  }
  return d;
}

TEST(EvaluateDriftTest, NormalColumnShiftedBySigma) {
  // Expected PSI of N(s, 1) against the deciles z_k of N(0, 1): every reference share is 0.1,
  // the current's a_k = Φ(z_k+1 − s) − Φ(z_k − s) (z_0 = −∞, z_10 = +∞), PSI = Σ (a_k −
  // 0.1)·ln(10·a_k):
  //   s = 0.1: a = 0.0836 … 0.1187          → PSI 0.009587 (success)
  //   s = 0.5: a = 0.0374, 0.0525 … 0.2172  → PSI 0.237749 (warn: under 0.25, barely)
  //   s = 1.0: a = 0.0113, 0.0215 … 0.3891  → PSI 0.926142 (fail)
  // The sample and its histogram move the value by less than 1e-3: measured 0.009589, 0.237678
  // and 0.926038.
  std::vector<model::QualityResult> history;
  for (int month = 10; month >= 5; --month) {
    history.push_back(
        WithDistribution("2026-" + std::string(month < 10 ? "0" : "") + std::to_string(month),
                         StandardNormalDeciles()));
  }
  const auto check = DefaultCheck("a", "drift");
  struct Case {
    double shift, psi;
    const char* status;
  };
  for (const Case& c :
       {Case{0.1, 0.009587, "success"}, Case{0.5, 0.237749, "warn"}, Case{1.0, 0.926142, "fail"}}) {
    const Verdict v = Evaluate(check, WithDistribution("2026-11", ShiftedSample(c.shift)), history);
    EXPECT_EQ(v.status, c.status) << c.shift;
    EXPECT_NEAR(*v.value, c.psi, 1e-3) << c.shift;
  }
  const Verdict v = Evaluate(check, WithDistribution("2026-11", ShiftedSample(1.0)), history);
  EXPECT_EQ(v.message.substr(0, 4), "PSI ");
  EXPECT_THAT(
      v.message,
      ::testing::EndsWith("over 10 reference-decile bins against 6 periods (2026-05 … 2026-10)"));
}

}  // namespace
}  // namespace linea::quality
