#include "store/sqlite/delta_writer.h"

#include <algorithm>
#include <string>

#include "common/status_macros.h"
#include "contacts/at_rest.h"
#include "store/sqlite/incident_tables.h"
#include "store/sqlite/json_columns.h"
#include "store/sqlite/openlineage_tables.h"

namespace linea::store::sqlite_internal {
namespace {

constexpr const char* kSelectAssetId = "SELECT id FROM assets WHERE fqn = ?1";
constexpr const char* kUpsertAsset =
    "INSERT INTO assets(fqn, kind, description, domain, owners, tags, properties, data_type) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(fqn) DO UPDATE SET "
    "kind = excluded.kind, description = excluded.description, domain = excluded.domain, "
    "owners = excluded.owners, tags = excluded.tags, properties = excluded.properties, "
    "data_type = excluded.data_type RETURNING id";
constexpr const char* kDeleteEdgesFrom = "DELETE FROM edges WHERE from_id = ?1";
constexpr const char* kDeleteEdgesTo = "DELETE FROM edges WHERE to_id = ?1";
constexpr const char* kDeleteAsset = "DELETE FROM assets WHERE id = ?1";
constexpr const char* kDropEmptyProvenances =
    "DELETE FROM provenances WHERE NOT EXISTS "
    "(SELECT 1 FROM edges WHERE edges.provenance_id = provenances.id)";
constexpr const char* kSelectProvenance = "SELECT id FROM provenances WHERE key = ?1";
constexpr const char* kInsertProvenance = "INSERT INTO provenances(key) VALUES(?1) RETURNING id";
constexpr const char* kDeleteProvenanceEdges = "DELETE FROM edges WHERE provenance_id = ?1";
constexpr const char* kDeleteProvenance = "DELETE FROM provenances WHERE id = ?1";
constexpr const char* kSelectProvenanceEdges =
    "SELECT from_id, to_id FROM edges WHERE provenance_id = ?1 ORDER BY from_id, to_id";
constexpr const char* kInsertEdge =
    "INSERT INTO edges(provenance_id, from_id, to_id, kind, transform, first_seen, last_seen) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?6)";
// Skips rows already equal (an edge re-asserted within the same second writes no page).
constexpr const char* kUpdateEdge =
    "UPDATE edges SET kind = ?4, transform = ?5, last_seen = ?6 "
    "WHERE provenance_id = ?1 AND from_id = ?2 AND to_id = ?3 "
    "AND (kind IS NOT ?4 OR transform IS NOT ?5 OR last_seen IS NOT ?6)";
constexpr const char* kDeleteEdge =
    "DELETE FROM edges WHERE provenance_id = ?1 AND from_id = ?2 AND to_id = ?3";
constexpr const char* kUpsertTeam =
    "INSERT INTO teams(name, description, contacts) VALUES(?1, ?2, ?3) ON CONFLICT(name) "
    "DO UPDATE SET description = excluded.description, contacts = excluded.contacts";
constexpr const char* kUpsertUser =
    "INSERT INTO users(name, description, contacts) VALUES(?1, ?2, ?3) ON CONFLICT(name) "
    "DO UPDATE SET description = excluded.description, contacts = excluded.contacts";

bool KeyLess(int64_t from_a, int64_t to_a, int64_t from_b, int64_t to_b) {
  return from_a != from_b ? from_a < from_b : to_a < to_b;
}

Status UnknownEndpoint(const model::Edge& edge, std::string_view missing) {
  return InvalidArgumentError("edge " + edge.from + " -> " + edge.to + ": unknown asset " +
                              std::string(missing));
}

}  // namespace

Status DeltaWriter::Write(const model::Delta& delta) {
  LINEA_RETURN_IF_ERROR(DeleteAssets(delta.delete_assets));
  LINEA_RETURN_IF_ERROR(UpsertAssets(delta.upsert_assets));
  for (const model::EdgeSet& set : delta.replace_edges) {
    LINEA_RETURN_IF_ERROR(ReplaceEdges(set));
  }
  LINEA_RETURN_IF_ERROR(UpsertTeams(delta.upsert_teams));
  return UpsertUsers(delta.upsert_users);
}

// ---- assets ----

Status DeltaWriter::DeleteAssets(const std::vector<std::string>& fqns) {
  bool removed_edges = false;
  for (const std::string& fqn : fqns) {
    // Keyed by FQN, so cleared even when the asset itself is already gone.
    LINEA_RETURN_IF_ERROR(DeleteRunAndAliasesOf(db_, fqn));
    LINEA_ASSIGN_OR_RETURN(int64_t id, AssetId(fqn));
    if (id == 0) continue;  // already gone: deleting is idempotent
    ids_.erase(fqn);
    LINEA_RETURN_IF_ERROR(DeleteAsset(id, removed_edges));
  }
  return removed_edges ? DropEmptyProvenances() : Status::OK();
}

Status DeltaWriter::DeleteAsset(int64_t id, bool& removed_edges) {
  for (const char* sql : {kDeleteEdgesFrom, kDeleteEdgesTo, kDeleteAsset}) {
    LINEA_ASSIGN_OR_RETURN(Statement * stmt, db_.Prepare(sql));
    stmt->BindInt(1, id);
    LINEA_RETURN_IF_ERROR(stmt->Run());
    if (sql != kDeleteAsset && db_.changes() > 0) removed_edges = true;
  }
  return Status::OK();
}

Status DeltaWriter::DropEmptyProvenances() {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db_.Prepare(kDropEmptyProvenances));
  return stmt->Run();
}

Status DeltaWriter::UpsertAssets(const std::vector<model::Asset>& assets) {
  // Writing in FQN order keeps inserts into the fqn index sequential on large deltas.
  std::vector<const model::Asset*> order;
  order.reserve(assets.size());
  for (const model::Asset& asset : assets) order.push_back(&asset);
  std::stable_sort(order.begin(), order.end(),
                   [](const model::Asset* a, const model::Asset* b) { return a->fqn < b->fqn; });
  ids_.reserve(ids_.size() + assets.size());
  for (const model::Asset* asset : order) LINEA_RETURN_IF_ERROR(UpsertAsset(*asset));
  return Status::OK();
}

Status DeltaWriter::UpsertAsset(const model::Asset& asset) {
  const std::string owners = EncodeStringList(asset.owners);
  const std::string tags = EncodeStringList(asset.tags);
  const std::string properties = EncodeStringMap(asset.properties);
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db_.Prepare(kUpsertAsset));
  stmt->BindText(1, asset.fqn);
  stmt->BindInt(2, static_cast<int64_t>(asset.kind));
  stmt->BindText(3, asset.description);
  stmt->BindText(4, asset.domain);
  stmt->BindText(5, owners);
  stmt->BindText(6, tags);
  stmt->BindText(7, properties);
  stmt->BindText(8, asset.data_type);
  LINEA_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) return InternalError("upsert of " + asset.fqn + " returned no id");
  ids_[asset.fqn] = stmt->Int(0);
  return stmt->Run();  // finish the statement so RETURNING's write completes
}

Result<int64_t> DeltaWriter::AssetId(std::string_view fqn) {
  if (auto it = ids_.find(fqn); it != ids_.end()) return it->second;
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db_.Prepare(kSelectAssetId));
  stmt->BindText(1, fqn);
  LINEA_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) return int64_t{0};
  const int64_t id = stmt->Int(0);
  ids_.emplace(fqn, id);
  return id;
}

// ---- edges ----

Status DeltaWriter::ReplaceEdges(const model::EdgeSet& set) {
  if (set.edges.empty()) return DeleteProvenance(set.provenance);
  LINEA_ASSIGN_OR_RETURN(std::vector<NewEdge> edges, ResolveEdges(set.edges));
  LINEA_ASSIGN_OR_RETURN(int64_t provenance_id, ProvenanceId(set.provenance, /*create=*/true));
  LINEA_ASSIGN_OR_RETURN(std::vector<EdgeKey> existing, ExistingEdges(provenance_id));
  return MergeEdges(provenance_id, edges, existing);
}

Status DeltaWriter::DeleteProvenance(std::string_view key) {
  LINEA_ASSIGN_OR_RETURN(int64_t id, ProvenanceId(key, /*create=*/false));
  if (id == 0) return Status::OK();
  for (const char* sql : {kDeleteProvenanceEdges, kDeleteProvenance}) {
    LINEA_ASSIGN_OR_RETURN(Statement * stmt, db_.Prepare(sql));
    stmt->BindInt(1, id);
    LINEA_RETURN_IF_ERROR(stmt->Run());
  }
  return Status::OK();
}

Result<std::vector<DeltaWriter::NewEdge>> DeltaWriter::ResolveEdges(
    const std::vector<model::Edge>& edges) {
  std::vector<NewEdge> resolved;
  resolved.reserve(edges.size());
  for (const model::Edge& edge : edges) {
    LINEA_ASSIGN_OR_RETURN(int64_t from, AssetId(edge.from));
    if (from == 0) return UnknownEndpoint(edge, edge.from);
    LINEA_ASSIGN_OR_RETURN(int64_t to, AssetId(edge.to));
    if (to == 0) return UnknownEndpoint(edge, edge.to);
    resolved.push_back({from, to, &edge});
  }
  std::stable_sort(resolved.begin(), resolved.end(), [](const NewEdge& a, const NewEdge& b) {
    return KeyLess(a.from, a.to, b.from, b.to);
  });
  // Keep the last of each run of equal pairs: the last one given wins.
  std::vector<NewEdge> unique;
  unique.reserve(resolved.size());
  for (size_t i = 0; i < resolved.size(); ++i) {
    const bool last_of_run = i + 1 == resolved.size() || resolved[i + 1].from != resolved[i].from ||
                             resolved[i + 1].to != resolved[i].to;
    if (last_of_run) unique.push_back(resolved[i]);
  }
  return unique;
}

Result<std::vector<DeltaWriter::EdgeKey>> DeltaWriter::ExistingEdges(int64_t provenance_id) {
  std::vector<EdgeKey> keys;
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db_.Prepare(kSelectProvenanceEdges));
  stmt->BindInt(1, provenance_id);
  for (;;) {
    LINEA_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    keys.push_back({stmt->Int(0), stmt->Int(1)});
  }
  return keys;
}

// Walks both sorted lists: pairs only in `existing` are deleted, pairs in both are updated
// (first_seen kept), new pairs are inserted with first_seen = last_seen = now.
Status DeltaWriter::MergeEdges(int64_t provenance_id, const std::vector<NewEdge>& edges,
                               const std::vector<EdgeKey>& existing) {
  size_t old_index = 0;
  for (const NewEdge& edge : edges) {
    while (old_index < existing.size() &&
           KeyLess(existing[old_index].from, existing[old_index].to, edge.from, edge.to)) {
      LINEA_RETURN_IF_ERROR(DeleteEdge(provenance_id, existing[old_index++]));
    }
    const bool persists = old_index < existing.size() && existing[old_index].from == edge.from &&
                          existing[old_index].to == edge.to;
    if (persists) ++old_index;
    LINEA_RETURN_IF_ERROR(WriteEdge(persists ? kUpdateEdge : kInsertEdge, provenance_id, edge));
  }
  while (old_index < existing.size()) {
    LINEA_RETURN_IF_ERROR(DeleteEdge(provenance_id, existing[old_index++]));
  }
  return Status::OK();
}

Status DeltaWriter::WriteEdge(const char* sql, int64_t provenance_id, const NewEdge& edge) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db_.Prepare(sql));
  stmt->BindInt(1, provenance_id);
  stmt->BindInt(2, edge.from);
  stmt->BindInt(3, edge.to);
  stmt->BindInt(4, static_cast<int64_t>(edge.edge->kind));
  stmt->BindText(5, edge.edge->transform);
  stmt->BindInt(6, now_);
  return stmt->Run();
}

Status DeltaWriter::DeleteEdge(int64_t provenance_id, const EdgeKey& key) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db_.Prepare(kDeleteEdge));
  stmt->BindInt(1, provenance_id);
  stmt->BindInt(2, key.from);
  stmt->BindInt(3, key.to);
  return stmt->Run();
}

Result<int64_t> DeltaWriter::ProvenanceId(std::string_view key, bool create) {
  LINEA_ASSIGN_OR_RETURN(Statement * select, db_.Prepare(kSelectProvenance));
  select->BindText(1, key);
  LINEA_ASSIGN_OR_RETURN(bool found, select->Step());
  if (found) return select->Int(0);
  if (!create) return int64_t{0};
  LINEA_ASSIGN_OR_RETURN(Statement * insert, db_.Prepare(kInsertProvenance));
  insert->BindText(1, key);
  LINEA_ASSIGN_OR_RETURN(bool row, insert->Step());
  if (!row) return InternalError("insert of provenance " + std::string(key) + " returned no id");
  const int64_t id = insert->Int(0);
  LINEA_RETURN_IF_ERROR(insert->Run());
  return id;
}

// ---- teams and users ----

Status DeltaWriter::UpsertTeams(const std::vector<model::Team>& teams) {
  for (const model::Team& team : teams) {
    LINEA_RETURN_IF_ERROR(
        UpsertContactHolder(kUpsertTeam, team.name, team.description, team.contacts));
  }
  return Status::OK();
}

Status DeltaWriter::UpsertUsers(const std::vector<model::User>& users) {
  for (const model::User& user : users) {
    LINEA_RETURN_IF_ERROR(
        UpsertContactHolder(kUpsertUser, user.name, user.description, user.contacts));
  }
  return Status::OK();
}

Status DeltaWriter::UpsertContactHolder(const char* sql, const std::string& name,
                                        const std::string& description,
                                        const std::vector<model::Contact>& contacts) {
  std::string encoded;
  if (key_ring_) {
    LINEA_ASSIGN_OR_RETURN(std::vector<model::Contact> sealed,
                           contacts::SealContacts(contacts, *key_ring_));
    encoded = EncodeContacts(sealed);
  } else {
    encoded = EncodeContacts(contacts);
  }
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db_.Prepare(sql));
  stmt->BindText(1, name);
  stmt->BindText(2, description);
  stmt->BindText(3, encoded);
  return stmt->Run();
}

}  // namespace linea::store::sqlite_internal
