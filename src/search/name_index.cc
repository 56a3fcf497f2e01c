#include "search/name_index.h"

#include <algorithm>
#include <limits>
#include <tuple>

#include "common/strings.h"
#include "search/internal/match.h"
#include "search/internal/top_k.h"

namespace linea::search {
namespace {

using internal::NameScorer;
using internal::OsaDistance;
using internal::PaddedTrigrams;

size_t SaturatingAdd(size_t a, size_t b) {
  return a > std::numeric_limits<size_t>::max() - b ? std::numeric_limits<size_t>::max() : a + b;
}

}  // namespace

void NameIndex::Add(uint32_t id, std::string_view name) {
  if (name.empty()) return;
  const std::string lower = ToLower(name);
  auto found = by_name_.find(lower);
  const uint32_t slot = found != by_name_.end() ? found->second : Intern(lower, name);
  std::vector<uint32_t>& ids = names_[slot].ids;
  if (ids.empty() || ids.back() < id) {
    ids.push_back(id);  // the common case: ids arrive in ascending order
  } else {
    auto it = std::lower_bound(ids.begin(), ids.end(), id);
    if (it != ids.end() && *it == id) return;
    ids.insert(it, id);
  }
  ++size_;
}

void NameIndex::Remove(uint32_t id, std::string_view name) {
  auto found = by_name_.find(ToLower(name));
  if (found == by_name_.end()) return;
  const uint32_t slot = found->second;
  std::vector<uint32_t>& ids = names_[slot].ids;
  auto it = std::lower_bound(ids.begin(), ids.end(), id);
  if (it == ids.end() || *it != id) return;
  ids.erase(it);
  --size_;
  if (ids.empty()) Release(slot);
}

void NameIndex::Clear() {
  by_name_.clear();  // keys view names_: cleared first
  postings_.Clear();
  arena_.clear();
  arena_spans_.clear();
  arena_garbage_ = 0;
  free_slots_.clear();
  names_.clear();
  size_ = 0;
}

uint32_t NameIndex::Intern(std::string_view lower, std::string_view display) {
  uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    slot = static_cast<uint32_t>(names_.size());
    names_.emplace_back();
  }
  NameEntry& entry = names_[slot];
  entry.lower.assign(lower);
  if (display != lower) entry.display.assign(display);
  by_name_.emplace(std::string_view(entry.lower), slot);
  if (arena_spans_.size() <= slot) arena_spans_.resize(slot + 1);
  arena_spans_[slot] = {static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(lower.size())};
  arena_.append(lower);
  for (uint32_t trigram : PaddedTrigrams(entry.lower)) postings_.Add(trigram, slot);
  return slot;
}

void NameIndex::Release(uint32_t slot) {
  NameEntry& entry = names_[slot];
  for (uint32_t trigram : PaddedTrigrams(entry.lower)) postings_.Remove(trigram, slot);
  by_name_.erase(std::string_view(entry.lower));
  arena_garbage_ += entry.lower.size();
  arena_spans_[slot] = {0, 0};
  if (arena_garbage_ > arena_.size() / 2) {
    std::string live;
    live.reserve(arena_.size() - arena_garbage_);
    for (uint32_t s = 0; s < names_.size(); ++s) {
      if (s == slot || names_[s].lower.empty()) continue;
      arena_spans_[s] = {static_cast<uint32_t>(live.size()),
                         static_cast<uint32_t>(names_[s].lower.size())};
      live.append(names_[s].lower);
    }
    arena_.swap(live);
    arena_garbage_ = 0;
  }
  // Give the memory back: a freed slot may stay unused for long.
  std::string().swap(entry.lower);
  std::string().swap(entry.display);
  std::vector<uint32_t>().swap(entry.ids);
  free_slots_.push_back(slot);
}

std::vector<uint32_t> NameIndex::TrigramsContaining(std::string_view query) const {
  // The query's bytes as trigrams hold them.
  uint32_t q = 0;
  for (char c : query) q = q << 8 | internal::TrigramByte(static_cast<unsigned char>(c));
  std::vector<uint32_t> out;
  postings_.ForEachTrigram([&](uint32_t trigram) {
    const bool hit = query.size() == 1 ? ((trigram & 0xFF) == q || (trigram >> 8 & 0xFF) == q ||
                                          trigram >> 16 == q)
                                       : ((trigram & 0xFFFF) == q || trigram >> 8 == q);
    if (hit) out.push_back(trigram);
  });
  return out;
}

std::vector<NameIndex::ScoredName> NameIndex::MatchNames(std::string_view query,
                                                         double min_score) const {
  NameScorer scorer(query);
  std::vector<ScoredName> out;
  // Every name containing the query holds all of its inner trigrams (queries of 3 bytes or
  // more), or a trigram containing the query (shorter ones), so only names sharing enough of
  // those are scored.
  const std::vector<uint32_t> trigrams =
      query.size() < 3 ? TrigramsContaining(query) : PaddedTrigrams(query);
  auto keep = [&](uint32_t slot, double score) {
    if (score > 0 && score >= min_score) out.push_back({slot, score});
  };
  // Fuzzy candidates wait here to be checked kLanes at a time.
  constexpr size_t kLanes = internal::SubstringMatcher::kLanes;
  std::string_view fuzzy_names[kLanes];
  uint32_t fuzzy_slots[kLanes];
  size_t fuzzy = 0;
  auto check_fuzzy = [&] {
    double scores[kLanes];
    scorer.FuzzyScores(fuzzy_names, fuzzy, scores);
    for (size_t i = 0; i < fuzzy; ++i) keep(fuzzy_slots[i], scores[i]);
    fuzzy = 0;
  };
  for (const auto& [slot, shared] : postings_.Shared(trigrams, scorer.min_candidate_shared())) {
    const std::string_view name = Lower(slot);
    const double score = scorer.ScoreWithoutFuzzy(name, shared);
    if (score != NameScorer::kFuzzyCandidate) {
      keep(slot, score);
      continue;
    }
    fuzzy_names[fuzzy] = name;
    fuzzy_slots[fuzzy] = slot;
    if (++fuzzy == kLanes) check_fuzzy();
  }
  check_fuzzy();
  std::sort(out.begin(), out.end(), [](const ScoredName& a, const ScoredName& b) {
    return a.score != b.score ? a.score > b.score : a.slot < b.slot;
  });
  return out;
}

SearchPage NameIndex::Search(const SearchRequest& request) const {
  SearchPage page;
  const std::string query = ToLower(Trim(request.query));
  if (query.empty()) return page;
  internal::TopK top(SaturatingAdd(request.offset, request.limit), request.tie_key);
  for (const ScoredName& name : MatchNames(query, request.min_score)) {
    const std::vector<uint32_t>& ids = names_[name.slot].ids;
    const bool out_of_reach = top.Rejects(name.score + kMaxBoost);
    if (!request.accept && out_of_reach) {
      page.total += ids.size();  // nothing to filter and nothing to keep: just count
      continue;
    }
    for (uint32_t id : ids) {
      if (request.accept && !request.accept(id)) continue;
      ++page.total;
      if (out_of_reach) continue;
      const double boost = request.boost ? std::clamp(request.boost(id), 0.0, kMaxBoost) : 0.0;
      top.Offer(id, name.score + boost);
    }
  }
  page.matches = top.TakeSorted<Match>(request.offset, [](uint32_t id, double score) {
    return Match{id, score};
  });
  return page;
}

size_t NameIndex::MemoryBytes() const {
  // A short string lives inside its object; only a longer one holds a heap block.
  auto heap_bytes = [](const std::string& s) -> size_t {
    const char* object = reinterpret_cast<const char*>(&s);
    const bool inside = s.data() >= object && s.data() < object + sizeof(s);
    return inside ? 0 : s.capacity() + 1;
  };
  size_t bytes = arena_.capacity() + arena_spans_.capacity() * sizeof(arena_spans_[0]) +
                 free_slots_.capacity() * sizeof(uint32_t) +
                 by_name_.size() * sizeof(std::pair<std::string_view, uint32_t>) +
                 postings_.ListBytes() + postings_.BitmapBytes();
  for (const NameEntry& entry : names_) {
    bytes += sizeof(NameEntry) + heap_bytes(entry.lower) + heap_bytes(entry.display) +
             entry.ids.capacity() * sizeof(uint32_t);
  }
  return bytes;
}

std::vector<std::string> NameIndex::SimilarNames(std::string_view name, size_t limit) const {
  const std::string query = ToLower(name);
  if (query.empty() || limit == 0) return {};
  const size_t budget = std::clamp<size_t>(query.size() / 3, 1, 3);
  std::vector<std::pair<uint32_t, size_t>> candidates;
  if (query.size() < 3) {
    for (uint32_t slot = 0; slot < names_.size(); ++slot) {
      if (!names_[slot].lower.empty()) candidates.emplace_back(slot, 0);
    }
  } else {
    candidates = postings_.Shared(PaddedTrigrams(query), 1);
  }
  // (distance, -shared, lower name, slot) ascending; lower names are unique.
  std::vector<std::tuple<size_t, size_t, std::string_view, uint32_t>> ranked;
  std::vector<uint32_t> scratch;
  for (const auto& [slot, shared] : candidates) {
    const std::string& lower = names_[slot].lower;
    size_t distance = OsaDistance(query, lower, budget, &scratch);
    if (distance > budget) continue;
    ranked.emplace_back(distance, std::numeric_limits<size_t>::max() - shared, lower, slot);
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < ranked.size() && i < limit; ++i) {
    out.push_back(Display(names_[std::get<3>(ranked[i])]));
  }
  return out;
}

}  // namespace linea::search
