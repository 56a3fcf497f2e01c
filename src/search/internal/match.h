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

// Edits a fuzzy match may need for a query of `n` bytes: min(3, n / 4), i.e. none below 4
// bytes, one for 4-7, two for 8-11, three from 12 on.
size_t EditBudget(size_t n);

// Padded trigrams (of PaddedTrigrams(query)) a name must share to be a fuzzy candidate for a
// query of `n` bytes with edit budget `budget`: max(1, n - 3 * budget - 2, (n - 2) / 3).
size_t MinSharedTrigrams(size_t n, size_t budget);

// True when `s[pos]` starts a word: pos == 0 or the byte before is ASCII and not alphanumeric.
bool IsWordStart(std::string_view s, size_t pos);

// Scores lower-cased names against one lower-cased, non-empty query (see NameIndex for the
// formula). Not thread-safe (holds scratch space); make one per query.
class NameScorer {
 public:
  explicit NameScorer(std::string_view query);

  // Score of `name` in [0, 1]; 0 means no match. `shared` is how many of the query's padded
  // trigrams the name holds; it only gates fuzzy matching.
  double Score(std::string_view name, size_t shared);

  size_t budget() const { return budget_; }
  size_t min_shared() const { return min_shared_; }

 private:
  double SubstringScore(std::string_view name) const;
  double FuzzyScore(std::string_view name);

  std::string_view query_;
  size_t budget_;
  size_t min_shared_;
  std::vector<uint32_t> scratch_;
};

}  // namespace linea::search::internal
