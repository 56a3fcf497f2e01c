// src/sourcedb/connection.h: a read-only connection to a source database (a Hive Metastore's
// or an MLflow tracking store's backing database) — PostgreSQL through libpq, MySQL/MariaDB
// through libmariadb, SQLite — with one way to run a query whichever engine it is.
//
//   ASSIGN_OR_RETURN(DbUrl url, ParseDbUrl("postgresql://hive@metastore:5432/metastore"));
//   ASSIGN_OR_RETURN(auto db, Connection::Open(url, {.password = secret}));
//   RETURN_IF_ERROR(db->Query("SELECT " + db->Quote("NAME") + " FROM " + db->Quote("DBS"), {},
//                             [](const Row& row) { … row.Text(0) …; return Status::OK(); }));
//
// Rows are streamed (PostgreSQL single-row mode, mysql_use_result, SQLite steps): a query over
// a million columns holds one row at a time. A connection is used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "sourcedb/db_url.h"

namespace linea::sourcedb {

// One row of a result. Values are the engine's text form ("42", "2024-01-01 …"); valid only
// during the callback that received the row.
class Row {
 public:
  virtual ~Row() = default;
  virtual size_t size() const = 0;
  virtual bool IsNull(size_t column) const = 0;
  // "" for NULL.
  virtual std::string_view Text(size_t column) const = 0;
  // The value as an integer; `fallback` for NULL or text that is not one.
  int64_t Int(size_t column, int64_t fallback = 0) const;
};

struct ConnectOptions {
  std::string password;          // wins over a password in the URL; "" = the URL's (or none)
  int connect_timeout_seconds = 10;
  int read_timeout_seconds = 300;  // MySQL: per network read; PostgreSQL: statement_timeout
};

class Connection {
 public:
  virtual ~Connection() = default;

  // Connects, read-only where the engine can say so (SQLite: SQLITE_OPEN_READONLY; PostgreSQL:
  // default_transaction_read_only; MySQL: a READ ONLY transaction per query). A SQLite path must
  // exist. Errors: kUnavailable "cannot connect to <redacted url>: <cause>" (unreachable,
  // refused, bad password, unknown database), never showing the password.
  static Result<std::unique_ptr<Connection>> Open(const DbUrl& url, const ConnectOptions& options);

  virtual Engine engine() const = 0;
  // `ident` quoted for this engine: "TBLS" (PostgreSQL, SQLite) or `TBLS` (MySQL). On SQLite
  // a quoted name that is no column is an error, not a string (double-quoted strings are off).
  std::string Quote(std::string_view ident) const;

  // Runs `sql`, binding `params` (as text) to its `?` placeholders in order, and calls `on_row`
  // for each row; an error from `on_row` stops the query and is returned. Errors: kUnavailable
  // when the connection is lost; kFailedPrecondition "query failed: <engine message>" for SQL
  // the server refuses (a missing table: a schema this reader does not know).
  virtual Status Query(std::string_view sql, const std::vector<std::string>& params,
                       const std::function<Status(const Row&)>& on_row) = 0;
};

}  // namespace linea::sourcedb
