// src/incident/internal/payload.h: what Delivery.payload_json keeps — a notify::Notification
// (incident events) or a notify::Digest (event "quality.digest") as its webhook body of
// docs/api.md "Notifications" plus "idempotency_key". Nothing secret is stored: contacts are
// looked up at send time.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "notify/digest.h"
#include "notify/message.h"

namespace linea::incident::internal {

std::string EncodePayload(const notify::Notification& notification);

// The inverse of EncodePayload. kInvalidArgument "malformed payload: …" for anything else.
Result<notify::Notification> DecodePayload(std::string_view json);

std::string EncodeDigestPayload(const notify::Digest& digest);

// The inverse of EncodeDigestPayload (a model's "url" is optional). kInvalidArgument
// "malformed payload: …" for anything else.
Result<notify::Digest> DecodeDigestPayload(std::string_view json);

}  // namespace linea::incident::internal
