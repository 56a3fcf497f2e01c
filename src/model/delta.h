// src/model/delta.h: the one change type every producer hands to catalog.
//
// Catalog validates a Delta, commits it in one store transaction, then applies the same
// Delta to the in-memory graph. Application order: delete_assets, upsert_assets,
// replace_edges, upsert_teams, upsert_aliases, upsert_runs, append_events, upsert_incidents,
// upsert_deliveries, delete_subscriptions, upsert_subscriptions.
#pragma once

#include <string>
#include <vector>

#include "model/asset.h"
#include "model/incident.h"
#include "model/run.h"

namespace linea::model {

// Replaces every edge of `provenance` with `edges` (replace-by-provenance, DESIGN.md §4).
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
  // Each alias → asset mapping replaces any earlier one of the same alias. Deleting an asset
  // deletes the aliases pointing at it.
  std::vector<Alias> upsert_aliases;
  // Each record replaces its asset's last run. Deleting an asset deletes its record.
  std::vector<RunRecord> upsert_runs;
  // Appended to the event log; an event whose hash is already logged is skipped.
  std::vector<RawEvent> append_events;
  // Each incident replaces the stored one of the same id (with its timeline). Incidents are
  // not deleted with their asset: they are history.
  std::vector<Incident> upsert_incidents;
  // Each delivery replaces the stored one of the same id (outbox rows and their attempts).
  std::vector<Delivery> upsert_deliveries;
  std::vector<Subscription> delete_subscriptions;
  std::vector<Subscription> upsert_subscriptions;

  bool empty() const {
    return upsert_assets.empty() && delete_assets.empty() && replace_edges.empty() &&
           upsert_teams.empty() && upsert_aliases.empty() && upsert_runs.empty() &&
           append_events.empty() && upsert_incidents.empty() && upsert_deliveries.empty() &&
           delete_subscriptions.empty() && upsert_subscriptions.empty();
  }
};

}  // namespace linea::model
