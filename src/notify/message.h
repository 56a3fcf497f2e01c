// src/notify/message.h: the content of one notification, independent of the channel.
//
// A Notification tells one team about one incident event. Routing (who gets which
// Notification) and the outbox live elsewhere; this library renders and delivers one.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace linea::notify {

enum class EventType { kOpened, kAcknowledged, kResolved, kReminder };

// "incident.opened", "incident.acknowledged", "incident.resolved", "incident.reminder".
std::string_view EventTypeName(EventType type);
// The inverse of EventTypeName; nullopt for any other text.
std::optional<EventType> ParseEventType(std::string_view name);

struct IncidentSummary {
  std::string id;
  std::string asset;  // FQN of the broken asset
  std::string title;
  std::string severity;  // e.g. "high"
  std::string state;     // "open", "acknowledged", "resolved"
};

// One affected model of the team, as frozen in the incident's impact.
struct AffectedModel {
  std::string fqn;
  std::vector<std::string> features;  // the features hit
  std::vector<std::string> path;      // one shortest path, broken asset first
};

struct Notification {
  EventType type = EventType::kOpened;
  IncidentSummary incident;
  std::string team;
  std::vector<AffectedModel> models;
  std::vector<std::string> dashboards;   // FQNs
  std::vector<std::string> deployments;  // FQNs
  // Link to the broken asset in the UI; see AssetUrl() in notify/url.h.
  std::string url;
  // Stable per (incident, team, channel, event): the same key on every retry. Sent as the
  // webhook `webhook-id` and used in the e-mail Message-ID. Printable ASCII, no spaces.
  std::string idempotency_key;
};

// The webhook body of docs/api.md "Notifications":
// {"type", "incident": {"id", "asset", "title", "severity", "state"}, "team",
//  "models": [{"fqn", "features", "path"}], "dashboards", "deployments", "url"}.
nlohmann::json WebhookBody(const Notification& notification);

}  // namespace linea::notify
