#include "store/sqlite/sqlite_core.h"

#include <sqlite3.h>

#include <chrono>

namespace linea::store::sqlite_internal {

int64_t Core::Now() const {
  if (clock_) return clock_();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<SqliteWriteTxn*> Core::Own(WriteTxn& txn) const {
  auto* mine = dynamic_cast<SqliteWriteTxn*>(&txn);
  if (!mine || mine->core() != this) {
    return InternalError("a sub-store was handed a transaction of another store");
  }
  return mine;
}

Status Core::Write(const std::function<Status(WriteTxn&)>& write) {
  std::lock_guard lock(mu_);
  if (read_only_) return UnavailableError("store " + db_->path() + " is open read-only");
  if (batch_) return WriteInBatch(write);
  LINEA_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Mode::kImmediate));
  SqliteWriteTxn handle(this, db_.get(), Now());
  LINEA_RETURN_IF_ERROR(write(handle));
  return txn.Commit();
}

Status Core::WriteInBatch(const std::function<Status(WriteTxn&)>& write) {
  if (batch_lost_) {
    return UnavailableError("store " + db_->path() +
                            ": the batch was rolled back after an error inside it");
  }
  LINEA_RETURN_IF_ERROR(db_->Exec("SAVEPOINT linea_delta"));
  SqliteWriteTxn handle(this, db_.get(), Now());
  Status status = write(handle);
  db_->ResetStatements();
  if (status.ok()) {
    // Unreleased, the write would still commit with the batch while the caller, told it
    // failed, leaves it out of memory: fail the whole batch instead.
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

Status Core::BeginBatch() {
  std::lock_guard lock(mu_);
  if (read_only_) return UnavailableError("store " + db_->path() + " is open read-only");
  if (batch_) return FailedPreconditionError("a batch is already open");
  LINEA_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db_, Transaction::Mode::kImmediate));
  batch_.emplace(std::move(txn));
  batch_lost_ = false;
  return Status::OK();
}

Status Core::CommitBatch() {
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

Status Core::RollbackBatch() {
  std::lock_guard lock(mu_);
  if (!batch_) return FailedPreconditionError("no batch is open");
  batch_.reset();  // the destructor rolls back
  return Status::OK();
}

}  // namespace linea::store::sqlite_internal
