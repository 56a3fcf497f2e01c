#include "incident/incident_write.h"

#include <algorithm>
#include <set>

#include "common/status_macros.h"
#include "common/strings.h"
#include "model/fqn.h"

namespace linea::incident {

Status IncidentWrite::Validate(const catalog::FutureCatalog& future) {
  static const std::set<std::string, std::less<>> kStates = {"open", "acknowledged", "resolved"};
  static const std::set<std::string, std::less<>> kSeverities = {"low", "medium", "high",
                                                                 "critical"};
  static const std::set<std::string, std::less<>> kDeliveryStates = {"pending", "delivered",
                                                                     "failed"};
  static const std::set<std::string, std::less<>> kKinds = {"asset", "domain", "model"};
  for (const model::Incident& i : delta_.upsert_incidents) {
    if (i.id.empty()) return InvalidArgumentError("incident without an id");
    if (!kStates.contains(i.state)) {
      return InvalidArgumentError("incident " + i.id + ": unknown state \"" + i.state + "\"");
    }
    if (!kSeverities.contains(i.severity)) {
      return InvalidArgumentError("incident " + i.id +
                                  ": severity must be low, medium, high or critical, not \"" +
                                  i.severity + "\"");
    }
  }
  for (const model::Delivery& x : delta_.upsert_deliveries) {
    if (x.id.empty() || x.incident_id.empty()) {
      return InvalidArgumentError("delivery without an id or incident");
    }
    if (!kDeliveryStates.contains(x.state)) {
      return InvalidArgumentError("delivery " + x.id + ": unknown state \"" + x.state + "\"");
    }
  }
  for (model::Subscription& s : delta_.upsert_subscriptions) {
    std::string label = "subscription of " + s.subscriber;
    if (s.subscriber.rfind("team:", 0) != 0 && s.subscriber.rfind("user:", 0) != 0) {
      return InvalidArgumentError(label + ": subscriber must be team:<name> or user:<name>");
    }
    if (s.subscriber.size() == 5) return InvalidArgumentError(label + ": empty name");
    if (!kKinds.contains(s.kind)) {
      return InvalidArgumentError(label + ": follow an asset, a domain or a model, not \"" +
                                  s.kind + "\"");
    }
    if (s.target.empty()) return InvalidArgumentError(label + ": empty " + s.kind);
    if (s.kind == "domain") continue;
    Result<std::string> canonical = model::CanonicalFqn(s.target);
    if (!canonical.ok()) return canonical.status().WithPrefix("subscription");
    s.target = std::move(*canonical);
    std::optional<model::AssetKind> kind = future.KindOf(s.target);
    if (!kind) {
      return NotFoundError(label + ": unknown asset " + s.target, future.Suggest(s.target));
    }
    if (s.kind == "model" && *kind != model::AssetKind::kModel) {
      return InvalidArgumentError(label + ": " + s.target + " is a " +
                                  std::string(model::KindName(*kind)) + ", not a model");
    }
  }
  return Status();
}

Status IncidentWrite::Write(store::Store& store, store::WriteTxn& txn) {
  if (delta_.empty()) return Status();
  return store.incidents().Write(txn, delta_);
}

void IncidentWrite::Publish() { state_.Apply(delta_); }

Status IncidentWrite::CheckWriter(const catalog::Writer& writer) const {
  if (!writer.scope) return Status();
  const std::vector<std::string>& teams = writer.scope->teams;
  for (const auto* list : {&delta_.upsert_subscriptions, &delta_.delete_subscriptions}) {
    for (const model::Subscription& s : *list) {
      if (s.subscriber.starts_with("user:")) {  // scopes have no users dimension
        return PermissionDeniedError("token " + writer.name +
                                     " may not change the subscriptions of user " +
                                     s.subscriber.substr(5) +
                                     ": a scoped token changes no users (a writer token without a "
                                     "scope or an admin may)");
      }
      if (s.subscriber.rfind("team:", 0) != 0) continue;
      const std::string team = s.subscriber.substr(5);
      if (std::find(teams.begin(), teams.end(), team) != teams.end()) continue;
      return PermissionDeniedError("token " + writer.name +
                                   " may not change the subscriptions of team " + team +
                                   ": its scope covers teams [" + Join(teams, ", ") + "]");
    }
  }
  return Status();
}

std::string IncidentWrite::AuditDetail() const {
  std::vector<std::string> parts;
  for (const model::Incident& i : delta_.upsert_incidents) {
    if (parts.size() == 3) {
      parts.push_back("…");
      break;
    }
    parts.push_back("incident " + i.id + " " +
                    (i.timeline.empty() ? i.state : i.timeline.back().type));
  }
  auto count = [](size_t n, std::string_view noun, std::string_view what) {
    return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s") + " " +
           std::string(what);
  };
  if (size_t n = delta_.upsert_deliveries.size(); n > 0) {
    parts.push_back(std::to_string(n) + (n == 1 ? " delivery" : " deliveries") + " queued");
  }
  if (!delta_.upsert_subscriptions.empty()) {
    parts.push_back(count(delta_.upsert_subscriptions.size(), "subscription", "added"));
  }
  if (!delta_.delete_subscriptions.empty()) {
    parts.push_back(count(delta_.delete_subscriptions.size(), "subscription", "removed"));
  }
  return Join(parts, ", ");
}

}  // namespace linea::incident
