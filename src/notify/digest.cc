#include "notify/digest.h"

#include <utility>

namespace linea::notify {

nlohmann::json DigestWebhookBody(const Digest& digest) {
  using Json = nlohmann::json;
  Json models = Json::array();
  for (const DigestModel& m : digest.models) {
    Json features = Json::array();
    for (const DigestFeature& f : m.features) {
      features.push_back({{"fqn", f.fqn},
                          {"status", f.status},
                          {"source", f.source},
                          {"check", f.check},
                          {"message", f.message}});
    }
    Json model = {{"fqn", m.fqn},
                  {"status", m.status},
                  {"fail", m.fail},
                  {"warn", m.warn},
                  {"success", m.success},
                  {"unmeasured", m.unmeasured},
                  {"features", std::move(features)}};
    if (!m.url.empty()) model["url"] = m.url;
    models.push_back(std::move(model));
  }
  return {{"type", kDigestEvent},
          {"team", digest.team},
          {"period", digest.period},
          {"models", std::move(models)}};
}

}  // namespace linea::notify
