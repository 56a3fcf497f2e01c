// src/ingest/hive_metastore/hms_source.h: the `hive-metastore` connector type — a
// connectors::Source over a metastore's backing database (docs/connectors.md).
//
// Items are tables, keyed "<db>.<table>", versioned by CREATE_TIME, transient_lastDdlTime,
// owner and the config's mapping (a changed mapping re-reads everything). Groups are up to
// `tables_per_transaction` tables of one database; tables are phase 0 and views phase 1, so a
// view's lineage resolves against every table written before it.
#pragma once

#include <memory>

#include "connectors/source.h"

namespace linea::hive_metastore {

inline constexpr const char* kType = "hive-metastore";

// Reads the config (errors: kInvalidArgument at the key's line) and builds the source. Does
// not connect.
Result<std::unique_ptr<connectors::Source>> MakeSource(const connectors::ConnectorConfig& config);

}  // namespace linea::hive_metastore
