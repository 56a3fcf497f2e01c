#include "incident/internal/payload.h"

#include <nlohmann/json.hpp>
#include <optional>

namespace linea::incident::internal {

using Json = nlohmann::json;

std::string EncodePayload(const notify::Notification& notification) {
  Json j = notify::WebhookBody(notification);
  j["idempotency_key"] = notification.idempotency_key;
  return j.dump();
}

Result<notify::Notification> DecodePayload(std::string_view json) {
  Json j = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object())
    return InvalidArgumentError("malformed payload: not JSON");
  try {
    notify::Notification n;
    std::optional<notify::EventType> type = notify::ParseEventType(j.at("type").get<std::string>());
    if (!type) return InvalidArgumentError("malformed payload: unknown type");
    n.type = *type;
    const Json& incident = j.at("incident");
    n.incident = {.id = incident.at("id").get<std::string>(),
                  .asset = incident.at("asset").get<std::string>(),
                  .title = incident.at("title").get<std::string>(),
                  .severity = incident.at("severity").get<std::string>(),
                  .state = incident.at("state").get<std::string>()};
    n.team = j.at("team").get<std::string>();
    for (const Json& m : j.at("models")) {
      n.models.push_back({.fqn = m.at("fqn").get<std::string>(),
                          .features = m.at("features").get<std::vector<std::string>>(),
                          .path = m.at("path").get<std::vector<std::string>>()});
    }
    n.dashboards = j.at("dashboards").get<std::vector<std::string>>();
    n.deployments = j.at("deployments").get<std::vector<std::string>>();
    n.url = j.at("url").get<std::string>();
    n.idempotency_key = j.at("idempotency_key").get<std::string>();
    return n;
  } catch (const Json::exception& e) {
    return InvalidArgumentError(std::string("malformed payload: ") + e.what());
  }
}

}  // namespace linea::incident::internal
