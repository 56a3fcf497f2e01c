#include "graph/fqn_index.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace linea::graph {
namespace {

TEST(FqnIndexTest, InsertFindEraseKeepsProbeRunsIntact) {
  std::vector<std::string> keys;
  for (int i = 0; i < 2000; ++i) keys.push_back("hive.db.t" + std::to_string(i));
  FqnIndex index([&](uint32_t id) { return std::string_view(keys[id]); });
  for (uint32_t i = 0; i < keys.size(); ++i) index.Insert(i);
  EXPECT_EQ(index.size(), 2000u);
  for (uint32_t i = 0; i < keys.size(); i += 2) index.Erase(i);
  EXPECT_EQ(index.size(), 1000u);
  for (uint32_t i = 0; i < keys.size(); ++i) {
    std::optional<uint32_t> found = index.Find(keys[i]);
    if (i % 2) {
      ASSERT_TRUE(found.has_value()) << keys[i];
      EXPECT_EQ(*found, i);
    } else {
      EXPECT_FALSE(found.has_value()) << keys[i];
    }
  }
  EXPECT_FALSE(index.Find("hive.db.missing").has_value());
  index.Erase(0);  // already gone: no-op
  EXPECT_EQ(index.size(), 1000u);
}

}  // namespace
}  // namespace linea::graph
