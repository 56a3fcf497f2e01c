// src/ingest/querylog/sql_catalog.h: turns analysed SQL statements into catalog changes.
//
// Each statement with lineage becomes one EdgeSet of provenance "sql:<hash of its text>" (so the
// same statement seen again replaces, not duplicates, its edges): column → column edges for
// every target column's sources (identity when a single same-named column feeds it, else
// transformation), indirect edges from each WHERE/JOIN/GROUP BY column to every target column,
// and table → table edges when a statement writes without column detail. SQL names map to
// catalog FQNs as `<service>.<db>.<table>[.<column>]`.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "model/delta.h"
#include "sql/lineage.h"

namespace linea::querylog {

struct SqlCatalogOptions {
  // Catalog service holding the tables the SQL names. Default: "hive".
  std::string service = "hive";
  // Unknown tables/columns are problems (the statement is skipped) instead of being created with
  // properties.discovered_by = "sql". Default: false.
  bool strict = false;
};

// "sql:" + 16 hex digits of the statement text's FNV-1a hash (whitespace-trimmed).
std::string SqlProvenance(std::string_view statement_text);

// Builds the delta for one statement against the catalog's current state. Assets already
// created by earlier statements of the same batch are passed in `pending` (FQNs) and not
// repeated. Returns an empty delta for statements without lineage (errors, SELECT, SET, …).
// Strict mode: kNotFound naming the first unknown table/column (with candidates).
Result<model::Delta> StatementDelta(const sql::StatementLineage& statement,
                                    const catalog::Catalog& catalog,
                                    const SqlCatalogOptions& options,
                                    std::set<std::string>* pending);

// Concatenates `part` into `into`, keeping one upsert per FQN and one edge set per provenance
// (the later one wins).
void MergeDelta(model::Delta part, model::Delta* into);

}  // namespace linea::querylog
