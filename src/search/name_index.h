// src/search/name_index.h: ranked, typo-tolerant lookup of asset names.
//
// NameIndex maps asset names (the last FQN segment: "arpu_3m", "cell_id") to dense uint32 asset
// ids and answers ranked queries over them. Distinct names are interned once (many assets share
// a name, e.g. "cell_id"), lower-cased for matching, each with its ascending list of ids; the
// trigram index covers distinct names only. Filtering by kind/domain/owner is the caller's, via
// SearchRequest::accept.
//
// Ranking. Matching is case-insensitive (ASCII); the query is trimmed and lower-cased, q = its
// length in bytes, L = the name's length. Each distinct name gets the best applicable score:
//   exact      name == query                                   0.97
//   prefix     name starts with query                          0.72 + 0.15 * q/L     [0.72, 0.91)
//              + 0.04 when the query is a whole word there (followed by '_', '.', any ASCII
//                non-alnum, or the end: "churn" in "churn_scoring", not in "churner")
//   substring  query occurs inside name                        0.50 + 0.10 * q/L     [0.50, 0.68)
//              + 0.04 when an occurrence starts a word (after '_', '.', any ASCII non-alnum)
//              + 0.04 when such an occurrence is also a whole word ("b2c_churn_scoring")
//   fuzzy      d = min edit distance between query and any substring of the name, counting an
//              adjacent swap as one edit ("chrun" ~ "churn"), 1 <= d <= k where the budget
//              k = min(3, q / 4) (no fuzzy matching below 4 bytes); additionally the name must
//              share at least max(1, q - 3k - 2, (q - 2) / 3) trigrams with the query, trigrams
//              taken over "_" + text + "_" with every ASCII non-alphanumeric byte read as '_':
//                0.45 * (k + 1 - d + 0.5 * min(q, L) / max(q, L)) / (k + 1.5)   (0, 0.45)
// Each asset then gets its name's score plus SearchRequest::boost (0 to kMaxBoost = 0.03; the
// catalog boosts by kind, so a model outranks a column matched as well). Every class's best
// score plus the boost stays below the next class's base, so every exact match ranks above every
// prefix match, above every substring match, above every fuzzy match; fewer edits rank first,
// then closer lengths. Ties in score are broken by SearchRequest::tie_key ascending, then by id
// ascending, so results are deterministic.
//
// Speed. Only names sharing the query's trigrams are looked at: all of its own trigrams for a
// substring, min_shared for a fuzzy match (queries of 3 bytes or more), or one trigram that
// contains the query (shorter queries). Of a query's trigrams, the longest lists are not read
// but probed per name found in the others (internal/postings.h); fuzzy candidates are checked
// several at a time (internal/match.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "search/internal/postings.h"

namespace linea::search {

// The most SearchRequest::boost may add to a name's score.
inline constexpr double kMaxBoost = 0.03;

struct Match {
  uint32_t id;
  double score;  // in (0, 1]; 0.97 to 1 = exact name match
};

struct SearchRequest {
  // Free text; surrounding whitespace is ignored. Empty (after trimming) gives an empty page.
  std::string_view query;
  // Page size. Default: 20.
  size_t limit = 20;
  // Matches to skip before the page starts. Default: 0.
  size_t offset = 0;
  // Optional filter; ids it rejects are neither returned nor counted in total. Called once per
  // candidate id. Default: accept all.
  std::function<bool(uint32_t id)> accept;
  // Tie-break key for equal scores (the caller passes the FQN); ascending. Required; when empty,
  // ties go by id. The returned view must stay valid until Search returns.
  std::function<std::string_view(uint32_t id)> tie_key;
  // Added to the score of each accepted id, clamped to [0, kMaxBoost]. Default: none.
  std::function<double(uint32_t id)> boost;
  // Matches whose name scores below this (before the boost) are dropped (not returned, not
  // counted). Default: 0.
  double min_score = 0.0;
};

struct SearchPage {
  std::vector<Match> matches;  // best first
  size_t total = 0;            // all accepted matches at or above min_score, not just this page
};

// Not thread-safe for writes (Add/Remove need exclusive access); const methods may run
// concurrently with each other.
class NameIndex {
 public:
  NameIndex() = default;
  NameIndex(const NameIndex&) = delete;
  NameIndex& operator=(const NameIndex&) = delete;

  // Indexes `id` under `name`. Adding the same (id, name) twice is a no-op; an empty name is
  // ignored. One id may sit under several names; the caller Removes the old name on rename.
  void Add(uint32_t id, std::string_view name);
  // Drops `id` from `name` (compared case-insensitively). No-op when absent.
  void Remove(uint32_t id, std::string_view name);
  // Drops every name.
  void Clear();
  // Number of (id, name) pairs indexed, i.e. ids when each id has one name.
  size_t size() const { return size_; }
  // Number of distinct (lower-cased) names.
  size_t distinct_names() const { return by_name_.size(); }
  // Approximate bytes held by the index (names, ids, arena, trigram lists and bitmaps; hash-table
  // nodes and allocator overhead not counted), and the part of it in trigram bitmaps.
  size_t MemoryBytes() const;
  size_t BitmapBytes() const { return postings_.BitmapBytes(); }

  // The page of matches for `request`, ranked as described at the top of this file.
  SearchPage Search(const SearchRequest& request) const;

  // Distinct names closest to `name` (for "did you mean"), best first, at most `limit`. A name
  // qualifies when its whole-name edit distance (adjacent swap = 1 edit, case-insensitive) is
  // at most min(3, max(1, length(name) / 3)); order: distance ascending, then shared trigrams
  // descending, then lower-cased name ascending. Names are returned as first added (original
  // case). An exact (case-insensitive) match comes first with distance 0.
  std::vector<std::string> SimilarNames(std::string_view name, size_t limit) const;

 private:
  struct NameEntry {
    std::string lower;          // matching key; empty while the slot is free
    std::string display;        // spelling as first added; empty when equal to `lower`
    std::vector<uint32_t> ids;  // ascending, no duplicates
  };
  struct ScoredName {
    uint32_t slot;
    double score;
  };

  uint32_t Intern(std::string_view lower, std::string_view display);
  void Release(uint32_t slot);
  // The indexed trigrams that contain `query` (1 or 2 bytes, lower-cased).
  std::vector<uint32_t> TrigramsContaining(std::string_view query) const;
  // Distinct names matching `query` (lower-cased, non-empty), best score first.
  std::vector<ScoredName> MatchNames(std::string_view query, double min_score) const;
  const std::string& Display(const NameEntry& entry) const {
    return entry.display.empty() ? entry.lower : entry.display;
  }

  // The lower-cased name of a live slot, from the arena.
  std::string_view Lower(uint32_t slot) const {
    return std::string_view(arena_).substr(arena_spans_[slot].first, arena_spans_[slot].second);
  }

  // A deque never relocates its elements, so by_name_ may key on views of `lower`.
  std::deque<NameEntry> names_;
  // Every live lower-cased name once more, back to back in slot order of interning, so that
  // scoring thousands of candidates reads memory forward ((offset, length) per slot). Freed
  // names stay as garbage until it outgrows the live part; then the arena is rebuilt.
  std::string arena_;
  std::vector<std::pair<uint32_t, uint32_t>> arena_spans_;
  size_t arena_garbage_ = 0;
  std::vector<uint32_t> free_slots_;
  std::unordered_map<std::string_view, uint32_t> by_name_;
  // Trigram (see internal/match.h) -> slots of live names holding it.
  internal::Postings postings_;
  size_t size_ = 0;
};

}  // namespace linea::search
