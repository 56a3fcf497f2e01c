#include "quality/statistics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/testing/status_matchers.h"
#include "quality/format.h"

namespace linea::quality {
namespace {

using ::linea::testing::StatusIs;

TEST(StatisticsTest, MedianOfOddAndEvenCounts) {
  EXPECT_EQ(Median({}), std::nullopt);
  EXPECT_EQ(Median({3, 1, 2}), 2.0);
  EXPECT_EQ(Median({4, 1, 3, 2}), 2.5);  // (2 + 3) / 2
  EXPECT_EQ(Median({7}), 7.0);
}

TEST(StatisticsTest, MeanAndSampleStdDev) {
  EXPECT_EQ(Mean({}), std::nullopt);
  EXPECT_EQ(Mean({1, 2, 3, 6}), 3.0);
  EXPECT_EQ(SampleStdDev({5}), std::nullopt);
  // Deviations −2, −1, 0, 3 from the mean 3: squares 4 + 1 + 0 + 9 = 14; 14 / 3 → √(14/3).
  EXPECT_DOUBLE_EQ(*SampleStdDev({1, 2, 3, 6}), std::sqrt(14.0 / 3.0));
  EXPECT_EQ(SampleStdDev({4, 4, 4}), 0.0);
}

TEST(StatisticsTest, NullRate) {
  EXPECT_EQ(*NullRate(5, 100), 0.05);
  EXPECT_EQ(*NullRate(0, 0), 0.0);  // no rows, no nulls
  EXPECT_EQ(*NullRate(7, 7), 1.0);
  EXPECT_THAT(NullRate(1, -1), StatusIs(StatusCode::kInvalidArgument, "row_count is negative: -1"));
  EXPECT_THAT(NullRate(-1, 3),
              StatusIs(StatusCode::kInvalidArgument, "null_count is negative: -1"));
  EXPECT_THAT(NullRate(4, 3),
              StatusIs(StatusCode::kInvalidArgument, "null_count 4 exceeds row_count 3"));
}

TEST(StatisticsTest, ReachesForgivesRoundingOnly) {
  EXPECT_LT(0.3 - 0.25, 0.05);  // what the tolerance is for
  EXPECT_TRUE(Reaches(0.3 - 0.25, 0.05));
  EXPECT_TRUE(Reaches(0.15, 0.15));
  EXPECT_FALSE(Reaches(0.1499, 0.15));
}

TEST(FormatTest, Numbers) {
  EXPECT_EQ(FormatNumber(1000), "1000");
  EXPECT_EQ(FormatNumber(0.1234567), "0.1235");
  EXPECT_EQ(FormatNumber(-0.0), "0");
  EXPECT_EQ(FormatNumber(1.0 / 0.0), "inf");
  EXPECT_EQ(FormatFixed(0.1), "0.10");
  EXPECT_EQ(FormatFixed(0.125), "0.125");
  EXPECT_EQ(FormatPercent(0.153), "15.3 %");
}

}  // namespace
}  // namespace linea::quality
