// src/auth/token_scope.h: a writer token's scope (catalog::WriteScope) as JSON — how the API
// takes it and how the store keeps it:
//   {"domains": ["geo"], "prefixes": ["hive.geo"], "provenances": ["manifest:geo/"],
//    "teams": ["geo"]}
// Every key is optional; a missing or empty list leaves its dimension open, except "teams"
// (no team may be changed). See docs/auth.md "Scopes".
#pragma once

#include <string>
#include <string_view>

#include "catalog/writer.h"
#include "common/result.h"

namespace linea::auth {

// Parses and validates a scope: an object whose values are arrays of non-empty strings;
// "prefixes" are FQNs, kept in canonical form. kInvalidArgument naming the key, e.g.
//   scope.prefixes[1]: "hive..geo" is not an FQN: empty segment at byte 5
//   scope: unknown key "domain" (expected domains, prefixes, provenances, teams)
Result<catalog::WriteScope> ParseScope(std::string_view json);
// The JSON text of `scope`, with every key present; ParseScope(EncodeScope(s)) == s.
std::string EncodeScope(const catalog::WriteScope& scope);

}  // namespace linea::auth
