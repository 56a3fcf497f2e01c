#include "search/internal/postings.h"

#include <algorithm>
#include <limits>

namespace linea::search::internal {

void Postings::Add(Trigram trigram, uint32_t slot) {
  List& list = lists_[trigram];
  list.slots.push_back(slot);
  if (slot >= slot_limit_) slot_limit_ = size_t{slot} + 1;
  if (!list.bits.empty()) {
    if (slot / 64 >= list.bits.size()) list.bits.resize(slot / 64 + 1, 0);
    list.bits[slot / 64] |= uint64_t{1} << (slot % 64);
  } else if (list.slots.size() >= kDenseMinimum && list.slots.size() * kDenseRatio >= slot_limit_) {
    MakeDense(&list);
  }
  if (slot_limit_ >= next_sweep_) {
    DropSparseBitmaps();
    next_sweep_ = 2 * slot_limit_;
  }
}

void Postings::Remove(Trigram trigram, uint32_t slot) {
  auto it = lists_.find(trigram);
  if (it == lists_.end()) return;
  List& list = it->second;
  auto at = std::find(list.slots.begin(), list.slots.end(), slot);
  if (at == list.slots.end()) return;
  *at = list.slots.back();
  list.slots.pop_back();
  if (list.slots.empty()) {
    lists_.erase(it);
    return;
  }
  if (list.bits.empty()) return;
  list.bits[slot / 64] &= ~(uint64_t{1} << (slot % 64));
  if (list.slots.size() * 4 * kDenseRatio < slot_limit_) std::vector<uint64_t>().swap(list.bits);
}

void Postings::Clear() {
  lists_.clear();
  slot_limit_ = 0;
  next_sweep_ = 1 << 14;
}

void Postings::MakeDense(List* list) {
  list->bits.assign((slot_limit_ + 63) / 64, 0);
  for (uint32_t slot : list->slots) list->bits[slot / 64] |= uint64_t{1} << (slot % 64);
}

void Postings::DropSparseBitmaps() {
  for (auto& [trigram, list] : lists_) {
    if (!list.bits.empty() && list.slots.size() * 4 * kDenseRatio < slot_limit_) {
      std::vector<uint64_t>().swap(list.bits);
    }
  }
}

std::vector<std::pair<uint32_t, size_t>> Postings::Shared(const std::vector<Trigram>& trigrams,
                                                          size_t threshold) const {
  threshold = std::max<size_t>(threshold, 1);
  std::vector<const List*> found;
  for (Trigram trigram : trigrams) {
    auto it = lists_.find(trigram);
    if (it != lists_.end()) found.push_back(&it->second);
  }
  if (found.size() < threshold) return {};
  std::sort(found.begin(), found.end(),
            [](const List* a, const List* b) { return a->slots.size() < b->slots.size(); });
  // A slot holding `threshold` of the lists is in at least one list outside any threshold - 1
  // of them: the longest of those that have a bitmap are probed, the rest read.
  std::vector<const List*> probed;
  while (probed.size() + 1 < threshold && !found.empty() && !found.back()->bits.empty()) {
    probed.push_back(found.back());
    found.pop_back();
  }
  // Per-thread counters, kept zero between calls: a fresh array per query (one per slot)
  // costs more than the counting itself.
  thread_local std::vector<uint16_t> counts;
  if (counts.size() < slot_limit_) counts.resize(slot_limit_, 0);
  std::vector<uint32_t> touched;
  for (const List* list : found) {
    for (uint32_t slot : list->slots) {
      if (counts[slot] == 0) touched.push_back(slot);
      if (counts[slot] < std::numeric_limits<uint16_t>::max()) ++counts[slot];
    }
  }
  std::vector<std::pair<uint32_t, size_t>> out;
  for (uint32_t slot : touched) {
    size_t shared = counts[slot];
    counts[slot] = 0;
    for (const List* list : probed) shared += HasBit(*list, slot);
    if (shared >= threshold) out.emplace_back(slot, shared);
  }
  return out;
}

size_t Postings::ListBytes() const {
  size_t bytes = 0;
  for (const auto& [trigram, list] : lists_) {
    bytes += sizeof(Trigram) + sizeof(List) + list.slots.capacity() * sizeof(uint32_t);
  }
  return bytes;
}

size_t Postings::BitmapBytes() const {
  size_t bytes = 0;
  for (const auto& [trigram, list] : lists_) bytes += list.bits.capacity() * sizeof(uint64_t);
  return bytes;
}

size_t Postings::dense_lists() const {
  size_t n = 0;
  for (const auto& [trigram, list] : lists_) n += !list.bits.empty();
  return n;
}

}  // namespace linea::search::internal
