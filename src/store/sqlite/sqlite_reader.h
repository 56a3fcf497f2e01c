// src/store/sqlite/sqlite_reader.h: the read queries of the SQLite store.
//
// REQUIRES: every call runs inside a read transaction the caller holds (SqliteStore::Read), so
// a Load() sees one snapshot. Malformed stored values (unknown kind, bad JSON) are kDataLoss.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "model/asset.h"
#include "secrets/key_ring.h"
#include "store/lineage_store.h"
#include "store/sqlite/sqlite_db.h"

namespace linea::store::sqlite_internal {

class Reader {
 public:
  // `key_ring` (may be null: no key) opens sealed contact fields (contacts/at_rest.h).
  explicit Reader(Db& db, const secrets::KeyRing* key_ring = nullptr)
      : db_(db), key_ring_(key_ring) {}

  // Provenances, assets (fqn, kind, domain, owners, data_type), edges, teams, users; see
  // LoadVisitor.
  Status Load(LoadVisitor& visitor);
  Result<std::optional<model::Asset>> GetAsset(std::string_view fqn);
  Result<std::vector<model::Asset>> ListAssets();
  Result<std::vector<model::Edge>> ListEdges();
  Result<std::vector<model::Edge>> EdgesOfProvenance(std::string_view provenance);
  Result<std::vector<model::Team>> ListTeams();
  Result<std::vector<model::User>> ListUsers();

 private:
  Status LoadProvenances(LoadVisitor& visitor);
  Status LoadAssets(LoadVisitor& visitor);
  Status LoadEdges(LoadVisitor& visitor);
  Status LoadTeams(LoadVisitor& visitor);
  Status LoadUsers(LoadVisitor& visitor);
  // Steps `stmt` (name, description, contacts rows of teams or users) to the end, collecting
  // its rows with their contacts opened.
  template <typename Holder>
  Result<std::vector<Holder>> CollectContactHolders(Statement& stmt);
  // Steps `stmt` (a full-asset query) to the end, collecting its rows.
  Result<std::vector<model::Asset>> CollectAssets(Statement& stmt);
  // Steps `stmt` (a full-edge query) to the end, collecting its rows.
  Result<std::vector<model::Edge>> CollectEdges(Statement& stmt);

  Db& db_;
  const secrets::KeyRing* key_ring_;
};

}  // namespace linea::store::sqlite_internal
