#include "notify/render.h"

#include <chrono>

#include "contacts/contact.h"
#include "notify/internal/formats.h"
#include "notify/signature.h"
#include "notify/url.h"

namespace linea::notify {
namespace internal {

const std::string& FieldOf(const model::Contact& contact, const std::string& name) {
  static const std::string kEmpty;
  auto it = contact.fields.find(name);
  return it == contact.fields.end() ? kEmpty : it->second;
}

std::string DumpJson(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<OutgoingMessage> RenderWebhook(const model::Contact& contact, const Notification& n,
                                      int64_t now) {
  const std::string& id = n.idempotency_key;
  if (id.empty()) return InvalidArgumentError("webhook notification without an idempotency key");
  for (unsigned char c : id) {
    if (c <= 0x20 || c == 0x7F) {
      return InvalidArgumentError("idempotency key has spaces or control characters");
    }
  }
  OutgoingMessage out;
  out.url = FieldOf(contact, "url");
  out.body = DumpJson(WebhookBody(n));
  out.headers = {{"Content-Type", "application/json"},
                 {"webhook-id", id},
                 {"webhook-timestamp", std::to_string(now)}};
  if (const std::string& secret = FieldOf(contact, "secret"); !secret.empty()) {
    Result<std::string> signature = SignWebhook(secret, id, now, out.body);
    if (!signature.ok()) return signature.status();
    out.headers["webhook-signature"] = *std::move(signature);
  }
  return out;
}

}  // namespace internal

Result<OutgoingMessage> Render(const model::Contact& contact, const Notification& notification,
                               const RenderOptions& options) {
  if (Status s = contacts::CheckContact(contact); !s.ok()) return s;
  const int64_t now = options.clock ? options.clock()
                                    : std::chrono::duration_cast<std::chrono::seconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count();
  Notification n = notification;
  if (n.url.empty() && !options.public_url.empty()) {
    n.url = AssetUrl(options.public_url, n.incident.asset);
  }
  const std::string& type = contact.type;
  if (type == "webhook") return internal::RenderWebhook(contact, n, now);
  if (type == "slack") return internal::RenderSlack(contact, n);
  if (type == "msteams") return internal::RenderTeams(contact, n);
  if (type == "mattermost") return internal::RenderMattermost(contact, n);
  if (type == "telegram") return internal::RenderTelegram(contact, n, options);
  return internal::RenderEmail(contact, n, options, now);  // CheckContact allows nothing else
}

}  // namespace linea::notify
