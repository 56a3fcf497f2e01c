// src/store/sqlite/sqlite_core.h: what the SQLite sub-stores share — one connection, the mutex
// that serializes every call on it (SQLite's own is disabled), the open batch — and the
// transactions they write in.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "common/status_macros.h"
#include "secrets/key_ring.h"
#include "store/sqlite/checkpointer.h"
#include "store/sqlite/sqlite_db.h"
#include "store/write_txn.h"

namespace linea::store::sqlite_internal {

class Core;

// The WriteTxn of this backend: the connection and the transaction's time (unix seconds,
// stamped as edges' last_seen and events' received_at).
class SqliteWriteTxn final : public WriteTxn {
 public:
  SqliteWriteTxn(const Core* core, Db* db, int64_t now) : core_(core), db_(db), now_(now) {}
  Db& db() const { return *db_; }
  int64_t now() const { return now_; }
  const Core* core() const { return core_; }

 private:
  const Core* core_;
  Db* db_;
  int64_t now_;
};

class Core {
 public:
  Core(std::unique_ptr<Db> db, std::unique_ptr<Checkpointer> checkpointer,
       std::function<int64_t()> clock, std::shared_ptr<const secrets::KeyRing> key_ring,
       bool read_only)
      : db_(std::move(db)),
        checkpointer_(std::move(checkpointer)),
        clock_(std::move(clock)),
        key_ring_(std::move(key_ring)),
        read_only_(read_only) {}

  // SqliteOptions::key_ring: null without a key.
  const secrets::KeyRing* key_ring() const { return key_ring_.get(); }

  // Runs `read(db)` inside one read transaction (inside the batch's, during a batch).
  template <typename T, typename Fn>
  Result<T> Read(Fn read);
  // Store::Write().
  Status Write(const std::function<Status(WriteTxn&)>& write);
  Status BeginBatch();
  Status CommitBatch();
  Status RollbackBatch();

  // `txn` as this backend's, when it is one of this core's: kInternal otherwise.
  Result<SqliteWriteTxn*> Own(WriteTxn& txn) const;

 private:
  int64_t Now() const;
  // Runs `write` under a savepoint of the batch's transaction: rolled back alone when it
  // fails. REQUIRES: mu_ held, batch_ open.
  Status WriteInBatch(const std::function<Status(WriteTxn&)>& write);

  std::mutex mu_;
  std::unique_ptr<Db> db_;  // GUARDED_BY(mu_)
  // Checkpoints db_'s WAL off the write path; null for read-only and in-memory stores.
  std::unique_ptr<Checkpointer> checkpointer_;
  const std::function<int64_t()> clock_;
  const std::shared_ptr<const secrets::KeyRing> key_ring_;
  const bool read_only_;
  // The open batch's transaction (GUARDED_BY(mu_)); `batch_lost_` once SQLite rolled it back
  // on its own (disk full, I/O error), so that CommitBatch() fails.
  std::optional<Transaction> batch_;
  bool batch_lost_ = false;
};

template <typename T, typename Fn>
Result<T> Core::Read(Fn read) {
  std::lock_guard lock(mu_);
  if (batch_) {  // inside the batch's transaction: its writes are visible
    Result<T> result = read(*db_);
    db_->ResetStatements();
    return result;
  }
  LINEA_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Mode::kDeferred));
  Result<T> result = read(*db_);
  if (!result.ok()) return result;
  LINEA_RETURN_IF_ERROR(txn.Commit());
  return result;
}

}  // namespace linea::store::sqlite_internal
