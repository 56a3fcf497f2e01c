// src/incident/incident_state.h: incidents beside the catalog — the in-memory index of
// unresolved incidents (one per asset; upstream evidence) and the store reads of incidents,
// deliveries and subscriptions.
//
// Kept in step with the catalog through catalog/domain_write.h: IncidentWrite carries a write's
// incident part, Reload() rebuilds the index from the store. Register it with
// Catalog::AddDomain().
//
// Thread safety: all methods may be called concurrently.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/domain_write.h"
#include "common/result.h"
#include "graph/impact.h"
#include "model/incident.h"
#include "store/incident_store.h"

namespace linea::incident {

class IncidentState final : public catalog::DomainState {
 public:
  // Loads the unresolved incidents from `store`, which must outlive the IncidentState.
  static Result<std::unique_ptr<IncidentState>> Load(store::IncidentStore& store);

  // The id of the unresolved (open or acknowledged) incident on `fqn`; nullopt when none.
  std::optional<std::string> UnresolvedOn(std::string_view fqn) const;
  // Evidence that `fqn` may be a cause: an unresolved incident on it ("incident"); empty when
  // none.
  std::vector<graph::Evidence> EvidenceFor(std::string_view fqn) const;
  // Every asset with an unresolved incident, sorted (the lineage view's status colours).
  std::vector<std::string> AssetsWithIncidents() const;

  // Store reads. kNotFound "unknown incident <id>".
  Result<model::Incident> GetIncident(std::string_view id) const;
  // Newest first; `state` "" = any.
  Result<std::vector<model::Incident>> ListIncidents(std::string_view state) const;
  Result<std::vector<model::Delivery>> DeliveriesOf(std::string_view incident_id) const;
  Result<std::vector<model::Delivery>> PendingDeliveries() const;
  // How many deliveries are pending (the outbox backlog), without reading them.
  Result<int64_t> CountPendingDeliveries() const;
  Result<std::vector<model::Subscription>> ListSubscriptions() const;

  // Applies a committed incident part (IncidentWrite::Publish()).
  void Apply(const model::IncidentDelta& delta);

  // ---- catalog::DomainState
  Status Reload() override;

 private:
  explicit IncidentState(store::IncidentStore& store) : store_(store) {}

  struct Unresolved {
    std::string id, severity, state, title;
    int64_t opened_at = 0;
  };

  store::IncidentStore& store_;
  mutable std::shared_mutex mu_;
  std::map<std::string, Unresolved, std::less<>> unresolved_;  // by asset FQN; guarded by mu_
};

}  // namespace linea::incident
