#include "notify/signature.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdlib>

#include "common/strings.h"
#include "common/base64.h"

namespace linea::notify {

Result<std::string> WebhookKey(std::string_view secret) {
  if (!StartsWith(secret, "whsec_")) return std::string(secret);
  std::optional<std::string> key = Base64Decode(secret.substr(6));
  if (!key) return InvalidArgumentError("webhook secret \"whsec_…\" is not valid base64");
  return *std::move(key);
}

Result<std::string> SignWebhook(std::string_view secret, std::string_view id, int64_t timestamp,
                                std::string_view body) {
  Result<std::string> key = WebhookKey(secret);
  if (!key.ok()) return key.status();
  std::string content = std::string(id) + "." + std::to_string(timestamp) + "." + std::string(body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  if (HMAC(EVP_sha256(), key->data(), static_cast<int>(key->size()),
           reinterpret_cast<const unsigned char*>(content.data()), content.size(), mac,
           &mac_size) == nullptr) {
    std::abort();  // HMAC-SHA256 is always available in OpenSSL's default provider
  }
  return "v1," +
         Base64Encode(std::string_view(reinterpret_cast<const char*>(mac), mac_size));
}

}  // namespace linea::notify
