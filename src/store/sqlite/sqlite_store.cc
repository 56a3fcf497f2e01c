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
#include "store/sqlite/delta_writer.h"
#include "store/sqlite/incident_tables.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/openlineage_tables.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_reader.h"
#include "store/sqlite/token_table.h"

namespace linea::store {
namespace {

using sqlite_internal::Db;
using sqlite_internal::Transaction;

// Serializes every call on one connection with a mutex (SQLite's own is disabled).
class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<Db> db, std::unique_ptr<sqlite_internal::Checkpointer> checkpointer,
              SqliteOptions options, bool read_only)
      : db_(std::move(db)),
        checkpointer_(std::move(checkpointer)),
        options_(std::move(options)),
        read_only_(read_only) {}

  Status Apply(const model::Delta& delta) override;
  Status BeginBatch() override;
  Status CommitBatch() override;
  Status RollbackBatch() override;
  Status Load(LoadVisitor& visitor) override;
  Result<std::optional<model::Asset>> GetAsset(std::string_view fqn) override;
  Result<std::vector<model::Asset>> ListAssets() override;
  Result<std::vector<model::Edge>> ListEdges() override;
  Result<std::vector<model::Edge>> EdgesOfProvenance(std::string_view provenance) override;
  Result<std::vector<model::Team>> ListTeams() override;
  Result<std::vector<model::Alias>> ListAliases() override;
  Result<std::vector<model::RunRecord>> ListRuns() override;
  Result<bool> HasEvent(std::string_view hash) override;
  Result<std::vector<std::pair<int64_t, model::RawEvent>>> ListEvents(int64_t after,
                                                                      size_t limit) override;
  Result<int64_t> CountEvents() override;
  Result<std::optional<model::Incident>> GetIncident(std::string_view id) override;
  Result<std::vector<model::Incident>> ListIncidents(std::string_view state) override;
  Result<std::vector<model::Delivery>> DeliveriesOf(std::string_view incident_id) override;
  Result<std::vector<model::Delivery>> PendingDeliveries() override;
  Result<std::vector<model::Subscription>> ListSubscriptions() override;
  Status PutToken(const TokenRecord& token) override;
  Status RevokeToken(std::string_view name, int64_t at) override;
  Result<std::vector<TokenRecord>> ListTokens() override;
  int schema_version() const override { return SqliteSchemaVersion(); }

 private:
  int64_t Now() const;
  // Runs `read` on a Reader inside one read transaction.
  template <typename T, typename Fn>
  Result<T> Read(Fn read);
  // Runs `write` on the connection inside one write transaction; commits when it succeeds.
  // During a batch: inside the batch's transaction, under a savepoint.
  template <typename Fn>
  Status Write(Fn write);
  // Runs `write` under a savepoint of the batch's transaction: rolled back alone when it
  // fails. REQUIRES: mu_ held, batch_ open.
  template <typename Fn>
  Status WriteInBatch(Fn write);

  std::mutex mu_;
  std::unique_ptr<Db> db_;  // GUARDED_BY(mu_)
  // Checkpoints db_'s WAL off the write path; null for read-only and in-memory stores.
  std::unique_ptr<sqlite_internal::Checkpointer> checkpointer_;
  // The open batch's transaction (GUARDED_BY(mu_)); `batch_lost_` once SQLite rolled it back
  // on its own (disk full, I/O error), so that CommitBatch() fails.
  std::optional<Transaction> batch_;
  bool batch_lost_ = false;
  const SqliteOptions options_;
  const bool read_only_;
};

int64_t SqliteStore::Now() const {
  if (options_.clock) return options_.clock();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Status SqliteStore::Apply(const model::Delta& delta) {
  return Write([&](Db& db) {
    sqlite_internal::DeltaWriter writer(db, Now());
    return writer.Write(delta);
  });
}

Status SqliteStore::BeginBatch() {
  std::lock_guard lock(mu_);
  if (read_only_) return UnavailableError("store " + db_->path() + " is open read-only");
  if (batch_) return FailedPreconditionError("a batch is already open");
  LINEA_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Mode::kImmediate));
  batch_.emplace(std::move(txn));
  batch_lost_ = false;
  return Status::OK();
}

Status SqliteStore::CommitBatch() {
  std::lock_guard lock(mu_);
  if (!batch_) return FailedPreconditionError("no batch is open");
  Transaction txn = std::move(*batch_);
  batch_.reset();
  if (batch_lost_) {
    return UnavailableError("store " + db_->path() +
                            ": the batch was rolled back after an error inside it");
  }
  return txn.Commit();
}

Status SqliteStore::RollbackBatch() {
  std::lock_guard lock(mu_);
  if (!batch_) return FailedPreconditionError("no batch is open");
  batch_.reset();  // the destructor rolls back
  return Status::OK();
}

template <typename T, typename Fn>
Result<T> SqliteStore::Read(Fn read) {
  std::lock_guard lock(mu_);
  if (batch_) {  // inside the batch's transaction: its writes are visible
    sqlite_internal::Reader reader(*db_);
    Result<T> result = read(reader);
    db_->ResetStatements();
    return result;
  }
  LINEA_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Mode::kDeferred));
  sqlite_internal::Reader reader(*db_);
  Result<T> result = read(reader);
  if (!result.ok()) return result;
  LINEA_RETURN_IF_ERROR(txn.Commit());
  return result;
}

template <typename Fn>
Status SqliteStore::Write(Fn write) {
  std::lock_guard lock(mu_);
  if (read_only_) return UnavailableError("store " + db_->path() + " is open read-only");
  if (batch_) return WriteInBatch(write);
  LINEA_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Mode::kImmediate));
  LINEA_RETURN_IF_ERROR(write(*db_));
  return txn.Commit();
}

template <typename Fn>
Status SqliteStore::WriteInBatch(Fn write) {
  if (batch_lost_) {
    return UnavailableError("store " + db_->path() +
                            ": the batch was rolled back after an error inside it");
  }
  LINEA_RETURN_IF_ERROR(db_->Exec("SAVEPOINT linea_delta"));
  Status status = write(*db_);
  db_->ResetStatements();
  if (status.ok()) {
    // Unreleased, the delta would still commit with the batch while the caller, told it
    // failed, leaves it out of the graph: fail the whole batch instead.
    Status released = db_->Exec("RELEASE linea_delta");
    if (!released.ok()) batch_lost_ = true;
    return released;
  }
  if (sqlite3_get_autocommit(db_->handle())) {
    batch_lost_ = true;  // SQLite rolled the whole transaction back
    return status;
  }
  Status undone = db_->Exec("ROLLBACK TO linea_delta");
  if (undone.ok()) undone = db_->Exec("RELEASE linea_delta");
  if (!undone.ok()) batch_lost_ = true;
  return status;
}

Status SqliteStore::Load(LoadVisitor& visitor) {
  return Read<bool>([&](sqlite_internal::Reader& reader) -> Result<bool> {
           LINEA_RETURN_IF_ERROR(reader.Load(visitor));
           return true;
         })
      .status();
}

Result<std::optional<model::Asset>> SqliteStore::GetAsset(std::string_view fqn) {
  return Read<std::optional<model::Asset>>(
      [&](sqlite_internal::Reader& reader) { return reader.GetAsset(fqn); });
}

Result<std::vector<model::Asset>> SqliteStore::ListAssets() {
  return Read<std::vector<model::Asset>>(
      [](sqlite_internal::Reader& reader) { return reader.ListAssets(); });
}

Result<std::vector<model::Edge>> SqliteStore::ListEdges() {
  return Read<std::vector<model::Edge>>(
      [](sqlite_internal::Reader& reader) { return reader.ListEdges(); });
}

Result<std::vector<model::Edge>> SqliteStore::EdgesOfProvenance(std::string_view provenance) {
  return Read<std::vector<model::Edge>>(
      [&](sqlite_internal::Reader& reader) { return reader.EdgesOfProvenance(provenance); });
}

Result<std::vector<model::Team>> SqliteStore::ListTeams() {
  return Read<std::vector<model::Team>>(
      [](sqlite_internal::Reader& reader) { return reader.ListTeams(); });
}

Result<std::vector<model::Alias>> SqliteStore::ListAliases() {
  return Read<std::vector<model::Alias>>(
      [this](sqlite_internal::Reader&) { return sqlite_internal::ReadAliases(*db_); });
}

Result<std::vector<model::RunRecord>> SqliteStore::ListRuns() {
  return Read<std::vector<model::RunRecord>>(
      [this](sqlite_internal::Reader&) { return sqlite_internal::ReadRuns(*db_); });
}

Result<bool> SqliteStore::HasEvent(std::string_view hash) {
  return Read<bool>(
      [&](sqlite_internal::Reader&) { return sqlite_internal::EventLogged(*db_, hash); });
}

Result<std::vector<std::pair<int64_t, model::RawEvent>>> SqliteStore::ListEvents(int64_t after,
                                                                                 size_t limit) {
  return Read<std::vector<std::pair<int64_t, model::RawEvent>>>(
      [&](sqlite_internal::Reader&) { return sqlite_internal::ReadEvents(*db_, after, limit); });
}

Result<int64_t> SqliteStore::CountEvents() {
  return Read<int64_t>(
      [this](sqlite_internal::Reader&) { return sqlite_internal::CountLoggedEvents(*db_); });
}

Result<std::optional<model::Incident>> SqliteStore::GetIncident(std::string_view id) {
  return Read<std::optional<model::Incident>>(
      [&](sqlite_internal::Reader&) { return sqlite_internal::ReadIncident(*db_, id); });
}

Result<std::vector<model::Incident>> SqliteStore::ListIncidents(std::string_view state) {
  return Read<std::vector<model::Incident>>(
      [&](sqlite_internal::Reader&) { return sqlite_internal::ReadIncidents(*db_, state); });
}

Result<std::vector<model::Delivery>> SqliteStore::DeliveriesOf(std::string_view incident_id) {
  return Read<std::vector<model::Delivery>>([&](sqlite_internal::Reader&) {
    return sqlite_internal::ReadDeliveriesOf(*db_, incident_id);
  });
}

Result<std::vector<model::Delivery>> SqliteStore::PendingDeliveries() {
  return Read<std::vector<model::Delivery>>(
      [this](sqlite_internal::Reader&) { return sqlite_internal::ReadPendingDeliveries(*db_); });
}

Result<std::vector<model::Subscription>> SqliteStore::ListSubscriptions() {
  return Read<std::vector<model::Subscription>>(
      [this](sqlite_internal::Reader&) { return sqlite_internal::ReadSubscriptions(*db_); });
}

Status SqliteStore::PutToken(const TokenRecord& token) {
  return Write([&](Db& db) { return sqlite_internal::InsertToken(db, token); });
}

Status SqliteStore::RevokeToken(std::string_view name, int64_t at) {
  return Write([&](Db& db) { return sqlite_internal::MarkTokenRevoked(db, name, at); });
}

Result<std::vector<TokenRecord>> SqliteStore::ListTokens() {
  return Read<std::vector<TokenRecord>>(
      [this](sqlite_internal::Reader&) { return sqlite_internal::ReadTokens(*db_); });
}

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
