// src/search/internal/match.h: the string-matching primitives behind NameIndex ranking.
//
// Everything here works on bytes of already lower-cased text; bytes >= 0x80 (UTF-8) are opaque
// and never change case. Nothing here allocates per call except where a vector is returned.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace linea::search::internal {

// Three bytes packed big-endian into the low 24 bits.
using Trigram = uint32_t;

// A byte as trigrams hold it: ASCII letters and digits and bytes >= 0x80 as they are, every
// other ASCII byte as '_'.
unsigned char TrigramByte(unsigned char c);

// Distinct trigrams of "_" + s + "_" after mapping every ASCII byte that is not a letter or a
// digit to '_', so that word boundaries inside a name ("churn_scoring", "geo.moves") look like
// the ends of the name. Sorted ascending, no duplicates; empty for an empty `s`.
std::vector<Trigram> PaddedTrigrams(std::string_view s);

// Levenshtein distance where swapping two adjacent bytes also costs 1 (optimal string
// alignment). Capped: any result above `cap` is returned as `cap + 1`. `scratch` is reused
// between calls to avoid allocation; its content is irrelevant.
size_t OsaDistance(std::string_view a, std::string_view b, size_t cap,
                   std::vector<uint32_t>* scratch);

// Smallest OsaDistance between `pattern` and any substring of `text` (the empty substring
// included, so the result is at most pattern.size()). Capped like OsaDistance.
// `scratch` is reused between calls to avoid allocation; its content is irrelevant.
size_t SubstringOsaDistance(std::string_view pattern, std::string_view text, size_t cap,
                            std::vector<uint32_t>* scratch);

// SubstringOsaDistance of one pattern against many texts, bit-parallel (Myers' algorithm with
// Hyyrö's transposition term): one pass of a few word operations per text byte instead of a
// row of the DP. Patterns longer than 64 bytes fall back to the DP.
class SubstringMatcher {
 public:
  // Texts Distances() matches at once.
  static constexpr size_t kLanes = 4;
  // Index of the all-zero entry of the mask table (masks() has kNoByte + 1 entries).
  static constexpr size_t kNoByte = 256;

  explicit SubstringMatcher(std::string_view pattern);
  // Equals SubstringOsaDistance(pattern, text, cap, …).
  size_t Distance(std::string_view text, size_t cap);
  // out[i] = Distance(texts[i], cap) for i < count (at most kLanes): one pass over the texts
  // side by side, each lane of a vector register holding one text's state.
  void Distances(const std::string_view* texts, size_t count, size_t cap, size_t* out);

 private:
  std::string_view pattern_;
  // masks_[b] bit i set: pattern[i] is byte b; masks_[kNoByte] = 0 (past a text's end).
  uint64_t masks_[kNoByte + 1] = {};
  std::vector<uint32_t> scratch_;  // for the DP fallback
};

// Edits a fuzzy match may need for a query of `n` bytes: min(3, n / 4), i.e. none below 4
// bytes, one for 4-7, two for 8-11, three from 12 on.
size_t EditBudget(size_t n);

// Padded trigrams (of PaddedTrigrams(query)) a name must share to be a fuzzy candidate for a
// query of `n` bytes with edit budget `budget`: max(1, n - 3 * budget - 2, (n - 2) / 3).
size_t MinSharedTrigrams(size_t n, size_t budget);

// True when `s[pos]` starts a word: pos == 0 or the byte before is ASCII and not alphanumeric.
bool IsWordStart(std::string_view s, size_t pos);
// True when a word ends before `s[end]`: end == s.size() or `s[end]` is ASCII and not alphanumeric.
bool IsWordEnd(std::string_view s, size_t end);

// Scores lower-cased names against one lower-cased, non-empty query (see NameIndex for the
// formula). Not thread-safe (holds scratch space); make one per query.
class NameScorer {
 public:
  explicit NameScorer(std::string_view query);

  // What ScoreWithoutFuzzy returns for a name only a fuzzy match is left to decide.
  static constexpr double kFuzzyCandidate = -1.0;

  // Score of `name` in [0, 0.97]; 0 means no match. `shared` is how many of the query's padded
  // trigrams the name holds (it must be exact: a name holding fewer than all of the query's own
  // trigrams is not searched for it, one holding fewer than min_shared() gets no fuzzy score).
  double Score(std::string_view name, size_t shared);
  // Score() in two steps, so that fuzzy candidates are checked kLanes at a time: the exact or
  // substring score, 0 for no match, or kFuzzyCandidate; then FuzzyScores() on such names.
  double ScoreWithoutFuzzy(std::string_view name, size_t shared) const;
  // out[i] = Score(names[i], shared) for up to SubstringMatcher::kLanes names that
  // ScoreWithoutFuzzy() found to be kFuzzyCandidate.
  void FuzzyScores(const std::string_view* names, size_t count, double* out);

  size_t budget() const { return budget_; }
  size_t min_shared() const { return min_shared_; }
  // Padded trigrams a name must share to match at all (queries of 3 bytes or more): a name
  // containing the query holds all of the query's own trigrams; a fuzzy match needs
  // min_shared(). Names below it score 0 without being looked at.
  size_t min_candidate_shared() const { return min_candidate_shared_; }

 private:
  double SubstringScore(std::string_view name) const;
  // The fuzzy score of a name of `length` bytes at `distance` edits (0 beyond the budget).
  double FuzzyScoreAt(size_t length, size_t distance) const;

  std::string_view query_;
  size_t budget_;
  size_t min_shared_;
  size_t inner_trigrams_;  // distinct trigrams of the query itself
  size_t min_candidate_shared_;
  SubstringMatcher matcher_;
};

}  // namespace linea::search::internal
