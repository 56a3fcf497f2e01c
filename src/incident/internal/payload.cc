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

std::string EncodeDigestPayload(const notify::Digest& digest) {
  Json j = notify::DigestWebhookBody(digest);
  j["idempotency_key"] = digest.idempotency_key;
  return j.dump();
}

Result<notify::Digest> DecodeDigestPayload(std::string_view json) {
  Json j = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object())
    return InvalidArgumentError("malformed payload: not JSON");
  try {
    if (j.at("type").get<std::string>() != notify::kDigestEvent) {
      return InvalidArgumentError("malformed payload: not a digest");
    }
    notify::Digest d;
    d.team = j.at("team").get<std::string>();
    d.period = j.at("period").get<std::string>();
    for (const Json& m : j.at("models")) {
      notify::DigestModel model{.fqn = m.at("fqn").get<std::string>(),
                                .status = m.at("status").get<std::string>(),
                                .fail = m.at("fail").get<size_t>(),
                                .warn = m.at("warn").get<size_t>(),
                                .success = m.at("success").get<size_t>(),
                                .unmeasured = m.at("unmeasured").get<size_t>(),
                                .url = m.value("url", std::string())};
      for (const Json& f : m.at("features")) {
        model.features.push_back({.fqn = f.at("fqn").get<std::string>(),
                                  .status = f.at("status").get<std::string>(),
                                  .source = f.at("source").get<std::string>(),
                                  .check = f.at("check").get<std::string>(),
                                  .message = f.at("message").get<std::string>()});
      }
      d.models.push_back(std::move(model));
    }
    d.idempotency_key = j.at("idempotency_key").get<std::string>();
    return d;
  } catch (const Json::exception& e) {
    return InvalidArgumentError(std::string("malformed payload: ") + e.what());
  }
}

}  // namespace linea::incident::internal
