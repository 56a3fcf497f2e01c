#include "store/sqlite/sqlite_reader.h"

#include <string>

#include "common/status_macros.h"
#include "contacts/at_rest.h"
#include "store/sqlite/json_columns.h"

namespace linea::store::sqlite_internal {
namespace {

// Full asset columns, in the order ReadFullAsset() expects.
#define LINEA_ASSET_COLUMNS "fqn, kind, description, domain, owners, tags, properties, data_type"
constexpr const char* kGetAsset = "SELECT " LINEA_ASSET_COLUMNS " FROM assets WHERE fqn = ?1";
constexpr const char* kListAssets = "SELECT " LINEA_ASSET_COLUMNS " FROM assets ORDER BY fqn";
#undef LINEA_ASSET_COLUMNS

// Full edge columns and joins, in the order ReadEdge() expects.
#define LINEA_EDGE_SELECT                                                       \
  "SELECT p.key, a.fqn, b.fqn, e.kind, e.transform, e.first_seen, e.last_seen " \
  "FROM edges e JOIN provenances p ON p.id = e.provenance_id "                  \
  "JOIN assets a ON a.id = e.from_id JOIN assets b ON b.id = e.to_id "
constexpr const char* kListEdges = LINEA_EDGE_SELECT "ORDER BY p.key, a.fqn, b.fqn";
constexpr const char* kEdgesOfProvenance =
    LINEA_EDGE_SELECT "WHERE p.key = ?1 ORDER BY a.fqn, b.fqn";
#undef LINEA_EDGE_SELECT

constexpr const char* kLoadProvenances = "SELECT id, key FROM provenances";
constexpr const char* kLoadAssets = "SELECT id, fqn, kind, domain, owners, data_type FROM assets";
constexpr const char* kLoadEdges = "SELECT from_id, to_id, provenance_id, kind FROM edges";
constexpr const char* kListTeams = "SELECT name, description, contacts FROM teams ORDER BY name";
constexpr const char* kListUsers = "SELECT name, description, contacts FROM users ORDER BY name";

Status Corrupt(std::string_view what, std::string_view name) {
  return DataLossError("store holds a malformed " + std::string(what) + " for " +
                       std::string(name));
}

Status ReadKind(int64_t value, std::string_view fqn, model::AssetKind& kind) {
  if (value < 0 || value >= model::kAssetKindCount) return Corrupt("kind", fqn);
  kind = static_cast<model::AssetKind>(value);
  return Status::OK();
}

Status ReadEdgeKind(int64_t value, std::string_view what, model::EdgeKind& kind) {
  if (value < 0 || value > static_cast<int64_t>(model::EdgeKind::kIndirect)) {
    return Corrupt("edge kind", what);
  }
  kind = static_cast<model::EdgeKind>(value);
  return Status::OK();
}

Status ReadFullAsset(const Statement& stmt, model::Asset& asset) {
  asset.fqn.assign(stmt.Text(0));
  LINEA_RETURN_IF_ERROR(ReadKind(stmt.Int(1), asset.fqn, asset.kind));
  asset.description.assign(stmt.Text(2));
  asset.domain.assign(stmt.Text(3));
  if (!DecodeStringList(stmt.Text(4), asset.owners)) return Corrupt("owners", asset.fqn);
  if (!DecodeStringList(stmt.Text(5), asset.tags)) return Corrupt("tags", asset.fqn);
  if (!DecodeStringMap(stmt.Text(6), asset.properties)) return Corrupt("properties", asset.fqn);
  asset.data_type.assign(stmt.Text(7));
  return Status::OK();
}

Status ReadEdge(const Statement& stmt, model::Edge& edge) {
  edge.provenance.assign(stmt.Text(0));
  edge.from.assign(stmt.Text(1));
  edge.to.assign(stmt.Text(2));
  LINEA_RETURN_IF_ERROR(ReadEdgeKind(stmt.Int(3), edge.from, edge.kind));
  edge.transform.assign(stmt.Text(4));
  edge.first_seen = stmt.Int(5);
  edge.last_seen = stmt.Int(6);
  return Status::OK();
}

}  // namespace

Status Reader::Load(LoadVisitor& visitor) {
  LINEA_RETURN_IF_ERROR(LoadProvenances(visitor));
  LINEA_RETURN_IF_ERROR(LoadAssets(visitor));
  LINEA_RETURN_IF_ERROR(LoadEdges(visitor));
  LINEA_RETURN_IF_ERROR(LoadTeams(visitor));
  return LoadUsers(visitor);
}

Status Reader::LoadProvenances(LoadVisitor& visitor) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db_.Prepare(kLoadProvenances));
  for (;;) {
    LINEA_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) return Status::OK();
    visitor.OnProvenance(stmt->Int(0), stmt->Text(1));
  }
}

// One Asset is reused for every row, so strings keep their capacity between rows.
Status Reader::LoadAssets(LoadVisitor& visitor) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db_.Prepare(kLoadAssets));
  model::Asset asset;
  for (;;) {
    LINEA_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) return Status::OK();
    asset.fqn.assign(stmt->Text(1));
    LINEA_RETURN_IF_ERROR(ReadKind(stmt->Int(2), asset.fqn, asset.kind));
    asset.domain.assign(stmt->Text(3));
    if (!DecodeStringList(stmt->Text(4), asset.owners)) return Corrupt("owners", asset.fqn);
    asset.data_type.assign(stmt->Text(5));
    visitor.OnAsset(stmt->Int(0), asset);
  }
}

Status Reader::LoadEdges(LoadVisitor& visitor) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db_.Prepare(kLoadEdges));
  for (;;) {
    LINEA_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) return Status::OK();
    model::EdgeKind kind = model::EdgeKind::kUnspecified;
    LINEA_RETURN_IF_ERROR(ReadEdgeKind(stmt->Int(3), "an edge", kind));
    visitor.OnEdge(stmt->Int(0), stmt->Int(1), stmt->Int(2), kind);
  }
}

Status Reader::LoadTeams(LoadVisitor& visitor) {
  LINEA_ASSIGN_OR_RETURN(std::vector<model::Team> teams, ListTeams());
  for (const model::Team& team : teams) visitor.OnTeam(team);
  return Status::OK();
}

Status Reader::LoadUsers(LoadVisitor& visitor) {
  LINEA_ASSIGN_OR_RETURN(std::vector<model::User> users, ListUsers());
  for (const model::User& user : users) visitor.OnUser(user);
  return Status::OK();
}

Result<std::optional<model::Asset>> Reader::GetAsset(std::string_view fqn) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db_.Prepare(kGetAsset));
  stmt->BindText(1, fqn);
  LINEA_ASSIGN_OR_RETURN(std::vector<model::Asset> assets, CollectAssets(*stmt));
  if (assets.empty()) return std::optional<model::Asset>();
  return std::optional<model::Asset>(std::move(assets.front()));
}

Result<std::vector<model::Asset>> Reader::ListAssets() {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db_.Prepare(kListAssets));
  return CollectAssets(*stmt);
}

Result<std::vector<model::Asset>> Reader::CollectAssets(Statement& stmt) {
  std::vector<model::Asset> assets;
  for (;;) {
    LINEA_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return assets;
    LINEA_RETURN_IF_ERROR(ReadFullAsset(stmt, assets.emplace_back()));
  }
}

Result<std::vector<model::Edge>> Reader::ListEdges() {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db_.Prepare(kListEdges));
  return CollectEdges(*stmt);
}

Result<std::vector<model::Edge>> Reader::EdgesOfProvenance(std::string_view provenance) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db_.Prepare(kEdgesOfProvenance));
  stmt->BindText(1, provenance);
  return CollectEdges(*stmt);
}

Result<std::vector<model::Edge>> Reader::CollectEdges(Statement& stmt) {
  std::vector<model::Edge> edges;
  for (;;) {
    LINEA_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return edges;
    LINEA_RETURN_IF_ERROR(ReadEdge(stmt, edges.emplace_back()));
  }
}

Result<std::vector<model::Team>> Reader::ListTeams() {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db_.Prepare(kListTeams));
  return CollectContactHolders<model::Team>(*stmt);
}

Result<std::vector<model::User>> Reader::ListUsers() {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db_.Prepare(kListUsers));
  return CollectContactHolders<model::User>(*stmt);
}

template <typename Holder>
Result<std::vector<Holder>> Reader::CollectContactHolders(Statement& stmt) {
  std::vector<Holder> out;
  for (;;) {
    LINEA_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return out;
    Holder& h = out.emplace_back();
    h.name.assign(stmt.Text(0));
    h.description.assign(stmt.Text(1));
    if (!DecodeContacts(stmt.Text(2), h.contacts)) return Corrupt("contacts", h.name);
    if (key_ring_) h.contacts = contacts::OpenContacts(std::move(h.contacts), *key_ring_);
  }
}

}  // namespace linea::store::sqlite_internal
