// src/store/sqlite/quality_tables.h: the queries of the SQLite store's `quality_checks` and
// `quality_results` tables (schema version 10): data-quality checks and the time series of their
// results (model/quality.h, store/quality_store.h). Lists, maps and distributions are stored as
// in json_columns.h.
//
// REQUIRES: every call runs inside a transaction the caller holds: a write transaction for the
// writes, at least a read transaction for the reads. A malformed stored value is kDataLoss.
#pragma once

#include <cstdint>
#include <vector>

#include "common/result.h"
#include "model/quality.h"
#include "store/quality_store.h"
#include "store/sqlite/sqlite_db.h"

namespace linea::store::sqlite_internal {

// ---- writes
// delete_checks, then upsert_checks, then append_results (each replacing the row with its key).
Status WriteQualityDelta(Db& db, const model::QualityDelta& delta);
// Deletes the results with timestamp_ms < `before_ms`; returns how many.
Result<int64_t> DeleteQualityResultsBefore(Db& db, int64_t before_ms);

// ---- reads
// Every check, ordered by (asset, name).
Result<std::vector<model::QualityCheck>> ReadQualityChecks(Db& db);
// As QualityStore::ListResults: since_ms 0 is no lower bound, before_ms 0 reads as "before
// INT64_MAX".
Result<std::vector<model::QualityResult>> ReadQualityResults(Db& db, const ResultQuery& query);
// The first row of every series in (asset, check_name, timestamp_ms DESC, period) order: its
// highest timestamp_ms, then its smallest period — the row ListResults() puts first for the
// series. One index seek per series.
Result<std::vector<model::QualityResult>> ReadLatestQualityResults(Db& db);
Result<int64_t> CountQualityResults(Db& db);

}  // namespace linea::store::sqlite_internal
