// src/incident/incident_write.h: the incident part of a catalog write (catalog/domain_write.h) —
// incidents with their timelines, deliveries, subscriptions — validated against the catalog as
// the write leaves it, written in the write's transaction, then applied to the IncidentState.
#pragma once

#include "catalog/domain_write.h"
#include "incident/incident_state.h"
#include "model/incident.h"

namespace linea::incident {

class IncidentWrite final : public catalog::DomainWrite {
 public:
  IncidentWrite(IncidentState& state, model::IncidentDelta delta)
      : state_(state), delta_(std::move(delta)) {}

  // Incidents: an id, a known state and severity. Deliveries: an id, an incident, a known
  // state. Subscriptions: a team:/user: subscriber, kind asset|domain|model, an existing target
  // (a model for "model"). Errors: kInvalidArgument, kNotFound (with candidates).
  Status Validate(const catalog::FutureCatalog& future) override;
  Status Write(store::Store& store, store::WriteTxn& txn) override;
  void Publish() override;
  // A scoped writer may change only its teams' subscriptions (catalog::WriteScope::teams).
  Status CheckWriter(const catalog::Writer& writer) const override;
  // "incident inc-… opened, 3 deliveries queued", "2 subscriptions added", …
  std::string AuditDetail() const override;

 private:
  IncidentState& state_;
  model::IncidentDelta delta_;
};

}  // namespace linea::incident
