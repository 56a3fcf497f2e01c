// GET /api/v1/lineage/{fqn}/layout: the lineage around an asset, placed by the server's
// layered layout (layout/layout.h) so a browser only draws it.
#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "api/api.h"
#include "layout/layout.h"
#include "model/fqn.h"

namespace linea::api {
namespace {

constexpr double kNodeHeight = 28;

// What a node shows: its FQN without the service ("raw_geo.moves.cell_id"); its width fits it.
std::string Label(const std::string& fqn) {
  const size_t dot = fqn.find('.');
  return dot == std::string::npos ? fqn : fqn.substr(dot + 1);
}

double WidthOf(const std::string& label) {
  return std::clamp(24.0 + 7.0 * static_cast<double>(label.size()), 80.0, 320.0);
}

// Coordinates to a tenth of a unit: the browser draws no finer, and the answer (1 MB for
// 2,000 column nodes at full precision) shrinks by a third.
double Tenth(double v) { return std::round(v * 10) / 10; }

std::string GroupKey(const graph::ViewGroup& g) {
  return (g.downstream ? "+down:" : "+up:") + g.anchor;
}

const char* SideName(int side) {
  return side == 0 ? "root" : side > 0 ? "downstream" : "upstream";
}

struct Expansion {
  bool downstream;
  std::string fqn;
};

Result<std::vector<Expansion>> ParseExpansions(const std::vector<std::string>& entries) {
  std::vector<Expansion> out;
  for (const std::string& e : entries) {
    if (e.starts_with("up:")) {
      out.push_back({false, e.substr(3)});
    } else if (e.starts_with("down:")) {
      out.push_back({true, e.substr(5)});
    } else {
      return InvalidArgumentError("expand: expected \"up:<fqn>\" or \"down:<fqn>\", got \"" + e +
                                  "\"");
    }
  }
  return out;
}

// One placed stage: the view, the layout input built from it, and the layout.
struct Placed {
  graph::LineageView view;
  std::vector<std::string> keys;  // node keys (FQNs, group keys), in layout input order
  std::vector<layout::EdgeSpec> edges;
  std::vector<const graph::ViewEdge*> edge_of;  // null for an anchor → group edge
  layout::Layout layout;
};

// Places `view`; nodes that `prior` placed keep their y as priors.
void Place(Placed* out, const std::unordered_map<std::string, double>& prior) {
  std::unordered_map<std::string, size_t> index;
  std::vector<layout::NodeSpec> nodes;
  auto add = [&](const std::string& key, const std::string& label) {
    index.emplace(key, nodes.size());
    layout::NodeSpec spec;
    spec.width = WidthOf(label);
    spec.height = kNodeHeight;
    if (auto it = prior.find(key); it != prior.end()) spec.prior_y = it->second;
    nodes.push_back(spec);
    out->keys.push_back(key);
  };
  for (const graph::ViewNode& n : out->view.nodes) add(n.fqn, Label(n.fqn));
  for (const graph::ViewGroup& g : out->view.groups) {
    add(GroupKey(g), "+" + std::to_string(g.members.size()) + " more");
  }
  for (const graph::ViewEdge& e : out->view.edges) {
    out->edges.push_back({index.at(e.from), index.at(e.to)});
    out->edge_of.push_back(&e);
  }
  for (const graph::ViewGroup& g : out->view.groups) {
    const size_t anchor = index.at(g.anchor), group = index.at(GroupKey(g));
    out->edges.push_back(g.downstream ? layout::EdgeSpec{anchor, group}
                                      : layout::EdgeSpec{group, anchor});
    out->edge_of.push_back(nullptr);
  }
  out->layout = layout::ComputeLayout(nodes, out->edges);
}

Json NodesJson(const Placed& placed, const catalog::Catalog& c, bool columns,
               const FlaggedFn& flagged) {
  std::unordered_map<std::string, std::vector<std::string>> status;
  if (flagged) {
    std::unordered_map<std::string_view, size_t> shown;
    for (size_t i = 0; i < placed.view.nodes.size(); ++i) shown.emplace(placed.view.nodes[i].fqn, i);
    for (auto& [fqn, kind] : flagged()) {
      std::string node = fqn;
      if (!shown.count(node) && !columns) {
        // A column's or feature's evidence colours its table or model.
        Result<model::Fqn> parsed = model::Fqn::Parse(fqn);
        if (!parsed.ok() || parsed->size() < 2) continue;
        node = parsed->Prefix().ToString();
        if (!shown.count(node) || !model::IsChildOfPrefix(c.KindOf(fqn).value_or(
                                      model::AssetKind::kService))) {
          continue;
        }
      } else if (!shown.count(node)) {
        continue;
      }
      std::vector<std::string>& kinds = status[node];
      if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) kinds.push_back(kind);
    }
  }
  Json out = Json::array();
  const size_t view_nodes = placed.view.nodes.size();
  for (size_t i = 0; i < placed.keys.size(); ++i) {
    const layout::PlacedNode& p = placed.layout.nodes[i];
    Json j;
    if (i < view_nodes) {
      const graph::ViewNode& n = placed.view.nodes[i];
      j = {{"fqn", n.fqn}, {"label", Label(n.fqn)}, {"kind", model::KindName(n.kind)},
           {"distance", n.distance}, {"side", SideName(n.side)},
           {"hidden_up", n.hidden_upstream},
           {"hidden_down", n.hidden_downstream}};
      if (!n.team.empty()) j["team"] = n.team;
      if (auto it = status.find(n.fqn); it != status.end()) j["status"] = it->second;
    } else {
      const graph::ViewGroup& g = placed.view.groups[i - view_nodes];
      Json members = Json::array();
      for (const graph::ViewNode& m : g.members) {
        members.push_back({{"fqn", m.fqn}, {"kind", model::KindName(m.kind)}});
      }
      j = {{"fqn", placed.keys[i]},
           {"label", "+" + std::to_string(g.members.size()) + " more"},
           {"kind", "group"},
           {"distance", g.members.front().distance},
           {"side", SideName(g.downstream ? +1 : -1)},
           {"hidden_up", 0},
           {"hidden_down", 0},
           {"group", {{"anchor", g.anchor},
                      {"direction", g.downstream ? "downstream" : "upstream"},
                      {"members", std::move(members)}}}};
    }
    j["layer"] = p.layer;
    j["x"] = Tenth(p.x);
    j["y"] = Tenth(p.y);
    j["w"] = Tenth(p.width);
    j["h"] = Tenth(p.height);
    out.push_back(std::move(j));
  }
  return out;
}

Json EdgesJson(const Placed& placed) {
  Json out = Json::array();
  for (const layout::RoutedEdge& e : placed.layout.edges) {
    Json points = Json::array();
    for (const layout::Point& pt : e.points) points.push_back({Tenth(pt.x), Tenth(pt.y)});
    Json ej = {{"from", placed.keys[e.from]}, {"to", placed.keys[e.to]}, {"points", points},
               {"reversed", e.reversed}};
    const graph::ViewEdge* source = placed.edge_of[e.input];
    if (source && source->kind != model::EdgeKind::kUnspecified) {
      ej["kind"] = model::EdgeKindName(source->kind);
    }
    out.push_back(std::move(ej));
  }
  return out;
}

}  // namespace

Reply LineageLayout(const catalog::Catalog& c, std::string_view fqn, const LayoutParams& p,
                    const FlaggedFn& flagged) {
  if (p.up > 50 || p.down > 50) return Error(InvalidArgumentError("up, down: at most 50"));
  Result<std::vector<Expansion>> expansions = ParseExpansions(p.expand);
  if (!expansions.ok()) return Error(expansions.status());
  graph::LineageViewOptions options;
  options.max_depth = p.down;  // 0: the root alone downstream
  options.max_upstream_depth = p.up;
  options.downstream = p.down > 0;
  options.upstream = p.up > 0;
  options.columns = p.columns;
  options.max_nodes = p.max_nodes;
  options.collapse = p.collapse;
  options.unfold = p.unfold;
  options.fold_over = p.fold;
  options.fold_keep = std::max<size_t>(1, p.fold - p.fold / 5);  // 25 → 20 shown, the rest folded
  // Stage s holds the first `first + s` expansions; each is placed with the previous one's
  // positions as priors, so what a person saw keeps its place when they open one more node.
  const size_t count = expansions->size();
  const size_t stages = std::min(count + 1, kMaxLayoutStages);
  const size_t first = count + 1 - stages;
  std::unordered_map<std::string, double> prior;
  Placed placed;
  for (size_t s = 0; s < stages; ++s) {
    options.expand_upstream.clear();
    options.expand_downstream.clear();
    for (size_t i = 0; i < first + s; ++i) {
      const Expansion& e = (*expansions)[i];
      (e.downstream ? options.expand_downstream : options.expand_upstream).push_back(e.fqn);
    }
    Result<graph::LineageView> view = c.Lineage(fqn, options);
    if (!view.ok()) return Error(view.status());
    placed = Placed{};
    placed.view = std::move(*view);
    Place(&placed, prior);
    prior.clear();
    for (size_t i = 0; i < placed.keys.size(); ++i) prior[placed.keys[i]] = placed.layout.nodes[i].y;
  }
  return Ok({{"root", placed.view.root_fqn},
             {"nodes", NodesJson(placed, c, p.columns, flagged)},
             {"edges", EdgesJson(placed)},
             {"width", Tenth(placed.layout.width)},
             {"height", Tenth(placed.layout.height)},
             {"crossings", placed.layout.crossings},
             {"truncated", placed.view.truncated}});
}

}  // namespace linea::api
