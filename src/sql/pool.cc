#include "sql/pool.h"

#include <cstdint>
#include <new>

#if defined(__SANITIZE_ADDRESS__)
#define LINEA_SQL_POOL_DISABLED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LINEA_SQL_POOL_DISABLED 1
#endif
#endif

namespace linea::sql::pool {
namespace {

// Under AddressSanitizer every block goes straight to ::operator new / delete, so that a
// use-after-free of an AST node is reported instead of hidden by reuse.
#ifdef LINEA_SQL_POOL_DISABLED
constexpr bool kPoolEnabled = false;
#else
constexpr bool kPoolEnabled = true;
#endif

constexpr std::size_t kMaxPooled = 512;
constexpr std::size_t kClassSizes[] = {16, 32, 48, 64, 96, 128, 192, 256, 384, 512};
constexpr int kClasses = sizeof(kClassSizes) / sizeof(kClassSizes[0]);
constexpr uint16_t kMaxCachedPerClass = 1024;

// Size class by (bytes + 15) / 16, for bytes <= kMaxPooled.
constexpr int8_t kClassOf[33] = {0, 0, 1, 2, 3, 4, 4, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7,
                                 8, 8, 8, 8, 8, 8, 8, 8, 9, 9, 9, 9, 9, 9, 9, 9};

struct Cache {
  void* slots[kClasses][kMaxCachedPerClass];
  uint16_t count[kClasses] = {};
};

// Plain thread_locals (no guards, no destructors): the Reaper below frees the cache at thread
// exit and marks it gone, after which every call falls back to ::operator new / delete.
thread_local Cache* t_cache = nullptr;
thread_local bool t_cache_gone = false;

struct Reaper {
  ~Reaper() {
    Cache* cache = t_cache;
    t_cache = nullptr;
    t_cache_gone = true;
    if (cache == nullptr) return;
    for (int c = 0; c < kClasses; ++c) {
      for (uint16_t i = 0; i < cache->count[c]; ++i) ::operator delete(cache->slots[c][i]);
    }
    delete cache;
  }
};

Cache* ThreadCache() {
  if (t_cache != nullptr) return t_cache;
  if (t_cache_gone) return nullptr;
  thread_local Reaper reaper;  // registers the cleanup for this thread
  (void)&reaper;
  t_cache = new (std::nothrow) Cache();
  return t_cache;
}

}  // namespace

bool Enabled() { return kPoolEnabled; }

std::size_t CachedBlocks(std::size_t bytes) {
  if (!kPoolEnabled || bytes > kMaxPooled || t_cache == nullptr) return 0;
  return t_cache->count[kClassOf[(bytes + 15) >> 4]];
}

void* Allocate(std::size_t bytes) {
  if (!kPoolEnabled || bytes > kMaxPooled) return ::operator new(bytes);
  int c = kClassOf[(bytes + 15) >> 4];
  Cache* cache = ThreadCache();
  if (cache != nullptr && cache->count[c] > 0) return cache->slots[c][--cache->count[c]];
  return ::operator new(kClassSizes[c]);
}

void Deallocate(void* p, std::size_t bytes) noexcept {
  if (p == nullptr) return;
  if (kPoolEnabled && bytes <= kMaxPooled) {
    int c = kClassOf[(bytes + 15) >> 4];
    Cache* cache = ThreadCache();
    if (cache != nullptr && cache->count[c] < kMaxCachedPerClass) {
      cache->slots[c][cache->count[c]++] = p;
      return;
    }
  }
  ::operator delete(p);
}

}  // namespace linea::sql::pool
