// src/store/sqlite/token_table.h: the queries of the SQLite store's `tokens` table (schema
// version 2). Rows hold a token's name, the hash of its secret, its role and timestamps.
//
// REQUIRES: every call runs inside a transaction the caller holds: a write transaction for
// InsertToken / MarkTokenRevoked, at least a read transaction for ReadTokens.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "store/sqlite/sqlite_db.h"
#include "store/token_store.h"

namespace linea::store::sqlite_internal {

// Inserts `token`. kAlreadyExists "token <name> already exists" when its name or hash is taken.
Status InsertToken(Db& db, const TokenRecord& token);
// Sets revoked_at = `at` unless already revoked. kNotFound "unknown token <name>" when absent.
Status MarkTokenRevoked(Db& db, std::string_view name, int64_t at);
// Every row, ordered by name.
Result<std::vector<TokenRecord>> ReadTokens(Db& db);

}  // namespace linea::store::sqlite_internal
