// src/common/hash.h: a stable, platform-independent 64-bit hash (FNV-1a) for identities that are
// stored or shown (e.g. the `sql:<hash>` provenance of a parsed statement). Not for security.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace linea {

inline uint64_t Fnv1a64(std::string_view data) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// 16 lower-case hex digits of Fnv1a64(data).
inline std::string HexHash64(std::string_view data) {
  static const char* kHex = "0123456789abcdef";
  uint64_t h = Fnv1a64(data);
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[i] = kHex[h & 15];
  return out;
}

}  // namespace linea
