// ConnectionLimits: the per-address and total connection caps.
#include "server/internal/connection_limits.h"

#include <gtest/gtest.h>

#include <vector>

namespace linea::server::internal {
namespace {

using Refusal = ConnectionLimits::Refusal;

TEST(ConnectionLimitsTest, PerClientCapCountsEachAddressApart) {
  ConnectionLimits limits(/*max_total=*/10, /*max_per_client=*/2);
  Refusal why;
  auto a1 = limits.Acquire("10.0.0.1", &why);
  auto a2 = limits.Acquire("10.0.0.1", &why);
  EXPECT_TRUE(a1.held() && a2.held());
  auto a3 = limits.Acquire("10.0.0.1", &why);
  EXPECT_FALSE(a3.held());
  EXPECT_EQ(why, Refusal::kPerClient);
  auto b1 = limits.Acquire("10.0.0.2", &why);
  EXPECT_TRUE(b1.held());
  EXPECT_EQ(limits.open(), 3u);
  { ConnectionLimits::Slot gone = std::move(a1); }  // a connection closes
  EXPECT_EQ(limits.open(), 2u);
  EXPECT_TRUE(limits.Acquire("10.0.0.1", &why).held());
}

TEST(ConnectionLimitsTest, TotalCap) {
  ConnectionLimits limits(/*max_total=*/3, /*max_per_client=*/0);
  Refusal why;
  std::vector<ConnectionLimits::Slot> slots;
  for (int i = 0; i < 3; ++i) slots.push_back(limits.Acquire("h" + std::to_string(i), &why));
  EXPECT_FALSE(limits.Acquire("h9", &why).held());
  EXPECT_EQ(why, Refusal::kTotal);
  slots.clear();
  EXPECT_EQ(limits.open(), 0u);
}

}  // namespace
}  // namespace linea::server::internal
