#include "quality/history_cache.h"

#include <algorithm>
#include <limits>

namespace linea::quality {
namespace {

// A held series' map node, key and LRU entry, roughly.
constexpr size_t kSeriesOverhead = 160;

// The string's heap part (none within the small-string buffer).
size_t HeapBytes(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }

// What judging reads of a result; the rest left empty.
model::QualityResult Stripped(const model::QualityResult& r) {
  model::QualityResult out;
  out.kind = r.kind;
  out.timestamp_ms = r.timestamp_ms;
  out.period = r.period;
  out.status = r.status;
  out.value = r.value;
  out.reference = r.reference;
  out.metrics = r.metrics;
  out.distribution = r.distribution;
  out.columns = r.columns;
  return out;
}

// The same, taking the parts of `r`.
model::QualityResult Stripped(model::QualityResult&& r) {
  r.asset = std::string();
  r.check = std::string();
  r.threshold = std::string();
  r.message = std::string();
  r.source = std::string();
  r.provenance = std::string();
  return std::move(r);
}

// Newest first: later timestamp first, then the smaller period (the store's order).
bool Newer(const model::QualityResult& a, const model::QualityResult& b) {
  if (a.timestamp_ms != b.timestamp_ms) return a.timestamp_ms > b.timestamp_ms;
  return a.period < b.period;
}

}  // namespace

size_t HistoryCache::ApproxBytes(const model::QualityResult& r) {
  size_t bytes =
      sizeof(model::QualityResult) + HeapBytes(r.kind) + HeapBytes(r.period) + HeapBytes(r.status);
  bytes += r.metrics.capacity() * sizeof(r.metrics[0]);
  for (const auto& m : r.metrics) bytes += HeapBytes(m.first);
  const model::Distribution& d = r.distribution;
  bytes += (d.edges.capacity() + d.counts.capacity()) * sizeof(double) +
           d.quantiles.capacity() * sizeof(d.quantiles[0]) +
           d.categories.capacity() * sizeof(std::string);
  for (const std::string& c : d.categories) bytes += HeapBytes(c);
  bytes += r.columns.capacity() * sizeof(std::string);
  for (const std::string& c : r.columns) bytes += HeapBytes(c);
  return bytes;
}

std::string HistoryCache::Key(std::string_view asset, std::string_view check) {
  std::string key;
  key.reserve(asset.size() + 1 + check.size());
  key.append(asset).push_back('\0');  // FQNs and check names hold no NUL
  key.append(check);
  return key;
}

void HistoryCache::Touch(std::unordered_map<std::string, Series>::iterator it) {
  lru_.splice(lru_.begin(), lru_, it->second.lru);
}

void HistoryCache::Recount(Series& s) {
  bytes_ -= s.bytes;
  s.bytes = kSeriesOverhead;
  for (const model::QualityResult& r : s.newest) s.bytes += ApproxBytes(r);
  bytes_ += s.bytes;
}

void HistoryCache::Shrink() {
  while (bytes_ > max_bytes_ && !lru_.empty()) {
    auto it = series_.find(lru_.back());
    bytes_ -= it->second.bytes;
    series_.erase(it);
    lru_.pop_back();
  }
}

std::optional<std::vector<const model::QualityResult*>> HistoryCache::Find(std::string_view asset,
                                                                           std::string_view check,
                                                                           int64_t before_ms,
                                                                           size_t wanted) {
  auto it = series_.find(Key(asset, check));
  if (it == series_.end()) return std::nullopt;
  Touch(it);
  const Series& s = it->second;
  std::vector<const model::QualityResult*> found;
  for (const model::QualityResult& r : s.newest) {
    if (found.size() == wanted) break;
    if (r.timestamp_ms < before_ms) found.push_back(&r);
  }
  if (found.size() < wanted && !s.whole) return std::nullopt;
  return found;
}

void HistoryCache::Load(std::string_view asset, std::string_view check,
                        std::vector<model::QualityResult> newest, size_t limit) {
  if (max_bytes_ == 0) return;
  std::string key = Key(asset, check);
  auto [it, inserted] = series_.try_emplace(key);
  if (inserted) {
    lru_.push_front(key);
    it->second.lru = lru_.begin();
  } else {
    Touch(it);
  }
  Series& s = it->second;
  s.whole = newest.size() < limit;
  s.newest.clear();
  for (model::QualityResult& r : newest) s.newest.push_back(Stripped(std::move(r)));
  Recount(s);
  Shrink();
}

void HistoryCache::Add(const model::QualityResult& result, size_t keep) {
  auto it = series_.find(Key(result.asset, result.check));
  if (it == series_.end()) return;
  Touch(it);
  Series& s = it->second;
  // Older than a partly held series' oldest: the store may hold results between the two.
  if (!s.whole && (s.newest.empty() || Newer(s.newest.back(), result))) return;
  std::erase_if(s.newest, [&](const model::QualityResult& r) {
    return r.timestamp_ms == result.timestamp_ms && r.period == result.period;
  });
  model::QualityResult stripped = Stripped(result);
  s.newest.insert(std::upper_bound(s.newest.begin(), s.newest.end(), stripped, Newer),
                  std::move(stripped));
  if (s.newest.size() > keep) {
    s.newest.resize(std::max<size_t>(keep, 1));
    s.whole = false;
  }
  Recount(s);
  Shrink();
}

std::optional<int64_t> HistoryCache::NewestHeldMs(std::string_view asset,
                                                  std::string_view check) const {
  auto it = series_.find(Key(asset, check));
  if (it == series_.end()) return std::nullopt;
  const std::vector<model::QualityResult>& newest = it->second.newest;
  return newest.empty() ? std::numeric_limits<int64_t>::min() : newest.front().timestamp_ms;
}

void HistoryCache::DropBefore(int64_t before_ms) {
  for (auto& [key, s] : series_) {
    std::erase_if(s.newest,
                  [&](const model::QualityResult& r) { return r.timestamp_ms < before_ms; });
    Recount(s);
  }
}

}  // namespace linea::quality
