// src/graph/fqn_index.h: FQN text → dense asset id, an open-addressing hash table of ids
// (linear probing, backward-shift deletion). The strings live in the graph's StringPool; the
// table stores only 4-byte ids and asks `key_of(id)` for the text.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace linea::graph {

class FqnIndex {
 public:
  using KeyOf = std::function<std::string_view(uint32_t)>;
  explicit FqnIndex(KeyOf key_of) : key_of_(std::move(key_of)) { slots_.assign(16, kEmpty); }

  // REQUIRES: `key_of(id)` is already valid and no other id has the same key.
  void Insert(uint32_t id);
  // Removes `id` (looked up by its key). No-op when absent.
  void Erase(uint32_t id);
  std::optional<uint32_t> Find(std::string_view key) const;
  size_t size() const { return size_; }
  void Reserve(size_t n);

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  size_t Home(std::string_view key) const {
    return std::hash<std::string_view>{}(key) & (slots_.size() - 1);
  }
  void Grow(size_t min_slots);

  KeyOf key_of_;
  std::vector<uint32_t> slots_;
  size_t size_ = 0;
};

}  // namespace linea::graph
