// src/store/sqlite/connector_tables.h: the queries of the SQLite store's `connector_items` and
// `connector_runs` tables (schema version 7): the pull connectors' item state and run history
// (model/connector.h). Lists are stored as in json_columns.h.
//
// REQUIRES: every call runs inside a transaction the caller holds: a write transaction for
// WriteConnectorDelta, at least a read transaction for the reads.
#pragma once

#include <string_view>
#include <vector>

#include "common/result.h"
#include "model/connector.h"
#include "store/sqlite/sqlite_db.h"

namespace linea::store::sqlite_internal {

Status WriteConnectorDelta(Db& db, const model::ConnectorDelta& delta);
// kDataLoss when a stored list is not valid JSON.
Result<std::vector<model::ConnectorItem>> ReadConnectorItems(Db& db, std::string_view connector);
Result<std::vector<model::ConnectorRun>> ReadConnectorRuns(Db& db, std::string_view connector,
                                                           size_t limit);

}  // namespace linea::store::sqlite_internal
