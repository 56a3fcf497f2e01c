// src/notify/internal/formats.h: one renderer per channel, called by Render() with a contact
// that passed CheckContact() and the Content of a Notification or a Digest (links filled in).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/result.h"
#include "model/asset.h"
#include "notify/internal/compose.h"
#include "notify/render.h"

namespace linea::notify::internal {

// What every channel renders, whatever the message is about.
struct Content {
  // The human-readable message as sections of lines in a channel's markup, within its limits
  // (ComposeSections or ComposeDigestSections).
  std::function<std::vector<std::vector<std::string>>(const Markup&, const ComposeLimits&)> compose;
  nlohmann::json webhook_body;  // WebhookBody() or DigestWebhookBody()
  std::string idempotency_key;
  std::string link;  // the Teams card's "Open in linea" action; "" = none
  // The e-mail Message-ID when there is no idempotency key: this + "." + the send time.
  std::string fallback_id;
};

// The value of a contact field; "" when absent.
const std::string& FieldOf(const model::Contact& contact, const std::string& name);

Result<OutgoingMessage> RenderWebhook(const model::Contact& contact, const Content& content,
                                      int64_t now);
OutgoingMessage RenderSlack(const model::Contact& contact, const Content& content);
OutgoingMessage RenderTeams(const model::Contact& contact, const Content& content);
OutgoingMessage RenderMattermost(const model::Contact& contact, const Content& content);
OutgoingMessage RenderTelegram(const model::Contact& contact, const Content& content,
                               const RenderOptions& options);
Result<OutgoingMessage> RenderEmail(const model::Contact& contact, const Content& content,
                                    const RenderOptions& options, int64_t now);

// `json` serialized compactly; invalid UTF-8 is replaced rather than thrown on.
std::string DumpJson(const nlohmann::json& json);

}  // namespace linea::notify::internal
