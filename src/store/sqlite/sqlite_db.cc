#include "store/sqlite/sqlite_db.h"

#include <sqlite3.h>

#include <utility>

namespace linea::store::sqlite_internal {

Status SqliteError(int rc, std::string_view path, std::string_view detail) {
  const std::string store = "store " + std::string(path);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return UnavailableError(store + ": database is locked");
    case SQLITE_READONLY:
      return UnavailableError(store + " is read-only: " + std::string(detail));
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return DataLossError(std::string(path) + " is not a linea database or is corrupt");
    case SQLITE_CANTOPEN:
      return UnavailableError("cannot open " + store + ": " + std::string(detail));
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_PERM:
    case SQLITE_NOMEM:
    case SQLITE_PROTOCOL:
      return UnavailableError(store + ": " + std::string(detail));
    case SQLITE_CONSTRAINT:
      return InvalidArgumentError(store + ": " + std::string(detail));
    default:
      return InternalError(store + ": " + std::string(detail));
  }
}

// ---- Statement ----

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

void Statement::BindInt(int index, int64_t value) { sqlite3_bind_int64(stmt_, index, value); }

void Statement::BindDouble(int index, double value) { sqlite3_bind_double(stmt_, index, value); }

void Statement::BindNull(int index) { sqlite3_bind_null(stmt_, index); }

void Statement::BindText(int index, std::string_view value) {
  // A non-null pointer even for "" so the value binds as '' rather than NULL.
  sqlite3_bind_text(stmt_, index, value.empty() ? "" : value.data(), static_cast<int>(value.size()),
                    SQLITE_STATIC);
}

void Statement::BindBlob(int index, std::string_view value) {
  // A non-null pointer even for no bytes, so the value binds as an empty blob, not NULL.
  sqlite3_bind_blob(stmt_, index, value.empty() ? "" : value.data(),
                    static_cast<int>(value.size()), SQLITE_STATIC);
}

Result<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Status error = SqliteError(rc, *path_, sqlite3_errmsg(db_));
  sqlite3_reset(stmt_);
  return error;
}

Status Statement::Run() {
  for (;;) {
    Result<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::OK();
  }
}

int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::Double(int column) const { return sqlite3_column_double(stmt_, column); }

std::string_view Statement::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (text == nullptr) return {};
  return std::string_view(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string_view Statement::Blob(int column) const {
  const auto* blob = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  if (blob == nullptr) return {};
  return std::string_view(blob, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

bool Statement::IsText(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_TEXT;
}

// ---- Db ----

Result<std::unique_ptr<Db>> Db::Open(const std::string& path, int flags, int busy_timeout_ms) {
  sqlite3* handle = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status error = SqliteError(rc, path, handle ? sqlite3_errmsg(handle) : sqlite3_errstr(rc));
    sqlite3_close_v2(handle);
    return error;
  }
  sqlite3_busy_timeout(handle, busy_timeout_ms);
  return std::unique_ptr<Db>(new Db(handle, path));
}

Db::~Db() {
  statements_.clear();  // finalize before closing
  sqlite3_close_v2(db_);
}

int64_t Db::changes() const { return sqlite3_changes64(db_); }

Status Db::Error(int rc) const { return SqliteError(rc, path_, sqlite3_errmsg(db_)); }

Status Db::Exec(const char* sql) {
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
  return rc == SQLITE_OK ? Status::OK() : Error(rc);
}

Result<Statement*> Db::Prepare(const char* sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) {
    it->second->Reset();
    return it->second.get();
  }
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return Error(rc);
  auto owned = std::make_unique<Statement>(stmt, db_, &path_);
  Statement* raw = owned.get();
  statements_.emplace(sql, std::move(owned));
  return raw;
}

void Db::ResetStatements() {
  for (auto& [sql, statement] : statements_) statement->Reset();
}

Result<int64_t> Db::QueryInt(const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr);
  if (rc != SQLITE_OK) return Error(rc);
  rc = sqlite3_step(stmt);
  const int64_t value = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
  Status error = (rc == SQLITE_ROW || rc == SQLITE_DONE) ? Status::OK() : Error(rc);
  sqlite3_finalize(stmt);
  if (!error.ok()) return error;
  return value;
}

// ---- Transaction ----

Result<Transaction> Transaction::Begin(Db& db, Mode mode) {
  Status status = db.Exec(mode == Mode::kImmediate ? "BEGIN IMMEDIATE" : "BEGIN");
  if (!status.ok()) return status;
  return Transaction(&db);
}

Transaction::~Transaction() {
  if (db_ == nullptr) return;
  db_->ResetStatements();
  if (!sqlite3_get_autocommit(db_->handle())) db_->Exec("ROLLBACK").IgnoreError();
}

Status Transaction::Commit() {
  Db* db = std::exchange(db_, nullptr);
  db->ResetStatements();
  Status status = db->Exec("COMMIT");
  if (!status.ok() && !sqlite3_get_autocommit(db->handle())) db->Exec("ROLLBACK").IgnoreError();
  return status;
}

}  // namespace linea::store::sqlite_internal
