// src/store/sqlite/sqlite_store.h: the default Store, one SQLite file in WAL mode.
//
// The schema is versioned by migrations compiled into the binary (migrations.cc); Open()
// applies the missing ones in one transaction, and refuses (kFailedPrecondition) a file whose
// schema is newer than this binary knows.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "secrets/key_ring.h"
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
  // Page cache size in KiB. Default: 2048 (2 MiB, SQLite's own default). The catalog serves
  // reads from memory and the OS caches the file, so a large cache buys little, and it costs
  // every commit while the file is under 1 GiB: a B-tree split that renumbers pages parks one
  // at the lock page's number (1 GiB / page size + 1), and the commit then scans the cache's
  // whole hash table to drop it (pcache1TruncateUnsafe). At 64 MiB that scan was 11 % of the
  // server's CPU under OpenLineage load (docs/benchmarks.md).
  int cache_kib = 2 * 1024;
  // Current time in unix seconds, stamped on written edges (first_seen / last_seen); called
  // once per Apply(). Default (empty): the system clock.
  std::function<int64_t()> clock;
  // Seals the credential-bearing fields of teams' contacts on write (contacts/at_rest.h) and
  // opens them on read; a value sealed under a key the ring lacks is read still sealed (the
  // contact is then unusable, not the store). Default (null): no key — contacts are written as
  // they are and sealed values stay sealed.
  std::shared_ptr<const secrets::KeyRing> key_ring;
};

// The newest schema version this binary writes.
int SqliteSchemaVersion();

// Opens (and migrates) the store. Errors: kUnavailable (cannot open, missing file without
// create_if_missing, locked, read-only file needing migration), kDataLoss (not a database, a
// database of another application, or corrupt), kFailedPrecondition (newer schema).
// A file that SQLite can only open read-only (e.g. mode 0444 for a non-root user) behaves as
// if `read_only` were set. The store serializes all calls on one connection with a mutex, so
// a LoadVisitor must not call back into the same store.
Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options);

}  // namespace linea::store
