#include "sql/pool.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <thread>
#include <vector>

namespace linea::sql {
namespace {

struct Node : Pooled {
  int value = 0;
  char payload[100] = {};
};

TEST(PoolTest, BlocksAreReusableAndWritable) {
  std::vector<void*> blocks;
  for (size_t size : {1, 16, 17, 100, 512, 513, 4096}) {
    void* p = pool::Allocate(size);
    std::memset(p, 0xAB, size);
    blocks.push_back(p);
  }
  size_t sizes[] = {1, 16, 17, 100, 512, 513, 4096};
  for (size_t i = 0; i < blocks.size(); ++i) pool::Deallocate(blocks[i], sizes[i]);
  pool::Deallocate(nullptr, 8);
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

TEST(PoolTest, BlocksMayBeFreedOnAnotherThread) {
  std::vector<std::unique_ptr<Node>> made;
  std::thread maker([&made] {
    for (int i = 0; i < 100; ++i) made.push_back(std::make_unique<Node>());
  });
  maker.join();  // the maker thread's cache is gone now
  made.clear();  // freed here, into this thread's cache
  std::thread other([] { auto n = std::make_unique<Node>(); });
  other.join();
}

}  // namespace
}  // namespace linea::sql
