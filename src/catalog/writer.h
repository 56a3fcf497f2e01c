// src/catalog/writer.h: who asks for a catalog write, and what they may change.
//
// Every client write carries a Writer: Catalog::Apply() checks the write against the writer's
// scope once the delta is validated and closed (deletes expanded to descendants), before
// anything is written, and records it — or its refusal — in the audit log (store/audit_store.h)
// in the write's own transaction. Writes without a Writer are the server's own bookkeeping
// (delivery attempts, token reloads): neither checked nor audited.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace linea::catalog {

// What a scoped writer may change. An empty list leaves its dimension open, except `teams`.
struct WriteScope {
  // Assets it may create, change or delete: those whose effective domain is listed, or whose
  // FQN is a listed prefix or lies under one (whole segments: "hive.geo" covers
  // "hive.geo.moves", not "hive.geography"). Both empty: any asset.
  std::vector<std::string> domains;
  std::vector<std::string> fqn_prefixes;
  // Edge sets it may replace: provenances equal to, or starting with, a listed one
  // ("manifest:churn-repo/", "openlineage:spark-prod/", "connector:hms"). Empty: any.
  std::vector<std::string> provenances;
  // Teams whose description and contacts it may change (and whose subscriptions). Empty: none.
  std::vector<std::string> teams;

  bool operator==(const WriteScope&) const = default;
};

// Whether `scope` covers the asset `fqn` whose effective domain is `domain` ("" = none): by
// domain, or by FQN prefix in whole segments. A scope restricting no assets covers all.
bool ScopeCoversAsset(const WriteScope& scope, std::string_view fqn, std::string_view domain);

// Deleting more assets than this at once (an asset and its descendants) needs an admin.
inline constexpr size_t kMaxAssetsDeletedByWriter = 1000;

struct Writer {
  // The token's name; "cli" for a CLI command on a catalog file; "anonymous" on a --no-auth
  // server; "openlineage" and "scheduler" for the server's own policies (auto-incidents,
  // reminders); "connector:<name>" for a connector pull.
  std::string name;
  // "admin", "writer", "local", "no-auth" (a --no-auth server) or "system".
  std::string role;
  // What was asked: "POST /api/v1/manifests", "linea apply".
  std::string action;
  // nullopt: every asset, provenance and team (tokens made before scopes existed, admins,
  // local and system writers).
  std::optional<WriteScope> scope;
  // May delete services and databases, and more than kMaxAssetsDeletedByWriter assets at once.
  bool admin = false;

  // The local CLI on a file it owns: every right. `action` is the command, e.g. "linea apply".
  static Writer Local(std::string action) {
    return {"cli", "local", std::move(action), std::nullopt, true};
  }
  // The server's own policies.
  static Writer System(std::string name, std::string action) {
    return {std::move(name), "system", std::move(action), std::nullopt, true};
  }
};

}  // namespace linea::catalog
