#include "store/sqlite/token_table.h"

#include <string>

#include "common/status_macros.h"

namespace linea::store::sqlite_internal {
namespace {

// DO NOTHING (rather than OR IGNORE) skips only uniqueness conflicts; NOT NULL still fails.
constexpr const char* kInsertToken =
    "INSERT INTO tokens(name, hash, role, created_at, revoked_at, scope) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
    "ON CONFLICT DO NOTHING";
// Matches the row even when already revoked, so changes() tells "unknown" from "revoked".
constexpr const char* kRevokeToken =
    "UPDATE tokens SET revoked_at = CASE revoked_at WHEN 0 THEN ?2 ELSE revoked_at END "
    "WHERE name = ?1";
constexpr const char* kListTokens =
    "SELECT name, hash, role, created_at, revoked_at, scope FROM tokens ORDER BY name";

}  // namespace

Status InsertToken(Db& db, const TokenRecord& token) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kInsertToken));
  stmt->BindText(1, token.name);
  stmt->BindText(2, token.hash);
  stmt->BindText(3, token.role);
  stmt->BindInt(4, token.created_at);
  stmt->BindInt(5, token.revoked_at);
  stmt->BindText(6, token.scope);
  LINEA_RETURN_IF_ERROR(stmt->Run());
  if (db.changes() == 0) return AlreadyExistsError("token " + token.name + " already exists");
  return Status::OK();
}

Status MarkTokenRevoked(Db& db, std::string_view name, int64_t at) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kRevokeToken));
  stmt->BindText(1, name);
  stmt->BindInt(2, at);
  LINEA_RETURN_IF_ERROR(stmt->Run());
  if (db.changes() == 0) return NotFoundError("unknown token " + std::string(name));
  return Status::OK();
}

Result<std::vector<TokenRecord>> ReadTokens(Db& db) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kListTokens));
  std::vector<TokenRecord> tokens;
  for (;;) {
    LINEA_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) return tokens;
    TokenRecord& token = tokens.emplace_back();
    token.name.assign(stmt->Text(0));
    token.hash.assign(stmt->Text(1));
    token.role.assign(stmt->Text(2));
    token.created_at = stmt->Int(3);
    token.revoked_at = stmt->Int(4);
    token.scope.assign(stmt->Text(5));
  }
}

}  // namespace linea::store::sqlite_internal
