// src/ingest/querylog/query_log.h: reading SQL query logs (Hive/Spark history exports,
// pg_stat_statements dumps, audit logs) into records.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace linea::querylog {

enum class LogFormat { kText, kCsv, kJsonl };
// "text", "csv", "jsonl"; nullopt otherwise.
std::optional<LogFormat> ParseLogFormat(std::string_view name);

struct QueryRecord {
  std::string query_text;
  std::string database;    // default database for unqualified names; "" = the caller's default
  std::string user;
  std::string start_time;
  int line = 0;            // where the record starts in the file (1-based)
};

// Splits a log into records.
//  - text: the whole file is one script (statements separated by ';').
//  - csv: RFC 4180 with a header row naming at least `query_text` (also `query`, `sql`) and
//    optionally `database` (`db`), `user`, `start_time`; quoted fields may span lines.
//  - jsonl: one JSON object per line with the same keys; blank lines skipped.
// Errors (kInvalidArgument, "line N: …"): a CSV without a query column, unbalanced quotes, a
// JSONL line that is not an object or lacks query_text.
Result<std::vector<QueryRecord>> ReadQueryLog(std::string_view text, LogFormat format);

}  // namespace linea::querylog
