#include "sql/pool.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <set>
#include <thread>
#include <vector>

namespace linea::sql {
namespace {

struct Node : Pooled {
  int value = 0;
  char payload[100] = {};
};

TEST(PoolTest, BlocksAreWritableAndReused) {
  const std::vector<size_t> sizes = {1, 16, 17, 100, 512, 513, 4096};
  std::vector<void*> blocks;
  for (size_t i = 0; i < sizes.size(); ++i) {
    void* p = pool::Allocate(sizes[i]);
    std::memset(p, static_cast<int>(i + 1), sizes[i]);
    blocks.push_back(p);
  }
  for (size_t i = 0; i < sizes.size(); ++i) {  // no block overlaps another
    const auto* bytes = static_cast<const unsigned char*>(blocks[i]);
    EXPECT_EQ(bytes[0], i + 1);
    EXPECT_EQ(bytes[sizes[i] - 1], i + 1);
  }
  if (!pool::Enabled()) GTEST_SKIP() << "pool disabled (AddressSanitizer)";
  const size_t cached_512 = pool::CachedBlocks(512);
  for (size_t i = 0; i < sizes.size(); ++i) pool::Deallocate(blocks[i], sizes[i]);
  pool::Deallocate(nullptr, 8);
  // Blocks up to 512 bytes are kept for reuse, larger ones are not.
  EXPECT_EQ(pool::CachedBlocks(512), cached_512 + 1);
  EXPECT_EQ(pool::CachedBlocks(513), 0u);
  EXPECT_EQ(pool::CachedBlocks(4096), 0u);
  // A freed block is the next one handed out for its size class.
  EXPECT_EQ(pool::Allocate(512), blocks[4]);
  EXPECT_EQ(pool::CachedBlocks(512), cached_512);
  pool::Deallocate(blocks[4], 512);
}

TEST(PoolTest, PooledNodesAndVectors) {
  PoolVector<std::unique_ptr<Node>> nodes;
  for (int i = 0; i < 5000; ++i) {
    nodes.push_back(std::make_unique<Node>());
    nodes.back()->value = i;
  }
  for (int i = 0; i < 5000; ++i) EXPECT_EQ(nodes[i]->value, i);
  nodes.clear();
  auto again = std::make_unique<Node>();
  EXPECT_EQ(again->value, 0);
}

// A size class (384 bytes) no other case uses, so that this thread's cache of it holds only
// what this case frees.
struct WideNode : Pooled {
  int value = 0;
  char payload[300] = {};
};

TEST(PoolTest, BlocksMayBeFreedOnAnotherThread) {
  std::vector<std::unique_ptr<WideNode>> made;
  std::thread maker([&made] {
    for (int i = 0; i < 100; ++i) made.push_back(std::make_unique<WideNode>());
  });
  maker.join();  // the maker thread's cache is gone now
  if (!pool::Enabled()) GTEST_SKIP() << "pool disabled (AddressSanitizer)";
  std::set<void*> addresses;
  for (const auto& n : made) addresses.insert(n.get());
  const size_t before = pool::CachedBlocks(sizeof(WideNode));
  made.clear();  // freed here, into this thread's cache
  EXPECT_EQ(pool::CachedBlocks(sizeof(WideNode)), before + 100);
  // Another thread starts with an empty cache of its own.
  size_t other_cached = 1;
  std::thread other([&other_cached] { other_cached = pool::CachedBlocks(sizeof(WideNode)); });
  other.join();
  EXPECT_EQ(other_cached, 0u);
  // This one reuses the blocks it freed, constructed afresh.
  auto reused = std::make_unique<WideNode>();
  EXPECT_TRUE(addresses.count(reused.get()));
  EXPECT_EQ(reused->value, 0);
  EXPECT_EQ(pool::CachedBlocks(sizeof(WideNode)), before + 99);
}

}  // namespace
}  // namespace linea::sql
