// src/store/sqlite/openlineage_tables.h: the queries of the SQLite store's OpenLineage tables
// (schema version 3): `aliases`, `runs` (one last run per asset) and the `events` log.
//
// REQUIRES: every call runs inside a transaction the caller holds: a write transaction for the
// writes (DeltaWriter's), at least a read transaction for the reads (SqliteStore::Read).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "model/run.h"
#include "store/sqlite/sqlite_db.h"

namespace linea::store::sqlite_internal {

// ---- writes
// Inserts or replaces the mapping of `alias.alias`.
Status UpsertAlias(Db& db, const model::Alias& alias);
// Inserts or replaces the run record of `run.asset`.
Status UpsertRun(Db& db, const model::RunRecord& run);
// Appends `event` with received_at = `now` (its own received_at is ignored); does nothing when
// its hash is already logged.
Status AppendEvent(Db& db, const model::RawEvent& event, int64_t now);
// Deletes the run record of the asset `fqn` and every alias pointing at it.
Status DeleteRunAndAliasesOf(Db& db, std::string_view fqn);

// ---- reads. A malformed stored failed_assertions is kDataLoss.
// Every alias, ordered by alias.
Result<std::vector<model::Alias>> ReadAliases(Db& db);
// Every run record, ordered by asset.
Result<std::vector<model::RunRecord>> ReadRuns(Db& db);
Result<bool> EventLogged(Db& db, std::string_view hash);
// Up to `limit` events with seq > `after`, in seq order, each with its seq.
Result<std::vector<std::pair<int64_t, model::RawEvent>>> ReadEvents(Db& db, int64_t after,
                                                                    size_t limit);
Result<int64_t> CountLoggedEvents(Db& db);

}  // namespace linea::store::sqlite_internal
