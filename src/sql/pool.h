// src/sql/pool.h: a per-thread free-list allocator for the many small, short-lived objects of
// one statement's analysis (AST nodes and their vectors, the resolver's id lists and maps).
//
// Blocks of up to 512 bytes come from per-thread, per-size-class free lists (at most 1,024
// cached blocks per class: under 2 MB per thread at worst); larger requests go straight to
// ::operator new. Every block is its own ::operator new allocation, so a block may be freed on
// any thread, and after a thread's cache is gone (thread exit) everything falls back to
// ::operator new / delete. Glibc malloc spent a third of the analysis time on these objects.
#pragma once

#include <cstddef>
#include <vector>

namespace linea::sql {
namespace pool {

void* Allocate(std::size_t bytes);
void Deallocate(void* p, std::size_t bytes) noexcept;
// False when blocks go straight to ::operator new / delete (under AddressSanitizer).
bool Enabled();
// How many freed blocks of `bytes`' size class this thread holds for reuse (0 above 512 bytes).
std::size_t CachedBlocks(std::size_t bytes);

}  // namespace pool

// A stateless std allocator over pool::Allocate (all instances are equal).
template <typename T>
struct PoolAllocator {
  using value_type = T;
  PoolAllocator() noexcept = default;
  template <typename U>
  PoolAllocator(const PoolAllocator<U>&) noexcept {}  // NOLINT: rebinding is implicit
  T* allocate(std::size_t n) { return static_cast<T*>(pool::Allocate(n * sizeof(T))); }
  void deallocate(T* p, std::size_t n) noexcept { pool::Deallocate(p, n * sizeof(T)); }
  template <typename U>
  bool operator==(const PoolAllocator<U>&) const noexcept {
    return true;
  }
};

template <typename T>
using PoolVector = std::vector<T, PoolAllocator<T>>;

// Base of node types created with `new` / make_unique: routes them through the pool.
struct Pooled {
  static void* operator new(std::size_t bytes) { return pool::Allocate(bytes); }
  static void operator delete(void* p, std::size_t bytes) noexcept { pool::Deallocate(p, bytes); }
};

}  // namespace linea::sql
