// src/notify/internal/formats.h: one renderer per channel, called by Render() with a contact
// that passed CheckContact() and a Notification whose url is filled in.
#pragma once

#include <cstdint>

#include "common/result.h"
#include "model/asset.h"
#include "notify/message.h"
#include "notify/render.h"

namespace linea::notify::internal {

// The value of a contact field; "" when absent.
const std::string& FieldOf(const model::Contact& contact, const std::string& name);

Result<OutgoingMessage> RenderWebhook(const model::Contact& contact, const Notification& n,
                                      int64_t now);
OutgoingMessage RenderSlack(const model::Contact& contact, const Notification& n);
OutgoingMessage RenderTeams(const model::Contact& contact, const Notification& n);
OutgoingMessage RenderMattermost(const model::Contact& contact, const Notification& n);
OutgoingMessage RenderTelegram(const model::Contact& contact, const Notification& n,
                               const RenderOptions& options);
Result<OutgoingMessage> RenderEmail(const model::Contact& contact, const Notification& n,
                                    const RenderOptions& options, int64_t now);

// `json` serialized compactly; invalid UTF-8 is replaced rather than thrown on.
std::string DumpJson(const nlohmann::json& json);

}  // namespace linea::notify::internal
