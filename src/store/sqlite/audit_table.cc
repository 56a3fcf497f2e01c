#include "store/sqlite/audit_table.h"

#include <string>

#include "common/status_macros.h"
#include "store/sqlite/json_columns.h"

namespace linea::store::sqlite_internal {
namespace {

constexpr const char* kInsertAudit =
    "INSERT INTO audit(at_ms, actor, role, action, outcome, error, provenances, "
    "provenances_total, assets_added, assets_changed, assets_removed, edge_sets_replaced, "
    "edges_written, teams_changed, detail) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
// Each condition is off when its parameter is the neutral value ('' or 0), so one statement
// serves every filter.
constexpr const char* kSelectAudit =
    "SELECT id, at_ms, actor, role, action, outcome, error, provenances, provenances_total, "
    "assets_added, assets_changed, assets_removed, edge_sets_replaced, edges_written, "
    "teams_changed, detail FROM audit "
    "WHERE (?1 = '' OR actor = ?1) AND (?2 = '' OR outcome = ?2) "
    "AND (?3 = '' OR instr(action, ?3) > 0) AND (?4 = 0 OR at_ms >= ?4) "
    "AND (?5 = 0 OR at_ms < ?5) AND (?6 = 0 OR id < ?6) "
    "ORDER BY id DESC LIMIT ?7";
constexpr const char* kDeleteAuditBefore = "DELETE FROM audit WHERE at_ms < ?1";

}  // namespace

Status InsertAudit(Db& db, const AuditRecord& r) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kInsertAudit));
  const std::string provenances = EncodeStringList(r.provenances);
  stmt->BindInt(1, r.at_ms);
  stmt->BindText(2, r.actor);
  stmt->BindText(3, r.role);
  stmt->BindText(4, r.action);
  stmt->BindText(5, r.outcome);
  stmt->BindText(6, r.error);
  stmt->BindText(7, provenances);
  stmt->BindInt(8, r.provenances_total);
  stmt->BindInt(9, r.assets_added);
  stmt->BindInt(10, r.assets_changed);
  stmt->BindInt(11, r.assets_removed);
  stmt->BindInt(12, r.edge_sets_replaced);
  stmt->BindInt(13, r.edges_written);
  stmt->BindInt(14, r.teams_changed);
  stmt->BindText(15, r.detail);
  return stmt->Run();
}

Result<std::vector<AuditRecord>> ReadAudit(Db& db, const AuditFilter& f) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kSelectAudit));
  stmt->BindText(1, f.actor);
  stmt->BindText(2, f.outcome);
  stmt->BindText(3, f.action);
  stmt->BindInt(4, f.since_ms);
  stmt->BindInt(5, f.until_ms);
  stmt->BindInt(6, f.before_id);
  stmt->BindInt(7, static_cast<int64_t>(f.limit));
  std::vector<AuditRecord> records;
  for (;;) {
    LINEA_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) return records;
    AuditRecord& r = records.emplace_back();
    r.id = stmt->Int(0);
    r.at_ms = stmt->Int(1);
    r.actor.assign(stmt->Text(2));
    r.role.assign(stmt->Text(3));
    r.action.assign(stmt->Text(4));
    r.outcome.assign(stmt->Text(5));
    r.error.assign(stmt->Text(6));
    if (!DecodeStringList(stmt->Text(7), r.provenances)) {
      return DataLossError("audit record " + std::to_string(r.id) +
                           " has malformed provenances");
    }
    r.provenances_total = stmt->Int(8);
    r.assets_added = stmt->Int(9);
    r.assets_changed = stmt->Int(10);
    r.assets_removed = stmt->Int(11);
    r.edge_sets_replaced = stmt->Int(12);
    r.edges_written = stmt->Int(13);
    r.teams_changed = stmt->Int(14);
    r.detail.assign(stmt->Text(15));
  }
}

Result<int64_t> DeleteAuditBefore(Db& db, int64_t before_ms) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kDeleteAuditBefore));
  stmt->BindInt(1, before_ms);
  LINEA_RETURN_IF_ERROR(stmt->Run());
  return db.changes();
}

}  // namespace linea::store::sqlite_internal
