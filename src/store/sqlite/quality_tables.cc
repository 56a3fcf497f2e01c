#include "store/sqlite/quality_tables.h"

#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include "common/status_macros.h"
#include "store/sqlite/distribution_blob.h"
#include "store/sqlite/json_columns.h"

namespace linea::store::sqlite_internal {
namespace {

constexpr const char* kDeleteCheck = "DELETE FROM quality_checks WHERE asset = ?1 AND name = ?2";
constexpr const char* kUpsertCheck =
    "INSERT INTO quality_checks(asset, name, kind, params, columns, severity, provenance, "
    "description) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
    "ON CONFLICT(asset, name) DO UPDATE SET kind = excluded.kind, params = excluded.params, "
    "columns = excluded.columns, severity = excluded.severity, "
    "provenance = excluded.provenance, description = excluded.description";
constexpr const char* kListChecks =
    "SELECT asset, name, kind, params, columns, severity, provenance, description "
    "FROM quality_checks ORDER BY asset, name";

constexpr const char* kUpsertResult =
    "INSERT INTO quality_results(asset, check_name, kind, timestamp_ms, period, status, value, "
    "reference, threshold, message, metrics, distribution, columns, source, provenance) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) "
    "ON CONFLICT(asset, check_name, timestamp_ms, period) DO UPDATE SET kind = excluded.kind, "
    "status = excluded.status, value = excluded.value, reference = excluded.reference, "
    "threshold = excluded.threshold, message = excluded.message, metrics = excluded.metrics, "
    "distribution = excluded.distribution, columns = excluded.columns, "
    "source = excluded.source, provenance = excluded.provenance";
constexpr const char* kDeleteResultsBefore = "DELETE FROM quality_results WHERE timestamp_ms < ?1";
constexpr const char* kCountResults = "SELECT count(*) FROM quality_results";

// The result reads share one column list, read by ReadResultRow. ?3/?4 bound the time
// (since inclusive, before exclusive), ?5 is the limit (-1: none). Each shape of query has its
// statement, so that SQLite picks the index for it: one series (the primary key, already in the
// wanted order), one asset (the primary key, then a sort), every asset (the index by time).
#define LINEA_RESULT_COLUMNS                                                                    \
  "SELECT asset, check_name, kind, timestamp_ms, period, status, value, reference, threshold, " \
  "message, metrics, distribution, columns, source, provenance FROM quality_results "
constexpr const char* kSeriesResults = LINEA_RESULT_COLUMNS
    "WHERE asset = ?1 AND check_name = ?2 AND timestamp_ms >= ?3 AND timestamp_ms < ?4 "
    "ORDER BY timestamp_ms DESC, period LIMIT ?5";
constexpr const char* kAssetResults = LINEA_RESULT_COLUMNS
    "WHERE asset = ?1 AND timestamp_ms >= ?3 AND timestamp_ms < ?4 "
    "ORDER BY timestamp_ms DESC, check_name, period LIMIT ?5";
constexpr const char* kAllResults = LINEA_RESULT_COLUMNS
    "WHERE (?2 = '' OR check_name = ?2) AND timestamp_ms >= ?3 AND timestamp_ms < ?4 "
    "ORDER BY timestamp_ms DESC, asset, check_name, period LIMIT ?5";
// In primary-key order, so LIMIT 1 is one seek: the first row of the first series, and of the
// first series after (?1, ?2).
constexpr const char* kFirstSeriesResult =
    LINEA_RESULT_COLUMNS "ORDER BY asset, check_name, timestamp_ms DESC, period LIMIT 1";
constexpr const char* kNextSeriesResult = LINEA_RESULT_COLUMNS
    "WHERE (asset, check_name) > (?1, ?2) "
    "ORDER BY asset, check_name, timestamp_ms DESC, period LIMIT 1";
#undef LINEA_RESULT_COLUMNS

constexpr std::string_view kNaNText = "NaN";

// NULL when absent; a NaN as text, since SQLite would bind it as NULL.
void BindOptionalReal(Statement& stmt, int index, const std::optional<double>& value) {
  if (!value) {
    stmt.BindNull(index);
  } else if (std::isnan(*value)) {
    stmt.BindText(index, kNaNText);
  } else {
    stmt.BindDouble(index, *value);
  }
}

bool ReadOptionalReal(const Statement& stmt, int column, std::optional<double>& out) {
  if (stmt.IsNull(column)) {
    out.reset();
  } else if (stmt.IsText(column)) {
    if (stmt.Text(column) != kNaNText) return false;
    out = std::numeric_limits<double>::quiet_NaN();
  } else {
    out = stmt.Double(column);
  }
  return true;
}

// A blob (distribution_blob.h), or the JSON text of rows written before it, or NULL (none).
bool ReadDistribution(const Statement& stmt, int column, model::Distribution& out) {
  if (stmt.IsNull(column)) {
    out = model::Distribution{};
    return true;
  }
  if (stmt.IsText(column)) return DecodeDistribution(stmt.Text(column), out);
  return DecodeDistributionBlob(stmt.Blob(column), out);
}

Status UpsertCheck(Db& db, const model::QualityCheck& check) {
  const std::string params = EncodeNumberMap(check.params);
  const std::string columns = EncodeStringList(check.columns);
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kUpsertCheck));
  stmt->BindText(1, check.asset);
  stmt->BindText(2, check.name);
  stmt->BindText(3, check.kind);
  stmt->BindText(4, params);
  stmt->BindText(5, columns);
  stmt->BindText(6, check.severity);
  stmt->BindText(7, check.provenance);
  stmt->BindText(8, check.description);
  return stmt->Run();
}

Status DeleteCheck(Db& db, const std::pair<std::string, std::string>& key) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kDeleteCheck));
  stmt->BindText(1, key.first);
  stmt->BindText(2, key.second);
  return stmt->Run();
}

Status UpsertResult(Db& db, const model::QualityResult& result) {
  const std::string metrics = EncodeMetrics(result.metrics);
  const std::string distribution = EncodeDistributionBlob(result.distribution);
  const std::string columns = EncodeStringList(result.columns);
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kUpsertResult));
  stmt->BindText(1, result.asset);
  stmt->BindText(2, result.check);
  stmt->BindText(3, result.kind);
  stmt->BindInt(4, result.timestamp_ms);
  stmt->BindText(5, result.period);
  stmt->BindText(6, result.status);
  BindOptionalReal(*stmt, 7, result.value);
  BindOptionalReal(*stmt, 8, result.reference);
  stmt->BindText(9, result.threshold);
  stmt->BindText(10, result.message);
  stmt->BindText(11, metrics);
  if (distribution.empty()) {
    stmt->BindNull(12);
  } else {
    stmt->BindBlob(12, distribution);
  }
  stmt->BindText(13, columns);
  stmt->BindText(14, result.source);
  stmt->BindText(15, result.provenance);
  return stmt->Run();
}

Status ReadCheckRow(const Statement& stmt, model::QualityCheck& check) {
  check.asset.assign(stmt.Text(0));
  check.name.assign(stmt.Text(1));
  check.kind.assign(stmt.Text(2));
  check.severity.assign(stmt.Text(5));
  check.provenance.assign(stmt.Text(6));
  check.description.assign(stmt.Text(7));
  if (!DecodeNumberMap(stmt.Text(3), check.params) ||
      !DecodeStringList(stmt.Text(4), check.columns)) {
    return DataLossError("store holds a malformed quality check " + check.name + " of " +
                         check.asset);
  }
  return Status::OK();
}

Status ReadResultRow(const Statement& stmt, model::QualityResult& result) {
  result.asset.assign(stmt.Text(0));
  result.check.assign(stmt.Text(1));
  result.kind.assign(stmt.Text(2));
  result.timestamp_ms = stmt.Int(3);
  result.period.assign(stmt.Text(4));
  result.status.assign(stmt.Text(5));
  result.threshold.assign(stmt.Text(8));
  result.message.assign(stmt.Text(9));
  result.source.assign(stmt.Text(13));
  result.provenance.assign(stmt.Text(14));
  if (!ReadOptionalReal(stmt, 6, result.value) || !ReadOptionalReal(stmt, 7, result.reference) ||
      !DecodeMetrics(stmt.Text(10), result.metrics) ||
      !ReadDistribution(stmt, 11, result.distribution) ||
      !DecodeStringList(stmt.Text(12), result.columns)) {
    return DataLossError("store holds a malformed quality result of " + result.asset + " " +
                         result.check + " at " + std::to_string(result.timestamp_ms));
  }
  return Status::OK();
}

Result<std::vector<model::QualityResult>> StepResults(Statement& stmt) {
  std::vector<model::QualityResult> results;
  for (;;) {
    LINEA_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return results;
    LINEA_RETURN_IF_ERROR(ReadResultRow(stmt, results.emplace_back()));
  }
}

}  // namespace

// ---- writes ----

Status WriteQualityDelta(Db& db, const model::QualityDelta& delta) {
  for (const auto& key : delta.delete_checks) LINEA_RETURN_IF_ERROR(DeleteCheck(db, key));
  for (const model::QualityCheck& check : delta.upsert_checks) {
    LINEA_RETURN_IF_ERROR(UpsertCheck(db, check));
  }
  for (const model::QualityResult& result : delta.append_results) {
    LINEA_RETURN_IF_ERROR(UpsertResult(db, result));
  }
  return Status::OK();
}

Result<int64_t> DeleteQualityResultsBefore(Db& db, int64_t before_ms) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kDeleteResultsBefore));
  stmt->BindInt(1, before_ms);
  LINEA_RETURN_IF_ERROR(stmt->Run());
  return db.changes();
}

// ---- reads ----

Result<std::vector<model::QualityCheck>> ReadQualityChecks(Db& db) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kListChecks));
  std::vector<model::QualityCheck> checks;
  for (;;) {
    LINEA_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) return checks;
    LINEA_RETURN_IF_ERROR(ReadCheckRow(*stmt, checks.emplace_back()));
  }
}

Result<std::vector<model::QualityResult>> ReadQualityResults(Db& db, const ResultQuery& query) {
  const char* sql = !query.asset.empty() && !query.check.empty() ? kSeriesResults
                    : !query.asset.empty()                       ? kAssetResults
                                                                 : kAllResults;
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(sql));
  if (sql != kAllResults) stmt->BindText(1, query.asset);
  if (sql != kAssetResults) stmt->BindText(2, query.check);
  // 0 = unbounded: the extremes (a result at INT64_MAX is past every bound).
  stmt->BindInt(3, query.since_ms == 0 ? std::numeric_limits<int64_t>::min() : query.since_ms);
  stmt->BindInt(4, query.before_ms == 0 ? std::numeric_limits<int64_t>::max() : query.before_ms);
  stmt->BindInt(5, query.limit == 0 ? -1 : static_cast<int64_t>(query.limit));
  return StepResults(*stmt);
}

Result<std::vector<model::QualityResult>> ReadLatestQualityResults(Db& db) {
  std::vector<model::QualityResult> latest;
  std::string asset, check;  // the bound key: outlives each step, unlike latest's strings
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kFirstSeriesResult));
  for (;;) {
    LINEA_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) return latest;
    LINEA_RETURN_IF_ERROR(ReadResultRow(*stmt, latest.emplace_back()));
    asset = latest.back().asset;
    check = latest.back().check;
    LINEA_ASSIGN_OR_RETURN(stmt, db.Prepare(kNextSeriesResult));  // resets the previous step
    stmt->BindText(1, asset);
    stmt->BindText(2, check);
  }
}

Result<int64_t> CountQualityResults(Db& db) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kCountResults));
  LINEA_ASSIGN_OR_RETURN(bool row, stmt->Step());
  return row ? stmt->Int(0) : 0;
}

}  // namespace linea::store::sqlite_internal
