#include "notify/message.h"

#include <array>
#include <utility>

namespace linea::notify {
namespace {

constexpr std::array<std::pair<EventType, std::string_view>, 4> kEventNames = {{
    {EventType::kOpened, "incident.opened"},
    {EventType::kAcknowledged, "incident.acknowledged"},
    {EventType::kResolved, "incident.resolved"},
    {EventType::kReminder, "incident.reminder"},
}};

}  // namespace

std::string_view EventTypeName(EventType type) {
  for (const auto& [t, name] : kEventNames) {
    if (t == type) return name;
  }
  return "incident.unknown";
}

std::optional<EventType> ParseEventType(std::string_view name) {
  for (const auto& [t, n] : kEventNames) {
    if (n == name) return t;
  }
  return std::nullopt;
}

nlohmann::json WebhookBody(const Notification& n) {
  nlohmann::json models = nlohmann::json::array();
  for (const AffectedModel& m : n.models) {
    models.push_back({{"fqn", m.fqn}, {"features", m.features}, {"path", m.path}});
  }
  return {
      {"type", EventTypeName(n.type)},
      {"incident",
       {{"id", n.incident.id},
        {"asset", n.incident.asset},
        {"title", n.incident.title},
        {"severity", n.incident.severity},
        {"state", n.incident.state}}},
      {"team", n.team},
      {"models", std::move(models)},
      {"dashboards", n.dashboards},
      {"deployments", n.deployments},
      {"url", n.url},
  };
}

}  // namespace linea::notify
