// src/search/internal/postings.h: trigram -> the name slots holding it, for NameIndex.
//
// Every trigram keeps its slots as an unordered list. A trigram held by many names ("ing",
// "_id") also keeps them as a bitmap over slots, so that a search can test whether a slot holds
// it in O(1) instead of reading its whole list: a name must share `threshold` of a query's
// trigrams to be looked at, so one holding them must appear in at least one of all but the
// threshold - 1 longest lists, and only those are read (the longest are probed per name found).
//
// Not thread-safe for writes; const methods may run concurrently with each other.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include "search/internal/match.h"

namespace linea::search::internal {

class Postings {
 public:
  // A list gets a bitmap once it holds this many slots and at least 1/kDenseRatio of the slots
  // in use; it loses it when it falls below 1/(4 * kDenseRatio) of them (checked on Remove and
  // whenever the slots in use double).
  static constexpr size_t kDenseMinimum = 1024;
  static constexpr size_t kDenseRatio = 32;

  // Records that `slot` holds `trigram`. REQUIRES: not recorded yet.
  void Add(Trigram trigram, uint32_t slot);
  // Forgets that `slot` holds `trigram`. No-op when it is not recorded.
  void Remove(Trigram trigram, uint32_t slot);
  void Clear();

  // Slots holding at least `threshold` (at least 1) of `trigrams` (distinct), each with how
  // many of them it holds, in no particular order. Slots holding fewer are not returned.
  std::vector<std::pair<uint32_t, size_t>> Shared(const std::vector<Trigram>& trigrams,
                                                  size_t threshold) const;
  // Calls f(trigram) for every trigram some slot holds.
  template <typename F>
  void ForEachTrigram(F f) const {
    for (const auto& [trigram, list] : lists_) f(trigram);
  }

  // Bytes held by the lists and by the bitmaps (capacities, not counting hash-table nodes).
  size_t ListBytes() const;
  size_t BitmapBytes() const;
  // Number of lists with a bitmap.
  size_t dense_lists() const;

 private:
  struct List {
    std::vector<uint32_t> slots;  // unordered, no duplicates
    std::vector<uint64_t> bits;   // bit s % 64 of word s / 64: slot s; empty unless dense
  };

  bool HasBit(const List& list, uint32_t slot) const {
    const size_t word = slot / 64;
    return word < list.bits.size() && (list.bits[word] >> (slot % 64) & 1);
  }
  void MakeDense(List* list);
  // Drops the bitmaps of lists that became sparse relative to the slots in use.
  void DropSparseBitmaps();

  std::unordered_map<Trigram, List> lists_;
  size_t slot_limit_ = 0;  // 1 + the largest slot ever added (until Clear)
  size_t next_sweep_ = 1 << 14;
};

}  // namespace linea::search::internal
