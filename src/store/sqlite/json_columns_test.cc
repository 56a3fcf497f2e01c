// The distribution column: what EncodeDistribution writes reads back as the same doubles, and
// the fast path for numeric distributions answers exactly as the general json path does.
#include "store/sqlite/json_columns.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace linea::store::sqlite_internal {
namespace {

// Equal bit for bit (so -0.0 differs from 0.0 and NaN equals NaN).
bool SameBits(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::signbit(a[i]) != std::signbit(b[i])) return false;
    if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) return false;
  }
  return true;
}

TEST(JsonColumnsTest, NumericDistributionsReadBackBitForBit) {
  std::mt19937_64 random(42);
  std::uniform_real_distribution<double> unit(0, 1);
  for (int n = 0; n < 2000; ++n) {
    model::Distribution d;
    const int bins = n % 30;
    for (int b = 0; b <= bins; ++b) {
      const double scale = std::pow(10.0, static_cast<int>(unit(random) * 40) - 20);
      d.edges.push_back((unit(random) - 0.5) * scale);
      if (b < bins) d.counts.push_back(std::round(unit(random) * 1e6));
    }
    d.missing = n % 3 == 0 ? 0 : std::round(unit(random) * 1000);
    model::Distribution back;
    ASSERT_TRUE(DecodeDistribution(EncodeDistribution(d), back)) << EncodeDistribution(d);
    EXPECT_TRUE(SameBits(back.edges, d.edges)) << EncodeDistribution(d);
    EXPECT_TRUE(SameBits(back.counts, d.counts)) << EncodeDistribution(d);
    EXPECT_EQ(back.missing, d.missing);
  }
}

TEST(JsonColumnsTest, ExtremeNumbersReadBackAsTheGeneralPathReadsThem) {
  model::Distribution d;
  d.edges = {0.0,
             -0.0,
             1e-320,
             -1e308,
             std::numeric_limits<double>::max(),
             9007199254740993.0,
             0.1,
             std::numeric_limits<double>::quiet_NaN(),
             std::numeric_limits<double>::infinity()};
  d.counts = {1, 2};
  model::Distribution back;
  ASSERT_TRUE(DecodeDistribution(EncodeDistribution(d), back));
  EXPECT_TRUE(SameBits(back.edges, d.edges)) << EncodeDistribution(d);
  // Written by other means: integers, "-0" (the integer 0), exponents, huge integers.
  ASSERT_TRUE(
      DecodeDistribution(R"({"counts":[-0,0,-0.0,1E2,12345678901234567890123],"edges":[]})", back));
  EXPECT_TRUE(SameBits(back.counts, {0.0, 0.0, -0.0, 100.0, 12345678901234567890123.0}));
}

TEST(JsonColumnsTest, OtherShapesTakeTheGeneralPath) {
  model::Distribution back;
  ASSERT_TRUE(DecodeDistribution(R"({ "counts" : [1, 2], "missing": 3 })", back));
  EXPECT_EQ(back.counts, (std::vector<double>{1, 2}));
  EXPECT_EQ(back.missing, 3);
  ASSERT_TRUE(DecodeDistribution(R"({"categories":["a","b"],"counts":[1,2]})", back));
  EXPECT_EQ(back.categories, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(back.counts, (std::vector<double>{1, 2}));
  ASSERT_TRUE(DecodeDistribution(R"({"quantiles":[[0.5,3]]})", back));
  EXPECT_EQ(back.quantiles.size(), 1u);
  EXPECT_TRUE(back.counts.empty());  // nothing left over from the fast path's attempt
  ASSERT_TRUE(DecodeDistribution(R"({"counts":[1],"counts":[2]})", back));
  EXPECT_EQ(back.counts, (std::vector<double>{2}));  // the json parser keeps the last
}

TEST(JsonColumnsTest, MalformedDistributionsAreRefused) {
  model::Distribution back;
  for (const char* text :
       {R"({"counts":[1,]})", R"({"counts":[01]})", R"({"counts":[1.]})", R"({"counts":[.5]})",
        R"({"counts":[+1]})", R"({"counts":[1e]})", R"({"counts":[1]}x)", R"({"counts":[1])",
        R"({"counts":[inf]})", R"({"missing":[1]})", R"({"counts":"1"})", "[1]", "{"}) {
    EXPECT_FALSE(DecodeDistribution(text, back)) << text;
  }
}

}  // namespace
}  // namespace linea::store::sqlite_internal
