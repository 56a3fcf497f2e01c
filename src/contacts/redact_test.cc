#include "contacts/redact.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/testing/status_matchers.h"
#include "contacts/contact.h"

namespace linea::contacts {
namespace {

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::HasSubstr;

model::Contact C(std::string type, std::map<std::string, std::string> fields) {
  return {.type = std::move(type), .fields = std::move(fields)};
}

TEST(RedactUrlTest, ChatWebhookShowsOnlySchemeAndHost) {
  EXPECT_EQ(RedactUrl("https://hooks.slack.com/services/T000/B000/XXXXSECRET"),
            "https://hooks.slack.com/[redacted]");
  EXPECT_EQ(RedactUrl("https://acme.webhook.office.com/webhookb2/abc@def/IncomingWebhook/x/y"),
            "https://acme.webhook.office.com/[redacted]");
  EXPECT_EQ(RedactUrl("http://mm.local:8065/hooks/xyz"), "http://mm.local:8065/[redacted]");
}

TEST(RedactUrlTest, GenericWebhookLosesUserinfoPathQueryAndFragment) {
  EXPECT_EQ(RedactUrl("https://user:pw@hooks.example.com/in/tok3n?key=k#frag"),
            "https://hooks.example.com/[redacted]");
  EXPECT_EQ(RedactUrl("https://user:pw@hooks.example.com"), "https://hooks.example.com/[redacted]");
  EXPECT_EQ(RedactUrl("HTTPS://hooks.example.com?k=1"), "https://hooks.example.com/[redacted]");
}

TEST(RedactUrlTest, BareOriginIsKeptAndAnythingElseIsTheMarker) {
  EXPECT_EQ(RedactUrl("https://hooks.example.com"), "https://hooks.example.com");
  EXPECT_EQ(RedactUrl("https://hooks.example.com/"), "https://hooks.example.com");
  EXPECT_EQ(RedactUrl("enc:v1:0123abcd:AAAA"), "[redacted]");
  EXPECT_EQ(RedactUrl("ftp://user:pw@x/y"), "[redacted]");
}

TEST(RedactContactTest, ReplacesCredentialsAndKeepsTheRest) {
  EXPECT_EQ(
      RedactContact(C("webhook", {{"url", "https://h.example/p?t=1"}, {"secret", "s3"}})).fields,
      (std::map<std::string, std::string>{{"url", "https://h.example/[redacted]"},
                                          {"secret", "[redacted]"}}));
  EXPECT_EQ(RedactContact(C("telegram", {{"bot_token", "123:ABC"}, {"chat_id", "@ops"}})).fields,
            (std::map<std::string, std::string>{{"bot_token", "[redacted]"}, {"chat_id", "@ops"}}));
  EXPECT_EQ(RedactContact(C("email", {{"address", "ops@example.com"}})).fields,
            (std::map<std::string, std::string>{{"address", "ops@example.com"}}));
  EXPECT_EQ(
      RedactContact(C("mattermost", {{"url", "https://mm/hooks/x"}, {"username", "bot"}})).fields,
      (std::map<std::string, std::string>{{"url", "https://mm/[redacted]"}, {"username", "bot"}}));
}

TEST(RedactContactTest, IsStable) {
  model::Contact c = C("slack", {{"url", "https://hooks.slack.com/services/A/B/C"}});
  EXPECT_EQ(RedactContact(c).fields, RedactContact(RedactContact(c)).fields);
}

TEST(CheckNotRedactedTest, RefusesARedactedContactNamingTheField) {
  Status s = ValidateContact(C("slack", {{"url", "https://hooks.slack.com/[redacted]"}}), 1);
  EXPECT_THAT(s, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(s.message(), HasSubstr("contact 1 (slack): url is redacted"));
  EXPECT_THAT(ValidateContact(C("webhook", {{"url", "https://h/x"}, {"secret", "[redacted]"}}), 0)
                  .message(),
              HasSubstr("secret is redacted"));
  EXPECT_THAT(
      ValidateContact(C("telegram", {{"bot_token", "[redacted]"}, {"chat_id", "1"}}), 0).message(),
      HasSubstr("bot_token is redacted"));
  EXPECT_THAT(CheckNotRedacted(C("slack", {{"url", "https://hooks.slack.com/services/A"}})),
              IsOk());
}

}  // namespace
}  // namespace linea::contacts
