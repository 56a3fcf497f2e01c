// src/store/sqlite/sqlite_substores.h: the SQLite implementations of the sub-stores, each a thin
// layer over its tables' statements (delta_writer.h, openlineage_tables.h, incident_tables.h,
// token_table.h, connector_tables.h, audit_table.h, quality_tables.h) and the shared Core.
#pragma once

#include "store/sqlite/sqlite_core.h"
#include "store/store.h"

namespace linea::store::sqlite_internal {

class SqliteLineageStore final : public LineageStore {
 public:
  explicit SqliteLineageStore(Core& core) : core_(core) {}
  Status Write(WriteTxn& txn, const model::Delta& delta) override;
  Status Load(LoadVisitor& visitor) override;
  Result<std::optional<model::Asset>> GetAsset(std::string_view fqn) override;
  Result<std::vector<model::Asset>> ListAssets() override;
  Result<std::vector<model::Edge>> ListEdges() override;
  Result<std::vector<model::Edge>> EdgesOfProvenance(std::string_view provenance) override;
  Result<std::vector<model::Team>> ListTeams() override;
  Result<std::vector<model::User>> ListUsers() override;

 private:
  Core& core_;
};

class SqliteRunStore final : public RunStore {
 public:
  explicit SqliteRunStore(Core& core) : core_(core) {}
  Status Write(WriteTxn& txn, const model::RunDelta& delta) override;
  Result<std::vector<model::Alias>> ListAliases() override;
  Result<std::vector<model::RunRecord>> ListRuns() override;
  Result<bool> HasEvent(std::string_view hash) override;
  Result<std::vector<std::pair<int64_t, model::RawEvent>>> ListEvents(int64_t after,
                                                                      size_t limit) override;
  Result<int64_t> CountEvents() override;

 private:
  Core& core_;
};

class SqliteIncidentStore final : public IncidentStore {
 public:
  explicit SqliteIncidentStore(Core& core) : core_(core) {}
  Status Write(WriteTxn& txn, const model::IncidentDelta& delta) override;
  Result<std::optional<model::Incident>> GetIncident(std::string_view id) override;
  Result<std::vector<model::Incident>> ListIncidents(std::string_view state) override;
  Result<std::vector<model::Delivery>> DeliveriesOf(std::string_view incident_id) override;
  Result<std::vector<model::Delivery>> PendingDeliveries() override;
  Result<int64_t> CountPendingDeliveries() override;
  Result<std::vector<model::Subscription>> ListSubscriptions() override;

 private:
  Core& core_;
};

class SqliteTokenStore final : public TokenStore {
 public:
  explicit SqliteTokenStore(Core& core) : core_(core) {}
  Status Put(WriteTxn& txn, const TokenRecord& token) override;
  Status Revoke(WriteTxn& txn, std::string_view name, int64_t at) override;
  Result<std::vector<TokenRecord>> ListTokens() override;

 private:
  Core& core_;
};

class SqliteAuditStore final : public AuditStore {
 public:
  explicit SqliteAuditStore(Core& core) : core_(core) {}
  Status Append(WriteTxn& txn, const AuditRecord& record) override;
  Result<std::vector<AuditRecord>> List(const AuditFilter& filter) override;
  Result<int64_t> Prune(WriteTxn& txn, int64_t before_ms) override;

 private:
  Core& core_;
};

class SqliteConnectorStore final : public ConnectorStore {
 public:
  explicit SqliteConnectorStore(Core& core) : core_(core) {}
  Status Write(WriteTxn& txn, const model::ConnectorDelta& delta) override;
  Result<std::vector<model::ConnectorItem>> ListItems(std::string_view connector) override;
  Result<std::vector<model::ConnectorRun>> ListRuns(std::string_view connector,
                                                    size_t limit) override;

 private:
  Core& core_;
};

class SqliteQualityStore final : public QualityStore {
 public:
  explicit SqliteQualityStore(Core& core) : core_(core) {}
  Status Write(WriteTxn& txn, const model::QualityDelta& delta) override;
  Result<std::vector<model::QualityCheck>> ListChecks() override;
  Result<std::vector<model::QualityResult>> ListResults(const ResultQuery& query) override;
  Result<std::vector<model::QualityResult>> LatestResults() override;
  Result<int64_t> PruneResults(WriteTxn& txn, int64_t before_ms) override;
  Result<int64_t> CountResults() override;

 private:
  Core& core_;
};

}  // namespace linea::store::sqlite_internal
