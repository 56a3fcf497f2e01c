// src/store/incident_store.h: incidents with their timelines, the notification outbox
// (deliveries) and subscriptions (see model/incident.h).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "model/incident.h"
#include "store/write_txn.h"

namespace linea::store {

class IncidentStore {
 public:
  virtual ~IncidentStore() = default;

  // Writes `delta` inside `txn` (order: upsert_incidents, upsert_deliveries,
  // delete_subscriptions, upsert_subscriptions; a delete matches subscriber, kind and target
  // exactly). Errors: kDataLoss, kInternal (`txn` of another backend).
  virtual Status Write(WriteTxn& txn, const model::IncidentDelta& delta) = 0;

  // The incident `id` with its timeline; nullopt when unknown.
  virtual Result<std::optional<model::Incident>> GetIncident(std::string_view id) = 0;
  // Incidents, newest first (opened_at descending, then id ascending); `state` "" = any, else
  // only that state. Timelines and impact_json included.
  virtual Result<std::vector<model::Incident>> ListIncidents(std::string_view state) = 0;
  // The deliveries of one incident, ordered by (created_at, id).
  virtual Result<std::vector<model::Delivery>> DeliveriesOf(std::string_view incident_id) = 0;
  // Every delivery in state "pending", ordered by (next_attempt_at, id).
  virtual Result<std::vector<model::Delivery>> PendingDeliveries() = 0;
  // How many deliveries are in state "pending" (a count: no row is read).
  virtual Result<int64_t> CountPendingDeliveries() = 0;
  // Every subscription, ordered by (subscriber, kind, target).
  virtual Result<std::vector<model::Subscription>> ListSubscriptions() = 0;
};

}  // namespace linea::store
