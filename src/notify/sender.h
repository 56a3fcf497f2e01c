// src/notify/sender.h: delivers one rendered OutgoingMessage over HTTP(S) or SMTP (libcurl).
//
// Outcome rules:
//   HTTP  2xx → delivered. 429, 5xx, timeouts, refused or reset connections, DNS and TLS
//         failures → retriable. Other statuses (3xx are not followed, 4xx) → failed for good,
//         with the response. A malformed URL or a non-http(s) scheme → failed for good.
//   HTTP  a target whose address the AddressPolicy denies (loopback, private, link-local, …
//         unless allowed) → failed for good, nothing sent; the error names host, address,
//         reason and the --notify-allow CIDR that would allow it.
//   SMTP  accepted → delivered. A 5xx reply (e.g. unknown recipient) → failed for good; 4xx
//         replies and network failures → retriable. No smtp_url configured → failed for good.
// HTTP(S) deliveries: the address check runs on every address libcurl connects to, after its
// own DNS resolution (CURLOPT_OPENSOCKETFUNCTION), so DNS rebinding cannot slip past it;
// redirects are never followed; proxies (http_proxy, https_proxy, all_proxy) are not used.
// SMTP goes to the operator's --smtp-url and is not checked.
// A Sender is immutable and thread-safe: each Send() uses its own curl handle, so a receiver
// that hangs holds up only its own call, for at most total_timeout_ms.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "notify/address_policy.h"
#include "notify/render.h"

namespace linea::notify {

struct SenderOptions {
  // Time allowed to connect (TCP and TLS). Default: 5 s.
  int64_t connect_timeout_ms = 5000;
  // Time allowed for the whole call, connecting included. Default: 30 s.
  int64_t total_timeout_ms = 30000;
  // SMTP server (--smtp-url), e.g. "smtp://127.0.0.1:2525" or "smtps://mail.example.com".
  // STARTTLS is used when the server offers it. Default: "" (e-mail cannot be sent).
  std::string smtp_url;
  // SMTP AUTH credentials; empty user = no AUTH.
  std::string smtp_user;
  std::string smtp_password;
  // Special-use ranges HTTP(S) deliveries may reach anyway (--notify-allow). Default: none, so
  // loopback, private, link-local, … targets are refused (address_policy.h).
  std::vector<Cidr> allowed_targets;
};

struct DeliveryResult {
  bool delivered = false;
  // The last status: the HTTP status, or for SMTP the last reply code; 0 when none came.
  int http_status = 0;
  // The first 1 KiB of the response body (HTTP).
  std::string response;
  // Not delivered, and worth trying again later.
  bool retriable = false;
  // Why it was not delivered; "" when delivered.
  std::string error;
};

class Sender {
 public:
  explicit Sender(SenderOptions options);
  Sender(const Sender&) = delete;
  Sender& operator=(const Sender&) = delete;

  // Sends `message` once; never throws. See the outcome rules above.
  DeliveryResult Send(const OutgoingMessage& message) const;

 private:
  DeliveryResult SendHttp(const OutgoingMessage& message) const;
  DeliveryResult SendSmtp(const OutgoingMessage& message) const;

  const SenderOptions options_;
  const AddressPolicy policy_;
};

}  // namespace linea::notify
