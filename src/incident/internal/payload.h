// src/incident/internal/payload.h: a notify::Notification as the JSON kept in
// Delivery.payload_json — the webhook body of docs/api.md "Notifications" plus "idempotency_key".
// Nothing secret is stored: contacts are looked up at send time.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "notify/message.h"

namespace linea::incident::internal {

std::string EncodePayload(const notify::Notification& notification);

// The inverse of EncodePayload. kInvalidArgument "malformed payload: …" for anything else.
Result<notify::Notification> DecodePayload(std::string_view json);

}  // namespace linea::incident::internal
