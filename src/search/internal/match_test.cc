#include "search/internal/match.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "search/internal/top_k.h"

namespace linea::search::internal {
namespace {

Trigram T(const char (&s)[4]) {
  return static_cast<unsigned char>(s[0]) << 16 | static_cast<unsigned char>(s[1]) << 8 |
         static_cast<unsigned char>(s[2]);
}

size_t Osa(std::string_view a, std::string_view b, size_t cap) {
  std::vector<uint32_t> scratch;
  return OsaDistance(a, b, cap, &scratch);
}

size_t SubDist(std::string_view pattern, std::string_view text, size_t cap) {
  std::vector<uint32_t> scratch;
  return SubstringOsaDistance(pattern, text, cap, &scratch);
}

TEST(MatchTest, PaddedTrigramsReadSeparatorsAsBoundaries) {
  EXPECT_EQ(PaddedTrigrams(""), std::vector<Trigram>{});
  EXPECT_EQ(PaddedTrigrams("a"), std::vector<Trigram>{T("_a_")});
  // '.' reads as '_': "_a_b_".
  EXPECT_EQ(PaddedTrigrams("a.b"), (std::vector<Trigram>{T("_a_"), T("_b_"), T("a_b")}));
  // Duplicates collapse: "_aaaa_" has _aa, aaa, aa_.
  EXPECT_EQ(PaddedTrigrams("aaaa").size(), 3u);
  // UTF-8 bytes are kept as they are.
  EXPECT_EQ(PaddedTrigrams("\xd0\xb3").size(), 2u);
}

TEST(MatchTest, OsaDistanceCountsSwapsAsOneEdit) {
  EXPECT_EQ(Osa("churn", "chrun", 5), 1u);
  EXPECT_EQ(Osa("moves_3d", "moves_30d", 5), 1u);
  EXPECT_EQ(Osa("moves_3d", "moves_7d", 5), 1u);
  EXPECT_EQ(Osa("moves_3d", "calls_30d", 9), 5u);
  EXPECT_EQ(Osa("kitten", "sitting", 9), 3u);
  EXPECT_EQ(Osa("", "abc", 9), 3u);
  EXPECT_EQ(Osa("same", "same", 0), 0u);
  EXPECT_EQ(Osa("abcdefgh", "zzzzzzzz", 2), 3u);  // capped
  EXPECT_EQ(Osa("a", "abcdef", 2), 3u);           // length gap alone exceeds the cap
  EXPECT_EQ(Osa("ab", "ba", SIZE_MAX), 1u);       // no overflow on a huge cap
}

TEST(MatchTest, SubstringDistanceFindsTheBestWindow) {
  EXPECT_EQ(SubDist("chrun", "churn_scoring", 3), 1u);
  EXPECT_EQ(SubDist("chrun", "b2c_churn_v1", 3), 1u);
  EXPECT_EQ(SubDist("arpu3m", "arpu_3m", 3), 1u);
  EXPECT_EQ(SubDist("cel_id", "cell_id", 3), 1u);
  EXPECT_EQ(SubDist("scoring", "churn_scoring", 3), 0u);
  EXPECT_EQ(SubDist("chrun", "run_date", 3), 2u);
  EXPECT_EQ(SubDist("chrun", "run_date", 1), 2u);  // capped at cap + 1
  EXPECT_EQ(SubDist("abc", "", 9), 3u);
  EXPECT_EQ(SubDist("", "abc", 9), 0u);
  EXPECT_EQ(SubDist("abc", "xbc", SIZE_MAX), 1u);
}

// The semi-global DP must equal the minimum over every substring, on random small-alphabet
// strings (fixed seed, so the test is deterministic).
TEST(MatchTest, SubstringDistanceMatchesBruteForce) {
  std::mt19937 rng(7);
  auto random_string = [&](size_t max_len) {
    std::string s(rng() % (max_len + 1), 'a');
    for (char& c : s) c = static_cast<char>('a' + rng() % 3);
    return s;
  };
  for (int round = 0; round < 2000; ++round) {
    std::string pattern = random_string(6);
    std::string text = random_string(9);
    size_t cap = rng() % 4;
    size_t want = cap + 1;
    for (size_t b = 0; b <= text.size(); ++b) {
      for (size_t e = b; e <= text.size(); ++e) {
        want = std::min(want, Osa(pattern, std::string_view(text).substr(b, e - b), cap));
      }
    }
    ASSERT_EQ(SubDist(pattern, text, cap), want) << pattern << " in " << text << " cap " << cap;
  }
}

// The bit-parallel matcher equals the DP, on random strings over small and large alphabets and
// patterns up to the 64-byte word (and beyond: the fallback).
TEST(MatchTest, BitParallelMatcherEqualsTheDp) {
  std::mt19937 rng(11);
  std::vector<uint32_t> scratch;
  for (int round = 0; round < 20000; ++round) {
    const int alphabet = round % 2 ? 3 : 26;
    const size_t max_pattern = round % 100 == 0 ? 80 : 12;
    auto random_string = [&](size_t max_len) {
      std::string s(rng() % (max_len + 1), 'a');
      for (char& c : s) c = static_cast<char>('a' + rng() % alphabet);
      return s;
    };
    std::string pattern = random_string(max_pattern);
    std::string text = random_string(30);
    if (round % 7 == 0 && !pattern.empty() && text.size() > pattern.size()) {
      text.replace(rng() % (text.size() - pattern.size()), pattern.size(), pattern);
      std::swap(text[rng() % text.size()], text[rng() % text.size()]);
    }
    size_t cap = rng() % 5;
    SubstringMatcher matcher(pattern);
    ASSERT_EQ(matcher.Distance(text, cap), SubstringOsaDistance(pattern, text, cap, &scratch))
        << pattern << " in " << text << " cap " << cap;
  }
}

// Distances() on 1 to kLanes texts of different lengths equals Distance() on each.
TEST(MatchTest, InterleavedMatcherEqualsOneTextAtATime) {
  std::mt19937 rng(12);
  for (int round = 0; round < 5000; ++round) {
    const int alphabet = round % 2 ? 3 : 26;
    auto random_string = [&](size_t max_len) {
      std::string s(rng() % (max_len + 1), 'a');
      for (char& c : s) c = static_cast<char>('a' + rng() % alphabet);
      return s;
    };
    const std::string pattern = random_string(round % 50 == 0 ? 70 : 14);
    const size_t count = 1 + rng() % SubstringMatcher::kLanes;
    std::vector<std::string> texts;
    for (size_t i = 0; i < count; ++i) texts.push_back(random_string(40));
    std::vector<std::string_view> views(texts.begin(), texts.end());
    const size_t cap = rng() % 5;
    SubstringMatcher matcher(pattern);
    std::vector<size_t> got(count);
    matcher.Distances(views.data(), count, cap, got.data());
    for (size_t i = 0; i < count; ++i) {
      ASSERT_EQ(got[i], matcher.Distance(texts[i], cap))
          << pattern << " in " << texts[i] << " cap " << cap;
    }
  }
}

TEST(MatchTest, BudgetAndTrigramThreshold) {
  EXPECT_EQ(EditBudget(3), 0u);
  EXPECT_EQ(EditBudget(5), 1u);
  EXPECT_EQ(EditBudget(8), 2u);
  EXPECT_EQ(EditBudget(40), 3u);
  EXPECT_EQ(MinSharedTrigrams(5, 1), 1u);
  EXPECT_EQ(MinSharedTrigrams(13, 3), 3u);
  EXPECT_EQ(MinSharedTrigrams(20, 3), 9u);
}

TEST(MatchTest, WordStart) {
  EXPECT_TRUE(IsWordStart("b2c_churn", 0));
  EXPECT_TRUE(IsWordStart("b2c_churn", 4));
  EXPECT_FALSE(IsWordStart("xchurn", 1));
  EXPECT_FALSE(IsWordStart("\xd0\xb3x", 2));  // after a UTF-8 byte: inside a word
}

TEST(MatchTest, ScorerTiers) {
  NameScorer scorer("churn");
  EXPECT_EQ(scorer.budget(), 1u);
  EXPECT_DOUBLE_EQ(scorer.Score("churn", 5), 0.97);
  EXPECT_DOUBLE_EQ(scorer.Score("churn_v2", 5), 0.72 + 0.04 + 0.15 * 5 / 8);  // a whole word
  EXPECT_DOUBLE_EQ(scorer.Score("churner", 4), 0.72 + 0.15 * 5 / 7);          // only a prefix
  EXPECT_DOUBLE_EQ(scorer.Score("b2c_churn", 5), 0.5 + 0.04 + 0.04 + 0.10 * 5 / 9);
  EXPECT_DOUBLE_EQ(scorer.Score("b2c_churners", 4), 0.5 + 0.04 + 0.10 * 5 / 12);
  // The best occurrence counts: the second "churn" is a whole word.
  EXPECT_DOUBLE_EQ(scorer.Score("xchurn_churn", 5), 0.5 + 0.04 + 0.04 + 0.10 * 5 / 12);
  EXPECT_DOUBLE_EQ(scorer.Score("xchurnx", 3), 0.5 + 0.10 * 5 / 7);
  EXPECT_DOUBLE_EQ(scorer.Score("chrun_v1", 1), 0.45 * (1 + 0.5 * 5 / 8) / 2.5);
  EXPECT_DOUBLE_EQ(scorer.Score("chrun_v1", 0), 0.0);  // shares no trigram: not a candidate
  EXPECT_DOUBLE_EQ(scorer.Score("orders", 5), 0.0);
}

TEST(MatchTest, CandidatesMustShareTheQuerysOwnTrigramsOrEnoughForAFuzzyMatch) {
  // "subscriber_id": 11 trigrams of its own; a fuzzy match (budget 3) needs 3 shared.
  EXPECT_EQ(NameScorer("subscriber_id").min_candidate_shared(), 3u);
  // "abc" (no fuzzy budget): a name must hold "abc" itself.
  EXPECT_EQ(NameScorer("abc").min_candidate_shared(), 1u);
  EXPECT_EQ(NameScorer("abcabc").min_candidate_shared(), 1u);  // min(fuzzy 1, own 3)
  EXPECT_EQ(NameScorer("ab").min_candidate_shared(), 0u);
  EXPECT_TRUE(IsWordEnd("churn_v2", 5));
  EXPECT_TRUE(IsWordEnd("churn", 5));
  EXPECT_FALSE(IsWordEnd("churner", 5));
}

TEST(MatchTest, ScorerSkipsFuzzyForShortQueries) {
  NameScorer scorer("abc");
  EXPECT_EQ(scorer.budget(), 0u);
  EXPECT_DOUBLE_EQ(scorer.Score("abd", 2), 0.0);
  EXPECT_DOUBLE_EQ(scorer.Score("xabc", 2), 0.5 + 0.10 * 3 / 4);
}

TEST(TopKTest, KeepsBestAndBreaksTiesByKeyThenId) {
  std::vector<std::string> keys = {"k", "b", "a", "b", "z"};
  std::function<std::string_view(uint32_t)> key = [&](uint32_t id) -> std::string_view {
    return keys[id];
  };
  TopK top(3, key);
  top.Offer(4, 0.9);
  top.Offer(0, 0.5);
  top.Offer(3, 0.5);
  top.Offer(1, 0.5);
  top.Offer(2, 0.1);
  auto ids = top.TakeSorted<uint32_t>(0, [](uint32_t id, double) { return id; });
  EXPECT_EQ(ids, (std::vector<uint32_t>{4, 1, 3}));
}

TEST(TopKTest, SkipAndZeroCapacity) {
  std::function<std::string_view(uint32_t)> no_key;
  TopK top(2, no_key);
  for (uint32_t id : {5u, 3u, 9u}) top.Offer(id, 1.0);
  EXPECT_EQ(top.TakeSorted<uint32_t>(1, [](uint32_t id, double) { return id; }),
            std::vector<uint32_t>{5});
  TopK none(0, no_key);
  none.Offer(1, 1.0);
  EXPECT_TRUE(none.TakeSorted<uint32_t>(0, [](uint32_t id, double) { return id; }).empty());
}

}  // namespace
}  // namespace linea::search::internal
