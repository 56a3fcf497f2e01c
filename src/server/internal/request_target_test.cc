// ParseRequestTarget: percent-decoding and UTF-8 checks of request targets, the first thing
// the server does with bytes from the network.
#include "server/internal/request_target.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace linea::server::internal {
namespace {

using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

TEST(RequestTargetTest, DecodesPathAndQuery) {
  Result<RequestTarget> t =
      ParseRequestTarget("/api/v1/assets/kafka.%22geo.moves%22?q=a+b%2Bc&depth=2&flag&&x=%D0%B3");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->path, "/api/v1/assets/kafka.\"geo.moves\"");
  EXPECT_THAT(t->query, UnorderedElementsAre(Pair("q", "a b+c"), Pair("depth", "2"),
                                             Pair("flag", ""), Pair("x", "\xd0\xb3")));
}

TEST(RequestTargetTest, PlusStaysInThePath) { EXPECT_EQ(ParseRequestTarget("/a+b")->path, "/a+b"); }

TEST(RequestTargetTest, InvalidUtf8AfterDecodingIsRefusedWithItsOffset) {
  for (const char* target : {"/api/v1/assets/hive.%FF%FE.x", "/api/v1/%FF", "/api/v1/teams/%FF",
                             "/api/v1/impact/hive.%C0%AE.x", "/api/v1/impact/%ED%A0%80"}) {
    Result<RequestTarget> t = ParseRequestTarget(target);
    ASSERT_FALSE(t.ok()) << target;
    EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(t.status().message(), HasSubstr("path is not valid UTF-8")) << target;
  }
  Result<RequestTarget> t = ParseRequestTarget("/api/v1/search?q=%FF");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message(),
            "query parameter q is not valid UTF-8 after percent-decoding (byte 0 of the decoded "
            "text)");
  // Raw (unencoded) invalid bytes are refused the same way.
  EXPECT_FALSE(ParseRequestTarget("/api/v1/\xff").ok());
}

TEST(RequestTargetTest, MalformedEscapesAndNulAreRefused) {
  EXPECT_THAT(ParseRequestTarget("/api/v1/impact/hive.raw_geo%zz").status().message(),
              HasSubstr("malformed percent-encoding in path at byte 27"));
  EXPECT_FALSE(ParseRequestTarget("/a%4").ok());
  EXPECT_FALSE(ParseRequestTarget("/a%").ok());
  EXPECT_THAT(ParseRequestTarget("/a%00b").status().message(), HasSubstr("NUL"));
}

TEST(RequestTargetTest, OnlyOriginForm) {
  EXPECT_FALSE(ParseRequestTarget("http://example.com/x").ok());
  EXPECT_FALSE(ParseRequestTarget("*").ok());
  EXPECT_FALSE(ParseRequestTarget("").ok());
}

}  // namespace
}  // namespace linea::server::internal
