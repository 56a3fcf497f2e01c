// src/notify/render.h: turns a Notification (an incident event) or a Digest (a monthly quality
// digest) into the request one contact's channel expects.
//
// Formats (for a Notification every one names the broken asset, each affected model with its
// features and one path, the incident state and Notification::url; for a Digest the team, the
// month, each model with its feature counts, its failing and warning features with their
// messages, and its report link):
//   webhook     POST url, body = WebhookBody() or DigestWebhookBody() (docs/api.md), Standard
//               Webhooks headers webhook-id
//               (= idempotency key), webhook-timestamp, and webhook-signature when the contact
//               has a secret (see signature.h for how the secret becomes the HMAC key)
//   slack       POST url, incoming-webhook payload {"text", "blocks": [section/mrkdwn …]}
//   msteams     POST url, {"type": "message", "attachments": [Adaptive Card 1.4 of TextBlocks]}
//   mattermost  POST url, incoming-webhook payload {"text" (Markdown), "username"?}
//   telegram    POST <telegram_api_base>/bot<bot_token>/sendMessage, {"chat_id", "text"} as
//               plain text (no parse_mode, so nothing needs escaping)
//   email       SMTP, a text/plain UTF-8 RFC 5322 message
// Chat formats list at most 20 models and 25 names per list (features, dashboards,
// deployments; a digest's failing and warning features of a model), then "…and N more";
// webhook and e-mail list everything.
//
// Render right before each delivery attempt: receivers reject a stale webhook-timestamp
// (Standard Webhooks suggests a 5-minute tolerance).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "common/result.h"
#include "model/asset.h"
#include "notify/digest.h"
#include "notify/message.h"

namespace linea::notify {

struct RenderOptions {
  // The UI base URL (--public-url). When Notification::url is empty and this is set, the link
  // is AssetUrl(public_url, incident.asset); a digest's model without a url links to
  // ReportUrl(public_url, model, period). Default: "".
  std::string public_url;
  // Telegram Bot API base; tests point it at a loopback server.
  std::string telegram_api_base = "https://api.telegram.org";
  // Sender of e-mail (--smtp-from): "linea@example.com" or "Linea <linea@example.com>".
  // Required for email contacts.
  std::string smtp_from;
  // Current time in unix seconds, for webhook-timestamp and the e-mail Date. Default (empty):
  // the system clock.
  std::function<int64_t()> clock;
};

enum class Transport { kHttp, kSmtp };

struct OutgoingMessage {
  Transport kind = Transport::kHttp;
  // kHttp: the POST target.
  std::string url;
  // kHttp: request headers, Content-Type included.
  std::map<std::string, std::string> headers;
  // kHttp: the request body. kSmtp: the whole RFC 5322 message (headers, blank line, text),
  // CRLF line endings.
  std::string body;
  // kSmtp: envelope sender and recipient (bare addresses) and the subject as plain text.
  std::string from;
  std::string to;
  std::string subject;
};

// kInvalidArgument when the contact fails CheckContact() (contacts.h) or a webhook
// notification has no idempotency key (or one with spaces or control characters);
// kFailedPrecondition for an email contact without a valid RenderOptions::smtp_from.
Result<OutgoingMessage> Render(const model::Contact& contact, const Notification& notification,
                               const RenderOptions& options);

// The same for a digest. A model without a url links to ReportUrl(options.public_url, model,
// period) when public_url is set, else to nothing. Errors as above (a webhook digest needs an
// idempotency key).
Result<OutgoingMessage> Render(const model::Contact& contact, const Digest& digest,
                               const RenderOptions& options);

}  // namespace linea::notify
