// GET /api/v1/lineage?nodeId=&depth=: linea's lineage in Marquez's LineageGraph shape (api.h,
// docs/compat.md). Nodes are linea's table-level lineage view; OpenLineage names are resolved
// through the ingester's naming table.
#include <map>
#include <set>

#include "api/api.h"
#include "ingest/openlineage/naming.h"
#include "model/fqn.h"

namespace linea::api {
namespace {

constexpr std::string_view kLineaNamespace = "linea";
constexpr std::string_view kProvenancePrefix = "openlineage:";

// A resolved nodeId: the asset and the Marquez (namespace, name) it answers to.
struct MarquezName {
  std::string ns;
  std::string name;
};

// `fqn` when it names an asset (an alias answers as its table), else "".
std::string Existing(const catalog::Catalog& c, std::string_view fqn) {
  std::string resolved = c.Resolve(fqn);
  return c.KindOf(resolved) ? resolved : std::string();
}

// The asset `rest` ("<namespace>:<name>") names. Every ':' may end the namespace (OpenLineage
// namespaces hold ':' — hive://h:9083 — names rarely do): the rightmost split that names an
// existing asset wins. *guess is the FQN of the rightmost split that parsed, for candidates.
std::string ResolveSplits(const catalog::Catalog& c, const openlineage::NamespaceMap& namespaces,
                          std::string_view rest, bool job, MarquezName* as, std::string* guess) {
  for (size_t colon = rest.rfind(':'); colon != std::string_view::npos && colon > 0;
       colon = rest.rfind(':', colon - 1)) {
    const std::string_view ns = rest.substr(0, colon), name = rest.substr(colon + 1);
    if (name.empty()) continue;
    if (ns == kLineaNamespace) {
      Result<std::string> fqn = model::CanonicalFqn(name);
      if (!fqn.ok()) continue;
      if (guess->empty()) *guess = *fqn;
      if (std::string found = Existing(c, *fqn); !found.empty()) {
        *as = {std::string(ns), found};
        return found;
      }
      continue;
    }
    std::string fqn;
    if (job) {
      Result<std::string> j = openlineage::JobFqn(ns, name, namespaces);
      if (!j.ok()) continue;
      fqn = *j;
    } else {
      Result<openlineage::DatasetIdentity> d = openlineage::DatasetFqn(ns, name, namespaces);
      if (!d.ok()) continue;
      fqn = d->fqn;
    }
    if (guess->empty()) *guess = fqn;
    if (std::string found = Existing(c, fqn); !found.empty()) {
      *as = {std::string(ns), std::string(name)};
      return found;
    }
  }
  return "";
}

// The OpenLineage job (namespace, name) behind provenance "openlineage:<ns>/<name>[#…]" whose
// pipeline asset exists, with that asset's FQN; nullopt otherwise.
std::optional<std::pair<MarquezName, std::string>> JobOf(
    const catalog::Catalog& c, const openlineage::NamespaceMap& namespaces,
    std::string_view provenance) {
  if (!provenance.starts_with(kProvenancePrefix)) return std::nullopt;
  std::string_view key = provenance.substr(kProvenancePrefix.size());
  key = key.substr(0, key.find('#'));
  for (size_t slash = key.find('/'); slash != std::string_view::npos;
       slash = key.find('/', slash + 1)) {
    const std::string_view ns = key.substr(0, slash), name = key.substr(slash + 1);
    Result<std::string> fqn = openlineage::JobFqn(ns, name, namespaces);
    if (!fqn.ok() || c.KindOf(*fqn) != model::AssetKind::kPipeline) continue;
    return std::make_pair(MarquezName{std::string(ns), std::string(name)}, *fqn);
  }
  return std::nullopt;
}

std::string_view DatasetType(model::AssetKind kind) {
  switch (kind) {
    case model::AssetKind::kTable:
      return "DB_TABLE";
    case model::AssetKind::kTopic:
      return "STREAM";
    case model::AssetKind::kModel:
      return "MODEL";
    case model::AssetKind::kDashboard:
      return "DASHBOARD";
    case model::AssetKind::kDeployment:
      return "DEPLOYMENT";
    default:
      return "DB_TABLE";
  }
}

// OpenLineage's ownership facet: {"owners": [{"name", "type"}]} from "team:x" / "user:x".
Json OwnershipFacet(const std::vector<std::string>& owners) {
  Json list = Json::array();
  for (const std::string& owner : owners) {
    const size_t colon = owner.find(':');
    list.push_back({{"name", colon == std::string::npos ? owner : owner.substr(colon + 1)},
                    {"type", colon == std::string::npos ? "" : owner.substr(0, colon)}});
  }
  return {{"owners", std::move(list)}};
}

Json DatasetData(const catalog::Catalog& c, const runs::RunState& runs, const std::string& fqn,
                 const MarquezName& as) {
  Result<model::Asset> asset = c.GetAsset(fqn);
  Json fields = Json::array();
  for (const std::string& child : c.ChildNames(fqn)) {
    Result<model::Asset> column = c.GetAsset(model::JoinFqn(fqn, child));
    if (!column.ok()) continue;
    fields.push_back(
        {{"name", child},
         {"type", column->data_type.empty() ? Json(nullptr) : Json(column->data_type)},
         {"tags", column->tags},
         {"description", column->description.empty() ? Json(nullptr) : Json(column->description)}});
  }
  Json facets = Json::object();
  std::vector<std::string> tags;
  std::string description;
  model::AssetKind kind = model::AssetKind::kTable;
  if (asset.ok()) {
    kind = asset->kind;
    tags = asset->tags;
    description = asset->description;
    if (!asset->owners.empty()) facets["ownership"] = OwnershipFacet(asset->owners);
  }
  Json last_modified = nullptr;
  if (std::optional<model::RunRecord> run = runs.LastRun(fqn); run && run->state == "COMPLETE") {
    last_modified = run->event_time;
  }
  Result<model::Fqn> parsed = model::Fqn::Parse(fqn);
  return {{"id", {{"namespace", as.ns}, {"name", as.name}}},
          {"type", DatasetType(kind)},
          {"name", as.name},
          {"physicalName", fqn},
          {"createdAt", nullptr},
          {"updatedAt", nullptr},
          {"namespace", as.ns},
          {"sourceName", parsed.ok() ? parsed->segments().front() : fqn},
          {"fields", std::move(fields)},
          {"tags", std::move(tags)},
          {"lastModifiedAt", std::move(last_modified)},
          {"lastLifecycleState", nullptr},
          {"description", description.empty() ? Json(nullptr) : Json(description)},
          {"facets", std::move(facets)},
          {"currentVersion", nullptr},
          {"deleted", false}};
}

struct Node {
  std::string fqn;
  bool job = false;
  MarquezName as;
  std::set<std::string> in, out;  // node ids
};

std::string NodeId(const Node& n) {
  return std::string(n.job ? "job:" : "dataset:") + n.as.ns + ":" + n.as.name;
}

}  // namespace

Reply MarquezLineage(const catalog::Catalog& c, const runs::RunState& runs,
                     const openlineage::NamespaceMap& namespaces, std::string_view node_id,
                     uint32_t depth) {
  const bool job = node_id.starts_with("job:");
  if (!job && !node_id.starts_with("dataset:")) {
    return Error(InvalidArgumentError(
        "nodeId: expected dataset:<namespace>:<name> or job:<namespace>:<name>, got \"" +
        std::string(node_id) + "\""));
  }
  MarquezName root_as;
  std::string guess;
  const std::string root =
      ResolveSplits(c, namespaces, node_id.substr(job ? 4 : 8), job, &root_as, &guess);
  if (root.empty()) {
    // Candidates as "dataset:linea:<fqn>", ids this route answers to.
    std::vector<std::string> candidates;
    if (!guess.empty()) {
      for (const std::string& fqn : c.Suggest(guess)) {
        candidates.push_back(std::string(job ? "job:" : "dataset:") + "linea:" + fqn);
      }
    }
    return Error(NotFoundError(
        "unknown node " + std::string(node_id) + (guess.empty() ? "" : " (no asset " + guess + ")"),
        std::move(candidates)));
  }
  return c.ReadConsistent([&]() -> Reply {
    graph::LineageViewOptions options;
    options.max_depth = depth;
    options.max_nodes = 10000;
    Result<graph::LineageView> view = c.Lineage(root, options);
    if (!view.ok()) return Error(view.status());

    std::map<std::string, Node> nodes;  // by FQN
    for (const graph::ViewNode& n : view->nodes) {
      Node node{n.fqn, n.kind == model::AssetKind::kPipeline, {}, {}, {}};
      node.as = {std::string(kLineaNamespace), n.fqn};
      if (n.fqn == view->root_fqn && view->root_fqn == root) node.as = root_as;
      if (node.job && node.as.ns == kLineaNamespace) {
        // An OpenLineage job answers by its own namespace and name.
        for (const std::string& p : c.ProvenancesTouching(n.fqn)) {
          if (auto j = JobOf(c, namespaces, p); j && j->second == n.fqn) {
            node.as = j->first;
            break;
          }
        }
      }
      nodes.emplace(n.fqn, std::move(node));
    }
    auto link = [&](const std::string& from, const std::string& to) {
      nodes[from].out.insert(NodeId(nodes[to]));
      nodes[to].in.insert(NodeId(nodes[from]));
    };
    for (const graph::ViewEdge& e : view->edges) {
      const bool datasets = !nodes[e.from].job && !nodes[e.to].job;
      std::optional<std::pair<MarquezName, std::string>> through;
      if (datasets) {
        for (const std::string& p : e.provenance) {
          if ((through = JobOf(c, namespaces, p))) break;
        }
      }
      if (!through) {
        link(e.from, e.to);
        continue;
      }
      // DATASET → JOB → DATASET: the job that asserts the link, shown even beyond the depth.
      if (!nodes.count(through->second)) {
        nodes.emplace(through->second, Node{through->second, true, through->first, {}, {}});
      }
      link(e.from, through->second);
      link(through->second, e.to);
    }

    std::map<std::string, const MarquezName*> names;  // node id → its namespace and name
    for (const auto& [fqn, n] : nodes) names.emplace(NodeId(n), &n.as);
    std::vector<std::pair<std::string, Json>> graph;
    for (const auto& [fqn, n] : nodes) {
      Json in = Json::array(), out = Json::array();
      const std::string id = NodeId(n);
      for (const std::string& o : n.in) in.push_back({{"origin", o}, {"destination", id}});
      for (const std::string& d : n.out) out.push_back({{"origin", id}, {"destination", d}});
      Json data;
      if (n.job) {
        Json inputs = Json::array(), outputs = Json::array();
        auto dataset_id = [&](const std::string& other_id) {
          const MarquezName* as = names.at(other_id);
          return Json{{"namespace", as->ns}, {"name", as->name}};
        };
        for (const std::string& o : n.in) inputs.push_back(dataset_id(o));
        for (const std::string& d : n.out) outputs.push_back(dataset_id(d));
        Result<model::Asset> asset = c.GetAsset(fqn);
        const std::string description = asset.ok() ? asset->description : "";
        Json context = Json::object();  // the OpenLineage `sql` job facet, as Marquez keeps it
        if (asset.ok()) {
          if (auto sql = asset->properties.find("sql"); sql != asset->properties.end()) {
            context["sql"] = sql->second;
          }
        }
        data = {{"id", {{"namespace", n.as.ns}, {"name", n.as.name}}},
                {"type", "BATCH"},
                {"name", n.as.name},
                {"createdAt", nullptr},
                {"updatedAt", nullptr},
                {"namespace", n.as.ns},
                {"inputs", std::move(inputs)},
                {"outputs", std::move(outputs)},
                {"location", nullptr},
                {"context", std::move(context)},
                {"description", description.empty() ? Json(nullptr) : Json(description)},
                {"latestRun", nullptr},
                {"facets", Json::object()},
                {"currentVersion", nullptr}};
      } else {
        data = DatasetData(c, runs, fqn, n.as);
      }
      graph.emplace_back(id, Json{{"id", id},
                                  {"type", n.job ? "JOB" : "DATASET"},
                                  {"data", std::move(data)},
                                  {"inEdges", std::move(in)},
                                  {"outEdges", std::move(out)}});
    }
    std::sort(graph.begin(), graph.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    Json list = Json::array();
    for (auto& [id, node] : graph) list.push_back(std::move(node));
    return Ok({{"graph", std::move(list)}});
  });
}

}  // namespace linea::api
