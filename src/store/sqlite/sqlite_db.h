// src/store/sqlite/sqlite_db.h: thin RAII wrappers over the SQLite C API, private to the
// SQLite store: a connection with a prepared-statement cache, statements, transactions, and
// the mapping from SQLite result codes to linea Status codes.
//
// Thread safety: none; the owner (SqliteStore) serializes every call with its mutex.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/result.h"
#include "common/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace linea::store::sqlite_internal {

// Maps an SQLite result code to a Status naming the store `path`:
//   BUSY/LOCKED → kUnavailable "store <path>: database is locked"
//   READONLY → kUnavailable; CANTOPEN/IOERR/FULL/PERM/NOMEM → kUnavailable
//   NOTADB/CORRUPT → kDataLoss "<path> is not a linea database or is corrupt"
//   CONSTRAINT → kInvalidArgument; anything else → kInternal.
// `detail` (usually sqlite3_errmsg) is appended where it helps.
Status SqliteError(int rc, std::string_view path, std::string_view detail);

// One prepared statement. Text bound with BindText() must outlive the next Step()/Reset().
class Statement {
 public:
  Statement(sqlite3_stmt* stmt, sqlite3* db, const std::string* path)
      : stmt_(stmt), db_(db), path_(path) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Clears the previous run's state and bindings.
  void Reset();
  // Parameters are 1-based.
  void BindInt(int index, int64_t value);
  // SQLite stores a NaN as NULL.
  void BindDouble(int index, double value);
  void BindNull(int index);
  // Binds without copying (SQLITE_STATIC); see the class comment.
  void BindText(int index, std::string_view value);
  // Binds bytes without copying (SQLITE_STATIC, like BindText).
  void BindBlob(int index, std::string_view value);

  // Advances: true when a row is available, false when done.
  Result<bool> Step();
  // Steps until done, for statements that return no rows.
  Status Run();

  // Columns are 0-based. REQUIRES: the last Step() returned true.
  int64_t Int(int column) const;
  double Double(int column) const;
  // Valid until the next Step()/Reset().
  std::string_view Text(int column) const;
  std::string_view Blob(int column) const;
  bool IsNull(int column) const;
  bool IsText(int column) const;

 private:
  sqlite3_stmt* stmt_;
  sqlite3* db_;
  const std::string* path_;
};

// An open connection. Closing finalizes every cached statement.
class Db {
 public:
  // Opens `path` with sqlite3_open_v2 `flags` and the busy timeout.
  static Result<std::unique_ptr<Db>> Open(const std::string& path, int flags, int busy_timeout_ms);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Runs one or more statements that return no rows.
  Status Exec(const char* sql);
  // The cached statement for `sql`, freshly reset; prepared on first use. `sql` must be a
  // string literal (the cache keys on its address).
  Result<Statement*> Prepare(const char* sql);
  // A single integer from a one-row query such as "PRAGMA user_version".
  Result<int64_t> QueryInt(const char* sql);

  // Resets every cached statement, releasing the read snapshots of unfinished queries.
  void ResetStatements();

  // Rows changed by the last INSERT/UPDATE/DELETE.
  int64_t changes() const;

  Status Error(int rc) const;
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  Db(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

  sqlite3* db_;
  std::string path_;
  std::unordered_map<const char*, std::unique_ptr<Statement>> statements_;
};

// A transaction that rolls back on destruction unless committed.
class Transaction {
 public:
  enum class Mode { kDeferred, kImmediate };
  // BEGIN (read) or BEGIN IMMEDIATE (write: takes the write lock now, waiting up to the busy
  // timeout; kUnavailable when it stays locked).
  static Result<Transaction> Begin(Db& db, Mode mode);
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();

  // COMMIT; on failure the transaction is rolled back. Either way the cached statements are
  // reset first.
  Status Commit();

 private:
  explicit Transaction(Db* db) : db_(db) {}
  Db* db_;  // null once finished
};

}  // namespace linea::store::sqlite_internal
