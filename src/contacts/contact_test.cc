#include "contacts/contact.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/testing/status_matchers.h"

namespace linea::contacts {
namespace {

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;

model::Contact C(std::string type, std::map<std::string, std::string> fields) {
  return {.type = std::move(type), .fields = std::move(fields)};
}

// The message of ValidateContact(contact, index), which must be kInvalidArgument.
std::string Rejection(const model::Contact& contact, size_t index = 0) {
  Status s = ValidateContact(contact, index);
  EXPECT_THAT(s, StatusIs(StatusCode::kInvalidArgument));
  return s.message();
}

TEST(ValidateContactTest, AcceptsEveryKnownType) {
  EXPECT_THAT(ValidateContact(C("webhook", {{"url", "https://hooks.example/x"}}), 0), IsOk());
  EXPECT_THAT(ValidateContact(C("webhook", {{"url", "http://127.0.0.1:8080/h"},
                                            {"secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}}),
                              0),
              IsOk());
  EXPECT_THAT(ValidateContact(C("webhook", {{"url", "http://h/x"}, {"secret", "plain words"}}), 0),
              IsOk());
  EXPECT_THAT(ValidateContact(C("slack", {{"url", "https://hooks.slack.com/services/T/B/X"}}), 0),
              IsOk());
  EXPECT_THAT(ValidateContact(C("msteams", {{"url", "https://x.webhook.office.com/a"}}), 0),
              IsOk());
  EXPECT_THAT(
      ValidateContact(
          C("mattermost", {{"url", "https://mm.example/hooks/abc"}, {"username", "linea"}}), 0),
      IsOk());
  EXPECT_THAT(
      ValidateContact(
          C("telegram", {{"bot_token", "123456:ABC-def_9"}, {"chat_id", "-1001234567890"}}), 0),
      IsOk());
  EXPECT_THAT(
      ValidateContact(C("telegram", {{"bot_token", "1:A"}, {"chat_id", "@data_alerts"}}), 0),
      IsOk());
  EXPECT_THAT(ValidateContact(C("email", {{"address", "scoring-team@corp.example.com"}}), 0),
              IsOk());
}

TEST(ValidateContactTest, NonHttpUrlNamesIndexTypeAndField) {
  EXPECT_EQ(Rejection(C("slack", {{"url", "ftp://x"}}), 2),
            "contact 2 (slack): url \"ftp://x\" is not an http(s) URL");
  EXPECT_EQ(Rejection(C("webhook", {{"url", "hooks.example/x"}}), 0),
            "contact 0 (webhook): url \"hooks.example/x\" is not an http(s) URL");
  EXPECT_EQ(Rejection(C("msteams", {{"url", "https://"}}), 1),
            "contact 1 (msteams): url \"https://\" is not an http(s) URL");
  EXPECT_EQ(Rejection(C("mattermost", {{"url", "http://h/a b"}}), 3),
            "contact 3 (mattermost): url \"http://h/a b\" is not an http(s) URL");
}

TEST(ValidateContactTest, MissingOrEmptyFields) {
  EXPECT_EQ(Rejection(C("webhook", {{"secret", "s"}}), 0),
            "contact 0 (webhook): missing field \"url\"");
  EXPECT_EQ(Rejection(C("slack", {{"url", ""}}), 4), "contact 4 (slack): missing field \"url\"");
  EXPECT_EQ(Rejection(C("msteams", {}), 0), "contact 0 (msteams): missing field \"url\"");
  EXPECT_EQ(Rejection(C("mattermost", {{"URL", "https://x"}}), 0),
            "contact 0 (mattermost): missing field \"url\"");
  EXPECT_EQ(Rejection(C("telegram", {{"chat_id", "1"}}), 1),
            "contact 1 (telegram): missing field \"bot_token\"");
  EXPECT_EQ(Rejection(C("telegram", {{"bot_token", "1:A"}}), 1),
            "contact 1 (telegram): missing field \"chat_id\"");
  EXPECT_EQ(Rejection(C("email", {}), 5), "contact 5 (email): missing field \"address\"");
  EXPECT_EQ(Rejection(C("", {{"url", "https://x"}}), 6), "contact 6: missing field \"type\"");
}

TEST(ValidateContactTest, InvalidEmailAddresses) {
  for (const char* address :
       {"bob", "bob@localhost", "@corp.example", "bob@", "bob@.example", "bob@example.",
        "bob@ex..ample", "bob smith@corp.example", "a@b@c.example", "<bob@corp.example>",
        "bob@corp.example\r\nBcc: x"}) {
    Status s = ValidateContact(C("email", {{"address", address}}), 1);
    EXPECT_THAT(s, StatusIs(StatusCode::kInvalidArgument)) << address;
    EXPECT_THAT(s.message(), ::testing::StartsWith("contact 1 (email): address \"")) << address;
    EXPECT_THAT(s.message(), ::testing::EndsWith("\" is not a valid email address")) << address;
  }
  EXPECT_EQ(Rejection(C("email", {{"address", "bob smith@corp.example"}}), 1),
            "contact 1 (email): address \"bob smith@corp.example\" is not a valid email address");
  EXPECT_EQ(Rejection(C("email", {{"address", "a@b\nc.d"}}), 0),
            "contact 0 (email): address \"a@b\\nc.d\" is not a valid email address");
}

TEST(ValidateContactTest, UnknownType) {
  EXPECT_EQ(Rejection(C("pagerduty", {{"url", "https://x"}}), 3),
            "contact 3 (pagerduty): unknown type; expected one of webhook, slack, msteams, "
            "mattermost, telegram, email");
  EXPECT_EQ(Rejection(C("Slack", {{"url", "https://x"}}), 0),
            "contact 0 (Slack): unknown type; expected one of webhook, slack, msteams, "
            "mattermost, telegram, email");
}

TEST(ValidateContactTest, BadSecretsAndTelegramFieldsAreNotEchoed) {
  EXPECT_EQ(Rejection(C("webhook", {{"url", "https://x"}, {"secret", "whsec_not base64!"}}), 0),
            "contact 0 (webhook): secret starts with \"whsec_\" but the rest is not valid base64");
  EXPECT_EQ(Rejection(C("telegram", {{"bot_token", "12/../x"}, {"chat_id", "1"}}), 2),
            "contact 2 (telegram): bot_token may hold only letters, digits, ':', '_' and '-'");
  EXPECT_EQ(Rejection(C("telegram", {{"bot_token", "1:A"}, {"chat_id", "alerts"}}), 2),
            "contact 2 (telegram): chat_id \"alerts\" is not a numeric chat id or an @channel "
            "name");
  EXPECT_EQ(Rejection(C("telegram", {{"bot_token", "1:A"}, {"chat_id", "1234567890123456789"}}), 0),
            "contact 0 (telegram): chat_id \"1234567890123456789\" is not a numeric chat id or "
            "an @channel name");
}

TEST(CheckContactTest, PrefixesWithoutIndex) {
  EXPECT_EQ(CheckContact(C("slack", {{"url", "ftp://x"}})).message(),
            "contact (slack): url \"ftp://x\" is not an http(s) URL");
  EXPECT_THAT(CheckContact(C("email", {{"address", "a@b.co"}})), IsOk());
}

}  // namespace
}  // namespace linea::contacts
