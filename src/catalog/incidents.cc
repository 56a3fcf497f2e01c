// Incidents, the notification outbox and subscriptions: store reads and the in-memory index of
// unresolved incidents (for "one open incident per asset" and upstream evidence).
#include "catalog/catalog.h"
#include "common/status_macros.h"

namespace linea::catalog {

Status Catalog::LoadIncidents() {
  LINEA_ASSIGN_OR_RETURN(std::vector<model::Incident> all, store_->ListIncidents(""));
  std::unique_lock<std::shared_mutex> write(mu_);
  unresolved_incidents_.clear();
  // Newest first: the first unresolved incident seen for an asset is its current one.
  for (const model::Incident& i : all) {
    if (i.state == "resolved" || unresolved_incidents_.count(i.asset)) continue;
    unresolved_incidents_[i.asset] = {i.id, i.severity, i.state, i.title, i.opened_at};
  }
  return Status();
}

std::optional<std::string> Catalog::UnresolvedIncidentOn(std::string_view fqn) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  auto it = unresolved_incidents_.find(fqn);
  if (it == unresolved_incidents_.end()) return std::nullopt;
  return it->second.id;
}

Result<model::Incident> Catalog::GetIncident(std::string_view id) const {
  LINEA_ASSIGN_OR_RETURN(std::optional<model::Incident> incident, store_->GetIncident(id));
  if (!incident) return NotFoundError("unknown incident " + std::string(id));
  return std::move(*incident);
}

Result<std::vector<model::Incident>> Catalog::ListIncidents(std::string_view state) const {
  return store_->ListIncidents(state);
}

Result<std::vector<model::Delivery>> Catalog::DeliveriesOf(std::string_view incident_id) const {
  return store_->DeliveriesOf(incident_id);
}

Result<std::vector<model::Delivery>> Catalog::PendingDeliveries() const {
  return store_->PendingDeliveries();
}

Result<std::vector<model::Subscription>> Catalog::ListSubscriptions() const {
  return store_->ListSubscriptions();
}

}  // namespace linea::catalog
