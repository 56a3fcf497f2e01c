// tests/testing/webhook_receiver.h: a Standard Webhooks receiver on a fixed or free loopback
// port, for end-to-end tests. It records every POST, verifies its signature with OpenSSL as a
// real receiver would, and answers 200 (or `status` when set). It can be started on a port
// the server already uses in contacts, to model a receiver that comes up later.
#pragma once

#include <httplib.h>

#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace linea::testing {

struct Webhook {
  std::string path;
  std::string id;         // webhook-id
  std::string timestamp;  // webhook-timestamp
  std::string signature;  // webhook-signature
  std::string body;
};

class WebhookReceiver {
 public:
  // Listens on 127.0.0.1:`port` (0 = a free one).
  explicit WebhookReceiver(int port = 0);
  ~WebhookReceiver();

  int port() const { return port_; }
  std::string url(const std::string& path) const;
  std::vector<Webhook> received() const;
  // Waits up to `seconds` until at least `n` webhooks arrived; returns what arrived.
  std::vector<Webhook> WaitFor(size_t n, int seconds = 20) const;

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  mutable std::mutex mu_;
  std::vector<Webhook> received_;
};

// "v1," + base64(HMAC-SHA256(secret, "<id>.<timestamp>.<body>")).
std::string StandardWebhookSignature(const std::string& secret, const Webhook& hook);

}  // namespace linea::testing
