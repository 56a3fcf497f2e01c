// src/ingest/querylog/ingest.h: `linea ingest sql-log` — a query log through the SQL lineage
// analyser into the catalog (the one write path), in batches.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "ingest/querylog/query_log.h"
#include "ingest/querylog/sql_catalog.h"
#include "sql/lineage.h"

namespace linea::querylog {

struct IngestOptions {
  sql::AnalyzeOptions analyze;  // dialect, default database (a record's database overrides)
  SqlCatalogOptions catalog;
  // Statements whose changes are committed together (one catalog transaction). Default: 500.
  size_t batch = 500;
  // Called after each record with (records done, records total). May be null.
  std::function<void(size_t, size_t)> progress;
};

struct IngestSummary {
  size_t records = 0;
  size_t statements = 0;
  size_t parsed = 0;
  size_t failed = 0;                             // parse errors
  std::map<std::string, size_t> failed_by_reason;  // "expected FROM" → count
  size_t with_lineage = 0;                       // statements that wrote edges
  size_t rejected = 0;                           // strict misses or catalog refusals
  std::vector<std::string> problems;             // first 20 messages of rejected statements
  size_t edges_written = 0;
  size_t assets_discovered = 0;
};

// Analyses every record and writes the lineage through `catalog`. A batch the catalog refuses is
// retried statement by statement so one bad statement cannot sink its neighbours. Errors: only
// store failures (the summary so far is lost; what was committed stays).
Result<IngestSummary> IngestQueryLog(catalog::Catalog& catalog,
                                     const std::vector<QueryRecord>& records,
                                     const IngestOptions& options);

}  // namespace linea::querylog
