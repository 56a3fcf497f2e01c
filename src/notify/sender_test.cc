// Sender over HTTP against real loopback receivers (testing/http_receiver.h).
#include "notify/sender.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "notify/testing/http_receiver.h"
#include "notify/testing/sample.h"

namespace linea::notify {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

// The Standard Webhooks example secret: "whsec_" + base64 of the key bytes.
constexpr char kSecret[] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

// Recomputes the signature as a receiver would, with OpenSSL directly.
std::string ExpectedSignature(const std::string& id, const std::string& timestamp,
                              const std::string& body) {
  const std::string encoded_key = std::string(kSecret).substr(6);
  unsigned char key[64];
  int key_size = EVP_DecodeBlock(key, reinterpret_cast<const unsigned char*>(encoded_key.data()),
                                 static_cast<int>(encoded_key.size()));
  key_size -= static_cast<int>(std::count(encoded_key.end() - 2, encoded_key.end(), '='));
  const std::string content = id + "." + timestamp + "." + body;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  HMAC(EVP_sha256(), key, key_size, reinterpret_cast<const unsigned char*>(content.data()),
       content.size(), mac, &mac_size);
  unsigned char b64[64];
  EVP_EncodeBlock(b64, mac, static_cast<int>(mac_size));
  return "v1," + std::string(reinterpret_cast<char*>(b64));
}

class SenderTest : public ::testing::Test {
 protected:
  OutgoingMessage RenderFor(const model::Contact& contact) {
    RenderOptions options{.public_url = "https://linea.example",
                          .telegram_api_base = receiver_.url("/telegram")};
    Result<OutgoingMessage> out = Render(contact, testing::SampleNotification(), options);
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return out.ok() ? *std::move(out) : OutgoingMessage{};
  }
  OutgoingMessage WebhookTo(const std::string& path) {
    return RenderFor({.type = "webhook", .fields = {{"url", receiver_.url(path)}}});
  }

  testing::HttpReceiver receiver_;
  // The receivers listen on loopback, which is denied unless allowed (address_policy.h).
  Sender sender_{{.connect_timeout_ms = 2000,
                  .total_timeout_ms = 5000,
                  .allowed_targets = *ParseCidrs({"127.0.0.0/8"})}};
};

TEST_F(SenderTest, LoopbackTargetIsRefusedByDefault) {
  Sender strict({.connect_timeout_ms = 2000, .total_timeout_ms = 5000});
  for (const char* channel : {"webhook", "slack", "msteams", "mattermost"}) {
    DeliveryResult result =
        strict.Send(RenderFor({.type = channel, .fields = {{"url", receiver_.url("/hook")}}}));
    EXPECT_FALSE(result.delivered) << channel;
    EXPECT_FALSE(result.retriable) << channel;
    EXPECT_EQ(result.http_status, 0) << channel;
    EXPECT_EQ(result.error,
              "target 127.0.0.1 (loopback) is not allowed; allow it with --notify-allow "
              "127.0.0.1/32")
        << channel;
  }
  DeliveryResult telegram = strict.Send(RenderFor(
      {.type = "telegram", .fields = {{"bot_token", "123456:ABC-def"}, {"chat_id", "-1001"}}}));
  EXPECT_FALSE(telegram.delivered);
  EXPECT_FALSE(telegram.retriable);
  EXPECT_THAT(telegram.error, HasSubstr("(loopback) is not allowed"));
  EXPECT_TRUE(receiver_.requests().empty());  // not one connection got through
}

TEST_F(SenderTest, AllowListedLoopbackIsDelivered) {
  Sender allowing({.connect_timeout_ms = 2000,
                   .total_timeout_ms = 5000,
                   .allowed_targets = *ParseCidrs({"127.0.0.1/32"})});
  DeliveryResult result = allowing.Send(WebhookTo("/hook"));
  EXPECT_TRUE(result.delivered) << result.error;
  EXPECT_EQ(receiver_.requests().size(), 1u);
}

TEST_F(SenderTest, NameResolvingToLoopbackIsRefused) {
  Sender strict({.connect_timeout_ms = 2000, .total_timeout_ms = 5000});
  OutgoingMessage message = WebhookTo("/hook");
  const std::string port = message.url.substr(message.url.rfind(':') + 1);  // "<port>/hook"
  message.url = "http://localhost:" + port;
  DeliveryResult result = strict.Send(message);
  EXPECT_FALSE(result.delivered);
  EXPECT_FALSE(result.retriable);
  EXPECT_EQ(result.http_status, 0);
  // localhost is 127.0.0.1 and ::1; whichever libcurl tries first is refused first.
  EXPECT_THAT(result.error, ::testing::MatchesRegex("target localhost \\((127\\.0\\.0\\.1|::1), "
                                                    "loopback\\) is not allowed; allow it with "
                                                    "--notify-allow (127\\.0\\.0\\.1/32|::1/128)"));
  EXPECT_TRUE(receiver_.requests().empty());
}

TEST_F(SenderTest, MetadataAddressIsRefusedWithoutConnecting) {
  Sender strict({.connect_timeout_ms = 2000, .total_timeout_ms = 5000});
  OutgoingMessage message = WebhookTo("/hook");
  message.url = "http://169.254.169.254/latest/meta-data/";
  DeliveryResult result = strict.Send(message);
  EXPECT_FALSE(result.retriable);
  EXPECT_EQ(result.error,
            "target 169.254.169.254 (link-local) is not allowed; allow it with --notify-allow "
            "169.254.169.254/32");
  // The same address spelled as IPv4-mapped IPv6 is the same target.
  message.url = "http://[::ffff:169.254.169.254]/latest/meta-data/";
  result = strict.Send(message);
  EXPECT_FALSE(result.retriable);
  EXPECT_EQ(result.error,
            "target ::ffff:169.254.169.254 (169.254.169.254, link-local) is not allowed; allow it "
            "with --notify-allow 169.254.169.254/32");
}

TEST_F(SenderTest, ProxyEnvironmentIsIgnored) {
  testing::HttpReceiver proxy;  // would see every request if http_proxy were honoured
  ::setenv("http_proxy", proxy.url("").c_str(), 1);
  ::setenv("HTTP_PROXY", proxy.url("").c_str(), 1);
  ::setenv("all_proxy", proxy.url("").c_str(), 1);
  DeliveryResult result = sender_.Send(WebhookTo("/hook"));
  ::unsetenv("http_proxy");
  ::unsetenv("HTTP_PROXY");
  ::unsetenv("all_proxy");
  EXPECT_TRUE(result.delivered) << result.error;
  EXPECT_EQ(receiver_.requests().size(), 1u);
  EXPECT_TRUE(proxy.requests().empty());
}

TEST_F(SenderTest, SignedWebhookIsDeliveredAndVerifies) {
  OutgoingMessage message = RenderFor(
      {.type = "webhook", .fields = {{"url", receiver_.url("/hook")}, {"secret", kSecret}}});
  DeliveryResult result = sender_.Send(message);
  EXPECT_TRUE(result.delivered) << result.error;
  EXPECT_EQ(result.http_status, 200);
  EXPECT_EQ(result.response, "ok");
  EXPECT_FALSE(result.retriable);
  EXPECT_EQ(result.error, "");

  auto requests = receiver_.requests();
  ASSERT_EQ(requests.size(), 1u);
  const testing::ReceivedRequest& got = requests[0];
  EXPECT_EQ(got.path, "/hook");
  EXPECT_EQ(got.headers.at("content-type"), "application/json");
  EXPECT_EQ(got.headers.at("webhook-id"), "inc-42:scoring:webhook:incident.opened");
  const std::string& timestamp = got.headers.at("webhook-timestamp");
  const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  EXPECT_LE(std::abs(std::stoll(timestamp) - now), 300);  // Standard Webhooks tolerance
  EXPECT_EQ(got.headers.at("webhook-signature"),
            ExpectedSignature(got.headers.at("webhook-id"), timestamp, got.body));
  EXPECT_EQ(Json::parse(got.body), WebhookBody(testing::SampleNotification()));
  EXPECT_EQ(got.headers.count("expect"), 0u);
}

TEST_F(SenderTest, ServerErrorIsRetriable) {
  DeliveryResult result = sender_.Send(WebhookTo("/status/500"));
  EXPECT_FALSE(result.delivered);
  EXPECT_EQ(result.http_status, 500);
  EXPECT_TRUE(result.retriable);
  EXPECT_EQ(result.response, "answer 500");
  EXPECT_EQ(result.error, "receiver answered HTTP 500");
}

TEST_F(SenderTest, TooManyRequestsIsRetriable) {
  DeliveryResult result = sender_.Send(WebhookTo("/status/429"));
  EXPECT_FALSE(result.delivered);
  EXPECT_EQ(result.http_status, 429);
  EXPECT_TRUE(result.retriable);
}

TEST_F(SenderTest, ClientErrorFailsForGoodWithTheResponse) {
  for (int status : {400, 404, 410}) {
    DeliveryResult result = sender_.Send(WebhookTo("/status/" + std::to_string(status)));
    EXPECT_FALSE(result.delivered);
    EXPECT_EQ(result.http_status, status);
    EXPECT_FALSE(result.retriable) << status;
    EXPECT_EQ(result.response, "answer " + std::to_string(status));
    EXPECT_EQ(result.error, "receiver answered HTTP " + std::to_string(status));
  }
}

TEST_F(SenderTest, RedirectsAreNotFollowed) {
  DeliveryResult result = sender_.Send(WebhookTo("/status/302"));
  EXPECT_FALSE(result.delivered);
  EXPECT_EQ(result.http_status, 302);
  EXPECT_FALSE(result.retriable);
  EXPECT_EQ(receiver_.requests().size(), 1u);
}

TEST_F(SenderTest, HangingReceiverTimesOutAsRetriable) {
  Sender quick({.connect_timeout_ms = 1000,
                .total_timeout_ms = 300,
                .allowed_targets = *ParseCidrs({"127.0.0.0/8"})});
  // /hang answers only when the receiver is destroyed; "timed out" proves the budget was kept.
  DeliveryResult result = quick.Send(WebhookTo("/hang"));
  EXPECT_FALSE(result.delivered);
  EXPECT_TRUE(result.retriable);
  EXPECT_EQ(result.http_status, 0);
  EXPECT_THAT(result.error, HasSubstr("timed out"));
}

TEST_F(SenderTest, HangingReceiverDoesNotBlockOtherSends) {
  std::atomic<bool> hung_call_done{false};
  std::thread hung([&] {
    Sender slow({.connect_timeout_ms = 1000,
                 .total_timeout_ms = 3000,
                 .allowed_targets = *ParseCidrs({"127.0.0.0/8"})});
    EXPECT_TRUE(slow.Send(WebhookTo("/hang")).retriable);
    hung_call_done = true;
  });
  while (receiver_.requests().empty()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_TRUE(sender_.Send(WebhookTo("/hook")).delivered);
  EXPECT_FALSE(hung_call_done);  // the other call is still waiting on its receiver
  hung.join();
}

TEST_F(SenderTest, ConnectionRefusedIsRetriable) {
  OutgoingMessage message = WebhookTo("/hook");
  message.url = "http://127.0.0.1:" + std::to_string(testing::ClosedPort()) + "/hook";
  DeliveryResult result = sender_.Send(message);
  EXPECT_FALSE(result.delivered);
  EXPECT_TRUE(result.retriable);
  EXPECT_EQ(result.http_status, 0);
  EXPECT_FALSE(result.error.empty());
}

TEST_F(SenderTest, NonHttpUrlFailsForGood) {
  OutgoingMessage message = WebhookTo("/hook");
  message.url = "file:///etc/passwd";
  DeliveryResult result = sender_.Send(message);
  EXPECT_FALSE(result.delivered);
  EXPECT_FALSE(result.retriable);
  EXPECT_FALSE(result.error.empty());
}

TEST_F(SenderTest, LongResponsesAreCutToOneKibibyte) {
  DeliveryResult result = sender_.Send(WebhookTo("/large"));
  EXPECT_FALSE(result.delivered);
  EXPECT_FALSE(result.retriable);
  EXPECT_EQ(result.http_status, 400);
  EXPECT_EQ(result.response, std::string(1024, 'x'));
}

TEST_F(SenderTest, ChatPayloadsReachTheirReceivers) {
  ASSERT_TRUE(
      sender_.Send(RenderFor({.type = "slack", .fields = {{"url", receiver_.url("/slack")}}}))
          .delivered);
  ASSERT_TRUE(
      sender_.Send(RenderFor({.type = "msteams", .fields = {{"url", receiver_.url("/teams")}}}))
          .delivered);
  ASSERT_TRUE(sender_
                  .Send(RenderFor(
                      {.type = "mattermost", .fields = {{"url", receiver_.url("/mattermost")}}}))
                  .delivered);
  ASSERT_TRUE(
      sender_
          .Send(RenderFor({.type = "telegram",
                           .fields = {{"bot_token", "123456:ABC-def"}, {"chat_id", "-1001"}}}))
          .delivered);
  auto requests = receiver_.requests();
  ASSERT_EQ(requests.size(), 4u);
  EXPECT_EQ(requests[0].path, "/slack");
  EXPECT_TRUE(Json::parse(requests[0].body).contains("blocks"));
  EXPECT_EQ(requests[1].path, "/teams");
  EXPECT_EQ(Json::parse(requests[1].body)["attachments"][0]["content"]["type"], "AdaptiveCard");
  EXPECT_EQ(requests[2].path, "/mattermost");
  EXPECT_THAT(Json::parse(requests[2].body)["text"].get<std::string>(),
              HasSubstr("mlflow_b2c.churn_scoring"));
  EXPECT_EQ(requests[3].path, "/telegram/bot123456:ABC-def/sendMessage");
  Json telegram = Json::parse(requests[3].body);
  EXPECT_EQ(telegram["chat_id"], -1001);
  EXPECT_THAT(telegram["text"].get<std::string>(),
              HasSubstr("path: hive.geo.moves_daily → mlflow_b2c.ltv"));
  for (const auto& request : requests) {
    EXPECT_EQ(request.headers.at("content-type"), "application/json");
    EXPECT_THAT(request.headers.at("user-agent"), ::testing::StartsWith("linea/"));
  }
}

}  // namespace
}  // namespace linea::notify
