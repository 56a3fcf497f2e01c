// The SQLite Connection: a file opened read-only (tests and small metastores).
#include <sqlite3.h>

#include <filesystem>

#include "sourcedb/internal/engines.h"

namespace linea::sourcedb::internal {
namespace {

class SqliteRow final : public Row {
 public:
  explicit SqliteRow(sqlite3_stmt* stmt) : stmt_(stmt) {}
  size_t size() const override { return static_cast<size_t>(sqlite3_column_count(stmt_)); }
  bool IsNull(size_t column) const override {
    return sqlite3_column_type(stmt_, static_cast<int>(column)) == SQLITE_NULL;
  }
  std::string_view Text(size_t column) const override {
    const int c = static_cast<int>(column);
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, c));
    if (text == nullptr) return {};
    return {text, static_cast<size_t>(sqlite3_column_bytes(stmt_, c))};
  }

 private:
  sqlite3_stmt* stmt_;
};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override { sqlite3_close(db_); }

  Engine engine() const override { return Engine::kSqlite; }

  Status Query(std::string_view sql, const std::vector<std::string>& params,
               const std::function<Status(const Row&)>& on_row) override {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
        SQLITE_OK) {
      return QueryError(sqlite3_errmsg(db_));
    }
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> owned(stmt, sqlite3_finalize);
    for (size_t i = 0; i < params.size(); ++i) {
      sqlite3_bind_text(stmt, static_cast<int>(i + 1), params[i].data(),
                        static_cast<int>(params[i].size()), SQLITE_STATIC);
    }
    SqliteRow row(stmt);
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) return Status::OK();
      if (rc != SQLITE_ROW) return QueryError(sqlite3_errmsg(db_));
      Status s = on_row(row);
      if (!s.ok()) return s;
    }
  }

 private:
  sqlite3* db_;
};

}  // namespace

Result<std::unique_ptr<Connection>> OpenSqlite(const DbUrl& url, const ConnectOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(url.path, ec)) {
    return ConnectError(url, "no such file");
  }
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(url.path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  if (rc != SQLITE_OK) {
    std::string cause = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return ConnectError(url, cause);
  }
  sqlite3_busy_timeout(db, options.connect_timeout_seconds * 1000);
  // A double-quoted name is an identifier, never a string literal: without this, SQLite reads
  // Quote("no_such_column") as the text 'no_such_column' instead of failing.
  sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);
  return std::unique_ptr<Connection>(new SqliteConnection(db));
}

}  // namespace linea::sourcedb::internal
