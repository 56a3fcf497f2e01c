// src/graph/string_pool.h: an append-only arena of strings with stable string_views
// (leveldb Arena in spirit). Strings are never freed individually.
#pragma once

#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace linea::graph {

class StringPool {
 public:
  StringPool() = default;
  StringPool(const StringPool&) = delete;
  StringPool& operator=(const StringPool&) = delete;

  // Copies `s` into the pool; the view stays valid for the pool's lifetime.
  std::string_view Add(std::string_view s) {
    if (s.empty()) return {};
    if (s.size() > kBlockSize / 4) return AddLarge(s);
    if (remaining_ < s.size()) {
      blocks_.push_back(std::make_unique<char[]>(kBlockSize));
      cursor_ = blocks_.back().get();
      remaining_ = kBlockSize;
    }
    std::memcpy(cursor_, s.data(), s.size());
    std::string_view out(cursor_, s.size());
    cursor_ += s.size();
    remaining_ -= s.size();
    bytes_ += s.size();
    return out;
  }

  size_t bytes() const { return bytes_; }

 private:
  static constexpr size_t kBlockSize = 1 << 20;

  std::string_view AddLarge(std::string_view s) {
    blocks_.push_back(std::make_unique<char[]>(s.size()));
    std::memcpy(blocks_.back().get(), s.data(), s.size());
    bytes_ += s.size();
    // Keep filling the current block: the large block went to the back, but cursor_ is intact.
    return std::string_view(blocks_.back().get(), s.size());
  }

  std::vector<std::unique_ptr<char[]>> blocks_;
  char* cursor_ = nullptr;
  size_t remaining_ = 0;
  size_t bytes_ = 0;
};

}  // namespace linea::graph
