// GET /api/v1/lineage/{fqn}/layout: the lineage around an asset, placed by the server's
// layered layout (layout/layout.h) so a browser only draws it.
#include <algorithm>
#include <map>

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

}  // namespace

Reply LineageLayout(const catalog::Catalog& c, std::string_view fqn, const LayoutParams& p) {
  if (p.up > 50 || p.down > 50) return Error(InvalidArgumentError("up, down: at most 50"));
  std::map<std::string, size_t> index;
  std::map<std::pair<std::string, std::string>, const graph::ViewEdge*> edge_index;
  std::vector<graph::LineageView> views;
  for (const bool upstream : {true, false}) {
    graph::LineageViewOptions options;
    options.upstream = upstream;
    options.downstream = !upstream;
    options.max_depth = upstream ? p.up : p.down;  // 0: the root alone
    options.columns = p.columns;
    options.max_nodes = p.max_nodes;
    Result<graph::LineageView> view = c.Lineage(fqn, options);
    if (!view.ok()) return Error(view.status());
    views.push_back(std::move(*view));
  }
  std::vector<layout::NodeSpec> nodes;
  std::vector<const graph::ViewNode*> node_of;
  std::vector<layout::EdgeSpec> edges;
  std::vector<const graph::ViewEdge*> edge_of;
  bool truncated = false;
  for (const graph::LineageView& view : views) {
    truncated = truncated || view.truncated;
    for (const graph::ViewNode& n : view.nodes) {
      if (!index.emplace(n.fqn, nodes.size()).second) continue;
      layout::NodeSpec spec;
      spec.width = WidthOf(Label(n.fqn));
      spec.height = kNodeHeight;
      nodes.push_back(spec);
      node_of.push_back(&n);
    }
  }
  for (const graph::LineageView& view : views) {
    for (const graph::ViewEdge& e : view.edges) {
      if (!edge_index.emplace(std::make_pair(e.from, e.to), &e).second) continue;
      auto from = index.find(e.from), to = index.find(e.to);
      if (from == index.end() || to == index.end()) continue;
      edges.push_back({from->second, to->second});
      edge_of.push_back(&e);
    }
  }
  layout::Layout placed = layout::ComputeLayout(nodes, edges);
  Json jn = Json::array(), je = Json::array();
  for (size_t i = 0; i < nodes.size(); ++i) {
    const layout::PlacedNode& n = placed.nodes[i];
    jn.push_back({{"fqn", node_of[i]->fqn}, {"label", Label(node_of[i]->fqn)},
                  {"kind", model::KindName(node_of[i]->kind)}, {"distance", node_of[i]->distance},
                  {"layer", n.layer}, {"x", n.x}, {"y", n.y}, {"w", n.width}, {"h", n.height}});
  }
  for (const layout::RoutedEdge& e : placed.edges) {
    const graph::ViewEdge* source = edge_of[e.input];
    Json points = Json::array();
    for (const layout::Point& pt : e.points) points.push_back({pt.x, pt.y});
    Json ej = {{"from", node_of[e.from]->fqn}, {"to", node_of[e.to]->fqn}, {"points", points},
               {"reversed", e.reversed}};
    if (source->kind != model::EdgeKind::kUnspecified) {
      ej["kind"] = model::EdgeKindName(source->kind);
    }
    je.push_back(std::move(ej));
  }
  const std::string root = views.empty() ? std::string(fqn) : views.front().root_fqn;
  return Ok({{"root", root},
             {"nodes", std::move(jn)},
             {"edges", std::move(je)},
             {"width", placed.width},
             {"height", placed.height},
             {"crossings", placed.crossings},
             {"truncated", truncated}});
}

}  // namespace linea::api
