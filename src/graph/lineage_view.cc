#include "graph/lineage_view.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace linea::graph {
namespace {

// The asset a node is shown as: itself, or with columns=false its table/model.
AssetId Shown(const LineageGraph& g, AssetId id, bool columns) {
  if (columns || !model::IsChildOfPrefix(g.kind(id)) || g.parent(id) == kNoAsset) return id;
  return g.parent(id);
}

// Walk hops that cover `shown_hops` shown hops. With columns=false one shown hop takes at most
// three: into a column (containment), across a link, up to the column's table (containment).
uint32_t WalkDepth(uint32_t shown_hops, bool columns) {
  if (shown_hops == UINT32_MAX || columns) return shown_hops;
  const uint64_t hops = uint64_t{shown_hops} * 3 + 1;
  return hops >= UINT32_MAX ? UINT32_MAX - 1 : static_cast<uint32_t>(hops);
}

// What a folded group keeps in sight first: what the impact answer is about.
int KindRank(model::AssetKind kind) {
  switch (kind) {
    case model::AssetKind::kModel: return 0;
    case model::AssetKind::kDeployment: return 1;
    case model::AssetKind::kDashboard: return 2;
    default: return 3;
  }
}

std::unordered_set<AssetId> Resolve(const LineageGraph& g, const std::vector<std::string>& fqns) {
  std::unordered_set<AssetId> ids;
  for (const std::string& fqn : fqns) {
    std::optional<AssetId> id = g.Find(fqn);
    if (id && g.alive(*id)) ids.insert(*id);
  }
  return ids;
}

// The lifted graph over what the walks reached: one link per (shown from, shown to).
struct LiftedLink {
  model::EdgeKind kind;
  std::set<std::string> witnesses;
  std::set<std::pair<AssetId, AssetId>> parts;  // links between parts lifted into this one
};
struct ShownLinks {
  std::map<std::pair<AssetId, AssetId>, LiftedLink> links;
  std::unordered_map<AssetId, std::vector<AssetId>> out, in;
};

ShownLinks Lift(const LineageGraph& g, const std::unordered_set<AssetId>& reached, bool columns,
                bool with_parts) {
  ShownLinks s;
  for (AssetId id : reached) {
    for (const Adjacent& a : g.downstream(id)) {
      if (!reached.count(a.node)) continue;
      const AssetId from = Shown(g, id, columns), to = Shown(g, a.node, columns);
      if (from == to) continue;
      auto [it, inserted] = s.links.try_emplace({from, to});
      it->second.kind = g.link_kind(a.link);
      for (std::string_view w : g.Witnesses(a.link)) it->second.witnesses.emplace(w);
      if (with_parts && (from != id || to != a.node)) it->second.parts.emplace(id, a.node);
      if (inserted) {
        s.out[from].push_back(to);
        s.in[to].push_back(from);
      }
    }
  }
  return s;
}

// Direct neighbours of shown node `n` in one direction, lifted, that `shown` does not hold.
// `shown`: a map keyed by the view's nodes.
template <typename ShownMap>
uint32_t CountHidden(const LineageGraph& g, AssetId n, bool downstream, bool columns,
                     const ShownMap& shown) {
  std::unordered_set<AssetId> hidden;
  auto scan = [&](AssetId member) {
    for (const Adjacent& a : downstream ? g.downstream(member) : g.upstream(member)) {
      const AssetId s = Shown(g, a.node, columns);
      if (s != n && !shown.count(s)) hidden.insert(s);
    }
  };
  scan(n);
  if (!columns) {
    for (AssetId child : g.children(n)) scan(child);
  }
  return static_cast<uint32_t>(hidden.size());
}

}  // namespace

LineageView ComputeLineageView(const LineageGraph& g, AssetId root,
                               const LineageViewOptions& options) {
  const bool columns = options.columns;
  LineageView view;
  view.root_fqn = std::string(g.fqn(root));
  view.root_kind = g.kind(root);
  const std::unordered_set<AssetId> expand_up = Resolve(g, options.expand_upstream);
  const std::unordered_set<AssetId> expand_down = Resolve(g, options.expand_downstream);
  const std::unordered_set<AssetId> collapse = Resolve(g, options.collapse);
  const std::unordered_set<AssetId> unfold = Resolve(g, options.unfold);

  // 1. What the walks reach: the root's, and one shown hop from every expanded node.
  std::unordered_set<AssetId> reached;
  // With columns=true containment is shown as it is walked (a column's table is a hop away):
  // the walks' containment hops, followed like links but not drawn.
  std::vector<std::pair<AssetId, AssetId>> contained_down, contained_up;
  auto walk = [&](AssetId from, Direction direction, uint32_t shown_hops) {
    Traversal t = Traverse(g, from, direction,
                           {WalkDepth(shown_hops, columns), options.max_nodes});
    view.truncated |= t.truncated();
    for (const Hop& hop : t.hops()) {
      reached.insert(hop.node);
      if (columns && hop.via == Via::kContainment) {
        (direction == Direction::kDownstream ? contained_down : contained_up)
            .emplace_back(t.hops()[hop.pred].node, hop.node);
      }
    }
  };
  reached.insert(root);
  if (options.downstream) walk(root, Direction::kDownstream, options.max_depth);
  const uint32_t up_depth = options.max_upstream_depth.value_or(options.max_depth);
  if (options.upstream) walk(root, Direction::kUpstream, up_depth);
  for (AssetId id : expand_down) walk(id, Direction::kDownstream, 1);
  for (AssetId id : expand_up) walk(id, Direction::kUpstream, 1);
  ShownLinks lifted = Lift(g, reached, columns, options.with_parts);
  for (const auto& [from, to] : contained_down) lifted.out[from].push_back(to);
  for (const auto& [from, to] : contained_up) lifted.in[from].push_back(to);

  // 2. Breadth-first over the lifted links from the root, downstream and upstream apart (in a
  // column view the root table's columns lead both ways). A walk state follows its direction
  // while within the depth and not collapsed; an expanded node follows its expanded direction
  // one hop, however it was reached.
  struct Visit {
    uint32_t distance;
    int side;  // of the state that reached it first: 0 the root, +1 downstream, -1 upstream
  };
  struct State {
    AssetId node;
    bool down;
    uint32_t distance;
    bool by_depth;  // false: reached by an expansion, follows nothing further by depth
  };
  std::unordered_map<AssetId, Visit> visits;
  std::unordered_map<AssetId, uint8_t> walked;  // bit 1: a downstream state, bit 2: upstream
  std::deque<State> queue;
  std::vector<ViewGroup> groups;
  std::vector<std::vector<AssetId>> group_members;
  const AssetId start = Shown(g, root, columns);
  auto bit = [](bool down) -> uint8_t { return down ? 1 : 2; };
  auto full = [&] { return options.max_nodes != 0 && visits.size() >= options.max_nodes; };
  auto reach = [&](AssetId node, bool down, uint32_t distance, bool by_depth, int side) {
    uint8_t& mask = walked[node];
    if (mask & bit(down)) return;
    mask |= bit(down);
    auto [it, first] = visits.try_emplace(node, Visit{distance, side});
    if (!first) it->second.distance = std::min(it->second.distance, distance);
    queue.push_back({node, down, distance, by_depth});
  };
  visits[start] = {0, 0};
  if (options.downstream) reach(start, true, 0, true, 0);
  if (options.upstream) reach(start, false, 0, true, 0);
  auto expanded = [&](AssetId n, bool down) { return (down ? expand_down : expand_up).count(n) > 0; };
  for (bool down : {true, false}) {
    if (expanded(start, down)) reach(start, down, 0, false, 0);
  }
  while (!queue.empty()) {
    const State s = queue.front();
    queue.pop_front();
    const AssetId n = s.node;
    for (bool other : {true, false}) {
      if (other != s.down && expanded(n, other)) reach(n, other, s.distance, false, other ? 1 : -1);
    }
    const uint32_t limit = s.down ? options.max_depth : up_depth;
    const bool follow = (s.by_depth && s.distance < limit && (n == start || !collapse.count(n))) ||
                        expanded(n, s.down);
    if (!follow) continue;
    const auto& links = s.down ? lifted.out : lifted.in;
    auto it = links.find(n);
    if (it == links.end()) continue;
    std::vector<AssetId> next;
    for (AssetId m : it->second) {
      auto w = walked.find(m);
      if (w == walked.end() || !(w->second & bit(s.down))) next.push_back(m);
    }
    std::sort(next.begin(), next.end(), [&](AssetId a, AssetId b) {
      const int ra = KindRank(g.kind(a)), rb = KindRank(g.kind(b));
      return ra != rb ? ra < rb : g.fqn(a) < g.fqn(b);
    });
    next.erase(std::unique(next.begin(), next.end()), next.end());
    if (options.fold_over != 0 && next.size() > options.fold_over && !unfold.count(n)) {
      // Expanded nodes stay in sight: a person opened them.
      auto opened = [&](AssetId m) { return expanded(m, true) || expanded(m, false); };
      const auto split = std::stable_partition(next.begin(), next.end(), opened);
      const size_t keep =
          std::max(options.fold_keep, static_cast<size_t>(split - next.begin()));
      if (keep < next.size()) {
        ViewGroup group;
        group.anchor = std::string(g.fqn(n));
        group.downstream = s.down;
        groups.push_back(std::move(group));
        group_members.emplace_back(next.begin() + static_cast<std::ptrdiff_t>(keep), next.end());
        next.resize(keep);
      }
    }
    const bool by_depth = s.by_depth && s.distance < limit;
    for (AssetId m : next) {
      if (full() && !visits.count(m)) {
        view.truncated = true;
        break;
      }
      reach(m, s.down, s.distance + 1, by_depth, s.down ? +1 : -1);
    }
  }

  // 3. The answer: nodes, links between them, groups of what is still hidden.
  for (const auto& [id, visit] : visits) {
    ViewNode node{std::string(g.fqn(id)), g.kind(id), visit.distance, visit.side};
    node.hidden_upstream = CountHidden(g, id, false, columns, visits);
    node.hidden_downstream = CountHidden(g, id, true, columns, visits);
    std::vector<std::string_view> owners = g.EffectiveOwners(id);
    if (!owners.empty()) node.team = std::string(owners.front());
    view.nodes.push_back(std::move(node));
  }
  std::sort(view.nodes.begin(), view.nodes.end(), [](const ViewNode& a, const ViewNode& b) {
    return a.distance != b.distance ? a.distance < b.distance : a.fqn < b.fqn;
  });
  for (const auto& [ends, info] : lifted.links) {
    if (!visits.count(ends.first) || !visits.count(ends.second)) continue;
    ViewEdge edge{std::string(g.fqn(ends.first)),
                  std::string(g.fqn(ends.second)),
                  info.kind,
                  {info.witnesses.begin(), info.witnesses.end()},
                  {}};
    for (const auto& [from, to] : info.parts) {
      edge.parts.emplace_back(std::string(g.fqn(from)), std::string(g.fqn(to)));
    }
    std::sort(edge.parts.begin(), edge.parts.end());
    view.edges.push_back(std::move(edge));
  }
  std::sort(view.edges.begin(), view.edges.end(), [](const ViewEdge& a, const ViewEdge& b) {
    return a.from != b.from ? a.from < b.from : a.to < b.to;
  });
  for (size_t i = 0; i < groups.size(); ++i) {
    const uint32_t distance = visits.at(*g.Find(groups[i].anchor)).distance + 1;
    for (AssetId m : group_members[i]) {
      if (visits.count(m)) continue;  // reached another way
      groups[i].members.push_back(
          {std::string(g.fqn(m)), g.kind(m), distance, groups[i].downstream ? +1 : -1});
    }
    if (!groups[i].members.empty()) view.groups.push_back(std::move(groups[i]));
  }
  std::sort(view.groups.begin(), view.groups.end(), [](const ViewGroup& a, const ViewGroup& b) {
    return a.anchor != b.anchor ? a.anchor < b.anchor : a.downstream < b.downstream;
  });
  return view;
}

}  // namespace linea::graph
