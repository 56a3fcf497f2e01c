// src/auth/token.h: API tokens: roles, secrets and their hashes.
//
// A token is a random secret shown once at creation; the store keeps only its SHA-256 hash.
// Roles are ordered reader < writer < admin: reads need reader (and only when the server
// requires auth for reads), writes need writer, token administration needs admin.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "catalog/writer.h"

namespace linea::auth {

enum class Role : uint8_t { kReader = 1, kWriter = 2, kAdmin = 3 };

// "reader", "writer", "admin".
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);
// True when `have` is at least `need`.
inline bool Allows(Role have, Role need) { return have >= need; }

struct TokenInfo {
  std::string name;
  Role role = Role::kReader;
  int64_t created_at = 0;  // unix seconds
  int64_t revoked_at = 0;  // unix seconds; 0 = active
  // What a writer token may change (token_scope.h); nullopt: everything (tokens made without a
  // scope, and every token made before scopes existed).
  std::optional<catalog::WriteScope> scope;
};

// A new random secret: "lin_" + 43 base64url characters (32 bytes from OpenSSL's CSPRNG).
std::string NewTokenSecret();
// Lower-case hex SHA-256 of `secret`.
std::string HashToken(std::string_view secret);
// Token names: 1–64 of [A-Za-z0-9_.-].
bool IsValidTokenName(std::string_view name);

}  // namespace linea::auth
