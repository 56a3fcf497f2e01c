#include "notify/signature.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "common/testing/status_matchers.h"

namespace linea::notify {
namespace {

using ::linea::testing::StatusIs;

// Standard Webhooks' published test vector (used by the reference libraries).
TEST(SignWebhookTest, ReproducesTheStandardWebhooksTestVector) {
  Result<std::string> signature =
      SignWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                  1614265330, R"({"test": 2432232314})");
  ASSERT_TRUE(signature.ok()) << signature.status().ToString();
  EXPECT_EQ(*signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
}

TEST(SignWebhookTest, RawSecretIsUsedAsTheKeyBytes) {
  const std::string content = "id-1.1700000000.{}";
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), "s3cret", 6, reinterpret_cast<const unsigned char*>(content.data()),
       content.size(), mac, &size);
  unsigned char b64[64];
  EVP_EncodeBlock(b64, mac, static_cast<int>(size));
  Result<std::string> signature = SignWebhook("s3cret", "id-1", 1700000000, "{}");
  ASSERT_TRUE(signature.ok());
  EXPECT_EQ(*signature, "v1," + std::string(reinterpret_cast<char*>(b64)));
}

TEST(WebhookKeyTest, DecodesWhsecSecrets) {
  EXPECT_EQ(*WebhookKey("whsec_aGVsbG8="), "hello");
  EXPECT_EQ(*WebhookKey("hello"), "hello");
  EXPECT_THAT(WebhookKey("whsec_"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(WebhookKey("whsec_abc"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(WebhookKey("whsec_ab=c"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(SignWebhook("whsec_!!!!", "id", 1, "{}"), StatusIs(StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace linea::notify
