#include "store/sqlite/incident_tables.h"

#include <string>
#include <utility>

#include "common/status_macros.h"
#include "store/sqlite/json_columns.h"

namespace linea::store::sqlite_internal {
namespace {

constexpr const char* kUpsertIncident =
    "INSERT INTO incidents(id, asset, title, description, severity, state, resolution, "
    "opened_at, updated_at, reminders, impact_json, timeline) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
    "ON CONFLICT(id) DO UPDATE SET asset = excluded.asset, title = excluded.title, "
    "description = excluded.description, severity = excluded.severity, "
    "state = excluded.state, resolution = excluded.resolution, "
    "opened_at = excluded.opened_at, updated_at = excluded.updated_at, "
    "reminders = excluded.reminders, impact_json = excluded.impact_json, "
    "timeline = excluded.timeline";
constexpr const char* kUpsertDelivery =
    "INSERT INTO deliveries(id, incident_id, event, team, contact_index, channel, state, "
    "attempts, created_at, next_attempt_at, delivered_at, last_status, last_error, payload_json) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
    "ON CONFLICT(id) DO UPDATE SET incident_id = excluded.incident_id, event = excluded.event, "
    "team = excluded.team, contact_index = excluded.contact_index, "
    "channel = excluded.channel, state = excluded.state, attempts = excluded.attempts, "
    "created_at = excluded.created_at, next_attempt_at = excluded.next_attempt_at, "
    "delivered_at = excluded.delivered_at, last_status = excluded.last_status, "
    "last_error = excluded.last_error, payload_json = excluded.payload_json";
constexpr const char* kDeleteSubscription =
    "DELETE FROM subscriptions WHERE subscriber = ?1 AND kind = ?2 AND target = ?3";
// DO NOTHING on the key only: any other constraint failure still fails the Apply.
constexpr const char* kUpsertSubscription =
    "INSERT INTO subscriptions(subscriber, kind, target) VALUES(?1, ?2, ?3) "
    "ON CONFLICT(subscriber, kind, target) DO NOTHING";

// The incident reads share one column list, read by ReadIncidentRow.
constexpr const char* kGetIncident =
    "SELECT id, asset, title, description, severity, state, resolution, opened_at, updated_at, "
    "reminders, impact_json, timeline FROM incidents WHERE id = ?1";
constexpr const char* kListIncidents =
    "SELECT id, asset, title, description, severity, state, resolution, opened_at, updated_at, "
    "reminders, impact_json, timeline FROM incidents ORDER BY opened_at DESC, id";
constexpr const char* kListIncidentsInState =
    "SELECT id, asset, title, description, severity, state, resolution, opened_at, updated_at, "
    "reminders, impact_json, timeline FROM incidents WHERE state = ?1 "
    "ORDER BY opened_at DESC, id";
// The delivery reads share one column list, read by ReadDeliveryRow. The literal
// state = 'pending' lets SQLite use the partial index deliveries_pending.
constexpr const char* kDeliveriesOf =
    "SELECT id, incident_id, event, team, contact_index, channel, state, attempts, created_at, "
    "next_attempt_at, delivered_at, last_status, last_error, payload_json FROM deliveries "
    "WHERE incident_id = ?1 ORDER BY created_at, id";
constexpr const char* kCountPendingDeliveries =
    "SELECT count(*) FROM deliveries WHERE state = 'pending'";
constexpr const char* kPendingDeliveries =
    "SELECT id, incident_id, event, team, contact_index, channel, state, attempts, created_at, "
    "next_attempt_at, delivered_at, last_status, last_error, payload_json FROM deliveries "
    "WHERE state = 'pending' ORDER BY next_attempt_at, id";
constexpr const char* kListSubscriptions =
    "SELECT subscriber, kind, target FROM subscriptions ORDER BY subscriber, kind, target";

Status ReadIncidentRow(const Statement& stmt, model::Incident& incident) {
  incident.id.assign(stmt.Text(0));
  incident.asset.assign(stmt.Text(1));
  incident.title.assign(stmt.Text(2));
  incident.description.assign(stmt.Text(3));
  incident.severity.assign(stmt.Text(4));
  incident.state.assign(stmt.Text(5));
  incident.resolution.assign(stmt.Text(6));
  incident.opened_at = stmt.Int(7);
  incident.updated_at = stmt.Int(8);
  incident.reminders = static_cast<int>(stmt.Int(9));
  incident.impact_json.assign(stmt.Text(10));
  if (!DecodeTimeline(stmt.Text(11), incident.timeline)) {
    return DataLossError("store holds a malformed timeline for incident " + incident.id);
  }
  return Status::OK();
}

void ReadDeliveryRow(const Statement& stmt, model::Delivery& delivery) {
  delivery.id.assign(stmt.Text(0));
  delivery.incident_id.assign(stmt.Text(1));
  delivery.event.assign(stmt.Text(2));
  delivery.team.assign(stmt.Text(3));
  delivery.contact_index = static_cast<int>(stmt.Int(4));
  delivery.channel.assign(stmt.Text(5));
  delivery.state.assign(stmt.Text(6));
  delivery.attempts = static_cast<int>(stmt.Int(7));
  delivery.created_at = stmt.Int(8);
  delivery.next_attempt_at = stmt.Int(9);
  delivery.delivered_at = stmt.Int(10);
  delivery.last_status = static_cast<int>(stmt.Int(11));
  delivery.last_error.assign(stmt.Text(12));
  delivery.payload_json.assign(stmt.Text(13));
}

Result<std::vector<model::Incident>> StepIncidents(Statement& stmt) {
  std::vector<model::Incident> incidents;
  for (;;) {
    LINEA_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return incidents;
    LINEA_RETURN_IF_ERROR(ReadIncidentRow(stmt, incidents.emplace_back()));
  }
}

Result<std::vector<model::Delivery>> StepDeliveries(Statement& stmt) {
  std::vector<model::Delivery> deliveries;
  for (;;) {
    LINEA_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return deliveries;
    ReadDeliveryRow(stmt, deliveries.emplace_back());
  }
}

Status WriteSubscription(Db& db, const char* sql, const model::Subscription& subscription) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(sql));
  stmt->BindText(1, subscription.subscriber);
  stmt->BindText(2, subscription.kind);
  stmt->BindText(3, subscription.target);
  return stmt->Run();
}

}  // namespace

// ---- writes ----

Status UpsertIncident(Db& db, const model::Incident& incident) {
  const std::string timeline = EncodeTimeline(incident.timeline);
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kUpsertIncident));
  stmt->BindText(1, incident.id);
  stmt->BindText(2, incident.asset);
  stmt->BindText(3, incident.title);
  stmt->BindText(4, incident.description);
  stmt->BindText(5, incident.severity);
  stmt->BindText(6, incident.state);
  stmt->BindText(7, incident.resolution);
  stmt->BindInt(8, incident.opened_at);
  stmt->BindInt(9, incident.updated_at);
  stmt->BindInt(10, incident.reminders);
  stmt->BindText(11, incident.impact_json);
  stmt->BindText(12, timeline);
  return stmt->Run();
}

Status UpsertDelivery(Db& db, const model::Delivery& delivery) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kUpsertDelivery));
  stmt->BindText(1, delivery.id);
  stmt->BindText(2, delivery.incident_id);
  stmt->BindText(3, delivery.event);
  stmt->BindText(4, delivery.team);
  stmt->BindInt(5, delivery.contact_index);
  stmt->BindText(6, delivery.channel);
  stmt->BindText(7, delivery.state);
  stmt->BindInt(8, delivery.attempts);
  stmt->BindInt(9, delivery.created_at);
  stmt->BindInt(10, delivery.next_attempt_at);
  stmt->BindInt(11, delivery.delivered_at);
  stmt->BindInt(12, delivery.last_status);
  stmt->BindText(13, delivery.last_error);
  stmt->BindText(14, delivery.payload_json);
  return stmt->Run();
}

Status DeleteSubscription(Db& db, const model::Subscription& subscription) {
  return WriteSubscription(db, kDeleteSubscription, subscription);
}

Status UpsertSubscription(Db& db, const model::Subscription& subscription) {
  return WriteSubscription(db, kUpsertSubscription, subscription);
}

// ---- reads ----

Result<std::optional<model::Incident>> ReadIncident(Db& db, std::string_view id) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kGetIncident));
  stmt->BindText(1, id);
  LINEA_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) return std::optional<model::Incident>();
  model::Incident incident;
  LINEA_RETURN_IF_ERROR(ReadIncidentRow(*stmt, incident));
  return std::optional<model::Incident>(std::move(incident));
}

Result<std::vector<model::Incident>> ReadIncidents(Db& db, std::string_view state) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt,
                         db.Prepare(state.empty() ? kListIncidents : kListIncidentsInState));
  if (!state.empty()) stmt->BindText(1, state);
  return StepIncidents(*stmt);
}

Result<std::vector<model::Delivery>> ReadDeliveriesOf(Db& db, std::string_view incident_id) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kDeliveriesOf));
  stmt->BindText(1, incident_id);
  return StepDeliveries(*stmt);
}

Result<std::vector<model::Delivery>> ReadPendingDeliveries(Db& db) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kPendingDeliveries));
  return StepDeliveries(*stmt);
}

Result<int64_t> CountPendingDeliveries(Db& db) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kCountPendingDeliveries));
  LINEA_ASSIGN_OR_RETURN(bool row, stmt->Step());
  return row ? stmt->Int(0) : 0;
}

Result<std::vector<model::Subscription>> ReadSubscriptions(Db& db) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kListSubscriptions));
  std::vector<model::Subscription> subscriptions;
  for (;;) {
    LINEA_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) return subscriptions;
    model::Subscription& subscription = subscriptions.emplace_back();
    subscription.subscriber.assign(stmt->Text(0));
    subscription.kind.assign(stmt->Text(1));
    subscription.target.assign(stmt->Text(2));
  }
}

}  // namespace linea::store::sqlite_internal
