// src/store/lineage_store.h: assets, lineage edges (grouped by provenance) and teams.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "model/asset.h"
#include "model/delta.h"
#include "store/write_txn.h"

namespace linea::store {

// Receives the catalog for building the in-memory graph, in this order: every provenance,
// every asset, every edge, every team, every user. Keys are the store's own and only meaningful
// within one Load() call.
class LoadVisitor {
 public:
  virtual ~LoadVisitor() = default;
  virtual void OnProvenance(int64_t key, std::string_view provenance) = 0;
  // `asset` carries fqn, kind, domain, owners and data_type only (what the graph indexes).
  virtual void OnAsset(int64_t key, const model::Asset& asset) = 0;
  virtual void OnEdge(int64_t from_key, int64_t to_key, int64_t provenance_key,
                      model::EdgeKind kind) = 0;
  virtual void OnTeam(const model::Team& team) = 0;
  virtual void OnUser(const model::User& user) = 0;
};

class LineageStore {
 public:
  virtual ~LineageStore() = default;

  // Writes `delta` inside `txn` (order: delete_assets, upsert_assets, replace_edges,
  // upsert_teams, upsert_users). Deleting an asset also deletes its run record and the aliases
  // pointing at it (RunStore), not its incidents or subscriptions. Edges name assets by FQN; an
  // edge whose endpoint does not exist after the delete/upsert steps fails with kInvalidArgument.
  // Edges of a replaced provenance that persist keep their first_seen; every edge written gets
  // last_seen = the transaction's time.
  // Errors: kInvalidArgument, kDataLoss (corrupt), kInternal (`txn` of another backend).
  virtual Status Write(WriteTxn& txn, const model::Delta& delta) = 0;

  // Streams the committed catalog to `visitor` from one consistent read snapshot.
  virtual Status Load(LoadVisitor& visitor) = 0;
  // The full asset, or nullopt when `fqn` is unknown.
  virtual Result<std::optional<model::Asset>> GetAsset(std::string_view fqn) = 0;
  // Every asset, ordered by FQN.
  virtual Result<std::vector<model::Asset>> ListAssets() = 0;
  // Every edge with its provenance and timestamps, ordered by (provenance, from, to).
  virtual Result<std::vector<model::Edge>> ListEdges() = 0;
  // The edges of one provenance, ordered by (from, to); empty when unknown.
  virtual Result<std::vector<model::Edge>> EdgesOfProvenance(std::string_view provenance) = 0;
  // Every team, ordered by name.
  virtual Result<std::vector<model::Team>> ListTeams() = 0;
  // Every user, ordered by name; contacts unsealed like ListTeams().
  virtual Result<std::vector<model::User>> ListUsers() = 0;
};

}  // namespace linea::store
