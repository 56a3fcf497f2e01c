#include "graph/impact.h"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>

namespace linea::graph {
namespace {

using model::AssetKind;

std::vector<std::string> ToStrings(const std::vector<std::string_view>& views) {
  return std::vector<std::string>(views.begin(), views.end());
}

ReachedAsset Describe(const LineageGraph& g, const Traversal& t, uint32_t hop_index) {
  const Hop& hop = t.hops()[hop_index];
  ReachedAsset r;
  r.fqn = std::string(g.fqn(hop.node));
  r.kind = g.kind(hop.node);
  r.distance = hop.distance;
  for (AssetId id : t.PathTo(hop_index)) r.path.emplace_back(g.fqn(id));
  r.path_edges.resize(r.path.size() - 1);
  size_t step = r.path_edges.size();
  for (uint32_t i = hop_index; step > 0; i = t.hops()[i].pred) {
    const Hop& h = t.hops()[i];
    r.path_edges[--step] =
        h.via == Via::kContainment ? "contains" : std::string(model::EdgeKindName(h.link_kind));
  }
  r.owners = ToStrings(g.EffectiveOwners(hop.node));
  r.domain = std::string(g.EffectiveDomain(hop.node));
  return r;
}

bool ByDistanceThenFqn(const ReachedAsset& a, const ReachedAsset& b) {
  return a.distance != b.distance ? a.distance < b.distance : a.fqn < b.fqn;
}

bool Wanted(const ImpactOptions& options, AssetKind kind) {
  if (kind != AssetKind::kModel && kind != AssetKind::kDashboard &&
      kind != AssetKind::kDeployment) {
    return false;
  }
  return options.kinds.empty() ||
         std::find(options.kinds.begin(), options.kinds.end(), kind) != options.kinds.end();
}

bool IsDataAsset(AssetKind kind) {
  return kind == AssetKind::kColumn || kind == AssetKind::kTable || kind == AssetKind::kTopic ||
         kind == AssetKind::kPipeline;
}

// True for the hop that only climbs from the root to its own container.
bool IsRootContainer(const Traversal& t, const Hop& hop) {
  return hop.pred == 0 && hop.via == Via::kContainment && !hop.whole;
}

// The TeamImpact::team an owner is grouped under: "<name>" for "team:<name>", "user:<name>"
// for a user; nullopt for anything else (nobody to tell).
std::optional<std::string> RecipientOf(std::string_view owner) {
  if (owner.size() <= 5) return std::nullopt;
  if (owner.starts_with("team:")) return std::string(owner.substr(5));
  if (owner.starts_with("user:")) return std::string(owner);
  return std::nullopt;
}

// The stored contacts of a TeamImpact::team; empty when it names no catalog team or user.
std::vector<model::Contact> ContactsOf(const LineageGraph& g, std::string_view recipient) {
  if (recipient.starts_with("user:")) {
    const model::User* user = g.FindUser(recipient.substr(5));
    return user ? user->contacts : std::vector<model::Contact>{};
  }
  const model::Team* team = g.FindTeam(recipient);
  return team ? team->contacts : std::vector<model::Contact>{};
}

void GroupByTeam(const LineageGraph& g, AssetId root, ImpactReport* report) {
  std::map<std::string, TeamImpact> teams;
  for (std::string_view owner : g.EffectiveOwners(root)) {
    std::optional<std::string> name = RecipientOf(owner);
    if (!name) continue;
    teams[*name].team = *name;
    teams[*name].owns_root = true;
  }
  auto add = [&](const std::vector<ReachedAsset>& list, auto member) {
    for (const ReachedAsset& r : list) {
      for (const std::string& owner : r.owners) {
        std::optional<std::string> name = RecipientOf(owner);
        if (!name) continue;
        TeamImpact& team = teams[*name];
        team.team = *name;
        (team.*member).push_back(r.fqn);
      }
    }
  };
  add(report->models, &TeamImpact::models);
  add(report->dashboards, &TeamImpact::dashboards);
  add(report->deployments, &TeamImpact::deployments);
  for (auto& [name, team] : teams) {
    team.contacts = ContactsOf(g, name);
    report->teams.push_back(std::move(team));
  }
}

}  // namespace

ImpactReport ComputeImpact(const LineageGraph& g, AssetId root, const ImpactOptions& options) {
  Traversal t = Traverse(g, root, Direction::kDownstream,
                         {options.max_depth, options.max_nodes, options.direct_only});
  ImpactReport report;
  report.root_fqn = std::string(g.fqn(root));
  report.root_kind = g.kind(root);
  report.truncated = t.truncated();

  std::unordered_map<AssetId, std::vector<std::string>> features_hit;
  std::vector<uint32_t> reported;
  std::vector<uint32_t> data_assets;
  const std::vector<Hop>& hops = t.hops();
  for (uint32_t i = 1; i < hops.size(); ++i) {
    const Hop& hop = hops[i];
    if (!hop.first || IsRootContainer(t, hop)) continue;
    AssetKind kind = g.kind(hop.node);
    ++report.counts[std::string(model::KindName(kind))];
    if (kind == AssetKind::kFeature && g.parent(hop.node) != kNoAsset) {
      features_hit[g.parent(hop.node)].emplace_back(g.fqn(hop.node));
    }
    if (options.max_assets > 0 && IsDataAsset(kind) && (hop.whole || kind == AssetKind::kColumn)) {
      data_assets.push_back(i);
    }
    if (!Wanted(options, kind)) continue;
    if (!options.domain.empty() && g.EffectiveDomain(hop.node) != options.domain) continue;
    reported.push_back(i);
  }
  for (uint32_t i : reported) {
    ReachedAsset r = Describe(g, t, i);
    switch (r.kind) {
      case AssetKind::kModel: {
        auto it = features_hit.find(hops[i].node);
        if (it != features_hit.end()) {
          r.features = std::move(it->second);
          std::sort(r.features.begin(), r.features.end());
        }
        report.models.push_back(std::move(r));
        break;
      }
      case AssetKind::kDashboard: report.dashboards.push_back(std::move(r)); break;
      default: report.deployments.push_back(std::move(r)); break;
    }
  }
  for (auto* list : {&report.models, &report.dashboards, &report.deployments}) {
    std::sort(list->begin(), list->end(), ByDistanceThenFqn);
  }
  auto nearer = [&](uint32_t a, uint32_t b) {
    if (hops[a].distance != hops[b].distance) return hops[a].distance < hops[b].distance;
    return g.fqn(hops[a].node) < g.fqn(hops[b].node);
  };
  // Hops come in BFS order (distance never decreases), so only the farthest kept distance
  // needs sorting among more candidates than are kept.
  if (data_assets.size() > options.max_assets) {
    const uint32_t last = hops[data_assets[options.max_assets - 1]].distance;
    auto beyond = std::find_if(data_assets.begin() + options.max_assets, data_assets.end(),
                               [&](uint32_t i) { return hops[i].distance > last; });
    data_assets.erase(beyond, data_assets.end());
  }
  std::sort(data_assets.begin(), data_assets.end(), nearer);
  size_t keep = std::min(options.max_assets, data_assets.size());
  for (size_t i = 0; i < keep; ++i) {
    ReachedAsset r = Describe(g, t, data_assets[i]);
    r.owners.clear();
    r.domain.clear();
    report.assets.push_back(std::move(r));
  }
  GroupByTeam(g, root, &report);
  return report;
}

UpstreamReport ComputeUpstream(const LineageGraph& g, AssetId root,
                               const UpstreamOptions& options) {
  Traversal t = Traverse(g, root, Direction::kUpstream,
                         {options.max_depth, options.max_nodes, options.direct_only});
  UpstreamReport report;
  report.root_fqn = std::string(g.fqn(root));
  report.root_kind = g.kind(root);
  report.truncated = t.truncated();
  const std::vector<Hop>& hops = t.hops();
  for (uint32_t i = 1; i < hops.size(); ++i) {
    const Hop& hop = hops[i];
    if (!hop.first) continue;
    // The root's own parts (a model's features, a table's columns) are not sources; the
    // container a column root climbs to is (a failed run on it breaks the column).
    if (hop.pred == 0 && hop.via == Via::kContainment && hop.whole) continue;
    UpstreamSource source{Describe(g, t, i), {}};
    if (options.evidence) source.evidence = options.evidence(source.asset.fqn);
    report.sources.push_back(std::move(source));
  }
  std::sort(report.sources.begin(), report.sources.end(),
            [](const UpstreamSource& a, const UpstreamSource& b) {
              bool ea = !a.evidence.empty(), eb = !b.evidence.empty();
              if (ea != eb) return ea;
              return ByDistanceThenFqn(a.asset, b.asset);
            });
  return report;
}

}  // namespace linea::graph
