#include "auth/token.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

namespace linea::auth {
namespace {

using ::testing::MatchesRegex;

TEST(RoleTest, NamesRoundTrip) {
  for (Role role : {Role::kReader, Role::kWriter, Role::kAdmin}) {
    EXPECT_EQ(ParseRole(RoleName(role)), role);
  }
  EXPECT_EQ(RoleName(Role::kReader), "reader");
  EXPECT_EQ(RoleName(Role::kWriter), "writer");
  EXPECT_EQ(RoleName(Role::kAdmin), "admin");
}

TEST(RoleTest, UnknownNamesAreRejected) {
  EXPECT_EQ(ParseRole(""), std::nullopt);
  EXPECT_EQ(ParseRole("Admin"), std::nullopt);
  EXPECT_EQ(ParseRole("owner"), std::nullopt);
  EXPECT_EQ(ParseRole("writer "), std::nullopt);
}

TEST(RoleTest, RolesAreOrdered) {
  EXPECT_TRUE(Allows(Role::kAdmin, Role::kWriter));
  EXPECT_TRUE(Allows(Role::kWriter, Role::kWriter));
  EXPECT_TRUE(Allows(Role::kWriter, Role::kReader));
  EXPECT_FALSE(Allows(Role::kReader, Role::kWriter));
  EXPECT_FALSE(Allows(Role::kWriter, Role::kAdmin));
}

TEST(TokenSecretTest, HasPrefixAndBase64UrlBody) {
  const std::string secret = NewTokenSecret();
  EXPECT_EQ(secret.size(), 4u + 43u);
  EXPECT_THAT(secret, MatchesRegex("lin_[A-Za-z0-9_-]+"));
}

TEST(TokenSecretTest, SecretsDoNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(NewTokenSecret());
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(HashTokenTest, MatchesSha256Vectors) {
  EXPECT_EQ(HashToken(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(HashToken("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(HashTokenTest, IsDeterministicAndDistinguishesSecrets) {
  const std::string secret = NewTokenSecret();
  EXPECT_EQ(HashToken(secret), HashToken(secret));
  EXPECT_NE(HashToken(secret), HashToken(secret + "x"));
  EXPECT_THAT(HashToken(secret), MatchesRegex("[0-9a-f]{64}"));
}

TEST(TokenNameTest, AcceptsTheDocumentedAlphabet) {
  EXPECT_TRUE(IsValidTokenName("ci-scoring"));
  EXPECT_TRUE(IsValidTokenName("a"));
  EXPECT_TRUE(IsValidTokenName("Team_B2C.v2-ci"));
  EXPECT_TRUE(IsValidTokenName(std::string(64, 'x')));
}

TEST(TokenNameTest, RejectsEverythingElse) {
  EXPECT_FALSE(IsValidTokenName(""));
  EXPECT_FALSE(IsValidTokenName(std::string(65, 'x')));
  EXPECT_FALSE(IsValidTokenName("ci scoring"));
  EXPECT_FALSE(IsValidTokenName("ci/scoring"));
  EXPECT_FALSE(IsValidTokenName("tëst"));
  EXPECT_FALSE(IsValidTokenName(std::string("a\0b", 3)));
}

}  // namespace
}  // namespace linea::auth
