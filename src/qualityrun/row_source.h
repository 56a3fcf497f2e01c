// src/qualityrun/row_source.h: where the runner's queries go — a database linea connects to
// (sourcedb::Connection) or a command that runs SQL and prints TSV (command_source.h). Both
// give rows as sourcedb::Row, so one measurement code runs over either.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"
#include "qualityrun/config.h"
#include "sourcedb/connection.h"

namespace linea::qualityrun {

// The SQL dialect the runner generates for a source (queries.h): a command source is taken to
// speak HiveQL / Spark SQL.
enum class Dialect { kPostgres, kMysql, kSqlite, kHive };

class RowSource {
 public:
  virtual ~RowSource() = default;
  virtual Dialect dialect() const = 0;
  // `ident` quoted for the source: Connection::Quote for a database, `ident` for a command.
  virtual std::string Quote(std::string_view ident) const = 0;
  // Runs `sql` and calls `on_row` for each row (an error from it stops the query). Errors:
  // kUnavailable (connection lost, a command that could not start or timed out),
  // kFailedPrecondition "query failed: <the engine's message>".
  virtual Status Query(const std::string& sql,
                       const std::function<Status(const sourcedb::Row&)>& on_row) = 0;
};

// Connects to `source` (a database or a command). Errors: sourcedb's kUnavailable "cannot
// connect to <redacted url>: <cause>".
Result<std::unique_ptr<RowSource>> OpenSource(const SourceConfig& source);

}  // namespace linea::qualityrun
