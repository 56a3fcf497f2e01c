// src/store/sqlite/sqlite_store.h: the default Store, one SQLite file in WAL mode.
//
// The schema is versioned by migrations compiled into the binary (migrations.cc); Open()
// applies the missing ones in one transaction, and refuses (kFailedPrecondition) a file whose
// schema is newer than this binary knows.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace linea::store {

struct SqliteOptions {
  // Path of the database file; ":memory:" for a private in-memory database.
  std::string path;
  // Create the file when missing. Default: true.
  bool create_if_missing = true;
  // Open read-only (no migrations; Apply fails with kUnavailable). Default: false.
  bool read_only = false;
  // How long a write waits for another process's lock before kUnavailable. Default: 5000.
  int busy_timeout_ms = 5000;
};

// The newest schema version this binary writes.
int SqliteSchemaVersion();

// Opens (and migrates) the store. Errors: kUnavailable (cannot open, locked, read-only file
// needing migration), kDataLoss (not a database / corrupt), kFailedPrecondition (newer schema).
Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options);

}  // namespace linea::store
