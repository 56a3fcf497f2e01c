// RoutePattern: the router's path matching (a literal prefix, at most one parameter, a
// literal suffix), against the route shapes of the API.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "server/router.h"

namespace linea::server {
namespace {

RoutePattern Pattern(std::string prefix, std::string suffix = "", bool has_param = true) {
  return {std::move(prefix), std::move(suffix), has_param};
}

TEST(RoutePatternTest, WithoutParameterTheWholePathMustMatch) {
  const RoutePattern p = Pattern("/api/v1/lineage", "", /*has_param=*/false);
  std::string arg = "stale";
  EXPECT_TRUE(p.Match("/api/v1/lineage", &arg));
  EXPECT_EQ(arg, "");
  EXPECT_FALSE(p.Match("/api/v1/lineage/batch", &arg));
  EXPECT_FALSE(p.Match("/api/v1/lineag", &arg));
  EXPECT_FALSE(p.Match("", &arg));
}

TEST(RoutePatternTest, TrailingParameterTakesTheRestOfThePath) {
  const RoutePattern p = Pattern("/api/v1/impact/");
  std::string arg;
  ASSERT_TRUE(p.Match("/api/v1/impact/hive.default.t1.a", &arg));
  EXPECT_EQ(arg, "hive.default.t1.a");
  ASSERT_TRUE(p.Match("/api/v1/impact/hdfs.\"/warehouse/t1\"", &arg));
  EXPECT_EQ(arg, "hdfs.\"/warehouse/t1\"");
  EXPECT_FALSE(p.Match("/api/v1/impact/", &arg));  // the parameter is never empty
  EXPECT_FALSE(p.Match("/api/v1/impact", &arg));
  EXPECT_FALSE(p.Match("/api/v1/upstream/x", &arg));
}

TEST(RoutePatternTest, MiddleParameterNeedsTheSuffix) {
  const RoutePattern p = Pattern("/api/v1/incidents/", "/ack");
  std::string arg;
  ASSERT_TRUE(p.Match("/api/v1/incidents/inc-7/ack", &arg));
  EXPECT_EQ(arg, "inc-7");
  EXPECT_FALSE(p.Match("/api/v1/incidents//ack", &arg));
  EXPECT_FALSE(p.Match("/api/v1/incidents/inc-7/resolve", &arg));
  EXPECT_FALSE(p.Match("/api/v1/incidents/ack", &arg));  // prefix and suffix may not overlap
}

TEST(RoutePatternTest, ParameterHoldsNoLineBreak) {
  const RoutePattern p = Pattern("/api/v1/assets/");
  std::string arg;
  EXPECT_FALSE(p.Match("/api/v1/assets/a\nb", &arg));
  EXPECT_FALSE(p.Match("/api/v1/assets/a\rb", &arg));
  EXPECT_TRUE(p.Match("/api/v1/assets/a b", &arg));
}

}  // namespace
}  // namespace linea::server
