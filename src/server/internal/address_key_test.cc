// AddressKey: IPv4 as is, IPv6 by /64, IPv4-mapped IPv6 as IPv4.
#include "server/internal/address_key.h"

#include <gtest/gtest.h>

namespace linea::server::internal {
namespace {

TEST(AddressKeyTest, Ipv4IsKeptAsIs) {
  EXPECT_EQ(AddressKey("192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(AddressKey("127.0.0.2"), "127.0.0.2");
}

TEST(AddressKeyTest, Ipv6IsKeyedByItsSlash64) {
  EXPECT_EQ(AddressKey("2001:db8:1:2:a:b:c:d"), "2001:db8:1:2::/64");
  EXPECT_EQ(AddressKey("2001:db8:1:2::1"), "2001:db8:1:2::/64");
  EXPECT_EQ(AddressKey("2001:db8:1:3::1"), "2001:db8:1:3::/64");
  EXPECT_EQ(AddressKey("::1"), "::/64");
}

TEST(AddressKeyTest, Ipv4MappedIpv6IsItsIpv4Address) {
  EXPECT_EQ(AddressKey("::ffff:192.0.2.7"), "192.0.2.7");
}

TEST(AddressKeyTest, SomethingElseIsKeptAsIs) { EXPECT_EQ(AddressKey("unknown"), "unknown"); }

}  // namespace
}  // namespace linea::server::internal
