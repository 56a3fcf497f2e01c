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
  // Ignored for a writer with a scope: its whole log is one batch.
  size_t batch = 500;
  // Called after each record with (records done, records total). May be null.
  std::function<void(size_t, size_t)> progress;
  // Who writes (scope-checked and audited; catalog/writer.h).
  catalog::Writer writer = catalog::Writer::Local("linea ingest sql-log");
};

// One statement the ingest could not use.
struct Problem {
  enum class Kind { kParseError, kRejected };
  Kind kind = Kind::kParseError;
  size_t record = 0;  // 1-based record of the log (CSV data row, JSONL object; text: 1)
  int line = 0;       // 1-based line of the log file where the statement starts
  std::string text;   // the statement's first 60 characters, whitespace runs as one space
  // Parse error: "LINE:COLUMN: message", the position counted in the record's query text;
  // rejected: the catalog's or --strict's message.
  std::string error;
};

struct IngestSummary {
  size_t records = 0;
  size_t statements = 0;
  size_t parsed = 0;
  size_t failed = 0;                               // parse errors
  std::map<std::string, size_t> failed_by_reason;  // "expected FROM" → count
  size_t with_lineage = 0;                         // statements that wrote edges
  size_t rejected = 0;                             // strict misses or catalog refusals
  // Parse errors and rejections in log order, the first kMaxProblems of them.
  static constexpr size_t kMaxProblems = 100;
  std::vector<Problem> problems;
  size_t problems_omitted = 0;  // past kMaxProblems
  size_t edges_written = 0;
  size_t assets_discovered = 0;
};

std::string_view ProblemKindName(Problem::Kind kind);  // "parse_error", "rejected"

// Analyses every record and writes the lineage through `catalog`. A batch the catalog refuses is
// retried statement by statement so one bad statement cannot sink its neighbours. Records of the
// same `user` form one session: a temporary table or view one creates is folded into the later
// ones that read it (sql::AnalyzeOptions::session), never written to the catalog.
// A writer with a scope (catalog::Writer::scope) has its whole log written as one batch: a
// statement outside the scope refuses the ingest with kPermissionDenied and nothing is applied
// (unless the catalog refused the batch for another reason first: then the statements retried
// one by one before the out-of-scope one stay applied).
// Errors: store failures and kPermissionDenied (the summary so far is lost; what was committed
// stays).
Result<IngestSummary> IngestQueryLog(catalog::Catalog& catalog,
                                     const std::vector<QueryRecord>& records,
                                     const IngestOptions& options);

}  // namespace linea::querylog
