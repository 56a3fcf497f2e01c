// src/store/sqlite/incident_tables.h: the queries of the SQLite store's incident tables (schema
// version 4): `incidents` (with their timelines), the `deliveries` outbox and `subscriptions`.
//
// REQUIRES: every call runs inside a transaction the caller holds: a write transaction for the
// writes (DeltaWriter's), at least a read transaction for the reads (SqliteStore::Read).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "model/incident.h"
#include "store/sqlite/sqlite_db.h"

namespace linea::store::sqlite_internal {

// ---- writes
// Inserts or replaces the incident `incident.id`, timeline included.
Status UpsertIncident(Db& db, const model::Incident& incident);
// Inserts or replaces the delivery `delivery.id`.
Status UpsertDelivery(Db& db, const model::Delivery& delivery);
// Removes the subscription; does nothing when it is not stored.
Status DeleteSubscription(Db& db, const model::Subscription& subscription);
// Stores the subscription; does nothing when it is already stored.
Status UpsertSubscription(Db& db, const model::Subscription& subscription);

// ---- reads. A malformed stored timeline is kDataLoss.
// The incident `id`, or nullopt when unknown.
Result<std::optional<model::Incident>> ReadIncident(Db& db, std::string_view id);
// Incidents ordered by opened_at descending, then id; only those in `state` unless it is "".
Result<std::vector<model::Incident>> ReadIncidents(Db& db, std::string_view state);
// The deliveries of `incident_id`, ordered by (created_at, id).
Result<std::vector<model::Delivery>> ReadDeliveriesOf(Db& db, std::string_view incident_id);
// Deliveries in state "pending", ordered by (next_attempt_at, id).
Result<std::vector<model::Delivery>> ReadPendingDeliveries(Db& db);
Result<int64_t> CountPendingDeliveries(Db& db);
// Every subscription, ordered by (subscriber, kind, target).
Result<std::vector<model::Subscription>> ReadSubscriptions(Db& db);

}  // namespace linea::store::sqlite_internal
