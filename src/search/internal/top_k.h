// src/search/internal/top_k.h: bounded best-k selection for search results.
//
// Keeps the `capacity` best (id, score) pairs seen so far in a heap whose top is the worst kept
// entry, so offering n matches costs O(n log capacity) and the tie key is fetched only for
// entries that can still enter the page. Order: score descending, then tie key ascending, then
// id ascending.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace linea::search::internal {

class TopK {
 public:
  // `tie_key` may be empty (ties then go by id); the views it returns must outlive this object.
  TopK(size_t capacity, const std::function<std::string_view(uint32_t)>& tie_key)
      : capacity_(capacity), tie_key_(tie_key) {}

  void Offer(uint32_t id, double score) {
    if (capacity_ == 0) return;
    if (heap_.size() < capacity_) {
      heap_.push_back({id, score, Key(id)});
      std::push_heap(heap_.begin(), heap_.end(), Better);
      return;
    }
    const Entry& worst = heap_.front();
    if (score < worst.score) return;
    Entry entry{id, score, Key(id)};
    if (!Better(entry, worst)) return;
    std::pop_heap(heap_.begin(), heap_.end(), Better);
    heap_.back() = entry;
    std::push_heap(heap_.begin(), heap_.end(), Better);
  }

  // True when no entry scoring below `score` can enter any more.
  bool Rejects(double score) const {
    return capacity_ == 0 || (heap_.size() == capacity_ && score < heap_.front().score);
  }

  // The kept entries best first, minus the first `skip`. Leaves this object empty.
  template <typename Out, typename Make>
  std::vector<Out> TakeSorted(size_t skip, Make make) {
    std::sort_heap(heap_.begin(), heap_.end(), Better);
    std::vector<Out> out;
    for (size_t i = skip; i < heap_.size(); ++i) out.push_back(make(heap_[i].id, heap_[i].score));
    heap_.clear();
    return out;
  }

 private:
  struct Entry {
    uint32_t id;
    double score;
    std::string_view key;
  };

  // Strict "a ranks before b".
  static bool Better(const Entry& a, const Entry& b) {
    if (a.score != b.score) return a.score > b.score;
    const int by_key = a.key.compare(b.key);
    return by_key != 0 ? by_key < 0 : a.id < b.id;
  }

  std::string_view Key(uint32_t id) const { return tie_key_ ? tie_key_(id) : std::string_view(); }

  size_t capacity_;
  const std::function<std::string_view(uint32_t)>& tie_key_;
  std::vector<Entry> heap_;
};

}  // namespace linea::search::internal
