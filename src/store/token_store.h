// src/store/token_store.h: API tokens as persisted — the hash of each secret, never the secret.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "store/write_txn.h"

namespace linea::store {

// The store does not interpret `hash` or `role`; auth/ gives them meaning.
struct TokenRecord {
  std::string name;        // unique, also among revoked tokens
  std::string hash;        // lower-case hex SHA-256 of the secret; unique
  std::string role;        // "reader", "writer" or "admin"
  int64_t created_at = 0;  // unix seconds
  int64_t revoked_at = 0;  // unix seconds; 0 = active
  std::string scope;       // opaque to the store (auth/ writes JSON); "" = every scope

  bool operator==(const TokenRecord&) const = default;
};

class TokenStore {
 public:
  virtual ~TokenStore() = default;

  // Stores a new token inside `txn`. kAlreadyExists when `token.name` (or its hash) is already
  // stored, revoked or not.
  virtual Status Put(WriteTxn& txn, const TokenRecord& token) = 0;
  // Marks the token `name` revoked at `at` (unix seconds) inside `txn`. Revoking a revoked
  // token is OK and keeps its first revoked_at. kNotFound when no token is named `name`.
  virtual Status Revoke(WriteTxn& txn, std::string_view name, int64_t at) = 0;
  // Every token, revoked ones included, ordered by name.
  virtual Result<std::vector<TokenRecord>> ListTokens() = 0;
};

}  // namespace linea::store
