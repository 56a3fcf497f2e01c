#include "notify/address_policy.h"

#include <gtest/gtest.h>

namespace linea::notify {
namespace {

IpAddress Ip(const char* text) {
  std::optional<IpAddress> address = IpAddress::Parse(text);
  EXPECT_TRUE(address.has_value()) << text;
  return address.value_or(IpAddress());
}

TEST(AddressPolicyTest, ClassifiesSpecialUseRanges) {
  const std::pair<const char*, const char*> table[] = {
      {"127.0.0.1", "loopback"},
      {"127.255.255.254", "loopback"},
      {"0.0.0.0", "unspecified"},
      {"0.1.2.3", "unspecified"},
      {"10.0.0.1", "private"},
      {"10.255.255.255", "private"},
      {"172.16.0.1", "private"},
      {"172.31.255.255", "private"},
      {"172.32.0.1", ""},
      {"172.15.255.255", ""},
      {"192.168.1.1", "private"},
      {"169.254.169.254", "link-local"},
      {"100.64.0.1", "shared (CGNAT)"},
      {"100.127.255.255", "shared (CGNAT)"},
      {"100.128.0.1", ""},
      {"198.18.0.1", "benchmarking"},
      {"198.19.255.255", "benchmarking"},
      {"198.20.0.1", ""},
      {"192.0.0.8", "IETF protocol assignments"},
      {"192.0.2.1", "documentation"},
      {"198.51.100.7", "documentation"},
      {"203.0.113.9", "documentation"},
      {"224.0.0.1", "multicast"},
      {"239.255.255.250", "multicast"},
      {"240.0.0.1", "reserved"},
      {"255.255.255.255", "reserved"},
      {"8.8.8.8", ""},
      {"1.1.1.1", ""},
      {"93.184.216.34", ""},
      {"::1", "loopback"},
      {"::", "unspecified"},
      {"::7f00:1", "reserved"},  // IPv4-compatible, deprecated
      {"fe80::1", "link-local"},
      {"febf:ffff::1", "link-local"},
      {"fec0::1", "site-local"},
      {"fc00::1", "unique-local"},
      {"fd12:3456::1", "unique-local"},
      {"ff02::1", "multicast"},
      {"2001:db8::1", "documentation"},
      {"100::1", "discard-only"},
      {"2001::1", "IETF protocol assignments"},  // Teredo
      {"2606:4700:4700::1111", ""},
      {"2a00:1450:4001:80b::200e", ""},
      // IPv6 forms carrying an IPv4 address get the IPv4 address's reason.
      {"::ffff:127.0.0.1", "loopback"},
      {"::ffff:169.254.169.254", "link-local"},
      {"::ffff:10.1.2.3", "private"},
      {"::ffff:8.8.8.8", ""},
      {"64:ff9b::a9fe:a9fe", "link-local"},  // NAT64 of 169.254.169.254
      {"64:ff9b::808:808", ""},
      {"2002:7f00:1::", "loopback"},  // 6to4 of 127.0.0.1
      {"2002:c0a8:101::1", "private"},
      {"2002:808:808::1", ""},
  };
  for (const auto& [address, reason] : table) {
    EXPECT_EQ(SpecialUseRange(Ip(address)), reason) << address;
  }
}

TEST(AddressPolicyTest, ParsesAndPrintsAddresses) {
  EXPECT_TRUE(Ip("10.0.0.1").is_v4());
  EXPECT_TRUE(Ip("::ffff:10.0.0.1").is_v4());
  EXPECT_EQ(Ip("::ffff:10.0.0.1"), Ip("10.0.0.1"));
  EXPECT_FALSE(Ip("::1").is_v4());
  EXPECT_EQ(Ip("::ffff:10.0.0.1").ToString(), "10.0.0.1");
  EXPECT_EQ(Ip("FE80:0:0::0001").ToString(), "fe80::1");
  for (const char* bad : {"", "localhost", "[::1]", "127.0.0.1:80", "fe80::1%eth0", "1.2.3",
                          "256.0.0.1", " 127.0.0.1"}) {
    EXPECT_FALSE(IpAddress::Parse(bad).has_value()) << bad;
  }
}

TEST(AddressPolicyTest, ParsesCidrs) {
  Result<Cidr> loopback = ParseCidr("127.0.0.0/8");
  ASSERT_TRUE(loopback.ok()) << loopback.status().ToString();
  EXPECT_EQ(loopback->ToString(), "127.0.0.0/8");
  EXPECT_TRUE(loopback->Contains(Ip("127.9.9.9")));
  EXPECT_TRUE(loopback->Contains(Ip("::ffff:127.0.0.1")));
  EXPECT_FALSE(loopback->Contains(Ip("128.0.0.1")));
  EXPECT_FALSE(loopback->Contains(Ip("::1")));
  EXPECT_EQ(ParseCidr("169.254.169.254")->ToString(), "169.254.169.254/32");
  EXPECT_EQ(ParseCidr("::1")->ToString(), "::1/128");
  EXPECT_EQ(ParseCidr("fc00::/7")->ToString(), "fc00::/7");
  EXPECT_TRUE(ParseCidr("fc00::/7")->Contains(Ip("fdff::1")));
  EXPECT_TRUE(ParseCidr("0.0.0.0/0")->Contains(Ip("10.0.0.1")));
  EXPECT_FALSE(ParseCidr("0.0.0.0/0")->Contains(Ip("::1")));
  EXPECT_TRUE(ParseCidr("::/0")->Contains(Ip("::1")));

  EXPECT_EQ(ParseCidr("10.1.0.0/8").status().ToString(),
            "invalid_argument: \"10.1.0.0/8\": host bits are set; did you mean 10.0.0.0/8?");
  EXPECT_EQ(ParseCidr("10.0.0.0/33").status().ToString(),
            "invalid_argument: \"10.0.0.0/33\": the prefix length must be 0..32");
  EXPECT_EQ(ParseCidr("::/129").status().ToString(),
            "invalid_argument: \"::/129\": the prefix length must be 0..128");
  EXPECT_EQ(ParseCidr("10.0.0.0/").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseCidr("10.0.0.0/-1").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseCidr("intranet/8").status().ToString(),
            "invalid_argument: \"intranet/8\": expected an IP address or CIDR, e.g. 10.0.0.0/8 "
            "or fc00::/7");
  Result<std::vector<Cidr>> list = ParseCidrs({"127.0.0.0/8", "nope"});
  EXPECT_EQ(list.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseCidrs({"127.0.0.0/8", "::1"})->size(), 2u);
}

TEST(AddressPolicyTest, DeniesSpecialUseByDefaultAndNamesTheFix) {
  AddressPolicy policy;
  EXPECT_TRUE(policy.Check(Ip("93.184.216.34"), "example.com").ok());
  Status metadata = policy.Check(Ip("169.254.169.254"), "169.254.169.254");
  EXPECT_EQ(metadata.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(metadata.message(),
            "target 169.254.169.254 (link-local) is not allowed; allow it with --notify-allow "
            "169.254.169.254/32");
  EXPECT_EQ(policy.Check(Ip("127.0.0.1"), "localhost").message(),
            "target localhost (127.0.0.1, loopback) is not allowed; allow it with "
            "--notify-allow 127.0.0.1/32");
  EXPECT_EQ(policy.Check(Ip("::1"), "::1").message(),
            "target ::1 (loopback) is not allowed; allow it with --notify-allow ::1/128");
  EXPECT_EQ(policy.Check(Ip("::ffff:10.0.0.5"), "::ffff:10.0.0.5").message(),
            "target ::ffff:10.0.0.5 (10.0.0.5, private) is not allowed; allow it with "
            "--notify-allow 10.0.0.5/32");
}

TEST(AddressPolicyTest, AllowListOverridesTheDefault) {
  AddressPolicy policy(*ParseCidrs({"127.0.0.0/8", "10.20.0.0/16", "fd00::/8"}));
  EXPECT_TRUE(policy.Check(Ip("127.0.0.1"), "").ok());
  EXPECT_TRUE(policy.Check(Ip("::ffff:127.0.0.1"), "").ok());
  EXPECT_TRUE(policy.Check(Ip("10.20.3.4"), "").ok());
  EXPECT_TRUE(policy.Check(Ip("fd12::1"), "").ok());
  EXPECT_FALSE(policy.Check(Ip("10.21.0.1"), "").ok());
  EXPECT_FALSE(policy.Check(Ip("::1"), "").ok());  // IPv6 loopback is its own range
  EXPECT_FALSE(policy.Check(Ip("169.254.169.254"), "").ok());
  EXPECT_TRUE(policy.Check(Ip("8.8.8.8"), "").ok());
}

}  // namespace
}  // namespace linea::notify
