#include "notify/render.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "notify/signature.h"
#include "notify/testing/sample.h"
#include "common/testing/status_matchers.h"

namespace linea::notify {
namespace {

using ::linea::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;
using Json = nlohmann::json;

constexpr int64_t kNow = 1770112800;  // Tue, 03 Feb 2026 10:00:00 UTC

RenderOptions Options() {
  return {.public_url = "https://linea.example",
          .telegram_api_base = "http://127.0.0.1:9/tg/",
          .smtp_from = "Linea <linea@corp.example>",
          .clock = [] { return kNow; }};
}

OutgoingMessage MustRender(const model::Contact& contact,
                           const Notification& n = testing::SampleNotification()) {
  Result<OutgoingMessage> out = Render(contact, n, Options());
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  return out.ok() ? *std::move(out) : OutgoingMessage{};
}

// The human-readable text must name the asset, every model with its features and path, the
// state and the link.
void ExpectNamesEverything(const std::string& text) {
  EXPECT_THAT(text, HasSubstr("hive.geo.moves_daily"));
  EXPECT_THAT(text, HasSubstr("mlflow_b2c.churn_scoring"));
  EXPECT_THAT(text, HasSubstr("mlflow_b2c.ltv"));
  EXPECT_THAT(text, HasSubstr("geo_moves_7d"));
  EXPECT_THAT(text, HasSubstr("home_region"));
  EXPECT_THAT(text, HasSubstr("moves_30d"));
  EXPECT_THAT(text, HasSubstr("hive.geo.moves_daily → hive.geo.moves_weekly → "
                              "mlflow_b2c.churn_scoring"));
  EXPECT_THAT(text, HasSubstr("hive.geo.moves_daily → mlflow_b2c.ltv"));
  EXPECT_THAT(text, HasSubstr("state open"));
  EXPECT_THAT(text, HasSubstr("https://linea.example/assets/hive.geo.moves_daily"));
}

constexpr char kPlainText[] =
    "Incident opened: hive.geo.moves_daily is broken\n"
    "Partition missing (severity high, state open, incident inc-42)\n"
    "\n"
    "Team scoring: 2 affected models\n"
    "- mlflow_b2c.churn_scoring\n"
    "  features: geo_moves_7d, home_region\n"
    "  path: hive.geo.moves_daily → hive.geo.moves_weekly → mlflow_b2c.churn_scoring\n"
    "- mlflow_b2c.ltv\n"
    "  features: moves_30d\n"
    "  path: hive.geo.moves_daily → mlflow_b2c.ltv\n"
    "\n"
    "Dashboards: superset.geo_overview\n"
    "Deployments: seldon.churn_scoring_v3\n"
    "\n"
    "Open in linea: https://linea.example/assets/hive.geo.moves_daily";

TEST(RenderWebhookTest, BodyAndSignedStandardWebhooksHeaders) {
  const Notification n = testing::SampleNotification();
  OutgoingMessage out = MustRender(
      {.type = "webhook", .fields = {{"url", "https://hooks.example/in"}, {"secret", "s3cret"}}});
  EXPECT_EQ(out.kind, Transport::kHttp);
  EXPECT_EQ(out.url, "https://hooks.example/in");
  EXPECT_EQ(Json::parse(out.body), WebhookBody(n));
  EXPECT_EQ(out.headers.at("Content-Type"), "application/json");
  EXPECT_EQ(out.headers.at("webhook-id"), "inc-42:scoring:webhook:incident.opened");
  EXPECT_EQ(out.headers.at("webhook-timestamp"), "1770112800");
  EXPECT_EQ(out.headers.at("webhook-signature"),
            *SignWebhook("s3cret", n.idempotency_key, kNow, out.body));
  EXPECT_EQ(out.headers.size(), 4u);
}

TEST(RenderWebhookTest, NoSecretMeansNoSignature) {
  OutgoingMessage out = MustRender({.type = "webhook", .fields = {{"url", "https://h/x"}}});
  EXPECT_EQ(out.headers.count("webhook-signature"), 0u);
  EXPECT_EQ(out.headers.at("webhook-id"), "inc-42:scoring:webhook:incident.opened");
}

TEST(RenderWebhookTest, NeedsAnIdempotencyKey) {
  Notification n = testing::SampleNotification();
  n.idempotency_key = "";
  model::Contact contact{.type = "webhook", .fields = {{"url", "https://h/x"}}};
  EXPECT_THAT(Render(contact, n, Options()), StatusIs(StatusCode::kInvalidArgument));
  n.idempotency_key = "a\r\nX-Injected: 1";
  EXPECT_THAT(Render(contact, n, Options()), StatusIs(StatusCode::kInvalidArgument));
}

TEST(RenderTest, RejectsInvalidContacts) {
  Result<OutgoingMessage> out = Render({.type = "slack", .fields = {{"url", "ftp://x"}}},
                                       testing::SampleNotification(), Options());
  EXPECT_THAT(out, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(out.status().message(), "contact (slack): url \"ftp://x\" is not an http(s) URL");
}

TEST(RenderTest, BuildsTheLinkFromPublicUrlWhenMissing) {
  Notification n = testing::SampleNotification();
  n.url = "";
  OutgoingMessage out = MustRender({.type = "webhook", .fields = {{"url", "https://h/x"}}}, n);
  EXPECT_EQ(Json::parse(out.body)["url"], "https://linea.example/assets/hive.geo.moves_daily");
}

TEST(RenderSlackTest, IncomingWebhookPayloadWithTextAndSectionBlocks) {
  OutgoingMessage out =
      MustRender({.type = "slack", .fields = {{"url", "https://hooks.slack.com/services/T/B/X"}}});
  EXPECT_EQ(out.url, "https://hooks.slack.com/services/T/B/X");
  EXPECT_EQ(out.headers.at("Content-Type"), "application/json");
  Json body = Json::parse(out.body);
  ASSERT_TRUE(body["text"].is_string());
  ASSERT_TRUE(body["blocks"].is_array());
  ExpectNamesEverything(body["text"]);
  EXPECT_THAT(body["text"].get<std::string>(),
              HasSubstr("<https://linea.example/assets/hive.geo.moves_daily|Open in linea>"));
  std::string blocks_text;
  for (const Json& block : body["blocks"]) {
    EXPECT_EQ(block["type"], "section");
    EXPECT_EQ(block["text"]["type"], "mrkdwn");
    blocks_text += block["text"]["text"].get<std::string>() + "\n";
  }
  ExpectNamesEverything(blocks_text);
  EXPECT_EQ(body["blocks"].size(), 4u);
  EXPECT_EQ(body["blocks"][0]["text"]["text"],
            "*Incident opened: `hive.geo.moves_daily` is broken*\n"
            "Partition missing (severity high, state open, incident inc-42)");
  EXPECT_EQ(body.size(), 2u);
}

TEST(RenderSlackTest, EscapesControlCharactersOfMrkdwn) {
  Notification n = testing::SampleNotification();
  n.incident.title = "<!channel> a & b";
  Json body =
      Json::parse(MustRender({.type = "slack", .fields = {{"url", "https://h/x"}}}, n).body);
  EXPECT_THAT(body["text"].get<std::string>(), HasSubstr("&lt;!channel&gt; a &amp; b"));
  EXPECT_THAT(body["text"].get<std::string>(), Not(HasSubstr("<!channel>")));
}

TEST(RenderTeamsTest, MessageWithAnAdaptiveCard) {
  OutgoingMessage out =
      MustRender({.type = "msteams", .fields = {{"url", "https://x.webhook.office.com/a"}}});
  EXPECT_EQ(out.url, "https://x.webhook.office.com/a");
  Json body = Json::parse(out.body);
  EXPECT_EQ(body["type"], "message");
  ASSERT_EQ(body["attachments"].size(), 1u);
  const Json& attachment = body["attachments"][0];
  EXPECT_EQ(attachment["contentType"], "application/vnd.microsoft.card.adaptive");
  const Json& card = attachment["content"];
  EXPECT_EQ(card["type"], "AdaptiveCard");
  EXPECT_EQ(card["$schema"], "http://adaptivecards.io/schemas/adaptive-card.json");
  EXPECT_EQ(card["version"], "1.4");
  ASSERT_TRUE(card["body"].is_array());
  std::string text;
  for (const Json& block : card["body"]) {
    EXPECT_EQ(block["type"], "TextBlock");
    EXPECT_EQ(block["wrap"], true);
    text += block["text"].get<std::string>() + "\n";
  }
  EXPECT_EQ(card["body"][0]["text"], "Incident opened: hive.geo.moves_daily is broken");
  EXPECT_EQ(card["body"][0]["weight"], "Bolder");
  ExpectNamesEverything(text);
  EXPECT_EQ(card["actions"], Json::parse(R"([{"type": "Action.OpenUrl", "title": "Open in linea",
                             "url": "https://linea.example/assets/hive.geo.moves_daily"}])"));
}

TEST(RenderMattermostTest, IncomingWebhookPayloadWithMarkdownText) {
  OutgoingMessage out =
      MustRender({.type = "mattermost",
                  .fields = {{"url", "https://mm.example/hooks/abc"}, {"username", "linea-bot"}}});
  EXPECT_EQ(out.url, "https://mm.example/hooks/abc");
  Json body = Json::parse(out.body);
  ExpectNamesEverything(body["text"]);
  EXPECT_THAT(body["text"].get<std::string>(),
              HasSubstr("[Open in linea](https://linea.example/assets/hive.geo.moves_daily)"));
  EXPECT_THAT(body["text"].get<std::string>(),
              HasSubstr("**Incident opened: `hive.geo.moves_daily` is broken**"));
  EXPECT_EQ(body["username"], "linea-bot");
  EXPECT_EQ(body.size(), 2u);

  Json plain = Json::parse(
      MustRender({.type = "mattermost", .fields = {{"url", "https://mm.example/hooks/abc"}}}).body);
  EXPECT_FALSE(plain.contains("username"));
}

TEST(RenderTelegramTest, SendMessageOnTheConfiguredBaseWithPlainText) {
  OutgoingMessage out = MustRender(
      {.type = "telegram", .fields = {{"bot_token", "123:ABC"}, {"chat_id", "-100200"}}});
  EXPECT_EQ(out.url, "http://127.0.0.1:9/tg/bot123:ABC/sendMessage");
  Json body = Json::parse(out.body);
  EXPECT_EQ(body["chat_id"], -100200);
  EXPECT_EQ(body["text"], kPlainText);
  EXPECT_FALSE(body.contains("parse_mode"));

  Json channel = Json::parse(
      MustRender({.type = "telegram", .fields = {{"bot_token", "1:A"}, {"chat_id", "@alerts"}}})
          .body);
  EXPECT_EQ(channel["chat_id"], "@alerts");
}

TEST(RenderChatTest, CapsLongModelListsAndSaysHowManyMore) {
  Notification n = testing::SampleNotification();
  n.models.clear();
  for (int i = 0; i < 23; ++i) {
    n.models.push_back({.fqn = "m.model_" + std::to_string(i), .features = {"f"}, .path = {"a"}});
  }
  Json body = Json::parse(
      MustRender({.type = "telegram", .fields = {{"bot_token", "1:A"}, {"chat_id", "1"}}}, n).body);
  const std::string text = body["text"];
  EXPECT_THAT(text, HasSubstr("Team scoring: 23 affected models"));
  EXPECT_THAT(text, HasSubstr("m.model_19\n"));
  EXPECT_THAT(text, Not(HasSubstr("m.model_20")));
  EXPECT_THAT(text, HasSubstr("…and 3 more affected models (see the link)"));
  // The webhook body is never capped.
  Json hook =
      Json::parse(MustRender({.type = "webhook", .fields = {{"url", "https://h/x"}}}, n).body);
  EXPECT_EQ(hook["models"].size(), 23u);
}

TEST(RenderTest, HeadlinePerEvent) {
  Notification n = testing::SampleNotification();
  model::Contact contact{.type = "telegram", .fields = {{"bot_token", "1:A"}, {"chat_id", "1"}}};
  auto headline = [&](EventType type, const std::string& state) {
    n.type = type;
    n.incident.state = state;
    std::string text = Json::parse(MustRender(contact, n).body)["text"];
    return text.substr(0, text.find('\n'));
  };
  EXPECT_EQ(headline(EventType::kAcknowledged, "acknowledged"),
            "Incident acknowledged: hive.geo.moves_daily");
  EXPECT_EQ(headline(EventType::kResolved, "resolved"), "Incident resolved: hive.geo.moves_daily");
  EXPECT_EQ(headline(EventType::kReminder, "acknowledged"),
            "Reminder: incident on hive.geo.moves_daily is still acknowledged");
}

TEST(RenderEmailTest, Rfc5322TextMail) {
  OutgoingMessage out =
      MustRender({.type = "email", .fields = {{"address", "scoring@corp.example"}}});
  EXPECT_EQ(out.kind, Transport::kSmtp);
  EXPECT_EQ(out.from, "linea@corp.example");
  EXPECT_EQ(out.to, "scoring@corp.example");
  EXPECT_EQ(out.subject, "[linea] Incident opened: hive.geo.moves_daily is broken");
  std::string expected_text = kPlainText;
  std::string crlf_text;
  for (char c : expected_text) crlf_text += c == '\n' ? std::string("\r\n") : std::string(1, c);
  EXPECT_EQ(out.body,
            "From: \"Linea\" <linea@corp.example>\r\n"
            "To: scoring@corp.example\r\n"
            "Subject: [linea] Incident opened: hive.geo.moves_daily is broken\r\n"
            "Date: Tue, 03 Feb 2026 10:00:00 +0000\r\n"
            "Message-ID: <linea.inc-42=3Ascoring=3Awebhook=3Aincident=2Eopened@corp.example>\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\n"
            "Auto-Submitted: auto-generated\r\n"
            "\r\n" +
                crlf_text + "\r\n");
}

TEST(RenderEmailTest, EncodesNonAsciiSubjectsAndStripsLineBreaks) {
  Notification n = testing::SampleNotification();
  n.incident.asset = "hive.géo.moves";
  OutgoingMessage out = MustRender({.type = "email", .fields = {{"address", "a@corp.example"}}}, n);
  EXPECT_EQ(out.subject, "[linea] Incident opened: hive.géo.moves is broken");
  EXPECT_THAT(out.body, HasSubstr("Subject: =?UTF-8?B?"));
  EXPECT_THAT(out.body, Not(HasSubstr("Subject: [linea]")));

  n.incident.asset = "evil\r\nBcc: victim@x.example";
  out = MustRender({.type = "email", .fields = {{"address", "a@corp.example"}}}, n);
  const std::string headers = out.body.substr(0, out.body.find("\r\n\r\n"));
  EXPECT_THAT(headers, Not(HasSubstr("\r\nBcc:")));  // no header line of its own
  EXPECT_THAT(out.body, Not(HasSubstr("\r\r")));
  EXPECT_THAT(
      out.body,
      HasSubstr("Subject: [linea] Incident opened: evil  Bcc: victim@x.example is broken\r\n"));
}

TEST(RenderEmailTest, NeedsASenderAddress) {
  RenderOptions options = Options();
  options.smtp_from = "";
  EXPECT_THAT(Render({.type = "email", .fields = {{"address", "a@corp.example"}}},
                     testing::SampleNotification(), options),
              StatusIs(StatusCode::kFailedPrecondition));
  options.smtp_from = "not an address";
  EXPECT_THAT(Render({.type = "email", .fields = {{"address", "a@corp.example"}}},
                     testing::SampleNotification(), options),
              StatusIs(StatusCode::kFailedPrecondition));
}

}  // namespace
}  // namespace linea::notify
