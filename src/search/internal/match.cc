#include "search/internal/match.h"

#include <algorithm>

namespace linea::search::internal {
namespace {

constexpr double kPrefixBase = 0.75;
constexpr double kSubstringBase = 0.5;
constexpr double kWordStartBonus = 0.05;
constexpr double kLengthWeight = 0.2;
constexpr double kFuzzyMax = 0.45;

bool IsAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

unsigned char TrigramByte(unsigned char c) { return c >= 0x80 || IsAsciiAlnum(c) ? c : '_'; }

}  // namespace

std::vector<Trigram> PaddedTrigrams(std::string_view s) {
  std::vector<Trigram> out;
  if (s.empty()) return out;
  out.reserve(s.size());
  const size_t padded = s.size() + 2;
  auto byte_at = [&](size_t i) -> Trigram {
    if (i == 0 || i == padded - 1) return '_';
    return TrigramByte(static_cast<unsigned char>(s[i - 1]));
  };
  for (size_t i = 0; i + 3 <= padded; ++i) {
    out.push_back(byte_at(i) << 16 | byte_at(i + 1) << 8 | byte_at(i + 2));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

size_t OsaDistance(std::string_view a, std::string_view b, size_t cap,
                   std::vector<uint32_t>* scratch) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > cap) return cap + 1;
  const size_t n = a.size();
  const uint32_t limit = static_cast<uint32_t>(cap < b.size() ? cap + 1 : b.size());
  scratch->assign(3 * (n + 1), 0);
  uint32_t* prev2 = scratch->data();
  uint32_t* prev = prev2 + (n + 1);
  uint32_t* cur = prev + (n + 1);
  // Rows over b, columns over a; values capped at `limit`.
  for (size_t i = 0; i <= n; ++i) prev[i] = static_cast<uint32_t>(std::min<size_t>(i, limit));
  uint32_t prev_min = 0;
  for (size_t j = 1; j <= b.size(); ++j) {
    cur[0] = static_cast<uint32_t>(std::min<size_t>(j, limit));
    uint32_t row_min = cur[0];
    for (size_t i = 1; i <= n; ++i) {
      uint32_t v = std::min({prev[i] + 1, cur[i - 1] + 1, prev[i - 1] + (a[i - 1] != b[j - 1])});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        v = std::min(v, prev2[i - 2] + 1);
      }
      cur[i] = std::min(v, limit);
      row_min = std::min(row_min, cur[i]);
    }
    // A transposition reaches back two rows, so stop only when two rows are past the cap.
    if (row_min > cap && prev_min > cap) return cap + 1;
    prev_min = row_min;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[n] > cap ? cap + 1 : prev[n];
}

size_t SubstringOsaDistance(std::string_view pattern, std::string_view text, size_t cap,
                            std::vector<uint32_t>* scratch) {
  const size_t n = pattern.size();
  if (n == 0) return 0;
  const uint32_t limit = static_cast<uint32_t>(cap < n ? cap + 1 : n);
  scratch->assign(3 * (n + 1), 0);
  uint32_t* prev2 = scratch->data();
  uint32_t* prev = prev2 + (n + 1);
  uint32_t* cur = prev + (n + 1);
  // Row index i runs over the pattern; column j over the text. Row 0 is free (a substring may
  // start anywhere), column 0 costs i deletions. Values are capped at `limit`.
  for (size_t i = 0; i <= n; ++i) prev[i] = static_cast<uint32_t>(std::min<size_t>(i, limit));
  uint32_t best = prev[n];
  for (size_t j = 1; j <= text.size() && best > 0; ++j) {
    cur[0] = 0;
    const char t = text[j - 1];
    for (size_t i = 1; i <= n; ++i) {
      uint32_t v = std::min({prev[i] + 1, cur[i - 1] + 1, prev[i - 1] + (pattern[i - 1] != t)});
      if (i > 1 && j > 1 && pattern[i - 1] == text[j - 2] && pattern[i - 2] == t) {
        v = std::min(v, prev2[i - 2] + 1);
      }
      cur[i] = std::min(v, limit);
    }
    best = std::min(best, cur[n]);
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return best > cap ? cap + 1 : best;
}

size_t EditBudget(size_t n) { return std::min<size_t>(3, n / 4); }

size_t MinSharedTrigrams(size_t n, size_t budget) {
  size_t by_budget = n > 3 * budget + 2 ? n - 3 * budget - 2 : 0;
  size_t by_length = n > 2 ? (n - 2) / 3 : 0;
  return std::max<size_t>({1, by_budget, by_length});
}

bool IsWordStart(std::string_view s, size_t pos) {
  if (pos == 0) return true;
  unsigned char before = static_cast<unsigned char>(s[pos - 1]);
  return before < 0x80 && !IsAsciiAlnum(before);
}

NameScorer::NameScorer(std::string_view query)
    : query_(query),
      budget_(EditBudget(query.size())),
      min_shared_(MinSharedTrigrams(query.size(), budget_)) {}

double NameScorer::Score(std::string_view name, size_t shared) {
  if (name == query_) return 1.0;
  double substring = SubstringScore(name);
  if (substring > 0) return substring;
  if (budget_ == 0 || shared < min_shared_) return 0;
  return FuzzyScore(name);
}

double NameScorer::SubstringScore(std::string_view name) const {
  size_t pos = name.find(query_);
  if (pos == std::string_view::npos) return 0;
  const double closeness = static_cast<double>(query_.size()) / static_cast<double>(name.size());
  if (pos == 0) return kPrefixBase + kLengthWeight * closeness;
  bool word_start = false;
  for (; pos != std::string_view::npos && !word_start; pos = name.find(query_, pos + 1)) {
    word_start = IsWordStart(name, pos);
  }
  return kSubstringBase + (word_start ? kWordStartBonus : 0.0) + kLengthWeight * closeness;
}

double NameScorer::FuzzyScore(std::string_view name) {
  if (name.size() + budget_ < query_.size()) return 0;  // even the whole name is too short
  size_t distance = SubstringOsaDistance(query_, name, budget_, &scratch_);
  if (distance == 0 || distance > budget_) return 0;
  const double shorter = static_cast<double>(std::min(query_.size(), name.size()));
  const double longer = static_cast<double>(std::max(query_.size(), name.size()));
  const double k = static_cast<double>(budget_);
  const double d = static_cast<double>(distance);
  return kFuzzyMax * (k + 1.0 - d + 0.5 * shorter / longer) / (k + 1.5);
}

}  // namespace linea::search::internal
