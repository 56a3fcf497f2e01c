#include "search/internal/match.h"

#include <algorithm>

namespace linea::search::internal {
namespace {

// The classes of name_index.h; each class's best score stays below the next class's base even
// with the caller's boost (at most kMaxBoost) added.
constexpr double kExactScore = 0.97;
constexpr double kPrefixBase = 0.72;
constexpr double kPrefixLengthWeight = 0.15;
constexpr double kSubstringBase = 0.5;
constexpr double kSubstringLengthWeight = 0.10;
constexpr double kWordStartBonus = 0.04;
constexpr double kWholeWordBonus = 0.04;
constexpr double kFuzzyMax = 0.45;

bool IsAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

unsigned char TrigramByte(unsigned char c) { return c >= 0x80 || IsAsciiAlnum(c) ? c : '_'; }

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

SubstringMatcher::SubstringMatcher(std::string_view pattern) : pattern_(pattern) {
  if (pattern.size() > 64) return;
  for (size_t i = 0; i < pattern.size(); ++i) {
    masks_[static_cast<unsigned char>(pattern[i])] |= uint64_t{1} << i;
  }
}

size_t SubstringMatcher::Distance(std::string_view text, size_t cap) {
  const size_t m = pattern_.size();
  if (m == 0) return 0;
  if (m > 64) return SubstringOsaDistance(pattern_, text, cap, &scratch_);
  // Vertical deltas of the DP column (bit i: row i + 1 minus row i is +1 / -1), the last
  // column's diagonal-zero vector and match mask (for transpositions), and the DP's last row.
  const uint64_t last = uint64_t{1} << (m - 1);
  uint64_t vp = ~uint64_t{0}, vn = 0, d0_prev = 0, pm_prev = 0;
  size_t score = m, best = m;
  for (size_t j = 0; j < text.size() && best > 0; ++j) {
    const uint64_t pm = masks_[static_cast<unsigned char>(text[j])];
    const uint64_t transposed = ((~d0_prev & pm) << 1) & pm_prev;
    const uint64_t d0 = (((pm & vp) + vp) ^ vp) | pm | vn | transposed;
    const uint64_t hp = vn | ~(d0 | vp);
    const uint64_t hn = vp & d0;
    if (hp & last) ++score;
    if (hn & last) --score;
    // Row 0 is free (a match may start anywhere): nothing enters at the bottom of the shift.
    const uint64_t hp_shifted = hp << 1, hn_shifted = hn << 1;
    vp = hn_shifted | ~(d0 | hp_shifted);
    vn = hp_shifted & d0;
    d0_prev = d0;
    pm_prev = pm;
    best = std::min(best, score);
  }
  return best > cap ? cap + 1 : best;
}

namespace {

// One 64-bit word per lane (GCC/Clang vector extensions: SSE2 pairs, or one AVX2 register).
using Lanes = uint64_t __attribute__((vector_size(32)));
static_assert(sizeof(Lanes) / sizeof(uint64_t) == SubstringMatcher::kLanes);

}  // namespace

// Distance()'s recurrence on four texts at once; built for AVX2 and for the baseline, the
// loader picks one for the CPU. Lanes past their text's end (or unused) read masks[kNoByte] = 0:
// a byte matching no pattern byte, which appended to a text never lowers the DP's last row, so
// such a lane's best stays as it was.
void InterleavedDistances(const uint64_t* masks, size_t m, const std::string_view* texts,
                          size_t count, int64_t* best_out);
// Not under ThreadSanitizer: it instruments the clones' resolver, which the loader runs before
// the sanitizer's runtime is up (every binary linking search/ crashed at start).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_THREAD__)
__attribute__((target_clones("avx2", "default")))
#endif
void InterleavedDistances(const uint64_t* masks, size_t m, const std::string_view* texts,
                          size_t count, int64_t* best_out) {
  const unsigned char* bytes[SubstringMatcher::kLanes] = {};
  size_t length[SubstringMatcher::kLanes] = {};
  size_t longest = 0;
  for (size_t l = 0; l < count; ++l) {
    bytes[l] = reinterpret_cast<const unsigned char*>(texts[l].data());
    length[l] = texts[l].size();
    longest = std::max(longest, length[l]);
  }
  auto mask_at = [&](size_t l, size_t j) {
    return masks[j < length[l] ? bytes[l][j] : SubstringMatcher::kNoByte];
  };
  const int top = static_cast<int>(m - 1);
  Lanes vp = ~Lanes{}, vn = Lanes{}, d0_prev = Lanes{}, pm_prev = Lanes{};
  // The DP's last row (never below 0) and its smallest value so far, per lane.
  Lanes score = Lanes{} + m;
  Lanes best = score;
  for (size_t j = 0; j < longest; ++j) {
    const Lanes pm = {mask_at(0, j), mask_at(1, j), mask_at(2, j), mask_at(3, j)};
    const Lanes transposed = ((~d0_prev & pm) << 1) & pm_prev;
    const Lanes d0 = (((pm & vp) + vp) ^ vp) | pm | vn | transposed;
    const Lanes hp = vn | ~(d0 | vp);
    const Lanes hn = vp & d0;
    score += (hp >> top) & 1;
    score -= (hn >> top) & 1;
    // Row 0 is free (a match may start anywhere): nothing enters at the bottom of the shift.
    const Lanes hp_shifted = hp << 1, hn_shifted = hn << 1;
    vp = hn_shifted | ~(d0 | hp_shifted);
    vn = hp_shifted & d0;
    d0_prev = d0;
    pm_prev = pm;
    best = score < best ? score : best;
  }
  for (size_t l = 0; l < count; ++l) best_out[l] = static_cast<int64_t>(best[l]);
}

void SubstringMatcher::Distances(const std::string_view* texts, size_t count, size_t cap,
                                 size_t* out) {
  const size_t m = pattern_.size();
  if (m == 0 || m > 64 || count == 0 || count > kLanes) {
    for (size_t i = 0; i < count; ++i) out[i] = Distance(texts[i], cap);
    return;
  }
  int64_t best[kLanes];
  InterleavedDistances(masks_, m, texts, count, best);
  for (size_t l = 0; l < count; ++l) {
    const size_t d = static_cast<size_t>(best[l]);
    out[l] = d > cap ? cap + 1 : d;
  }
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

bool IsWordEnd(std::string_view s, size_t end) {
  if (end >= s.size()) return true;
  unsigned char after = static_cast<unsigned char>(s[end]);
  return after < 0x80 && !IsAsciiAlnum(after);
}

namespace {

// Distinct trigrams of `s` itself (no padding), mapped as in PaddedTrigrams.
size_t InnerTrigramCount(std::string_view s) {
  std::vector<Trigram> inner;
  for (size_t i = 0; i + 3 <= s.size(); ++i) {
    inner.push_back(TrigramByte(s[i]) << 16 | TrigramByte(s[i + 1]) << 8 | TrigramByte(s[i + 2]));
  }
  std::sort(inner.begin(), inner.end());
  return std::unique(inner.begin(), inner.end()) - inner.begin();
}

}  // namespace

NameScorer::NameScorer(std::string_view query)
    : query_(query),
      budget_(EditBudget(query.size())),
      min_shared_(MinSharedTrigrams(query.size(), budget_)),
      inner_trigrams_(InnerTrigramCount(query)),
      min_candidate_shared_(budget_ > 0 ? std::min(min_shared_, inner_trigrams_) : inner_trigrams_),
      matcher_(query) {}

double NameScorer::Score(std::string_view name, size_t shared) {
  const double score = ScoreWithoutFuzzy(name, shared);
  if (score != kFuzzyCandidate) return score;
  return FuzzyScoreAt(name.size(), matcher_.Distance(name, budget_));
}

double NameScorer::ScoreWithoutFuzzy(std::string_view name, size_t shared) const {
  if (name == query_) return kExactScore;
  // A name containing the query holds all of its own trigrams (none below 3 bytes).
  double substring = shared >= inner_trigrams_ ? SubstringScore(name) : 0.0;
  if (substring > 0) return substring;
  if (budget_ == 0 || shared < min_shared_) return 0;
  if (name.size() + budget_ < query_.size()) return 0;  // even the whole name is too short
  return kFuzzyCandidate;
}

void NameScorer::FuzzyScores(const std::string_view* names, size_t count, double* out) {
  size_t distances[SubstringMatcher::kLanes];
  matcher_.Distances(names, count, budget_, distances);
  for (size_t i = 0; i < count; ++i) out[i] = FuzzyScoreAt(names[i].size(), distances[i]);
}

double NameScorer::SubstringScore(std::string_view name) const {
  size_t pos = name.find(query_);
  if (pos == std::string_view::npos) return 0;
  const double closeness = static_cast<double>(query_.size()) / static_cast<double>(name.size());
  // The best occurrence: a whole word beats a word start beats any other.
  bool word_start = false, whole_word = false;
  for (size_t at = pos; at != std::string_view::npos && !whole_word;
       at = name.find(query_, at + 1)) {
    if (!IsWordStart(name, at)) continue;
    word_start = true;
    whole_word = IsWordEnd(name, at + query_.size());
  }
  const double word_bonus = whole_word ? kWholeWordBonus : 0.0;
  if (pos == 0) return kPrefixBase + word_bonus + kPrefixLengthWeight * closeness;
  return kSubstringBase + (word_start ? kWordStartBonus : 0.0) + word_bonus +
         kSubstringLengthWeight * closeness;
}

double NameScorer::FuzzyScoreAt(size_t length, size_t distance) const {
  if (distance == 0 || distance > budget_) return 0;
  const double shorter = static_cast<double>(std::min(query_.size(), length));
  const double longer = static_cast<double>(std::max(query_.size(), length));
  const double k = static_cast<double>(budget_);
  const double d = static_cast<double>(distance);
  return kFuzzyMax * (k + 1.0 - d + 0.5 * shorter / longer) / (k + 1.5);
}

}  // namespace linea::search::internal
