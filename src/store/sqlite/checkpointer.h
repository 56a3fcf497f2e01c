// src/store/sqlite/checkpointer.h: WAL checkpoints on a thread of their own.
//
// By default SQLite checkpoints inside the commit that grows the WAL past 1,000 pages: that
// commit copies every page back into the database file and waits for two fsyncs while the
// writer lock is held. The Checkpointer takes this off the write path: a commit only notes the
// WAL's size (a WAL hook, which also turns SQLite's automatic checkpoints off for the writer's
// connection), and a second connection runs PASSIVE checkpoints on its own thread. A PASSIVE
// checkpoint never blocks the writer or readers; SQLite restarts the WAL from its beginning
// once every frame is copied. Should the WAL reach kInlineFrames anyway (the thread cannot
// keep up), the committing writer checkpoints itself, as SQLite would.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "common/result.h"

struct sqlite3;

namespace linea::store::sqlite_internal {

class Db;

class Checkpointer {
 public:
  // WAL pages after which the thread checkpoints: 40 MB of 4 KiB pages, ten times SQLite's
  // default. A checkpoint copies each page once however often it was rewritten, so pages that
  // every commit touches (indexes, last runs) reach the database file less often.
  static constexpr int kBackgroundFrames = 10000;
  // WAL pages after which the writer checkpoints in its commit (400 MB of 4 KiB pages).
  static constexpr int kInlineFrames = 100'000;

  // Opens a second connection to `path` and installs the WAL hook on `writer`, which must
  // outlive the Checkpointer. Errors: the connection's (kUnavailable).
  static Result<std::unique_ptr<Checkpointer>> Start(const std::string& path, sqlite3* writer);
  // Removes the hook and stops the thread. REQUIRES: no call on `writer` runs concurrently.
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

 private:
  Checkpointer(std::unique_ptr<Db> connection, sqlite3* writer);
  static int OnCommit(void* self, sqlite3* writer, const char* schema, int frames);
  void Run();

  std::unique_ptr<Db> connection_;  // used by the thread only
  sqlite3* writer_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool due_ = false;       // GUARDED_BY(mu_)
  bool stopping_ = false;  // GUARDED_BY(mu_)
  std::thread thread_;
};

}  // namespace linea::store::sqlite_internal
