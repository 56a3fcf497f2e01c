// src/incident/internal/ids.h: incident ids and delivery idempotency keys.
#pragma once

#include <string>
#include <string_view>

#include "common/sha256.h"  // Sha256Hex

namespace linea::incident::internal {

// "inc-" + 12 random lower-case hex digits.
std::string NewIncidentId();

// The idempotency key of one outbox row: Sha256Hex("<incident>|<event key>|<team>|<contact>"),
// where `event_key` is the event name, with "#<n>" appended for the n-th reminder.
std::string DeliveryId(std::string_view incident_id, std::string_view event_key,
                       std::string_view team, int contact_index);

}  // namespace linea::incident::internal
