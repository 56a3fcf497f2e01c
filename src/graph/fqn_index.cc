#include "graph/fqn_index.h"

namespace linea::graph {

void FqnIndex::Reserve(size_t n) {
  if (n * 2 > slots_.size()) Grow(n * 2);
}

void FqnIndex::Grow(size_t min_slots) {
  size_t n = slots_.size();
  while (n < min_slots) n *= 2;
  std::vector<uint32_t> old = std::move(slots_);
  slots_.assign(n, kEmpty);
  size_ = 0;
  for (uint32_t id : old) {
    if (id != kEmpty) Insert(id);
  }
}

void FqnIndex::Insert(uint32_t id) {
  if ((size_ + 1) * 2 > slots_.size()) Grow(slots_.size() * 2);
  size_t mask = slots_.size() - 1;
  size_t i = Home(key_of_(id));
  while (slots_[i] != kEmpty) i = (i + 1) & mask;
  slots_[i] = id;
  ++size_;
}

std::optional<uint32_t> FqnIndex::Find(std::string_view key) const {
  size_t mask = slots_.size() - 1;
  for (size_t i = Home(key);; i = (i + 1) & mask) {
    uint32_t id = slots_[i];
    if (id == kEmpty) return std::nullopt;
    if (key_of_(id) == key) return id;
  }
}

void FqnIndex::Erase(uint32_t id) {
  size_t mask = slots_.size() - 1;
  size_t i = Home(key_of_(id));
  while (slots_[i] != id) {
    if (slots_[i] == kEmpty) return;
    i = (i + 1) & mask;
  }
  // Backward-shift: pull later members of the probe run into the hole.
  size_t hole = i;
  for (size_t j = (hole + 1) & mask; slots_[j] != kEmpty; j = (j + 1) & mask) {
    size_t home = Home(key_of_(slots_[j]));
    bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
    if (movable) {
      slots_[hole] = slots_[j];
      hole = j;
    }
  }
  slots_[hole] = kEmpty;
  --size_;
}

}  // namespace linea::graph
