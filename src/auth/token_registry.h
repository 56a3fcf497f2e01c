// src/auth/token_registry.h: the API tokens of a catalog — created and revoked through the
// catalog's write path (only hashes are stored; a secret is shown once), served from memory.
//
// A DomainState (catalog/domain_write.h): register it with Catalog::AddDomain(). Reload() also
// picks up tokens another process created or revoked in the same file (`linea token create
// --db` next to a running server); the server calls it every few seconds.
//
// Thread safety: all methods may be called concurrently.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "auth/token.h"
#include "catalog/catalog.h"
#include "common/result.h"

namespace linea::auth {

class TokenRegistry final : public catalog::DomainState {
 public:
  // Loads the tokens of `catalog`'s store. `catalog` must outlive the registry.
  static Result<std::unique_ptr<TokenRegistry>> Load(catalog::Catalog& catalog);

  // Creates a token named `name` with `role` and, for a writer, an optional `scope`; returns
  // the secret. `by` is who asks (audited). kAlreadyExists when the name is taken (also by a
  // revoked token), kInvalidArgument for a bad name or role, or a scope on a reader or admin.
  Result<std::string> Create(std::string_view name, Role role,
                             std::optional<catalog::WriteScope> scope, const catalog::Writer& by);
  // Revokes the token `name` (again: no change). kNotFound with similar names when unknown.
  Status Revoke(std::string_view name, const catalog::Writer& by);
  // Every token (never the secret), revoked ones included, ordered by name.
  Result<std::vector<TokenInfo>> List() const;
  // The active token whose secret is `secret`; nullopt when unknown or revoked. Served from
  // memory; compares hashes only.
  std::optional<TokenInfo> Authenticate(std::string_view secret) const;

  // ---- catalog::DomainState: re-reads every token from the store.
  Status Reload() override;

 private:
  // A token created or revoked, as a catalog write's part (catalog::DomainWrite).
  class Change;

  explicit TokenRegistry(catalog::Catalog& catalog) : catalog_(catalog) {}

  catalog::Catalog& catalog_;
  mutable std::shared_mutex mu_;
  // Active tokens by the hex SHA-256 of their secret; guarded by mu_.
  std::map<std::string, TokenInfo, std::less<>> by_hash_;
};

}  // namespace linea::auth
