#include "auth/token_scope.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/testing/status_matchers.h"

namespace linea::auth {
namespace {

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;

TEST(TokenScopeTest, ParsesEveryKeyAndCanonicalizesPrefixes) {
  Result<catalog::WriteScope> scope = ParseScope(
      R"({"domains": ["geo"], "prefixes": ["kafka.\"geo.moves\"", "hive.\"geo\""],
          "provenances": ["manifest:geo/"], "teams": ["data"]})");
  ASSERT_THAT(scope, IsOk());
  EXPECT_EQ(scope->domains, std::vector<std::string>{"geo"});
  EXPECT_EQ(scope->fqn_prefixes, (std::vector<std::string>{"kafka.\"geo.moves\"", "hive.geo"}));
  EXPECT_EQ(scope->provenances, std::vector<std::string>{"manifest:geo/"});
  EXPECT_EQ(scope->teams, std::vector<std::string>{"data"});
  EXPECT_EQ(ParseScope(EncodeScope(*scope)).value(), *scope);
}

TEST(TokenScopeTest, MissingKeysAreEmpty) {
  Result<catalog::WriteScope> scope = ParseScope(R"({"teams": ["data"]})");
  ASSERT_THAT(scope, IsOk());
  EXPECT_TRUE(scope->domains.empty());
  EXPECT_TRUE(scope->fqn_prefixes.empty());
}

TEST(TokenScopeTest, BadScopesNameTheKey) {
  EXPECT_EQ(ParseScope(R"({"domain": ["geo"]})").status().message(),
            "scope: unknown key \"domain\" (expected domains, prefixes, provenances, teams)");
  EXPECT_EQ(ParseScope(R"({"teams": "data"})").status().message(),
            "scope.teams: expected an array of strings");
  EXPECT_EQ(ParseScope(R"({"teams": ["data", ""]})").status().message(),
            "scope.teams[1]: expected a non-empty string");
  EXPECT_THAT(ParseScope(R"({"prefixes": ["hive..geo"]})"),
              StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseScope(R"({"prefixes": ["hive..geo"]})").status().message(),
              ::testing::StartsWith("scope.prefixes[0]: \"hive..geo\" is not an FQN: "));
  EXPECT_THAT(ParseScope("[1]"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseScope("{"), StatusIs(StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace linea::auth
