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

Result<OutgoingMessage> RenderWebhook(const model::Contact& contact, const Content& content,
                                      int64_t now) {
  const std::string& id = content.idempotency_key;
  if (id.empty()) return InvalidArgumentError("webhook notification without an idempotency key");
  for (unsigned char c : id) {
    if (c <= 0x20 || c == 0x7F) {
      return InvalidArgumentError("idempotency key has spaces or control characters");
    }
  }
  OutgoingMessage out;
  out.url = FieldOf(contact, "url");
  out.body = DumpJson(content.webhook_body);
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

namespace {

int64_t NowSeconds(const RenderOptions& options) {
  if (options.clock) return options.clock();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// `content` in the format of `contact`'s channel. REQUIRES: `contact` passed CheckContact().
Result<OutgoingMessage> RenderContent(const model::Contact& contact,
                                      const internal::Content& content,
                                      const RenderOptions& options) {
  const int64_t now = NowSeconds(options);
  const std::string& type = contact.type;
  if (type == "webhook") return internal::RenderWebhook(contact, content, now);
  if (type == "slack") return internal::RenderSlack(contact, content);
  if (type == "msteams") return internal::RenderTeams(contact, content);
  if (type == "mattermost") return internal::RenderMattermost(contact, content);
  if (type == "telegram") return internal::RenderTelegram(contact, content, options);
  return internal::RenderEmail(contact, content, options, now);  // CheckContact allows no other
}

}  // namespace

Result<OutgoingMessage> Render(const model::Contact& contact, const Notification& notification,
                               const RenderOptions& options) {
  if (Status s = contacts::CheckContact(contact); !s.ok()) return s;
  Notification n = notification;
  if (n.url.empty() && !options.public_url.empty()) {
    n.url = AssetUrl(options.public_url, n.incident.asset);
  }
  internal::Content content;
  content.webhook_body = WebhookBody(n);
  content.idempotency_key = n.idempotency_key;
  content.link = n.url;
  content.fallback_id = n.incident.id + "." + std::string(EventTypeName(n.type));
  content.compose = [&n](const internal::Markup& markup, const internal::ComposeLimits& limits) {
    return internal::ComposeSections(n, markup, limits);
  };
  return RenderContent(contact, content, options);
}

Result<OutgoingMessage> Render(const model::Contact& contact, const Digest& digest,
                               const RenderOptions& options) {
  if (Status s = contacts::CheckContact(contact); !s.ok()) return s;
  Digest d = digest;
  for (DigestModel& m : d.models) {
    if (m.url.empty() && !options.public_url.empty()) {
      m.url = ReportUrl(options.public_url, m.fqn, d.period);
    }
  }
  internal::Content content;
  content.webhook_body = DigestWebhookBody(d);
  content.idempotency_key = d.idempotency_key;
  content.fallback_id = "digest." + d.period + "." + d.team;
  content.compose = [&d](const internal::Markup& markup, const internal::ComposeLimits& limits) {
    return internal::ComposeDigestSections(d, markup, limits);
  };
  return RenderContent(contact, content, options);
}

}  // namespace linea::notify
