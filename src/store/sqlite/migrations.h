// src/store/sqlite/migrations.h: the SQLite schema, versioned by migrations compiled in code.
//
// PRAGMA user_version holds the number of steps applied. Opening a store applies the missing
// steps, in order, in one transaction; a step is never applied twice.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "common/result.h"

struct sqlite3;

namespace linea::store::sqlite_internal {

// "LNEA": PRAGMA application_id of every linea database, written by the first migration.
inline constexpr int32_t kLineaApplicationId = 0x4C4E4541;

struct Migration {
  std::string_view description;
  // One or more SQL statements; applied inside the migration transaction.
  const char* sql;
};

// The schema's steps, oldest first; step i (0-based) brings the schema to version i + 1.
std::span<const Migration> Migrations();

// Brings `db` (named `path` in messages) to version steps.size() in one BEGIN IMMEDIATE
// transaction and returns how many steps it applied (0 when already current). Any failure
// rolls every step back. Errors: kFailedPrecondition when the file's user_version is newer
// than steps.size(); SQLite errors mapped as in SqliteError().
Result<int> ApplyMigrations(sqlite3* db, std::string_view path, std::span<const Migration> steps);

// "store <path> has schema version <found>, newer than this linea (<known>); upgrade linea".
Status NewerSchemaError(std::string_view path, int64_t found, int64_t known);

}  // namespace linea::store::sqlite_internal
