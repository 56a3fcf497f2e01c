#include "search/internal/postings.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <utility>
#include <vector>

namespace linea::search::internal {
namespace {

using SlotCounts = std::vector<std::pair<uint32_t, size_t>>;

SlotCounts Sorted(SlotCounts v) {
  std::sort(v.begin(), v.end());
  return v;
}

// What Shared() must return, by looking at every slot.
SlotCounts BruteForce(const std::map<uint32_t, std::set<Trigram>>& held,
                      const std::vector<Trigram>& query, size_t threshold) {
  SlotCounts out;
  for (const auto& [slot, trigrams] : held) {
    size_t shared = 0;
    for (Trigram t : query) shared += trigrams.count(t);
    if (shared >= std::max<size_t>(threshold, 1)) out.emplace_back(slot, shared);
  }
  return out;
}

TEST(PostingsTest, SharedCountsTheQuerysTrigramsPerSlot) {
  Postings postings;
  postings.Add(1, 10);
  postings.Add(2, 10);
  postings.Add(2, 11);
  postings.Add(3, 12);
  EXPECT_EQ(Sorted(postings.Shared({1, 2, 3}, 1)), (SlotCounts{{10, 2}, {11, 1}, {12, 1}}));
  EXPECT_EQ(Sorted(postings.Shared({1, 2, 3}, 2)), (SlotCounts{{10, 2}}));
  EXPECT_EQ(postings.Shared({1, 2}, 3), SlotCounts{});  // fewer lists than the threshold
  EXPECT_EQ(postings.Shared({4}, 1), SlotCounts{});
  postings.Remove(2, 10);
  postings.Remove(2, 10);  // no-op
  postings.Remove(9, 10);  // no-op
  EXPECT_EQ(Sorted(postings.Shared({1, 2, 3}, 1)), (SlotCounts{{10, 1}, {11, 1}, {12, 1}}));
}

// Random adds and removes over few trigrams, so that lists grow dense (bitmaps) and sparse
// again: Shared() equals a scan of every slot at every threshold, throughout.
TEST(PostingsTest, MatchesBruteForceAsListsTurnDenseAndSparse) {
  std::mt19937 rng(7);
  Postings postings;
  std::map<uint32_t, std::set<Trigram>> held;  // slot -> trigrams
  size_t most_dense = 0;
  auto check = [&] {
    for (int q = 0; q < 20; ++q) {
      std::set<Trigram> distinct;
      for (size_t n = 1 + rng() % 6; n > 0; --n) distinct.insert(rng() % 12);
      const std::vector<Trigram> query(distinct.begin(), distinct.end());
      for (size_t threshold = 0; threshold <= query.size() + 1; ++threshold) {
        ASSERT_EQ(Sorted(postings.Shared(query, threshold)), BruteForce(held, query, threshold))
            << "threshold " << threshold;
      }
    }
  };
  // Grow: 6,000 slots, each holding 1-5 of 12 trigrams (about 1,500 slots per trigram).
  for (uint32_t slot = 0; slot < 6000; ++slot) {
    for (size_t n = 1 + rng() % 5; n > 0; --n) {
      const Trigram t = rng() % 12;
      if (held[slot].insert(t).second) postings.Add(t, slot);
    }
    if (slot % 1500 == 1499) check();
  }
  most_dense = postings.dense_lists();
  EXPECT_GT(most_dense, 0u);
  EXPECT_GT(postings.BitmapBytes(), 0u);
  // Shrink: remove most slots (in random order) and refill a few freed ones.
  std::vector<uint32_t> order;
  for (const auto& [slot, trigrams] : held) order.push_back(slot);
  std::shuffle(order.begin(), order.end(), rng);
  for (size_t i = 0; i < 5900; ++i) {
    const uint32_t slot = order[i];
    for (Trigram t : held[slot]) postings.Remove(t, slot);
    held.erase(slot);
    if (i % 50 == 0) {
      const Trigram t = rng() % 12;
      held[slot].insert(t);
      postings.Add(t, slot);
    }
    if (i % 1000 == 999) check();
  }
  check();
  EXPECT_LT(postings.dense_lists(), most_dense);
  postings.Clear();
  held.clear();
  check();
  EXPECT_EQ(postings.dense_lists(), 0u);
}

}  // namespace
}  // namespace linea::search::internal
