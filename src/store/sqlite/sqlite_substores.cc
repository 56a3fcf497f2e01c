#include "store/sqlite/sqlite_substores.h"

#include "store/sqlite/audit_table.h"
#include "store/sqlite/connector_tables.h"
#include "store/sqlite/delta_writer.h"
#include "store/sqlite/incident_tables.h"
#include "store/sqlite/openlineage_tables.h"
#include "store/sqlite/quality_tables.h"
#include "store/sqlite/sqlite_reader.h"
#include "store/sqlite/token_table.h"

namespace linea::store::sqlite_internal {

// ---------------------------------------------------------------- lineage

Status SqliteLineageStore::Write(WriteTxn& txn, const model::Delta& delta) {
  LINEA_ASSIGN_OR_RETURN(SqliteWriteTxn * mine, core_.Own(txn));
  DeltaWriter writer(mine->db(), mine->now(), core_.key_ring());
  return writer.Write(delta);
}

Status SqliteLineageStore::Load(LoadVisitor& visitor) {
  return core_
      .Read<bool>([&](Db& db) -> Result<bool> {
        LINEA_RETURN_IF_ERROR(Reader(db, core_.key_ring()).Load(visitor));
        return true;
      })
      .status();
}

Result<std::optional<model::Asset>> SqliteLineageStore::GetAsset(std::string_view fqn) {
  return core_.Read<std::optional<model::Asset>>([&](Db& db) { return Reader(db).GetAsset(fqn); });
}

Result<std::vector<model::Asset>> SqliteLineageStore::ListAssets() {
  return core_.Read<std::vector<model::Asset>>([](Db& db) { return Reader(db).ListAssets(); });
}

Result<std::vector<model::Edge>> SqliteLineageStore::ListEdges() {
  return core_.Read<std::vector<model::Edge>>([](Db& db) { return Reader(db).ListEdges(); });
}

Result<std::vector<model::Edge>> SqliteLineageStore::EdgesOfProvenance(
    std::string_view provenance) {
  return core_.Read<std::vector<model::Edge>>(
      [&](Db& db) { return Reader(db).EdgesOfProvenance(provenance); });
}

Result<std::vector<model::Team>> SqliteLineageStore::ListTeams() {
  return core_.Read<std::vector<model::Team>>(
      [&](Db& db) { return Reader(db, core_.key_ring()).ListTeams(); });
}

Result<std::vector<model::User>> SqliteLineageStore::ListUsers() {
  return core_.Read<std::vector<model::User>>(
      [&](Db& db) { return Reader(db, core_.key_ring()).ListUsers(); });
}

// ---------------------------------------------------------------- runs

Status SqliteRunStore::Write(WriteTxn& txn, const model::RunDelta& delta) {
  LINEA_ASSIGN_OR_RETURN(SqliteWriteTxn * mine, core_.Own(txn));
  Db& db = mine->db();
  for (const model::Alias& alias : delta.upsert_aliases) {
    LINEA_RETURN_IF_ERROR(UpsertAlias(db, alias));
  }
  for (const model::RunRecord& run : delta.upsert_runs) LINEA_RETURN_IF_ERROR(UpsertRun(db, run));
  for (const model::RawEvent& event : delta.append_events) {
    LINEA_RETURN_IF_ERROR(AppendEvent(db, event, mine->now()));
  }
  return Status::OK();
}

Result<std::vector<model::Alias>> SqliteRunStore::ListAliases() {
  return core_.Read<std::vector<model::Alias>>([](Db& db) { return ReadAliases(db); });
}

Result<std::vector<model::RunRecord>> SqliteRunStore::ListRuns() {
  return core_.Read<std::vector<model::RunRecord>>([](Db& db) { return ReadRuns(db); });
}

Result<bool> SqliteRunStore::HasEvent(std::string_view hash) {
  return core_.Read<bool>([&](Db& db) { return EventLogged(db, hash); });
}

Result<std::vector<std::pair<int64_t, model::RawEvent>>> SqliteRunStore::ListEvents(int64_t after,
                                                                                    size_t limit) {
  return core_.Read<std::vector<std::pair<int64_t, model::RawEvent>>>(
      [&](Db& db) { return ReadEvents(db, after, limit); });
}

Result<int64_t> SqliteRunStore::CountEvents() {
  return core_.Read<int64_t>([](Db& db) { return CountLoggedEvents(db); });
}

// ---------------------------------------------------------------- incidents

Status SqliteIncidentStore::Write(WriteTxn& txn, const model::IncidentDelta& delta) {
  LINEA_ASSIGN_OR_RETURN(SqliteWriteTxn * mine, core_.Own(txn));
  Db& db = mine->db();
  for (const model::Incident& incident : delta.upsert_incidents) {
    LINEA_RETURN_IF_ERROR(UpsertIncident(db, incident));
  }
  for (const model::Delivery& delivery : delta.upsert_deliveries) {
    LINEA_RETURN_IF_ERROR(UpsertDelivery(db, delivery));
  }
  for (const model::Subscription& subscription : delta.delete_subscriptions) {
    LINEA_RETURN_IF_ERROR(DeleteSubscription(db, subscription));
  }
  for (const model::Subscription& subscription : delta.upsert_subscriptions) {
    LINEA_RETURN_IF_ERROR(UpsertSubscription(db, subscription));
  }
  return Status::OK();
}

Result<std::optional<model::Incident>> SqliteIncidentStore::GetIncident(std::string_view id) {
  return core_.Read<std::optional<model::Incident>>([&](Db& db) { return ReadIncident(db, id); });
}

Result<std::vector<model::Incident>> SqliteIncidentStore::ListIncidents(std::string_view state) {
  return core_.Read<std::vector<model::Incident>>([&](Db& db) { return ReadIncidents(db, state); });
}

Result<std::vector<model::Delivery>> SqliteIncidentStore::DeliveriesOf(
    std::string_view incident_id) {
  return core_.Read<std::vector<model::Delivery>>(
      [&](Db& db) { return ReadDeliveriesOf(db, incident_id); });
}

Result<std::vector<model::Delivery>> SqliteIncidentStore::PendingDeliveries() {
  return core_.Read<std::vector<model::Delivery>>([](Db& db) { return ReadPendingDeliveries(db); });
}

Result<int64_t> SqliteIncidentStore::CountPendingDeliveries() {
  return core_.Read<int64_t>([](Db& db) { return sqlite_internal::CountPendingDeliveries(db); });
}

Result<std::vector<model::Subscription>> SqliteIncidentStore::ListSubscriptions() {
  return core_.Read<std::vector<model::Subscription>>([](Db& db) { return ReadSubscriptions(db); });
}

// ---------------------------------------------------------------- tokens

Status SqliteTokenStore::Put(WriteTxn& txn, const TokenRecord& token) {
  LINEA_ASSIGN_OR_RETURN(SqliteWriteTxn * mine, core_.Own(txn));
  return InsertToken(mine->db(), token);
}

Status SqliteTokenStore::Revoke(WriteTxn& txn, std::string_view name, int64_t at) {
  LINEA_ASSIGN_OR_RETURN(SqliteWriteTxn * mine, core_.Own(txn));
  return MarkTokenRevoked(mine->db(), name, at);
}

Result<std::vector<TokenRecord>> SqliteTokenStore::ListTokens() {
  return core_.Read<std::vector<TokenRecord>>([](Db& db) { return ReadTokens(db); });
}

// ---------------------------------------------------------------- audit

Status SqliteAuditStore::Append(WriteTxn& txn, const AuditRecord& record) {
  LINEA_ASSIGN_OR_RETURN(SqliteWriteTxn * mine, core_.Own(txn));
  return InsertAudit(mine->db(), record);
}

Result<std::vector<AuditRecord>> SqliteAuditStore::List(const AuditFilter& filter) {
  return core_.Read<std::vector<AuditRecord>>([&](Db& db) { return ReadAudit(db, filter); });
}

Result<int64_t> SqliteAuditStore::Prune(WriteTxn& txn, int64_t before_ms) {
  LINEA_ASSIGN_OR_RETURN(SqliteWriteTxn * mine, core_.Own(txn));
  return DeleteAuditBefore(mine->db(), before_ms);
}

// ---------------------------------------------------------------- connectors

Status SqliteConnectorStore::Write(WriteTxn& txn, const model::ConnectorDelta& delta) {
  LINEA_ASSIGN_OR_RETURN(SqliteWriteTxn * mine, core_.Own(txn));
  return WriteConnectorDelta(mine->db(), delta);
}

Result<std::vector<model::ConnectorItem>> SqliteConnectorStore::ListItems(
    std::string_view connector) {
  return core_.Read<std::vector<model::ConnectorItem>>(
      [&](Db& db) { return ReadConnectorItems(db, connector); });
}

Result<std::vector<model::ConnectorRun>> SqliteConnectorStore::ListRuns(std::string_view connector,
                                                                        size_t limit) {
  return core_.Read<std::vector<model::ConnectorRun>>(
      [&](Db& db) { return ReadConnectorRuns(db, connector, limit); });
}

// ---------------------------------------------------------------- quality

Status SqliteQualityStore::Write(WriteTxn& txn, const model::QualityDelta& delta) {
  LINEA_ASSIGN_OR_RETURN(SqliteWriteTxn * mine, core_.Own(txn));
  return WriteQualityDelta(mine->db(), delta);
}

Result<std::vector<model::QualityCheck>> SqliteQualityStore::ListChecks() {
  return core_.Read<std::vector<model::QualityCheck>>([](Db& db) { return ReadQualityChecks(db); });
}

Result<std::vector<model::QualityResult>> SqliteQualityStore::ListResults(
    const ResultQuery& query) {
  return core_.Read<std::vector<model::QualityResult>>(
      [&](Db& db) { return ReadQualityResults(db, query); });
}

Result<std::vector<model::QualityResult>> SqliteQualityStore::LatestResults() {
  return core_.Read<std::vector<model::QualityResult>>(
      [](Db& db) { return ReadLatestQualityResults(db); });
}

Result<int64_t> SqliteQualityStore::PruneResults(WriteTxn& txn, int64_t before_ms) {
  LINEA_ASSIGN_OR_RETURN(SqliteWriteTxn * mine, core_.Own(txn));
  return DeleteQualityResultsBefore(mine->db(), before_ms);
}

Result<int64_t> SqliteQualityStore::CountResults() {
  return core_.Read<int64_t>([](Db& db) { return CountQualityResults(db); });
}

}  // namespace linea::store::sqlite_internal
