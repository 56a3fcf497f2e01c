// ParseRateLimit: the RATE[/BURST] syntax of `linea serve --rate-limit-per-*`.
#include <gtest/gtest.h>

#include "server/http_server.h"

namespace linea::server {
namespace {

RateLimit Parsed(const std::string& text) {
  RateLimit limit{-1, -1};
  Status s = ParseRateLimit("--rate-limit-per-token", text, &limit);
  EXPECT_TRUE(s.ok()) << text << ": " << s.ToString();
  return limit;
}

TEST(ParseRateLimitTest, RateAndBurst) {
  RateLimit limit = Parsed("100/300");
  EXPECT_EQ(limit.per_second, 100);
  EXPECT_EQ(limit.burst, 300);
  limit = Parsed("0.5/1");
  EXPECT_EQ(limit.per_second, 0.5);
  EXPECT_EQ(limit.burst, 1);
}

TEST(ParseRateLimitTest, BurstDefaultsToTwiceTheRateAndAtLeastOne) {
  EXPECT_EQ(Parsed("100").burst, 200);
  EXPECT_EQ(Parsed("0.2").burst, 1);
  EXPECT_EQ(Parsed("1.25").burst, 3);
}

TEST(ParseRateLimitTest, ZeroDisables) {
  EXPECT_FALSE(Parsed("0").enabled());
  EXPECT_FALSE(Parsed("0/50").enabled());
  EXPECT_TRUE(Parsed("0.001/1").enabled());
}

TEST(ParseRateLimitTest, MalformedValuesNameTheFlag) {
  for (const char* bad :
       {"",       "fast",  "-1",   "+1",  "1e3", " 1",    "1 ", "10/0", "10/",     "/10",
        "10/2.5", "10/-1", "0x10", "nan", "inf", "1.2.3", ".5", "5.",   "2000000", "1/2/3"}) {
    RateLimit limit;
    Status s = ParseRateLimit("--rate-limit-per-address", bad, &limit);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << '"' << bad << '"';
    EXPECT_EQ(s.message().rfind("--rate-limit-per-address: ", 0), 0u) << s.message();
  }
}

}  // namespace
}  // namespace linea::server
