#include "secrets/key_ring.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/base64.h"
#include "common/testing/status_matchers.h"

namespace linea::secrets {
namespace {

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;

Key MakeKey(char fill) { return *Key::FromBase64(Base64Encode(std::string(32, fill))); }

TEST(KeyTest, IdIsTheFirstEightHexDigitsOfTheKeysSha256) {
  // SHA-256 of 32 zero bytes is 66687aad…
  EXPECT_EQ(MakeKey('\0').id(), "66687aad");
}

TEST(KeyTest, RefusesTextThatIsNotBase64Of32Bytes) {
  EXPECT_THAT(Key::FromBase64("c2hvcnQ="), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(Key::FromBase64("not base64!"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(Key::FromBase64(" " + Base64Encode(std::string(32, 'k')) + "\n"), IsOk());
}

TEST(KeyRingTest, SealsWithKeyIdAndOpensToThePlaintext) {
  KeyRing ring(MakeKey('a'));
  Result<std::string> sealed = ring.Seal("https://hooks.slack.com/services/T0/B0/XYZ");
  ASSERT_THAT(sealed, IsOk());
  EXPECT_THAT(*sealed, MatchesRegex("enc:v1:[0-9a-f]{8}:[A-Za-z0-9+/=]+"));
  EXPECT_EQ(SealedKeyId(*sealed), MakeKey('a').id());
  EXPECT_THAT(*sealed, Not(HasSubstr("XYZ")));
  EXPECT_EQ(*ring.Open(*sealed), "https://hooks.slack.com/services/T0/B0/XYZ");
}

TEST(KeyRingTest, EachSealUsesAFreshNonce) {
  KeyRing ring(MakeKey('a'));
  EXPECT_NE(*ring.Seal("same"), *ring.Seal("same"));
}

TEST(KeyRingTest, WithoutAKeyValuesStayAsTheyAre) {
  KeyRing ring;
  EXPECT_FALSE(ring.has_key());
  EXPECT_EQ(*ring.Seal("plain"), "plain");
  EXPECT_EQ(*ring.Open("plain"), "plain");
}

TEST(KeyRingTest, UnknownKeyIdIsFailedPreconditionNamingTheId) {
  std::string sealed = *KeyRing(MakeKey('a')).Seal("secret");
  Status s = KeyRing(MakeKey('b')).Open(sealed).status();
  EXPECT_THAT(s, StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_THAT(s.message(), HasSubstr("encrypted under key " + MakeKey('a').id()));
  EXPECT_THAT(KeyRing().Open(sealed), StatusIs(StatusCode::kFailedPrecondition));
}

TEST(KeyRingTest, OlderKeysOpenButOnlyTheCurrentSeals) {
  std::string old = *KeyRing(MakeKey('a')).Seal("secret");
  KeyRing rotated(MakeKey('b'), {MakeKey('a')});
  EXPECT_EQ(*rotated.Open(old), "secret");
  EXPECT_EQ(SealedKeyId(*rotated.Seal("secret")), MakeKey('b').id());
}

TEST(KeyRingTest, TamperedValueIsDataLoss) {
  KeyRing ring(MakeKey('a'));
  std::string sealed = *ring.Seal("secret");
  sealed[sealed.size() - 6] = sealed[sealed.size() - 6] == 'A' ? 'B' : 'A';
  EXPECT_THAT(ring.Open(sealed), StatusIs(StatusCode::kDataLoss));
  EXPECT_THAT(ring.Open("enc:v1:" + MakeKey('a').id() + ":@@"), StatusIs(StatusCode::kDataLoss));
}

}  // namespace
}  // namespace linea::secrets
