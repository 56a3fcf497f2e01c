#include "contacts/at_rest.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/base64.h"
#include "common/testing/status_matchers.h"
#include "contacts/contact.h"

namespace linea::contacts {
namespace {

using ::linea::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::StartsWith;

secrets::Key MakeKey(char fill) {
  return *secrets::Key::FromBase64(Base64Encode(std::string(32, fill)));
}

std::vector<model::Contact> Contacts() {
  return {{"webhook", {{"url", "https://u:pw@h.example/x"}, {"secret", "whsec_c2VjcmV0"}}},
          {"telegram", {{"bot_token", "123:TOKEN"}, {"chat_id", "42"}}},
          {"email", {{"address", "ops@example.com"}}}};
}

TEST(SealContactsTest, SealsOnlyCredentialFieldsAndOpensBack) {
  secrets::KeyRing ring(MakeKey('a'));
  std::vector<model::Contact> sealed = *SealContacts(Contacts(), ring);
  EXPECT_THAT(sealed[0].fields["url"], StartsWith("enc:v1:" + MakeKey('a').id() + ":"));
  EXPECT_THAT(sealed[0].fields["secret"], StartsWith("enc:v1:"));
  EXPECT_THAT(sealed[1].fields["bot_token"], StartsWith("enc:v1:"));
  EXPECT_EQ(sealed[1].fields["chat_id"], "42");
  EXPECT_EQ(sealed[2].fields["address"], "ops@example.com");
  std::vector<model::Contact> opened = OpenContacts(sealed, ring);
  for (size_t i = 0; i < opened.size(); ++i) EXPECT_EQ(opened[i].fields, Contacts()[i].fields);
}

TEST(SealContactsTest, WithoutAKeyNothingChanges) {
  std::vector<model::Contact> kept = *SealContacts(Contacts(), secrets::KeyRing());
  EXPECT_EQ(kept[0].fields, Contacts()[0].fields);
}

TEST(OpenContactsTest, UnknownKeyLeavesTheContactUnusableWithAClearReason) {
  std::vector<model::Contact> sealed = *SealContacts(Contacts(), secrets::KeyRing(MakeKey('a')));
  std::vector<model::Contact> opened = OpenContacts(sealed, secrets::KeyRing(MakeKey('b')));
  Status s = ValidateContact(opened[1], 1);
  EXPECT_THAT(s, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(s.message(), HasSubstr("contact 1 (telegram): bot_token is encrypted under key " +
                                     MakeKey('a').id() + ", which this process cannot decrypt"));
}

}  // namespace
}  // namespace linea::contacts
