#include "store/sqlite/checkpointer.h"

#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>

#include "common/status_macros.h"
#include "store/sqlite/sqlite_db.h"

namespace linea::store::sqlite_internal {

Result<std::unique_ptr<Checkpointer>> Checkpointer::Start(const std::string& path,
                                                          sqlite3* writer) {
  LINEA_ASSIGN_OR_RETURN(std::unique_ptr<Db> connection,
                         Db::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                                  /*busy_timeout_ms=*/0));
  // A connection knows the file is in WAL mode only once it has read it; until then its
  // checkpoints do nothing.
  LINEA_RETURN_IF_ERROR(connection->Exec("PRAGMA journal_mode = WAL"));
  return std::unique_ptr<Checkpointer>(new Checkpointer(std::move(connection), writer));
}

Checkpointer::Checkpointer(std::unique_ptr<Db> connection, sqlite3* writer)
    : connection_(std::move(connection)), writer_(writer) {
  sqlite3_wal_hook(writer_, &Checkpointer::OnCommit, this);
  // The thread starts with every signal blocked: process signals (SIGTERM, …) are for the
  // threads that wait for them, and a store may be opened before a server blocks them.
  sigset_t all, before;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, &before);
  thread_ = std::thread([this] { Run(); });
  pthread_sigmask(SIG_SETMASK, &before, nullptr);
}

Checkpointer::~Checkpointer() {
  sqlite3_wal_hook(writer_, nullptr, nullptr);
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

int Checkpointer::OnCommit(void* self, sqlite3* writer, const char* schema, int frames) {
  auto* checkpointer = static_cast<Checkpointer*>(self);
  if (frames >= kInlineFrames) {
    sqlite3_wal_checkpoint_v2(writer, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  } else if (frames >= kBackgroundFrames) {
    {
      std::lock_guard<std::mutex> lock(checkpointer->mu_);
      checkpointer->due_ = true;
    }
    checkpointer->wake_.notify_one();
  }
  return SQLITE_OK;
}

void Checkpointer::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    wake_.wait(lock, [this] { return due_ || stopping_; });
    if (stopping_) return;
    due_ = false;
    lock.unlock();
    // SQLITE_BUSY (another process checkpoints) or an I/O error: the next commit past
    // kBackgroundFrames asks again, and the writer's own fallback bounds the WAL.
    sqlite3_wal_checkpoint_v2(connection_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                              nullptr);
    lock.lock();
  }
}

}  // namespace linea::store::sqlite_internal
