#include "quality/psi.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "common/testing/status_matchers.h"

namespace linea::quality {
namespace {

using ::linea::testing::StatusIs;
using model::Distribution;
using ::testing::ElementsAre;

// 100 values uniform on [0, 10): bins of width 1, 10 values each; its deciles are 0, 1, …, 10.
Distribution Uniform() {
  Distribution d;
  for (int i = 0; i <= 10; ++i) d.edges.push_back(i);
  d.counts.assign(10, 10);
  return d;
}

Distribution Categories(std::vector<std::string> names, std::vector<double> counts,
                        double missing = 0) {
  Distribution d;
  d.categories = std::move(names);
  d.counts = std::move(counts);
  d.missing = missing;
  return d;
}

TEST(PsiTest, EqualDistributionsGiveZero) {
  auto r = Psi(Uniform(), Uniform());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->psi, 0.0);
  EXPECT_EQ(r->Labels().size(), 10u);
  EXPECT_EQ(r->Labels().front(), "(-inf, 1)");
  EXPECT_EQ(r->Labels()[1], "[1, 2)");
  EXPECT_EQ(r->Labels().back(), "[9, +inf)");
}

TEST(PsiTest, TwoCategories) {
  // e = (0.5, 0.5), a = (0.25, 0.75):
  // (0.25 − 0.5)·ln(0.5) + (0.75 − 0.5)·ln(1.5) = 0.25·ln 3 = 0.274653072…
  auto r = Psi(Categories({"a", "b"}, {50, 50}), Categories({"a", "b"}, {25, 75}));
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->psi, 0.25 * std::log(3.0));
  EXPECT_THAT(r->Labels(), ElementsAre("a", "b"));
}

TEST(PsiTest, FourCategories) {
  // e = (0.4, 0.3, 0.2, 0.1), a = (0.3, 0.3, 0.2, 0.2):
  // (−0.1)·ln(0.75) + 0 + 0 + 0.1·ln 2 = 0.028768207 + 0.069314718 = 0.098082925…
  auto r = Psi(Categories({"a", "b", "c", "d"}, {40, 30, 20, 10}),
               Categories({"a", "b", "c", "d"}, {30, 30, 20, 20}));
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->psi, 0.0980829253, 1e-10);
}

TEST(PsiTest, EmptyCurrentBinsTakeEpsilon) {
  // Current: 20 % in each of the 5 lower deciles, nothing above.
  // 5·(0.2 − 0.1)·ln 2 + 5·(ε − 0.1)·ln(ε / 0.1) = 0.346574 + 3.450423 = 3.796997…
  Distribution current = Uniform();
  current.counts = {20, 20, 20, 20, 20, 0, 0, 0, 0, 0};
  auto r = Psi(Uniform(), current);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->psi, 3.7969973521, 1e-9);
}

TEST(PsiTest, EmptyReferenceCategoryTakesEpsilon) {
  // e = (1, 0 → ε), a = (0.5, 0.5): (−0.5)·ln 0.5 + (0.5 − ε)·ln(0.5 / ε) = 4.604318…
  auto r = Psi(Categories({"a", "b"}, {100, 0}), Categories({"a", "b"}, {50, 50}));
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->psi, 4.6043184667, 1e-9);
}

TEST(PsiTest, SingleValueColumnGetsBelowEqualAbove) {
  Distribution five;
  five.quantiles = {{0, 5}, {0.5, 5}, {1, 5}};
  auto edges = DecileEdges(five);
  ASSERT_TRUE(edges.ok());
  const double above = std::nextafter(5.0, 6.0);
  EXPECT_THAT(*edges,
              ElementsAre(std::nextafter(5.0, 4.0), 5.0, above, std::nextafter(above, 6.0)));

  auto same = Psi(five, five);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->psi, 0.0);
  EXPECT_THAT(same->Labels(), ElementsAre("(-inf, 5)", "= 5", "(5, +inf)"));
  EXPECT_THAT(same->expected, ElementsAre(0.0, 1.0, 0.0));

  // All values moved to 6: e = (0, 1, 0), a = (0, 0, 1): 2·(1 − ε)·ln(1/ε) = 18.418838…
  Distribution six;
  six.edges = {6, 6};  // a zero-width bin: a point mass
  six.counts = {40};
  auto moved = Psi(five, six);
  ASSERT_TRUE(moved.ok());
  EXPECT_THAT(moved->actual, ElementsAre(0.0, 0.0, 1.0));
  EXPECT_NEAR(moved->psi, 18.4188386759, 1e-9);
}

TEST(PsiTest, QuantilesAndBinsOfTheSameDataAgree) {
  Distribution quantiles;
  quantiles.quantiles = {{0, 0}, {1, 10}};  // uniform on [0, 10]
  auto from_bins = DecileEdges(Uniform());
  auto from_quantiles = DecileEdges(quantiles);
  ASSERT_TRUE(from_bins.ok() && from_quantiles.ok());
  EXPECT_THAT(*from_bins, ElementsAre(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
  EXPECT_THAT(*from_quantiles, ElementsAre(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));

  // The same skewed current as coarse bins (re-binned, uniform within) and as quantiles:
  // shares 0.15 in each decile below 5, 0.05 above: 5·0.05·ln 1.5 + 5·(−0.05)·ln 0.5 = 0.25·ln 3.
  Distribution coarse;
  coarse.edges = {0, 5, 10};
  coarse.counts = {75, 25};
  Distribution skewed;
  skewed.quantiles = {{0, 0}, {0.75, 5}, {1, 10}};
  auto a = Psi(Uniform(), coarse);
  auto b = Psi(quantiles, skewed);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NEAR(a->psi, 0.25 * std::log(3.0), 1e-12);
  EXPECT_NEAR(b->psi, 0.25 * std::log(3.0), 1e-12);
}

TEST(PsiTest, CategoricalUnseenCategoryAndMissing) {
  // Buckets a, b, other, missing: e = (0.6, 0.4, 0, 0), a = (0.5, 0, 0.3, 0.2):
  // (−0.1)·ln(5/6) + (ε − 0.4)·ln(ε/0.4) + (0.3 − ε)·ln(0.3/ε) + (0.2 − ε)·ln(0.2/ε)
  // = 0.018232 + 3.316999 + 2.401641 + 1.518680 = 7.255553…
  auto r = Psi(Categories({"a", "b"}, {60, 40}), Categories({"a", "c"}, {50, 30}, 20));
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(r->Labels(), ElementsAre("a", "b", "other", "missing"));
  EXPECT_THAT(r->actual, ElementsAre(0.5, 0.0, 0.3, 0.2));
  EXPECT_NEAR(r->psi, 7.2555526420, 1e-9);
}

TEST(PsiTest, AllNullCurrent) {
  // e = 0.1 per decile and 0 missing; a = 0 per decile and 1 missing:
  // 10·(ε − 0.1)·ln(ε/0.1) + (1 − ε)·ln(1/ε) = 6.900848 + 9.209419 = 16.110267…
  Distribution nulls;
  nulls.missing = 50;
  auto r = Psi(Uniform(), nulls);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->Labels().back(), "missing");
  EXPECT_EQ(r->actual.back(), 1.0);
  EXPECT_NEAR(r->psi, 16.1102668616, 1e-9);
}

TEST(PsiTest, MissingInTheReferenceOnly) {
  // Reference: 100 values + 25 nulls → 0.08 per decile, 0.2 missing; current 0.1 per decile:
  // 10·0.02·ln(1.25) + (ε − 0.2)·ln(ε/0.2) = 0.044629 + 1.519420 = 1.564049…
  Distribution reference = Uniform();
  reference.missing = 25;
  auto r = Psi(reference, Uniform());
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->psi, 1.5640491119, 1e-9);
}

TEST(PsiTest, Errors) {
  Distribution short_counts;
  short_counts.edges = {0, 1, 2};
  short_counts.counts = {1};
  EXPECT_THAT(Psi(short_counts, Uniform()),
              StatusIs(StatusCode::kInvalidArgument,
                       "reference: counts has 1 entries but edges has 3 (needs one more edge "
                       "than counts)"));
  Distribution negative = Uniform();
  negative.counts[2] = -1;
  EXPECT_THAT(Psi(Uniform(), negative),
              StatusIs(StatusCode::kInvalidArgument, "current: counts[2] is negative: -1"));
  EXPECT_THAT(Psi(Categories({"a"}, {1}), Uniform()),
              StatusIs(StatusCode::kInvalidArgument,
                       "mixed kinds: the reference is categorical but current is numeric"));
  EXPECT_THAT(Psi(Uniform(), Categories({"a"}, {1})),
              StatusIs(StatusCode::kInvalidArgument,
                       "mixed kinds: the reference is numeric but current is categorical"));
  Distribution both = Categories({"a"}, {1});
  both.edges = {0, 1};
  EXPECT_THAT(Psi(both, both),
              StatusIs(StatusCode::kInvalidArgument,
                       "reference: mixed kinds: categories together with edges or quantiles"));
  EXPECT_THAT(Psi(Uniform(), Distribution{}),
              StatusIs(StatusCode::kInvalidArgument, "current: no values at all"));
  Distribution nulls;
  nulls.missing = 3;
  EXPECT_THAT(Psi(nulls, Uniform()),
              StatusIs(StatusCode::kInvalidArgument,
                       "reference: only nulls, neither bins, quantiles nor categories"));
  Distribution quantiles_with_nulls;
  quantiles_with_nulls.quantiles = {{0, 0}, {1, 10}};
  quantiles_with_nulls.missing = 1;
  EXPECT_THAT(Psi(Uniform(), quantiles_with_nulls),
              StatusIs(StatusCode::kInvalidArgument,
                       "current: quantiles with missing > 0 (quantiles carry no count, so the "
                       "share of nulls is unknown: give bins)"));
  EXPECT_THAT(DecileEdges(Categories({"a"}, {1})),
              StatusIs(StatusCode::kInvalidArgument, "deciles of a categorical distribution"));
}

TEST(PsiTest, QuantilesToBinsCarryTheNulls) {
  Distribution q;
  q.quantiles = {{0.1, 1}, {0.5, 5}, {1, 10}};
  q.missing = 25;
  // 10 % at 1 (a point mass), 40 % on [1, 5), 50 % on [5, 10); the nulls kept.
  const Distribution bins = QuantilesToBins(q, 100);
  EXPECT_THAT(bins.edges, ElementsAre(1, 1, 5, 10));
  EXPECT_THAT(bins.counts, ElementsAre(10, 40, 50));
  EXPECT_EQ(bins.missing, 25);
  Distribution uniform;
  uniform.quantiles = {{0, 0}, {1, 10}};
  uniform.missing = 25;
  // As MissingInTheReferenceOnly: 100 values uniform on [0, 10] and 25 nulls.
  auto r = Psi(QuantilesToBins(uniform, 100), Uniform());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_NEAR(r->psi, 1.5640491119, 1e-9);
}

TEST(MergeTest, SumsMatchingBinsAndRebinsOthers) {
  Distribution coarse;
  coarse.edges = {0, 5, 10};
  coarse.counts = {30, 10};
  coarse.missing = 2;
  Distribution a = Uniform(), b = Uniform();
  Distribution merged = Merge({&a, nullptr, &b, &coarse});
  EXPECT_EQ(merged.edges, Uniform().edges);
  // 10 + 10 per bin, plus 30 / 5 = 6 below 5 and 10 / 5 = 2 above.
  EXPECT_THAT(merged.counts, ElementsAre(26, 26, 26, 26, 26, 22, 22, 22, 22, 22));
  EXPECT_EQ(merged.missing, 2);
}

TEST(MergeTest, CategoriesAndQuantiles) {
  Distribution x = Categories({"a", "b"}, {1, 2}, 1), y = Categories({"c", "a"}, {4, 5});
  Distribution merged = Merge({&x, &y});
  EXPECT_THAT(merged.categories, ElementsAre("a", "b", "c"));
  EXPECT_THAT(merged.counts, ElementsAre(6, 2, 4));
  EXPECT_EQ(merged.missing, 1);

  Distribution q1, q2;
  q1.quantiles = {{0, 0}, {0.5, 4}, {1, 10}};
  q2.quantiles = {{0, 2}, {1, 12}};  // at p = 0.5: 7
  EXPECT_THAT(Merge({&q1, &q2}).quantiles,
              ElementsAre(std::pair(0.0, 1.0), std::pair(0.5, 5.5), std::pair(1.0, 11.0)));
  EXPECT_TRUE(Merge({}).empty());
}

}  // namespace
}  // namespace linea::quality
