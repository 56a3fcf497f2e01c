#include "incident/incident_write.h"

#include <set>

#include "common/status_macros.h"
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

}  // namespace linea::incident
