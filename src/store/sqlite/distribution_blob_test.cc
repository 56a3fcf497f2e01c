// The binary distribution column: every distribution reads back bit for bit, and anything that
// is not a whole blob of ours is refused rather than half read.
#include "store/sqlite/distribution_blob.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace linea::store::sqlite_internal {
namespace {

std::vector<uint64_t> Bits(const std::vector<double>& values) {
  std::vector<uint64_t> bits;
  for (double v : values) bits.push_back(std::bit_cast<uint64_t>(v));
  return bits;
}

model::Distribution Categorical() {
  model::Distribution d;
  d.categories = {"msk", "", "spb", "новосибирск", std::string("a\0b", 3)};
  d.counts = {10, 0, 5, 7, 1};
  d.missing = 3;
  return d;
}

TEST(DistributionBlobTest, EveryKindOfDistributionReadsBackBitForBit) {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> unit(-1, 1);
  std::vector<model::Distribution> cases = {Categorical()};
  model::Distribution extremes;
  extremes.edges = {0.0,
                    -0.0,
                    1e-320,
                    std::numeric_limits<double>::max(),
                    std::numeric_limits<double>::quiet_NaN(),
                    -std::numeric_limits<double>::infinity()};
  extremes.counts = {1, 2, 3, 4, 5};
  cases.push_back(extremes);
  model::Distribution quantiles;
  quantiles.quantiles = {{0, -3.5}, {0.5, 0.25}, {1, 9}};
  quantiles.missing = -0.0 + 1;
  cases.push_back(quantiles);
  for (int n = 0; n < 500; ++n) {
    model::Distribution d;
    for (int b = 0; b <= n % 40; ++b) d.edges.push_back(unit(random) * std::pow(10, n % 30));
    d.counts.assign(d.edges.size() - 1, std::round((unit(random) + 1) * 1e6));
    d.missing = n % 2 ? 0 : n;
    cases.push_back(d);
  }
  for (const model::Distribution& d : cases) {
    const std::string blob = EncodeDistributionBlob(d);
    model::Distribution back;
    ASSERT_TRUE(DecodeDistributionBlob(blob, back));
    EXPECT_EQ(Bits(back.edges), Bits(d.edges));
    EXPECT_EQ(Bits(back.counts), Bits(d.counts));
    EXPECT_EQ(back.categories, d.categories);
    ASSERT_EQ(back.quantiles.size(), d.quantiles.size());
    for (size_t i = 0; i < d.quantiles.size(); ++i) {
      EXPECT_EQ(back.quantiles[i], d.quantiles[i]);
    }
    EXPECT_EQ(std::bit_cast<uint64_t>(back.missing), std::bit_cast<uint64_t>(d.missing));
  }
}

TEST(DistributionBlobTest, AnEmptyDistributionIsNoBlob) {
  EXPECT_EQ(EncodeDistributionBlob(model::Distribution{}), "");
}

TEST(DistributionBlobTest, EveryTruncationAndEveryExtensionIsRefused) {
  const std::string blob = EncodeDistributionBlob(Categorical());
  model::Distribution out;
  for (size_t n = 0; n < blob.size(); ++n) {
    EXPECT_FALSE(DecodeDistributionBlob(blob.substr(0, n), out)) << n;
  }
  EXPECT_FALSE(DecodeDistributionBlob(blob + "x", out));
  EXPECT_TRUE(DecodeDistributionBlob(blob, out));
}

TEST(DistributionBlobTest, AnotherMagicOrVersionOrAbsurdCountIsRefused) {
  std::string blob = EncodeDistributionBlob(Categorical());
  model::Distribution out;
  std::string other = blob;
  other[2] = 2;  // a version this binary does not know
  EXPECT_FALSE(DecodeDistributionBlob(other, out));
  other = blob;
  other[0] = '{';  // JSON text is not a blob
  EXPECT_FALSE(DecodeDistributionBlob(other, out));
  other = blob;
  other[3 + 8] = '\xff';  // categories: 255 more than there are
  EXPECT_FALSE(DecodeDistributionBlob(other, out));
  other = blob;
  for (int i = 0; i < 4; ++i) other[3 + 12 + i] = '\xff';  // 2^32 − 1 quantiles
  EXPECT_FALSE(DecodeDistributionBlob(other, out));
}

}  // namespace
}  // namespace linea::store::sqlite_internal
