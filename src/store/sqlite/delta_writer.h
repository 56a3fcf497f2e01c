// src/store/sqlite/delta_writer.h: writes one lineage Delta inside an open write transaction.
//
// The caller owns the transaction: DeltaWriter only issues statements, and on any error the
// caller rolls back. FQN→id lookups are cached for the writer's lifetime, keyed by views into
// the Delta, so the Delta must outlive the writer.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "model/delta.h"
#include "secrets/key_ring.h"
#include "store/sqlite/sqlite_db.h"

namespace linea::store::sqlite_internal {

class DeltaWriter {
 public:
  // `now` (unix seconds) is stamped as last_seen (and first_seen of new edges).
  // `key_ring` (may be null: no key) seals teams' and users' contact credentials
  // (contacts/at_rest.h).
  DeltaWriter(Db& db, int64_t now, const secrets::KeyRing* key_ring = nullptr)
      : db_(db), now_(now), key_ring_(key_ring) {}
  DeltaWriter(const DeltaWriter&) = delete;
  DeltaWriter& operator=(const DeltaWriter&) = delete;

  // Applies delete_assets (with their run records and the aliases pointing at them, but not
  // their incidents or subscriptions), upsert_assets, replace_edges, upsert_teams,
  // upsert_users in that order.
  // Errors: kInvalidArgument "edge <from> -> <to>: unknown asset <fqn>"; SQLite errors.
  Status Write(const model::Delta& delta);

 private:
  struct NewEdge {
    int64_t from;
    int64_t to;
    const model::Edge* edge;
  };
  struct EdgeKey {
    int64_t from;
    int64_t to;
  };

  Status DeleteAssets(const std::vector<std::string>& fqns);
  Status DeleteAsset(int64_t id, bool& removed_edges);
  Status DropEmptyProvenances();
  Status UpsertAssets(const std::vector<model::Asset>& assets);
  Status UpsertAsset(const model::Asset& asset);
  Status ReplaceEdges(const model::EdgeSet& set);
  Status DeleteProvenance(std::string_view key);
  // The new edges resolved to ids, sorted by (from, to), one per pair (the last one given).
  Result<std::vector<NewEdge>> ResolveEdges(const std::vector<model::Edge>& edges);
  // Existing (from, to) pairs of the provenance, sorted.
  Result<std::vector<EdgeKey>> ExistingEdges(int64_t provenance_id);
  Status MergeEdges(int64_t provenance_id, const std::vector<NewEdge>& edges,
                    const std::vector<EdgeKey>& existing);
  Status WriteEdge(const char* sql, int64_t provenance_id, const NewEdge& edge);
  Status DeleteEdge(int64_t provenance_id, const EdgeKey& key);
  Status UpsertTeams(const std::vector<model::Team>& teams);
  Status UpsertUsers(const std::vector<model::User>& users);
  // One row of the teams or users table (`sql`: its upsert), contacts sealed when there is a
  // key ring.
  Status UpsertContactHolder(const char* sql, const std::string& name,
                             const std::string& description,
                             const std::vector<model::Contact>& contacts);

  // The asset's id, or 0 when it does not exist.
  Result<int64_t> AssetId(std::string_view fqn);
  // The provenance's id, or 0 when missing and !create.
  Result<int64_t> ProvenanceId(std::string_view key, bool create);

  Db& db_;
  const int64_t now_;
  const secrets::KeyRing* key_ring_;
  std::unordered_map<std::string_view, int64_t> ids_;  // fqn → id, views into the Delta
};

}  // namespace linea::store::sqlite_internal
