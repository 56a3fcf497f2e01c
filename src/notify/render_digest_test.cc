// Render() of a monthly quality digest in the six formats: exact content, links, caps.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/testing/status_matchers.h"
#include "notify/render.h"
#include "notify/signature.h"
#include "notify/testing/sample.h"
#include "notify/url.h"

namespace linea::notify {
namespace {

using ::linea::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;
using Json = nlohmann::json;

constexpr int64_t kNow = 1796119200;  // Tue, 01 Dec 2026 10:00:00 UTC

RenderOptions Options() {
  return {.public_url = "https://linea.example/",
          .telegram_api_base = "http://127.0.0.1:9/tg",
          .smtp_from = "Linea <linea@corp.example>",
          .clock = [] { return kNow; }};
}

OutgoingMessage MustRender(const model::Contact& contact,
                           const Digest& digest = testing::SampleDigest(),
                           const RenderOptions& options = Options()) {
  Result<OutgoingMessage> out = Render(contact, digest, options);
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  return out.ok() ? *std::move(out) : OutgoingMessage{};
}

const model::Contact kWebhook{.type = "webhook",
                              .fields = {{"url", "https://hooks.example/in"}, {"secret", "s3"}}};
const model::Contact kTelegram{.type = "telegram",
                               .fields = {{"bot_token", "123:ABC"}, {"chat_id", "-100200"}}};

constexpr char kChurnReport[] =
    "https://linea.example/api/v1/quality/report/mlflow_b2c.churn_scoring?period=2026-11";
constexpr char kLtvReport[] =
    "https://linea.example/api/v1/quality/report/mlflow_b2c.ltv?period=2026-11";

constexpr char kPlainText[] =
    "Quality digest for 2026-11: team scoring\n"
    "2 models with measured features: 1 failing, 0 warning, 1 stable\n"
    "\n"
    "- mlflow_b2c.churn_scoring: fail (1 fail, 1 warn, 3 success, 2 unmeasured)\n"
    "  fail: home_region — drift on hive.geo.moves_daily.region_id: PSI 0.88 over 10 "
    "reference-decile bins against 6 periods\n"
    "  warn: age — null_rate on hive.crm.users.age: null rate 0.07, +0.06 over the reference "
    "median 0.01\n"
    "  Stability report: https://linea.example/api/v1/quality/report/mlflow_b2c.churn_scoring"
    "?period=2026-11\n"
    "- mlflow_b2c.ltv: success (0 fail, 0 warn, 4 success, 1 unmeasured)\n"
    "  Stability report: https://linea.example/api/v1/quality/report/mlflow_b2c.ltv"
    "?period=2026-11";

// The sample with 23 models, the first with 30 failing features.
Digest LongDigest() {
  Digest d = testing::SampleDigest();
  d.models.clear();
  for (int i = 0; i < 23; ++i) {
    DigestModel m{.fqn = "m.model_" + std::to_string(i), .status = "fail", .fail = 1};
    m.features.push_back({.fqn = m.fqn + ".f",
                          .status = "fail",
                          .source = "t.c",
                          .check = "drift",
                          .message = "PSI 0.5"});
    d.models.push_back(std::move(m));
  }
  d.models[0].features.clear();
  d.models[0].fail = 30;
  for (int f = 0; f < 30; ++f) {
    d.models[0].features.push_back({.fqn = "m.model_0.feature_" + std::to_string(f),
                                    .status = "fail",
                                    .source = "t.c",
                                    .check = "drift",
                                    .message = "PSI 0.5"});
  }
  return d;
}

TEST(DigestWebhookBodyTest, MatchesApiDocument) {
  Digest d = testing::SampleDigest();
  d.models[0].url = "https://x.example/r";
  const Json expected = Json::parse(R"({
    "type": "quality.digest", "team": "scoring", "period": "2026-11",
    "models": [
      {"fqn": "mlflow_b2c.churn_scoring", "status": "fail",
       "fail": 1, "warn": 1, "success": 3, "unmeasured": 2,
       "features": [
         {"fqn": "mlflow_b2c.churn_scoring.home_region", "status": "fail",
          "source": "hive.geo.moves_daily.region_id", "check": "drift",
          "message": "PSI 0.88 over 10 reference-decile bins against 6 periods"},
         {"fqn": "mlflow_b2c.churn_scoring.age", "status": "warn",
          "source": "hive.crm.users.age", "check": "null_rate",
          "message": "null rate 0.07, +0.06 over the reference median 0.01"}],
       "url": "https://x.example/r"},
      {"fqn": "mlflow_b2c.ltv", "status": "success",
       "fail": 0, "warn": 0, "success": 4, "unmeasured": 1, "features": []}]})");
  EXPECT_EQ(DigestWebhookBody(d), expected);
}

TEST(DigestUrlTest, ReportUrlPercentEncodesTheModel) {
  EXPECT_EQ(ReportUrl("https://linea.example/", "mlflow_b2c.ltv", "2026-11"), kLtvReport);
  EXPECT_EQ(ReportUrl("https://l.example", "pg.\"odd name\".m", "2026-01"),
            "https://l.example/api/v1/quality/report/pg.%22odd%20name%22.m?period=2026-01");
}

TEST(RenderDigestWebhookTest, BodyWithReportLinksAndSignedStandardWebhooksHeaders) {
  OutgoingMessage out = MustRender(kWebhook);
  EXPECT_EQ(out.kind, Transport::kHttp);
  EXPECT_EQ(out.url, "https://hooks.example/in");
  Digest expected = testing::SampleDigest();
  expected.models[0].url = kChurnReport;
  expected.models[1].url = kLtvReport;
  EXPECT_EQ(Json::parse(out.body), DigestWebhookBody(expected));
  EXPECT_EQ(out.headers.at("Content-Type"), "application/json");
  EXPECT_EQ(out.headers.at("webhook-id"), "digest-2026-11-scoring-0");
  EXPECT_EQ(out.headers.at("webhook-timestamp"), "1796119200");
  EXPECT_EQ(out.headers.at("webhook-signature"),
            *SignWebhook("s3", "digest-2026-11-scoring-0", kNow, out.body));
  EXPECT_EQ(out.headers.size(), 4u);
}

TEST(RenderDigestWebhookTest, WithoutPublicUrlTheLinksAreLeftOut) {
  RenderOptions options = Options();
  options.public_url = "";
  Json body = Json::parse(MustRender(kWebhook, testing::SampleDigest(), options).body);
  EXPECT_FALSE(body["models"][0].contains("url"));
  EXPECT_FALSE(body["models"][1].contains("url"));
  std::string text =
      Json::parse(MustRender(kTelegram, testing::SampleDigest(), options).body)["text"];
  EXPECT_THAT(text, Not(HasSubstr("Stability report")));
  EXPECT_THAT(text, Not(HasSubstr("http")));
}

TEST(RenderDigestWebhookTest, NeedsAnIdempotencyKey) {
  Digest d = testing::SampleDigest();
  d.idempotency_key = "";
  EXPECT_THAT(Render(kWebhook, d, Options()), StatusIs(StatusCode::kInvalidArgument));
}

TEST(RenderDigestSlackTest, TextAndSectionBlocksInMrkdwn) {
  OutgoingMessage out =
      MustRender({.type = "slack", .fields = {{"url", "https://hooks.slack.com/services/T/B/X"}}});
  EXPECT_EQ(out.url, "https://hooks.slack.com/services/T/B/X");
  Json body = Json::parse(out.body);
  ASSERT_EQ(body["blocks"].size(), 2u);
  EXPECT_EQ(body["blocks"][0]["text"]["text"],
            "*Quality digest for 2026-11: team scoring*\n"
            "2 models with measured features: 1 failing, 0 warning, 1 stable");
  EXPECT_EQ(body["blocks"][1]["text"]["text"],
            "• `mlflow_b2c.churn_scoring`: fail (1 fail, 1 warn, 3 success, 2 unmeasured)\n"
            "  fail: `home_region` — drift on `hive.geo.moves_daily.region_id`: PSI 0.88 over 10 "
            "reference-decile bins against 6 periods\n"
            "  warn: `age` — null_rate on `hive.crm.users.age`: null rate 0.07, +0.06 over the "
            "reference median 0.01\n"
            "  <" +
                std::string(kChurnReport) +
                "|Stability report>\n"
                "• `mlflow_b2c.ltv`: success (0 fail, 0 warn, 4 success, 1 unmeasured)\n"
                "  <" +
                kLtvReport + "|Stability report>");
  EXPECT_EQ(body["text"], body["blocks"][0]["text"]["text"].get<std::string>() + "\n\n" +
                              body["blocks"][1]["text"]["text"].get<std::string>());
}

TEST(RenderDigestSlackTest, EscapesMessagesForMrkdwn) {
  Digest d = testing::SampleDigest();
  d.models[0].features[0].message = "<!channel> a & b";
  std::string text = Json::parse(
      MustRender({.type = "slack", .fields = {{"url", "https://h/x"}}}, d).body)["text"];
  EXPECT_THAT(text, HasSubstr("&lt;!channel&gt; a &amp; b"));
  EXPECT_THAT(text, Not(HasSubstr("<!channel>")));
}

TEST(RenderDigestTeamsTest, AdaptiveCardOfTextBlocksWithoutASingleAction) {
  Json body = Json::parse(
      MustRender({.type = "msteams", .fields = {{"url", "https://x.webhook.office.com/a"}}}).body);
  EXPECT_EQ(body["type"], "message");
  const Json& card = body["attachments"][0]["content"];
  EXPECT_EQ(card["type"], "AdaptiveCard");
  EXPECT_EQ(card["version"], "1.4");
  std::string text;
  for (const Json& block : card["body"]) {
    EXPECT_EQ(block["type"], "TextBlock");
    text += (text.empty() ? "" : "\n") + block["text"].get<std::string>();
  }
  EXPECT_EQ(card["body"][0]["text"], "Quality digest for 2026-11: team scoring");
  EXPECT_EQ(card["body"][0]["weight"], "Bolder");
  EXPECT_EQ(card["body"][2]["spacing"], "Medium");  // the models' section
  std::string expected = kPlainText;
  expected.erase(expected.find("\n\n"), 1);  // one block per line: no blank line
  EXPECT_EQ(text, expected);
  EXPECT_FALSE(card.contains("actions"));  // a link per model, in the text
}

TEST(RenderDigestMattermostTest, MarkdownText) {
  Json body = Json::parse(
      MustRender({.type = "mattermost",
                  .fields = {{"url", "https://mm.example/hooks/abc"}, {"username", "linea-bot"}}})
          .body);
  EXPECT_EQ(body["username"], "linea-bot");
  EXPECT_EQ(body["text"],
            "**Quality digest for 2026-11: team scoring**\n"
            "2 models with measured features: 1 failing, 0 warning, 1 stable\n"
            "\n"
            "- `mlflow_b2c.churn_scoring`: fail (1 fail, 1 warn, 3 success, 2 unmeasured)\n"
            "  fail: `home_region` — drift on `hive.geo.moves_daily.region_id`: PSI 0.88 over 10 "
            "reference-decile bins against 6 periods\n"
            "  warn: `age` — null\\_rate on `hive.crm.users.age`: null rate 0.07, +0.06 over the "
            "reference median 0.01\n"
            "  [Stability report](" +
                std::string(kChurnReport) +
                ")\n"
                "- `mlflow_b2c.ltv`: success (0 fail, 0 warn, 4 success, 1 unmeasured)\n"
                "  [Stability report](" +
                kLtvReport + ")");
}

TEST(RenderDigestTelegramTest, PlainText) {
  OutgoingMessage out = MustRender(kTelegram);
  EXPECT_EQ(out.url, "http://127.0.0.1:9/tg/bot123:ABC/sendMessage");
  Json body = Json::parse(out.body);
  EXPECT_EQ(body["chat_id"], -100200);
  EXPECT_EQ(body["text"], kPlainText);
  EXPECT_FALSE(body.contains("parse_mode"));
}

TEST(RenderDigestTest, AUserIsNamedAsSuch) {
  Digest d = testing::SampleDigest();
  d.team = "user:alice";
  std::string text = Json::parse(MustRender(kTelegram, d).body)["text"];
  EXPECT_EQ(text.substr(0, text.find('\n')), "Quality digest for 2026-11: user:alice");
}

TEST(RenderDigestEmailTest, Rfc5322TextMail) {
  OutgoingMessage out =
      MustRender({.type = "email", .fields = {{"address", "scoring@corp.example"}}});
  EXPECT_EQ(out.kind, Transport::kSmtp);
  EXPECT_EQ(out.from, "linea@corp.example");
  EXPECT_EQ(out.to, "scoring@corp.example");
  EXPECT_EQ(out.subject, "[linea] Quality digest for 2026-11: team scoring");
  std::string crlf_text;
  for (const char* c = kPlainText; *c; ++c)
    crlf_text += *c == '\n' ? std::string("\r\n") : std::string(1, *c);
  EXPECT_EQ(out.body,
            "From: \"Linea\" <linea@corp.example>\r\n"
            "To: scoring@corp.example\r\n"
            "Subject: [linea] Quality digest for 2026-11: team scoring\r\n"
            "Date: Tue, 01 Dec 2026 10:00:00 +0000\r\n"
            "Message-ID: <linea.digest-2026-11-scoring-0@corp.example>\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\n"
            "Auto-Submitted: auto-generated\r\n"
            "\r\n" +
                crlf_text + "\r\n");
}

TEST(RenderDigestChatTest, CapsModelsAndFeaturesAndSaysHowManyMore) {
  const Digest d = LongDigest();
  const model::Contact mattermost{.type = "mattermost", .fields = {{"url", "https://mm/x"}}};
  std::string text = Json::parse(MustRender(mattermost, d).body)["text"];
  EXPECT_THAT(text, HasSubstr("23 models with measured features: 23 failing, 0 warning, 0 stable"));
  EXPECT_THAT(text, HasSubstr("\n  fail: `feature_24` — drift on `t.c`: PSI 0.5\n"));
  EXPECT_THAT(text, Not(HasSubstr("feature_25")));
  EXPECT_THAT(text, HasSubstr("\n  …and 5 more failing or warning features (see the report)\n"));
  EXPECT_THAT(text, HasSubstr("\n- `m.model_19`: fail (1 fail, 0 warn, 0 success, 0 unmeasured)"));
  EXPECT_THAT(text, Not(HasSubstr("m.model_20")));
  EXPECT_TRUE(text.ends_with("\n…and 3 more models")) << text;
  std::string slack = Json::parse(
      MustRender({.type = "slack", .fields = {{"url", "https://h/x"}}}, d).body)["text"];
  EXPECT_TRUE(slack.ends_with("\n…and 3 more models")) << slack;
  // Telegram's 4,096 bytes end it before that, at a character boundary.
  std::string telegram = Json::parse(MustRender(kTelegram, d).body)["text"];
  EXPECT_LE(telegram.size(), 4096u);
  EXPECT_TRUE(telegram.ends_with("…")) << telegram;
  // The webhook body and the e-mail list everything.
  Json hook = Json::parse(MustRender(kWebhook, d).body);
  ASSERT_EQ(hook["models"].size(), 23u);
  EXPECT_EQ(hook["models"][0]["features"].size(), 30u);
  OutgoingMessage mail =
      MustRender({.type = "email", .fields = {{"address", "a@corp.example"}}}, d);
  EXPECT_THAT(mail.body, HasSubstr("feature_29"));
  EXPECT_THAT(mail.body, HasSubstr("m.model_22"));
  EXPECT_THAT(mail.body, Not(HasSubstr("more models")));
}

}  // namespace
}  // namespace linea::notify
