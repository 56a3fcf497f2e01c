#include "tests/testing/webhook_receiver.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <chrono>

namespace linea::testing {

WebhookReceiver::WebhookReceiver(int port) {
  server_.Post(".*", [this](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mu_);
    received_.push_back({req.path, req.get_header_value("webhook-id"),
                         req.get_header_value("webhook-timestamp"),
                         req.get_header_value("webhook-signature"), req.body});
    res.set_content("ok", "text/plain");
  });
  port_ = port == 0 ? server_.bind_to_any_port("127.0.0.1")
                    : (server_.bind_to_port("127.0.0.1", port) ? port : -1);
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  while (port_ > 0 && !server_.is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

WebhookReceiver::~WebhookReceiver() {
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

std::string WebhookReceiver::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

std::vector<Webhook> WebhookReceiver::received() const {
  std::lock_guard<std::mutex> lock(mu_);
  return received_;
}

std::vector<Webhook> WebhookReceiver::WaitFor(size_t n, int seconds) const {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    if (received().size() >= n) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return received();
}

std::string StandardWebhookSignature(const std::string& secret, const Webhook& hook) {
  const std::string content = hook.id + "." + hook.timestamp + "." + hook.body;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(content.data()), content.size(), mac, &size);
  unsigned char b64[128];
  EVP_EncodeBlock(b64, mac, static_cast<int>(size));
  return "v1," + std::string(reinterpret_cast<char*>(b64));
}

}  // namespace linea::testing
