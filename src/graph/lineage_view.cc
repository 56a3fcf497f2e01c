#include "graph/lineage_view.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace linea::graph {
namespace {

// The asset a node is shown as: itself, or with columns=false its table/model.
AssetId Shown(const LineageGraph& g, AssetId id, bool columns) {
  if (columns || !model::IsChildOfPrefix(g.kind(id)) || g.parent(id) == kNoAsset) return id;
  return g.parent(id);
}

void Collect(const Traversal& t, std::unordered_map<AssetId, uint32_t>* reached) {
  for (const Hop& hop : t.hops()) {
    auto [it, inserted] = reached->emplace(hop.node, hop.distance);
    if (!inserted) it->second = std::min(it->second, hop.distance);
  }
}

}  // namespace

LineageView ComputeLineageView(const LineageGraph& g, AssetId root,
                               const LineageViewOptions& options) {
  LineageView view;
  view.root_fqn = std::string(g.fqn(root));
  view.root_kind = g.kind(root);
  std::unordered_map<AssetId, uint32_t> reached;
  TraverseOptions walk{options.max_depth, options.max_nodes};
  for (bool down : {true, false}) {
    if (down ? !options.downstream : !options.upstream) continue;
    Traversal t = Traverse(g, root, down ? Direction::kDownstream : Direction::kUpstream, walk);
    view.truncated |= t.truncated();
    Collect(t, &reached);
  }
  std::unordered_map<AssetId, uint32_t> shown;
  for (const auto& [id, distance] : reached) {
    AssetId s = Shown(g, id, options.columns);
    auto [it, inserted] = shown.emplace(s, distance);
    if (!inserted) it->second = std::min(it->second, distance);
  }
  for (const auto& [id, distance] : shown) {
    view.nodes.push_back({std::string(g.fqn(id)), g.kind(id), distance});
  }
  std::sort(view.nodes.begin(), view.nodes.end(), [](const ViewNode& a, const ViewNode& b) {
    return a.distance != b.distance ? a.distance < b.distance : a.fqn < b.fqn;
  });
  std::map<std::pair<AssetId, AssetId>, std::pair<model::EdgeKind, std::set<std::string>>> folded;
  for (const auto& [id, unused] : reached) {
    for (const Adjacent& a : g.downstream(id)) {
      if (!reached.count(a.node)) continue;
      AssetId from = Shown(g, id, options.columns), to = Shown(g, a.node, options.columns);
      if (from == to) continue;
      auto& entry = folded[{from, to}];
      entry.first = g.link_kind(a.link);
      for (std::string_view w : g.Witnesses(a.link)) entry.second.emplace(w);
    }
  }
  for (const auto& [ends, info] : folded) {
    view.edges.push_back({std::string(g.fqn(ends.first)), std::string(g.fqn(ends.second)),
                          info.first, {info.second.begin(), info.second.end()}});
  }
  std::sort(view.edges.begin(), view.edges.end(), [](const ViewEdge& a, const ViewEdge& b) {
    return a.from != b.from ? a.from < b.from : a.to < b.to;
  });
  return view;
}

}  // namespace linea::graph
