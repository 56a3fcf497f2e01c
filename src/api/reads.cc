// Read operations of the API (api.h).
#include "api/api.h"
#include "model/fqn.h"
#include "report/report_json.h"

namespace linea::api {
namespace {

uint32_t Depth(uint32_t depth) { return depth == 0 ? UINT32_MAX : depth; }

Json Summary(const catalog::AssetSummary& a) {
  return {{"fqn", a.fqn}, {"kind", model::KindName(a.kind)}, {"domain", a.domain},
          {"owners", a.owners}};
}

constexpr size_t kMaxChildDetails = 2000;

Reply GetAssetLocked(const catalog::Catalog& c, const runs::RunState& runs,
                     std::string_view requested) {
  const std::string fqn = c.Resolve(requested);  // a storage path merged into its table
  Result<model::Asset> asset = c.GetAsset(fqn);
  if (!asset.ok()) return Error(asset.status());
  Json j = codec::EncodeAsset(*asset);
  if (std::vector<std::string> aliases = runs.AliasesOf(fqn); !aliases.empty()) {
    j["aliases"] = std::move(aliases);
  }
  if (std::optional<model::RunRecord> run = runs.LastRun(fqn)) {
    j["last_run"] = codec::EncodeRun(*run);
  }
  // Inherited values and children from the graph, so a page renders without more calls.
  if (std::optional<catalog::AssetSummary> s = c.Summary(fqn)) {
    j["effective_owners"] = s->owners;
    j["effective_domain"] = s->domain;
  }
  std::vector<std::string> children = c.ChildNames(fqn);
  // Columns or features with their type and description, so an asset page needs no call per
  // child (bounded: a 20,000-column table lists the first kMaxChildDetails).
  Json details = Json::array();
  for (size_t i = 0; i < children.size() && i < kMaxChildDetails; ++i) {
    Result<model::Asset> child = c.GetAsset(model::JoinFqn(fqn, children[i]));
    if (!child.ok()) continue;
    Json d = {{"name", children[i]}, {"kind", model::KindName(child->kind)}};
    if (!child->data_type.empty()) d["data_type"] = child->data_type;
    if (!child->description.empty()) d["description"] = child->description;
    details.push_back(std::move(d));
  }
  j["children"] = std::move(children);
  j["child_details"] = std::move(details);
  // Who asserts its lineage: manifests, connectors, OpenLineage jobs, SQL logs.
  j["provenances"] = c.ProvenancesTouching(fqn);
  return Ok(std::move(j));
}

}  // namespace

Reply Ok(Json body) { return {StatusCode::kOk, std::move(body)}; }

Reply Error(const Status& status) { return {status.code(), codec::EncodeError(status)}; }

Reply Error(const Status& status, Json details) {
  Reply r = Error(status);
  r.body["error"]["details"] = std::move(details);
  return r;
}

Reply Impact(const catalog::Catalog& c, std::string_view fqn, const WalkParams& p,
             bool reveal_secrets) {
  graph::ImpactOptions options;
  options.max_depth = Depth(p.depth);
  options.max_nodes = p.max_nodes;
  options.kinds = p.kinds;
  options.domain = p.domain;
  options.direct_only = p.direct_only;
  Result<graph::ImpactReport> r = c.Impact(fqn, options);
  return r.ok() ? Ok(report::EncodeImpact(*r, !reveal_secrets)) : Error(r.status());
}

Reply Upstream(const catalog::Catalog& c, const EvidenceFn& evidence, std::string_view fqn,
               const WalkParams& p) {
  graph::UpstreamOptions options;
  options.max_depth = Depth(p.depth);
  options.max_nodes = p.max_nodes;
  options.direct_only = p.direct_only;
  options.evidence = evidence;
  Result<graph::UpstreamReport> r = c.Upstream(fqn, options);
  return r.ok() ? Ok(report::EncodeUpstream(*r)) : Error(r.status());
}

Reply Lineage(const catalog::Catalog& c, std::string_view fqn, const LineageParams& p) {
  graph::LineageViewOptions options;
  if (p.direction != "up" && p.direction != "down" && p.direction != "both") {
    return Error(InvalidArgumentError("direction: expected up, down or both, got \"" +
                                      p.direction + "\""));
  }
  options.upstream = p.direction != "down";
  options.downstream = p.direction != "up";
  options.max_depth = Depth(p.depth);
  options.columns = p.columns;
  options.max_nodes = p.max_nodes;
  Result<graph::LineageView> r = c.Lineage(fqn, options);
  if (!r.ok()) return Error(r.status());
  Json nodes = Json::array(), edges = Json::array();
  for (const graph::ViewNode& n : r->nodes) {
    nodes.push_back({{"fqn", n.fqn}, {"kind", model::KindName(n.kind)}, {"distance", n.distance}});
  }
  for (const graph::ViewEdge& e : r->edges) {
    Json ej = {{"from", e.from}, {"to", e.to}};
    if (e.kind != model::EdgeKind::kUnspecified) ej["kind"] = model::EdgeKindName(e.kind);
    ej["provenance"] = e.provenance;
    edges.push_back(std::move(ej));
  }
  return Ok({{"root", {{"fqn", r->root_fqn}, {"kind", model::KindName(r->root_kind)}}},
             {"nodes", std::move(nodes)},
             {"edges", std::move(edges)},
             {"truncated", r->truncated}});
}

Reply Search(const catalog::Catalog& c, const catalog::SearchQuery& q) {
  if (q.text.empty()) return Error(InvalidArgumentError("q: a search text is required"));
  Json body = report::EncodeSearch(c.Search(q));
  body["offset"] = q.offset;
  return Ok(std::move(body));
}

Reply GetAsset(const catalog::Catalog& c, const runs::RunState& runs,
               std::string_view requested) {
  // Stored attributes and graph-held children, aliases and runs from one state of the catalog.
  return c.ReadConsistent([&] { return GetAssetLocked(c, runs, requested); });
}

Reply ListAssets(const catalog::Catalog& c, const catalog::SearchQuery& filter,
                 std::string_view cursor) {
  catalog::AssetPage page = c.ListAssets(filter, cursor);
  Json list = Json::array();
  for (const catalog::AssetSummary& a : page.assets) list.push_back(Summary(a));
  Json out = {{"assets", std::move(list)}};
  out["next_cursor"] = page.next_cursor.empty() ? Json(nullptr) : Json(page.next_cursor);
  return Ok(std::move(out));
}

Reply Browse(const catalog::Catalog& c, std::string_view prefix) {
  Result<catalog::BrowseLevel> level = c.Browse(prefix);
  if (!level.ok()) return Error(level.status());
  Json entries = Json::array();
  for (const catalog::BrowseEntry& e : level->entries) {
    entries.push_back({{"name", e.name},
                       {"fqn", e.fqn},
                       {"kind", e.kind ? Json(model::KindName(*e.kind)) : Json(nullptr)},
                       {"assets", e.assets}});
  }
  Json out = {{"prefix", prefix}, {"entries", std::move(entries)}};
  out["kind"] = level->kind ? Json(model::KindName(*level->kind)) : Json(nullptr);
  return Ok(std::move(out));
}

Reply GetTeam(const catalog::Catalog& c, std::string_view name, bool reveal_secrets) {
  Result<model::Team> team = c.GetTeam(name);
  return team.ok() ? Ok(codec::EncodeTeam(*team, !reveal_secrets)) : Error(team.status());
}

Reply ListTeams(const catalog::Catalog& c, bool reveal_secrets) {
  Json teams = Json::array();
  for (const model::Team& t : c.ListTeams()) teams.push_back(codec::EncodeTeam(t, !reveal_secrets));
  return Ok({{"teams", std::move(teams)}});
}

Reply GetUser(const catalog::Catalog& c, std::string_view name, bool reveal_secrets) {
  Result<model::User> user = c.GetUser(name);
  return user.ok() ? Ok(codec::EncodeUser(*user, !reveal_secrets)) : Error(user.status());
}

Reply ListUsers(const catalog::Catalog& c, bool reveal_secrets) {
  Json users = Json::array();
  for (const model::User& u : c.ListUsers()) users.push_back(codec::EncodeUser(u, !reveal_secrets));
  return Ok({{"users", std::move(users)}});
}

Reply Export(const catalog::Catalog& c, bool include_secrets) {
  Result<model::CatalogDocument> doc = c.Export();
  return doc.ok() ? Ok(codec::EncodeDocument(*doc, !include_secrets)) : Error(doc.status());
}

}  // namespace linea::api
