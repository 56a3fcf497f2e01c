// Instants and months as text: exact strings, month arithmetic across years, ranges.
#include "common/time_text.h"

#include <gtest/gtest.h>

namespace linea {
namespace {

TEST(TimeTextTest, InstantsAndMonthsAreUtc) {
  EXPECT_EQ(UtcText(1767225600000), "2026-01-01T00:00:00Z");
  EXPECT_EQ(UtcText(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(UtcMonth(1767225599999), "2025-12");
  EXPECT_EQ(MonthStartMs("2026-01"), 1767225600000);
  EXPECT_EQ(MonthStartMs("2024-03"), 1709251200000);
}

TEST(TimeTextTest, MonthsAreValidatedAndCountedAcrossYears) {
  EXPECT_TRUE(IsMonth("2026-12"));
  for (const char* bad : {"2026-13", "2026-00", "2026-1", "26-01", "2026/01", "2026-01-01"}) {
    EXPECT_FALSE(IsMonth(bad)) << bad;
  }
  EXPECT_EQ(MonthsEndingWith("2026-02", 3),
            (std::vector<std::string>{"2025-12", "2026-01", "2026-02"}));
  EXPECT_TRUE(MonthsEndingWith("2026-2", 3).empty());
  EXPECT_EQ(NextMonth("2026-12"), "2027-01");
  EXPECT_EQ(NextMonth("2026-09"), "2026-10");
}

TEST(TimeTextTest, MonthRangesAreInclusiveAndOrdered) {
  std::optional<MonthRange> range = ParseMonthRange("2025-11..2026-02");
  ASSERT_TRUE(range);
  EXPECT_EQ(range->first, "2025-11");
  EXPECT_EQ(range->last, "2026-02");
  EXPECT_TRUE(range->Contains("2025-11"));
  EXPECT_TRUE(range->Contains("2026-02"));
  EXPECT_FALSE(range->Contains("2026-03"));
  EXPECT_EQ(range->ToString(), "2025-11..2026-02");
  range = ParseMonthRange("2026-03");
  ASSERT_TRUE(range);
  EXPECT_EQ(range->ToString(), "2026-03");
  for (const char* bad : {"2026-02..2025-11", "2026-01..", "..2026-01", "2026-01...2026-02",
                          "2026-01 .. 2026-02", "", "last year"}) {
    EXPECT_FALSE(ParseMonthRange(bad)) << bad;
  }
}

}  // namespace
}  // namespace linea
