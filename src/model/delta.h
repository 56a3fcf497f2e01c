// src/model/delta.h: the lineage change every producer hands to catalog.
//
// Catalog validates a Delta, commits it in one store transaction, then applies the same Delta
// to the in-memory graph. Application order: delete_assets, upsert_assets, replace_edges,
// upsert_teams, upsert_users. What other domains add to the same write (a run and its logged event,
// an incident and its deliveries) travels beside it as that domain's own delta
// (catalog/domain_write.h), not in it.
#pragma once

#include <string>
#include <vector>

#include "model/asset.h"

namespace linea::model {

// Replaces every edge of `provenance` with `edges` (replace-by-provenance).
// Each edge's own `provenance` field is ignored. An empty `edges` removes the provenance.
struct EdgeSet {
  std::string provenance;
  std::vector<Edge> edges;
};

struct Delta {
  // Full replacement of each asset's attributes; created when missing.
  std::vector<Asset> upsert_assets;
  // Assets removed with every edge touching them. Catalog expands this to all descendants
  // before commit, so stores and the graph receive the closed set.
  std::vector<std::string> delete_assets;
  std::vector<EdgeSet> replace_edges;
  std::vector<Team> upsert_teams;
  // Full replacement of each user's description and contacts; created when missing. Like
  // teams, users are never deleted.
  std::vector<User> upsert_users;

  bool empty() const {
    return upsert_assets.empty() && delete_assets.empty() && replace_edges.empty() &&
           upsert_teams.empty() && upsert_users.empty();
  }
};

}  // namespace linea::model
