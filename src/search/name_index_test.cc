#include "search/name_index.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "search/internal/match.h"

namespace linea::search {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class NameIndexTest : public ::testing::Test {
 protected:
  // Indexes `name` under the next id; its tie key (FQN) is `fqn`, or "db.<name>" by default.
  uint32_t Add(std::string_view name, std::string fqn = "") {
    uint32_t id = static_cast<uint32_t>(fqns_.size());
    fqns_.push_back(fqn.empty() ? "db." + std::string(name) : fqn);
    index_.Add(id, name);
    return id;
  }

  SearchRequest Request(std::string_view query, size_t limit = 20, size_t offset = 0) {
    SearchRequest request;
    request.query = query;
    request.limit = limit;
    request.offset = offset;
    request.tie_key = [this](uint32_t id) -> std::string_view { return fqns_[id]; };
    return request;
  }

  std::vector<uint32_t> Ids(const SearchRequest& request) {
    std::vector<uint32_t> ids;
    for (const Match& m : index_.Search(request).matches) ids.push_back(m.id);
    return ids;
  }
  std::vector<uint32_t> Ids(std::string_view query) { return Ids(Request(query)); }

  NameIndex index_;
  std::vector<std::string> fqns_;
};

TEST_F(NameIndexTest, RanksExactThenPrefixThenSubstringThenFuzzy) {
  Add("orders");         // 0: no match
  Add("chrun_v1");       // 1: fuzzy (one swap)
  Add("xchurnx");        // 2: substring inside a word
  Add("b2c_churn");      // 3: substring at a word start
  Add("churn_scoring");  // 4: prefix, far in length
  Add("churn_v2");       // 5: prefix, close in length
  Add("churn");          // 6: exact
  SearchPage page = index_.Search(Request(" Churn "));
  EXPECT_EQ(page.total, 6u);
  ASSERT_EQ(page.matches.size(), 6u);
  std::vector<uint32_t> ids;
  for (const Match& m : page.matches) ids.push_back(m.id);
  EXPECT_THAT(ids, ElementsAre(6, 5, 4, 3, 2, 1));
  EXPECT_DOUBLE_EQ(page.matches[0].score, 0.97);
  EXPECT_DOUBLE_EQ(page.matches[1].score, 0.72 + 0.04 + 0.15 * 5 / 8);
  EXPECT_DOUBLE_EQ(page.matches[3].score, 0.5 + 0.04 + 0.04 + 0.10 * 5 / 9);
  EXPECT_DOUBLE_EQ(page.matches[5].score, 0.45 * (1 + 0.5 * 5 / 8) / 2.5);
}

TEST_F(NameIndexTest, BoostRanksWithinAClassNeverAcrossIt) {
  uint32_t column = Add("churn_flag");    // fuzzy for "chrun", closer in length
  uint32_t model = Add("churn_scoring");  // fuzzy for "chrun", boosted
  uint32_t exact_column = Add("chrun");   // exact
  SearchRequest request = Request("chrun");
  request.boost = [&](uint32_t id) { return id == model ? 1.0 : 0.0; };  // clamped to 0.03
  SearchPage page = index_.Search(request);
  EXPECT_THAT(Ids(request), ElementsAre(exact_column, model, column));
  EXPECT_DOUBLE_EQ(page.matches[1].score, 0.45 * (1 + 0.5 * 5 / 13) / 2.5 + kMaxBoost);
  EXPECT_DOUBLE_EQ(page.matches[0].score, 0.97);
}

TEST_F(NameIndexTest, ShortQueriesFindEveryNameContainingThem) {
  uint32_t dt = Add("dt");
  uint32_t load_dt = Add("load_dt");
  uint32_t dt_from = Add("dt_from");
  uint32_t middle = Add("adtb");
  Add("d_t");
  Add("td");
  EXPECT_THAT(Ids("dt"), ElementsAre(dt, dt_from, load_dt, middle));
  EXPECT_THAT(Ids("t"), ::testing::UnorderedElementsAre(dt, load_dt, dt_from, middle, 4u, 5u));
  EXPECT_THAT(Ids("_t"), ElementsAre(4u));
}

TEST_F(NameIndexTest, ToleratesTypos) {
  uint32_t churn = Add("churn_scoring");
  Add("run_date");
  Add("chart");
  uint32_t arpu = Add("arpu_3m");
  Add("arpu_6m");
  uint32_t cell = Add("cell_id");
  Add("cells_count");
  EXPECT_THAT(Ids("chrun"), ElementsAre(churn));
  EXPECT_THAT(Ids("arpu3m"), ElementsAre(arpu));
  EXPECT_THAT(Ids("cel_id"), ElementsAre(cell));
  EXPECT_THAT(Ids("CHRUN_SCORING"), ElementsAre(churn));
  EXPECT_THAT(Ids("zzzzzz"), IsEmpty());
}

TEST_F(NameIndexTest, FuzzyPrefersFewerEditsThenCloserLength) {
  uint32_t far = Add("customer_identity_x");  // one edit, longer name
  uint32_t near = Add("customer_idx");        // one edit, close length
  uint32_t two = Add("cstmr_id");             // two edits
  EXPECT_THAT(Ids("custmer_id"), ElementsAre(near, far, two));
}

TEST_F(NameIndexTest, AcceptFilterIsAppliedBeforeCounting) {
  for (int i = 0; i < 10; ++i) Add("cell_id");
  Add("cell_name");
  SearchRequest request = Request("cell_id", 3);
  request.accept = [](uint32_t id) { return id % 2 == 0; };
  SearchPage page = index_.Search(request);
  EXPECT_EQ(page.total, 5u);
  std::vector<uint32_t> ids;
  for (const Match& m : page.matches) ids.push_back(m.id);
  EXPECT_THAT(ids, ElementsAre(0, 2, 4));
}

TEST_F(NameIndexTest, PaginatesWithOffsetAndLimit) {
  // Tie keys run opposite to ids: id 0 is "db.t9", id 9 is "db.t0".
  for (int i = 0; i < 10; ++i) Add("cell_id", "db.t" + std::to_string(9 - i));
  EXPECT_THAT(Ids(Request("cell_id", 3, 0)), ElementsAre(9, 8, 7));
  EXPECT_THAT(Ids(Request("cell_id", 3, 3)), ElementsAre(6, 5, 4));
  EXPECT_THAT(Ids(Request("cell_id", 3, 9)), ElementsAre(0));
  EXPECT_THAT(Ids(Request("cell_id", 3, 10)), IsEmpty());
  EXPECT_EQ(index_.Search(Request("cell_id", 3, 10)).total, 10u);
  EXPECT_THAT(Ids(Request("cell_id", 0, 0)), IsEmpty());
  EXPECT_EQ(index_.Search(Request("cell_id", 0, 0)).total, 10u);
}

TEST_F(NameIndexTest, BreaksTiesByKeyThenId) {
  Add("abc_y", "a.abc_y");  // 0
  Add("abc_x", "b.abc_x");  // 1: same score as 0, larger key
  Add("abc_z", "a.abc_y");  // 2: same key as 0, larger id
  EXPECT_THAT(Ids("abc"), ElementsAre(0, 2, 1));
  SearchRequest no_key = Request("abc");
  no_key.tie_key = nullptr;
  EXPECT_THAT(Ids(no_key), ElementsAre(0, 1, 2));
}

TEST_F(NameIndexTest, RemoveDropsIdsAndFreesNames) {
  index_.Add(1, "arpu_3m");
  index_.Add(2, "arpu_3m");
  index_.Add(3, "moves_30d");
  EXPECT_EQ(index_.size(), 3u);
  index_.Remove(1, "ARPU_3M");
  SearchRequest request;  // ids were added directly: no tie key
  request.query = "arpu";
  EXPECT_EQ(index_.Search(request).total, 1u);
  EXPECT_EQ(index_.Search(request).matches[0].id, 2u);
  index_.Remove(2, "arpu_3m");
  index_.Remove(2, "arpu_3m");  // absent: no-op
  index_.Remove(7, "nope");     // absent: no-op
  EXPECT_EQ(index_.size(), 1u);
  EXPECT_EQ(index_.distinct_names(), 1u);
  EXPECT_EQ(index_.Search(request).total, 0u);
  EXPECT_THAT(index_.SimilarNames("arpu_3n", 5), IsEmpty());
  index_.Add(4, "arpu_6m");  // reuses the freed slot
  EXPECT_EQ(index_.Search(request).total, 1u);
  EXPECT_EQ(index_.Search(request).matches[0].id, 4u);
}

TEST_F(NameIndexTest, AddIsIdempotentAndIgnoresEmptyNames) {
  index_.Add(1, "a");
  index_.Add(1, "A");
  index_.Add(1, "b");
  index_.Add(9, "");
  EXPECT_EQ(index_.size(), 2u);
  EXPECT_EQ(index_.distinct_names(), 2u);
  index_.Add(5, "x");
  index_.Add(2, "x");
  index_.Add(9, "x");
  SearchRequest request;
  request.query = "x";
  std::vector<uint32_t> ids;
  for (const Match& m : index_.Search(request).matches) ids.push_back(m.id);
  EXPECT_THAT(ids, ElementsAre(2, 5, 9));
}

TEST_F(NameIndexTest, SimilarNamesOrdersByDistanceThenSharedTrigrams) {
  Add("calls_30d");
  Add("moves_7d");
  Add("moves_30d");
  EXPECT_THAT(index_.SimilarNames("moves_3d", 5), ElementsAre("moves_30d", "moves_7d"));
  EXPECT_THAT(index_.SimilarNames("moves_3d", 1), ElementsAre("moves_30d"));
  EXPECT_THAT(index_.SimilarNames("calls_3od", 5), ElementsAre("calls_30d"));
  EXPECT_THAT(index_.SimilarNames("unrelated", 5), IsEmpty());
  EXPECT_THAT(index_.SimilarNames("moves_3d", 0), IsEmpty());
}

TEST_F(NameIndexTest, SimilarNamesKeepsOriginalCaseAndHandlesShortNames) {
  Add("Cell_ID");
  Add("id");
  Add("ix");
  Add("abc");
  EXPECT_THAT(index_.SimilarNames("cell_di", 3), ElementsAre("Cell_ID"));
  EXPECT_THAT(index_.SimilarNames("CELL_ID", 3), ElementsAre("Cell_ID"));
  EXPECT_THAT(index_.SimilarNames("id", 5), ElementsAre("id", "ix"));
}

TEST_F(NameIndexTest, ShortQueriesScanPrefixAndSubstringOnly) {
  Add("valid");    // 0: substring inside a word
  Add("cell_id");  // 1: substring at a word start
  Add("idx");      // 2: prefix
  Add("id");       // 3: exact
  Add("ab");       // 4
  Add("ba");       // 5
  EXPECT_THAT(Ids("id"), ElementsAre(3, 2, 1, 0));
  EXPECT_THAT(Ids("ba"), ElementsAre(5));  // no fuzzy match with "ab"
  EXPECT_THAT(Ids("x"), ElementsAre(2));
  EXPECT_THAT(Ids("abc"), IsEmpty());  // 3 bytes: still no edit budget
}

TEST_F(NameIndexTest, EmptyQueryGivesEmptyPage) {
  Add("cell_id");
  EXPECT_EQ(index_.Search(Request("")).total, 0u);
  EXPECT_THAT(Ids(""), IsEmpty());
  EXPECT_THAT(Ids(" \t "), IsEmpty());
}

TEST_F(NameIndexTest, MinScoreDropsWeakMatches) {
  Add("churn");
  Add("b2c_churn");
  Add("chrun_v1");
  SearchRequest request = Request("churn");
  request.min_score = 0.5;
  SearchPage page = index_.Search(request);
  EXPECT_EQ(page.total, 2u);
  EXPECT_THAT(Ids(request), ElementsAre(0, 1));
}

TEST_F(NameIndexTest, NonAsciiNamesDoNotCrash) {
  Add("\xd0\xb3\xd0\xb5\xd0\xbe_\xd0\xb4\xd0\xb2\xd0\xb8\xd0\xb6\xd0\xb5\xd0\xbd\xd0\xb8\xd1\x8f");
  Add("\xff\xfe");                                               // not UTF-8 at all
  Add("Stra\303\237e");                                          // "Straße"
  EXPECT_THAT(Ids("\xd0\xb3\xd0\xb5\xd0\xbe"), ElementsAre(0));  // "гео": prefix
  EXPECT_THAT(Ids("\xd0\x93\xd0\x95\xd0\x9e"), IsEmpty());  // "ГЕО": no Unicode case folding
  // "гео_двиения": one two-byte letter missing, two byte edits.
  EXPECT_THAT(
      Ids("\xd0\xb3\xd0\xb5\xd0\xbe_\xd0\xb4\xd0\xb2\xd0\xb8\xd0\xb5\xd0\xbd\xd0\xb8\xd1\x8f"),
      ElementsAre(0));
  EXPECT_THAT(Ids("\xff"), ElementsAre(1));
  EXPECT_THAT(Ids("STRA\303\237E"), ElementsAre(2));  // only ASCII letters fold
  EXPECT_THAT(Ids("\xc3"), ElementsAre(2));           // a lone lead byte is just a byte
  EXPECT_THAT(index_.SimilarNames("\xfe\xff", 3), ElementsAre("\xff\xfe"));
}

TEST_F(NameIndexTest, LargeMatchSetsAreCountedButNotAllReturned) {
  for (int i = 0; i < 20000; ++i) Add(i % 2 ? "cell_id" : "customer_id");
  Add("id");
  SearchPage page = index_.Search(Request("id", 3, 1));
  EXPECT_EQ(page.total, 20001u);
  std::vector<uint32_t> ids;
  for (const Match& m : page.matches) ids.push_back(m.id);
  // After the exact "id" (20000): cell_id (shorter, higher score), by FQN = id order.
  EXPECT_THAT(ids, ElementsAre(1, 3, 5));
}

// Builds the same content in two insertion orders, one with an extra add/remove.
TEST(NameIndexDeterminismTest, SameContentSameResults) {
  const std::vector<std::string> names = {"churn",     "churn_scoring", "chrun_v1",  "b2c_churn",
                                          "cell_id",   "cel_id",        "arpu_3m",   "arpu3m_x",
                                          "moves_30d", "moves_7d",      "calls_30d", "id"};
  NameIndex forward, backward;
  for (uint32_t i = 0; i < names.size(); ++i) forward.Add(i, names[i]);
  backward.Add(100, "temporary_name");
  for (uint32_t i = static_cast<uint32_t>(names.size()); i-- > 0;) backward.Add(i, names[i]);
  backward.Remove(100, "temporary_name");
  auto key = [&](uint32_t id) -> std::string_view { return names[id]; };
  for (std::string_view query : {"churn", "chrun", "id", "arpu3m", "moves_3d", "c", "cel"}) {
    SearchRequest request;
    request.query = query;
    request.tie_key = key;
    SearchPage a = forward.Search(request);
    SearchPage b = backward.Search(request);
    EXPECT_EQ(a.total, b.total) << query;
    ASSERT_EQ(a.matches.size(), b.matches.size()) << query;
    for (size_t i = 0; i < a.matches.size(); ++i) {
      EXPECT_EQ(a.matches[i].id, b.matches[i].id) << query;
      EXPECT_EQ(a.matches[i].score, b.matches[i].score) << query;
    }
    EXPECT_EQ(forward.SimilarNames(query, 5), backward.SimilarNames(query, 5)) << query;
  }
}

// After random adds and removes, Search equals scoring every live (id, name) pair directly.
TEST(NameIndexOracleTest, MatchesBruteForceScoring) {
  const std::vector<std::string> parts = {"churn", "chrun", "cell", "id",  "arpu", "3m",
                                          "x",     "moves", "scor", "ing", "_",    "."};
  std::mt19937 rng(11);
  auto random_name = [&] {
    std::string name;
    for (size_t n = 1 + rng() % 4; n > 0; --n) name += parts[rng() % parts.size()];
    return name;
  };
  NameIndex index;
  std::map<uint32_t, std::string> live;  // id -> name
  for (int op = 0; op < 3000; ++op) {
    uint32_t id = rng() % 400;
    auto it = live.find(id);
    if (it != live.end()) {
      index.Remove(id, it->second);
      live.erase(it);
    } else {
      live[id] = random_name();
      index.Add(id, live[id]);
    }
  }
  ASSERT_EQ(index.size(), live.size());
  for (std::string_view query : {"churn", "chrun", "cel_id", "arpu3m", "id", "x", "moves_scor",
                                 "scoring", "ing.x", "chrunscor"}) {
    internal::NameScorer scorer(query);
    std::vector<Match> want;
    std::vector<internal::Trigram> qt = internal::PaddedTrigrams(query);
    for (const auto& [id, name] : live) {
      std::vector<internal::Trigram> nt = internal::PaddedTrigrams(name), shared;
      std::set_intersection(qt.begin(), qt.end(), nt.begin(), nt.end(), std::back_inserter(shared));
      double score = scorer.Score(name, shared.size());
      if (score > 0) want.push_back({id, score});
    }
    std::sort(want.begin(), want.end(), [](const Match& a, const Match& b) {
      return a.score != b.score ? a.score > b.score : a.id < b.id;
    });
    SearchRequest request;
    request.query = query;
    request.limit = 25;
    request.offset = 5;
    SearchPage page = index.Search(request);
    EXPECT_EQ(page.total, want.size()) << query;
    std::vector<std::pair<uint32_t, double>> got, expected;
    for (const Match& m : page.matches) got.emplace_back(m.id, m.score);
    for (size_t i = 5; i < want.size() && i < 30; ++i)
      expected.emplace_back(want[i].id, want[i].score);
    EXPECT_EQ(got, expected) << query;
  }
}

// Like MatchesBruteForceScoring, with enough names that common trigrams ("id", "ing") get
// bitmaps (internal/postings.h), through growth, removals and re-adds.
TEST(NameIndexOracleTest, MatchesBruteForceWithDenseTrigramLists) {
  const std::vector<std::string> parts = {"churn", "chrun",   "cell", "id",   "arpu",   "3m",
                                          "x",     "moves",   "scor", "ing",  "_",      ".",
                                          "sub",   "scriber", "dt",   "roam", "sesion", "s"};
  std::mt19937 rng(13);
  auto random_name = [&] {
    std::string name;
    for (size_t n = 1 + rng() % 5; n > 0; --n) name += parts[rng() % parts.size()];
    return name;
  };
  NameIndex index;
  std::map<uint32_t, std::string> live;  // id -> name
  auto check = [&] {
    ASSERT_EQ(index.size(), live.size());
    for (std::string_view query : {"cel_id", "subscriber_id", "chrun_scoring", "roaming_sesions",
                                   "dt", "id", "arpu", "scoring", "s", "movesid"}) {
      internal::NameScorer scorer(query);
      std::vector<Match> want;
      std::vector<internal::Trigram> qt = internal::PaddedTrigrams(query);
      for (const auto& [id, name] : live) {
        std::vector<internal::Trigram> nt = internal::PaddedTrigrams(name), shared;
        std::set_intersection(qt.begin(), qt.end(), nt.begin(), nt.end(),
                              std::back_inserter(shared));
        double score = scorer.Score(name, shared.size());
        if (score > 0) want.push_back({id, score});
      }
      std::sort(want.begin(), want.end(), [](const Match& a, const Match& b) {
        return a.score != b.score ? a.score > b.score : a.id < b.id;
      });
      SearchRequest request;
      request.query = query;
      request.limit = 40;
      request.offset = 3;
      SearchPage page = index.Search(request);
      EXPECT_EQ(page.total, want.size()) << query;
      std::vector<std::pair<uint32_t, double>> got, expected;
      for (const Match& m : page.matches) got.emplace_back(m.id, m.score);
      for (size_t i = 3; i < want.size() && i < 43; ++i) {
        expected.emplace_back(want[i].id, want[i].score);
      }
      EXPECT_EQ(got, expected) << query;
    }
  };
  for (uint32_t id = 0; id < 8000; ++id) {
    live[id] = random_name();
    index.Add(id, live[id]);
  }
  EXPECT_GT(index.BitmapBytes(), 0u);
  check();
  for (int op = 0; op < 12000; ++op) {
    uint32_t id = rng() % 9000;
    auto it = live.find(id);
    if (it != live.end()) {
      index.Remove(id, it->second);
      live.erase(it);
    } else {
      live[id] = random_name();
      index.Add(id, live[id]);
    }
  }
  check();
}

}  // namespace
}  // namespace linea::search
