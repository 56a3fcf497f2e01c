// The history cache answers only what it knows: a held suffix of the series or the whole
// series, never a history with a hole; and it stays within its bound.
#include "quality/history_cache.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

namespace linea::quality {
namespace {

model::QualityResult At(int64_t ms, std::string period = "", std::string asset = "a.b") {
  model::QualityResult r;
  r.asset = std::move(asset);
  r.check = "null_rate";
  r.kind = "null_rate";
  r.timestamp_ms = ms;
  r.period = std::move(period);
  r.status = "success";
  r.value = static_cast<double>(ms);
  r.message = "kept in the store, not in the cache";
  return r;
}

// Newest first, as the store returns them.
std::vector<model::QualityResult> Newest(std::vector<int64_t> times) {
  std::vector<model::QualityResult> out;
  for (int64_t t : times) out.push_back(At(t));
  return out;
}

std::vector<int64_t> Times(const std::optional<std::vector<const model::QualityResult*>>& found) {
  std::vector<int64_t> out;
  for (const model::QualityResult* r : *found) out.push_back(r->timestamp_ms);
  return out;
}

TEST(HistoryCacheTest, AnUnheldSeriesIsUnknown) {
  HistoryCache cache(1 << 20);
  EXPECT_FALSE(cache.Find("a.b", "null_rate", 100, 3));
  EXPECT_EQ(cache.NewestHeldMs("a.b", "null_rate"), std::nullopt);
  cache.Load("a.b", "null_rate", {}, 3);
  EXPECT_EQ(cache.NewestHeldMs("a.b", "null_rate"), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(cache.NewestHeldMs("a.b", "rows"), std::nullopt);
  cache.Load("a.b", "null_rate", Newest({50, 40}), 3);
  EXPECT_EQ(cache.NewestHeldMs("a.b", "null_rate"), 50);
}

TEST(HistoryCacheTest, APartlyHeldSeriesAnswersOnlyWhatItHoldsBeforeTheTime) {
  HistoryCache cache(1 << 20);
  cache.Load("a.b", "null_rate", Newest({50, 40, 30}), 3);  // 3 of a limit of 3: maybe more
  EXPECT_EQ(Times(cache.Find("a.b", "null_rate", 60, 2)), (std::vector<int64_t>{50, 40}));
  EXPECT_EQ(Times(cache.Find("a.b", "null_rate", 60, 3)), (std::vector<int64_t>{50, 40, 30}));
  // Before 45 only 40 and 30 are held; a third could be in the store.
  EXPECT_FALSE(cache.Find("a.b", "null_rate", 45, 3));
  EXPECT_EQ(Times(cache.Find("a.b", "null_rate", 45, 2)), (std::vector<int64_t>{40, 30}));
  EXPECT_FALSE(cache.Find("a.b", "null_rate", 60, 4));
  EXPECT_FALSE(cache.Find("a.b", "rows", 60, 1));
}

TEST(HistoryCacheTest, AWholeSeriesAnswersFewerThanWanted) {
  HistoryCache cache(1 << 20);
  cache.Load("a.b", "null_rate", Newest({50, 40}), 3);  // fewer than the limit: all of it
  EXPECT_EQ(Times(cache.Find("a.b", "null_rate", 45, 6)), (std::vector<int64_t>{40}));
  EXPECT_EQ(Times(cache.Find("a.b", "null_rate", 10, 6)), (std::vector<int64_t>{}));
  cache.Load("a.b", "rows", {}, 3);  // a new series
  EXPECT_EQ(Times(cache.Find("a.b", "rows", 10, 6)), (std::vector<int64_t>{}));
}

TEST(HistoryCacheTest, HeldResultsAreStrippedOfWhatJudgingDoesNotRead) {
  HistoryCache cache(1 << 20);
  cache.Load("a.b", "null_rate", Newest({50}), 3);
  auto found = cache.Find("a.b", "null_rate", 60, 1);
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0]->message, "");
  EXPECT_EQ((*found)[0]->value, 50);
  EXPECT_EQ((*found)[0]->status, "success");
}

TEST(HistoryCacheTest, AddedResultsJoinTheirSeriesInOrderAndReplaceTheirTwin) {
  HistoryCache cache(1 << 20);
  cache.Add(At(70), 3);  // not held: nothing to add to
  EXPECT_FALSE(cache.Find("a.b", "null_rate", 100, 1));
  cache.Load("a.b", "null_rate", Newest({50, 40, 30}), 3);
  cache.Add(At(60), 3);
  EXPECT_EQ(Times(cache.Find("a.b", "null_rate", 100, 3)), (std::vector<int64_t>{60, 50, 40}));
  model::QualityResult twin = At(60);
  twin.value = 99;
  cache.Add(twin, 3);
  auto found = cache.Find("a.b", "null_rate", 100, 3);
  EXPECT_EQ(Times(found), (std::vector<int64_t>{60, 50, 40}));
  EXPECT_EQ((*found)[0]->value, 99);
  // Older than the oldest held of a partly held series: there may be stored ones between.
  cache.Add(At(10), 3);
  EXPECT_FALSE(cache.Find("a.b", "null_rate", 35, 1));
  // Kept at 3, the series is no longer whole.
  cache.Load("a.b", "rows", Newest({20}), 3);
  cache.Add(At(30, "", "a.b"), 3);
  EXPECT_EQ(Times(cache.Find("a.b", "rows", 100, 5)), (std::vector<int64_t>{20}));
}

TEST(HistoryCacheTest, AWholeSeriesStaysWholeUntilTrimmed) {
  HistoryCache cache(1 << 20);
  cache.Load("a.b", "null_rate", Newest({50}), 3);
  cache.Add(At(10), 3);  // whole: an older result is in order too
  EXPECT_EQ(Times(cache.Find("a.b", "null_rate", 100, 5)), (std::vector<int64_t>{50, 10}));
  cache.Add(At(60), 3);
  cache.Add(At(70), 3);  // four: trimmed to 3, no longer whole
  EXPECT_EQ(Times(cache.Find("a.b", "null_rate", 100, 3)), (std::vector<int64_t>{70, 60, 50}));
  EXPECT_FALSE(cache.Find("a.b", "null_rate", 100, 4));
}

TEST(HistoryCacheTest, PrunedResultsLeaveTheCacheToo) {
  HistoryCache cache(1 << 20);
  cache.Load("a.b", "null_rate", Newest({50, 40}), 3);
  cache.DropBefore(45);
  EXPECT_EQ(Times(cache.Find("a.b", "null_rate", 100, 3)), (std::vector<int64_t>{50}));
}

TEST(HistoryCacheTest, TheLeastRecentlyUsedSeriesGoFirstWithinTheBound) {
  const size_t one = HistoryCache::ApproxBytes(At(1));
  HistoryCache cache(3 * (one + 200));  // about three series of one result
  for (const char* asset : {"s.a", "s.b", "s.c"}) {
    cache.Load(asset, "null_rate", {At(1, "", asset)}, 3);
  }
  EXPECT_EQ(cache.series(), 3u);
  EXPECT_TRUE(cache.Find("s.a", "null_rate", 10, 1));  // s.a used: s.b is the oldest now
  cache.Load("s.d", "null_rate", {At(1, "", "s.d")}, 3);
  EXPECT_LE(cache.bytes(), 3 * (one + 200));
  EXPECT_FALSE(cache.Find("s.b", "null_rate", 10, 1));
  EXPECT_TRUE(cache.Find("s.a", "null_rate", 10, 1));
  EXPECT_TRUE(cache.Find("s.d", "null_rate", 10, 1));
}

TEST(HistoryCacheTest, ABoundOfZeroHoldsNothing) {
  HistoryCache cache(0);
  cache.Load("a.b", "null_rate", Newest({50}), 3);
  EXPECT_FALSE(cache.Find("a.b", "null_rate", 100, 1));
  EXPECT_EQ(cache.bytes(), 0u);
}

}  // namespace
}  // namespace linea::quality
