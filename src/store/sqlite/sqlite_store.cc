#include "store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "common/status_macros.h"
#include "store/sqlite/checkpointer.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_core.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_substores.h"

namespace linea::store {
namespace {

using sqlite_internal::Core;
using sqlite_internal::Db;

// One connection shared by the seven sub-stores (sqlite_substores.h) through Core.
class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<Db> db, std::unique_ptr<sqlite_internal::Checkpointer> checkpointer,
              const SqliteOptions& options, bool read_only)
      : core_(std::move(db), std::move(checkpointer), options.clock, options.key_ring, read_only),
        lineage_(core_),
        runs_(core_),
        incidents_(core_),
        tokens_(core_),
        connectors_(core_),
        audit_(core_),
        quality_(core_) {}

  Status Write(const std::function<Status(WriteTxn&)>& write) override {
    return core_.Write(write);
  }
  Status BeginBatch() override { return core_.BeginBatch(); }
  Status CommitBatch() override { return core_.CommitBatch(); }
  Status RollbackBatch() override { return core_.RollbackBatch(); }
  LineageStore& lineage() override { return lineage_; }
  RunStore& runs() override { return runs_; }
  IncidentStore& incidents() override { return incidents_; }
  TokenStore& tokens() override { return tokens_; }
  ConnectorStore& connectors() override { return connectors_; }
  AuditStore& audit() override { return audit_; }
  QualityStore& quality() override { return quality_; }
  int schema_version() const override { return SqliteSchemaVersion(); }

 private:
  Core core_;
  sqlite_internal::SqliteLineageStore lineage_;
  sqlite_internal::SqliteRunStore runs_;
  sqlite_internal::SqliteIncidentStore incidents_;
  sqlite_internal::SqliteTokenStore tokens_;
  sqlite_internal::SqliteConnectorStore connectors_;
  sqlite_internal::SqliteAuditStore audit_;
  sqlite_internal::SqliteQualityStore quality_;
};

// ---- opening ----

bool IsMemory(const std::string& path) { return path.empty() || path == ":memory:"; }

Result<std::unique_ptr<Db>> OpenConnection(const SqliteOptions& options) {
  if (!IsMemory(options.path) && (options.read_only || !options.create_if_missing)) {
    std::error_code error;
    if (!std::filesystem::exists(options.path, error)) {
      return UnavailableError("store " + options.path + " does not exist");
    }
  }
  int flags = SQLITE_OPEN_NOMUTEX;
  if (options.read_only) {
    flags |= SQLITE_OPEN_READONLY;
  } else {
    flags |= SQLITE_OPEN_READWRITE | (options.create_if_missing ? SQLITE_OPEN_CREATE : 0);
  }
  return Db::Open(options.path, flags, options.busy_timeout_ms);
}

// Refuses files that are not linea databases. REQUIRES: user_version already read.
Status CheckIdentity(Db& db, int64_t version) {
  if (version == 0) {
    LINEA_ASSIGN_OR_RETURN(int64_t objects, db.QueryInt("SELECT count(*) FROM sqlite_master"));
    if (objects == 0) return Status::OK();  // empty: the first migration will create it
  } else {
    LINEA_ASSIGN_OR_RETURN(int64_t id, db.QueryInt("PRAGMA application_id"));
    if (id == sqlite_internal::kLineaApplicationId) return Status::OK();
  }
  return DataLossError(db.path() + " is not a linea database or is corrupt");
}

// Checks the file and brings its schema up to date (or refuses to, when read-only).
Status PrepareSchema(Db& db, bool read_only, int cache_kib) {
  const std::string cache = "PRAGMA cache_size = -" + std::to_string(cache_kib);
  LINEA_RETURN_IF_ERROR(db.Exec(cache.c_str()));
  LINEA_RETURN_IF_ERROR(db.Exec("PRAGMA temp_store = MEMORY"));
  // The first read of the header: garbage bytes fail here with kDataLoss.
  LINEA_ASSIGN_OR_RETURN(int64_t version, db.QueryInt("PRAGMA user_version"));
  const int known = SqliteSchemaVersion();
  if (version > known) return sqlite_internal::NewerSchemaError(db.path(), version, known);
  LINEA_RETURN_IF_ERROR(CheckIdentity(db, version));
  if (read_only) {
    if (version == known) return Status::OK();
    return UnavailableError("store " + db.path() + " has schema version " +
                            std::to_string(version) + " and needs migrating to " +
                            std::to_string(known) + ", but it is read-only");
  }
  LINEA_RETURN_IF_ERROR(db.Exec("PRAGMA journal_mode = WAL"));
  LINEA_RETURN_IF_ERROR(db.Exec("PRAGMA synchronous = NORMAL"));
  // Overwrites a replaced row's bytes when that costs no extra I/O, so a contact re-sealed
  // under a new key (or sealed after being plain text) leaves no old copy in its page.
  LINEA_RETURN_IF_ERROR(db.Exec("PRAGMA secure_delete = FAST"));
  // Truncate the WAL back to 64 MiB after a checkpoint, so one huge Apply leaves no huge file.
  LINEA_RETURN_IF_ERROR(db.Exec("PRAGMA journal_size_limit = 67108864"));
  return sqlite_internal::ApplyMigrations(db.handle(), db.path(), sqlite_internal::Migrations())
      .status();
}

}  // namespace

int SqliteSchemaVersion() { return static_cast<int>(sqlite_internal::Migrations().size()); }

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options) {
  LINEA_ASSIGN_OR_RETURN(std::unique_ptr<Db> db, OpenConnection(options));
  const bool read_only = options.read_only || sqlite3_db_readonly(db->handle(), "main") == 1;
  LINEA_RETURN_IF_ERROR(PrepareSchema(*db, read_only, options.cache_kib));
  std::unique_ptr<sqlite_internal::Checkpointer> checkpointer;
  if (!read_only && !IsMemory(options.path)) {
    LINEA_ASSIGN_OR_RETURN(checkpointer,
                           sqlite_internal::Checkpointer::Start(options.path, db->handle()));
  }
  return std::unique_ptr<Store>(
      std::make_unique<SqliteStore>(std::move(db), std::move(checkpointer), options, read_only));
}

}  // namespace linea::store
