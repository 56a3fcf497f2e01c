// src/quality/history_cache.h: the newest results of recently judged series, kept in memory so
// that judging the next result of a series (QualityService::Record) needs no store read.
//
// A held series is the newest results of that series in the store (a suffix in time: every
// stored result newer than the oldest held one is held), or the whole series. Results are held
// stripped of what judging does not read (message, threshold, source, provenance, asset,
// check); the cache is bounded by an estimate of its bytes and drops the least recently used
// series first.
//
// Not thread-safe: the service calls it under its lock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/quality.h"

namespace linea::quality {

class HistoryCache {
 public:
  // Holds at most about `max_bytes` of results (ApproxBytes); 0 holds nothing.
  explicit HistoryCache(size_t max_bytes) : max_bytes_(max_bytes) {}
  HistoryCache(const HistoryCache&) = delete;
  HistoryCache& operator=(const HistoryCache&) = delete;

  // The newest results of series (asset, check) measured before `before_ms`, newest first, at
  // most `wanted` — when the cache knows them: the series is held and has `wanted` such
  // results, or is held whole. Else nullopt (read the store, then Load()). The pointers stay
  // valid until the next call of a non-const method.
  std::optional<std::vector<const model::QualityResult*>> Find(std::string_view asset,
                                                               std::string_view check,
                                                               int64_t before_ms, size_t wanted);

  // Holds `newest`: the newest results of the series in the store, newest first, as read with
  // a limit of `limit` (fewer came back: the whole series), replacing what was held of it.
  void Load(std::string_view asset, std::string_view check,
            std::vector<model::QualityResult> newest, size_t limit);

  // A result just stored: added to its series if the series is held (replacing a result of the
  // same timestamp and period), which then keeps at most `keep` of its newest.
  void Add(const model::QualityResult& result, size_t keep);

  // The time of the newest result held of the series: nullopt when the series is not held,
  // INT64_MIN when it is held without results. Find() may still not know a result older than
  // those it holds.
  std::optional<int64_t> NewestHeldMs(std::string_view asset, std::string_view check) const;

  // The store removed the results measured before `before_ms`: so does the cache.
  void DropBefore(int64_t before_ms);

  size_t bytes() const { return bytes_; }
  size_t series() const { return series_.size(); }

  // The memory a held result takes, estimated: the struct and its heap parts.
  static size_t ApproxBytes(const model::QualityResult& result);

 private:
  struct Series {
    std::vector<model::QualityResult> newest;  // newest first (timestamp, then period)
    bool whole = false;                        // the store holds nothing older
    size_t bytes = 0;
    std::list<std::string>::iterator lru;  // position in lru_
  };

  static std::string Key(std::string_view asset, std::string_view check);
  // Moves `it` to the front of the LRU order.
  void Touch(std::unordered_map<std::string, Series>::iterator it);
  void Recount(Series& s);
  // Drops least recently used series until within max_bytes_.
  void Shrink();

  const size_t max_bytes_;
  size_t bytes_ = 0;
  std::unordered_map<std::string, Series> series_;
  std::list<std::string> lru_;  // keys, most recently used first
};

}  // namespace linea::quality
