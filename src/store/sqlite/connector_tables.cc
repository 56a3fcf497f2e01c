#include "store/sqlite/connector_tables.h"

#include <string>

#include "common/status_macros.h"
#include "store/sqlite/json_columns.h"

namespace linea::store::sqlite_internal {
namespace {

constexpr const char* kDeleteItem = "DELETE FROM connector_items WHERE connector = ?1 AND key = ?2";
constexpr const char* kPutItem =
    "INSERT OR REPLACE INTO connector_items(connector, key, version, fingerprint, assets, "
    "retained, problems) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr const char* kInsertRun =
    "INSERT INTO connector_runs(connector, started_at_ms, finished_at_ms, outcome, report) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
// Keeps the newest kConnectorRunsKept runs of the connector (by id: the order they were written).
constexpr const char* kTrimRuns =
    "DELETE FROM connector_runs WHERE connector = ?1 AND id <= "
    "(SELECT id FROM connector_runs WHERE connector = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2)";
constexpr const char* kListItems =
    "SELECT connector, key, version, fingerprint, assets, retained, problems FROM connector_items "
    "WHERE connector = ?1 ORDER BY key";
constexpr const char* kListRunsOf =
    "SELECT connector, started_at_ms, finished_at_ms, outcome, report FROM connector_runs "
    "WHERE connector = ?1 ORDER BY started_at_ms DESC, id DESC LIMIT ?2";
constexpr const char* kListAllRuns =
    "SELECT connector, started_at_ms, finished_at_ms, outcome, report FROM connector_runs "
    "ORDER BY started_at_ms DESC, id DESC LIMIT ?1";

Status Corrupt(std::string_view connector, std::string_view key, const char* column) {
  return DataLossError("connector " + std::string(connector) + " item " + std::string(key) +
                       ": column " + column + " is not a JSON list of strings");
}

}  // namespace

Status WriteConnectorDelta(Db& db, const model::ConnectorDelta& delta) {
  for (const auto& [connector, key] : delta.delete_items) {
    LINEA_ASSIGN_OR_RETURN(Statement * del, db.Prepare(kDeleteItem));  // reset for each row
    del->BindText(1, connector);
    del->BindText(2, key);
    LINEA_RETURN_IF_ERROR(del->Run());
  }
  for (const model::ConnectorItem& item : delta.put_items) {
    LINEA_ASSIGN_OR_RETURN(Statement * put, db.Prepare(kPutItem));
    const std::string assets = EncodeStringList(item.assets);
    const std::string retained = EncodeStringList(item.retained);
    const std::string problems = EncodeStringList(item.problems);
    put->BindText(1, item.connector);
    put->BindText(2, item.key);
    put->BindText(3, item.version);
    put->BindText(4, item.fingerprint);
    put->BindText(5, assets);
    put->BindText(6, retained);
    put->BindText(7, problems);
    LINEA_RETURN_IF_ERROR(put->Run());
  }
  for (const model::ConnectorRun& run : delta.runs) {
    LINEA_ASSIGN_OR_RETURN(Statement * insert, db.Prepare(kInsertRun));
    insert->BindText(1, run.connector);
    insert->BindInt(2, run.started_at_ms);
    insert->BindInt(3, run.finished_at_ms);
    insert->BindText(4, run.outcome);
    insert->BindText(5, run.report_json);
    LINEA_RETURN_IF_ERROR(insert->Run());
    LINEA_ASSIGN_OR_RETURN(Statement * trim, db.Prepare(kTrimRuns));
    trim->BindText(1, run.connector);
    trim->BindInt(2, static_cast<int64_t>(model::kConnectorRunsKept));
    LINEA_RETURN_IF_ERROR(trim->Run());
  }
  return Status::OK();
}

Result<std::vector<model::ConnectorItem>> ReadConnectorItems(Db& db, std::string_view connector) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kListItems));
  stmt->BindText(1, connector);
  std::vector<model::ConnectorItem> items;
  for (;;) {
    LINEA_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) return items;
    model::ConnectorItem& item = items.emplace_back();
    item.connector.assign(stmt->Text(0));
    item.key.assign(stmt->Text(1));
    item.version.assign(stmt->Text(2));
    item.fingerprint.assign(stmt->Text(3));
    if (!DecodeStringList(stmt->Text(4), item.assets)) {
      return Corrupt(item.connector, item.key, "assets");
    }
    if (!DecodeStringList(stmt->Text(5), item.retained)) {
      return Corrupt(item.connector, item.key, "retained");
    }
    if (!DecodeStringList(stmt->Text(6), item.problems)) {
      return Corrupt(item.connector, item.key, "problems");
    }
  }
}

Result<std::vector<model::ConnectorRun>> ReadConnectorRuns(Db& db, std::string_view connector,
                                                           size_t limit) {
  Statement* stmt;
  const int64_t max = static_cast<int64_t>(std::min<size_t>(limit, INT64_MAX));
  if (connector.empty()) {
    LINEA_ASSIGN_OR_RETURN(stmt, db.Prepare(kListAllRuns));
    stmt->BindInt(1, max);
  } else {
    LINEA_ASSIGN_OR_RETURN(stmt, db.Prepare(kListRunsOf));
    stmt->BindText(1, connector);
    stmt->BindInt(2, max);
  }
  std::vector<model::ConnectorRun> runs;
  for (;;) {
    LINEA_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) return runs;
    model::ConnectorRun& run = runs.emplace_back();
    run.connector.assign(stmt->Text(0));
    run.started_at_ms = stmt->Int(1);
    run.finished_at_ms = stmt->Int(2);
    run.outcome.assign(stmt->Text(3));
    run.report_json.assign(stmt->Text(4));
  }
}

}  // namespace linea::store::sqlite_internal
