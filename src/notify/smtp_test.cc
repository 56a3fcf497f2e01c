// Sender over SMTP against a loopback SMTP receiver (testing/smtp_receiver.h).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "notify/sender.h"
#include "notify/testing/http_receiver.h"
#include "notify/testing/sample.h"
#include "notify/testing/smtp_receiver.h"

namespace linea::notify {
namespace {

using ::testing::HasSubstr;

OutgoingMessage Mail(const std::string& to) {
  RenderOptions options{.smtp_from = "Linea <linea@corp.example>"};
  Result<OutgoingMessage> out = Render({.type = "email", .fields = {{"address", to}}},
                                       testing::SampleNotification(), options);
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  return out.ok() ? *std::move(out) : OutgoingMessage{};
}

SenderOptions SmtpOptions(const std::string& url) {
  return {.connect_timeout_ms = 2000, .total_timeout_ms = 5000, .smtp_url = url};
}

TEST(SmtpSenderTest, MailArrivesWithEnvelopeHeadersAndContent) {
  testing::SmtpReceiver smtp;
  Sender sender(SmtpOptions(smtp.url()));
  DeliveryResult result = sender.Send(Mail("scoring@corp.example"));
  EXPECT_TRUE(result.delivered) << result.error;
  EXPECT_EQ(result.http_status, 250);
  EXPECT_FALSE(result.retriable);

  auto mails = smtp.mails();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].mail_from, "<linea@corp.example>");
  EXPECT_THAT(mails[0].rcpt_to, ::testing::ElementsAre("<scoring@corp.example>"));
  const std::string& data = mails[0].data;
  EXPECT_THAT(data, HasSubstr("\r\nTo: scoring@corp.example\r\n"));
  EXPECT_THAT(
      data, HasSubstr("\r\nSubject: [linea] Incident opened: hive.geo.moves_daily is broken\r\n"));
  EXPECT_THAT(data, ::testing::StartsWith("From: \"Linea\" <linea@corp.example>\r\n"));
  EXPECT_THAT(data, HasSubstr("\r\n- mlflow_b2c.churn_scoring\r\n"));
  EXPECT_THAT(data, HasSubstr("  features: geo_moves_7d, home_region\r\n"));
  EXPECT_THAT(data, HasSubstr("  path: hive.geo.moves_daily → hive.geo.moves_weekly → "
                              "mlflow_b2c.churn_scoring\r\n"));
  EXPECT_THAT(data, HasSubstr("(severity high, state open, incident inc-42)"));
  EXPECT_THAT(data, HasSubstr("Open in linea: https://linea.example/assets/hive.geo.moves_daily"));
}

TEST(SmtpSenderTest, LeadingDotsSurviveTransparency) {
  testing::SmtpReceiver smtp;
  Sender sender(SmtpOptions(smtp.url()));
  OutgoingMessage mail = Mail("a@corp.example");
  mail.body += ".hidden line\r\n.\r\nafter\r\n";
  ASSERT_TRUE(sender.Send(mail).delivered);
  ASSERT_EQ(smtp.mails().size(), 1u);
  EXPECT_THAT(smtp.mails()[0].data, ::testing::EndsWith("\r\n.hidden line\r\n.\r\nafter\r\n"));
}

TEST(SmtpSenderTest, PermanentRejectionIsNotRetriable) {
  testing::SmtpReceiver smtp("550 5.1.1 no such user");
  Sender sender(SmtpOptions(smtp.url()));
  DeliveryResult result = sender.Send(Mail("nobody@corp.example"));
  EXPECT_FALSE(result.delivered);
  EXPECT_EQ(result.http_status, 550);
  EXPECT_FALSE(result.retriable);
  EXPECT_FALSE(result.error.empty());
  EXPECT_TRUE(smtp.mails().empty());
}

TEST(SmtpSenderTest, TemporaryRejectionIsRetriable) {
  testing::SmtpReceiver smtp("451 4.3.0 try again later");
  Sender sender(SmtpOptions(smtp.url()));
  DeliveryResult result = sender.Send(Mail("a@corp.example"));
  EXPECT_FALSE(result.delivered);
  EXPECT_EQ(result.http_status, 451);
  EXPECT_TRUE(result.retriable);
}

TEST(SmtpSenderTest, ServerDownIsRetriable) {
  Sender sender(SmtpOptions("smtp://127.0.0.1:" + std::to_string(testing::ClosedPort())));
  DeliveryResult result = sender.Send(Mail("a@corp.example"));
  EXPECT_FALSE(result.delivered);
  EXPECT_TRUE(result.retriable);
}

TEST(SmtpSenderTest, NoSmtpServerConfiguredFailsForGood) {
  Sender sender(SenderOptions{});
  DeliveryResult result = sender.Send(Mail("a@corp.example"));
  EXPECT_FALSE(result.delivered);
  EXPECT_FALSE(result.retriable);
  EXPECT_EQ(result.error, "no SMTP server configured (--smtp-url)");
}

}  // namespace
}  // namespace linea::notify
