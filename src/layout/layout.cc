#include "layout/layout.h"

#include <algorithm>
#include <deque>
#include <set>

#include "layout/internal/layered_graph.h"

namespace linea::layout {
namespace {

using internal::LayeredGraph;

constexpr double kDummyHeight = 2;

struct DagEdge {
  size_t edge, from, to;  // `from` → `to` in flow direction
  bool reversed;
};

// Keeps one edge per (from, to), drops self-loops, and reverses the edges that close a cycle
// in a depth-first search (nodes and edges in input order).
std::vector<DagEdge> BreakCycles(size_t n, const std::vector<EdgeSpec>& edges) {
  std::vector<std::vector<std::pair<size_t, size_t>>> out(n);  // (to, edge index)
  std::set<std::pair<size_t, size_t>> seen;
  for (size_t i = 0; i < edges.size(); ++i) {
    const EdgeSpec& e = edges[i];
    if (e.from == e.to || !seen.insert({e.from, e.to}).second) continue;
    out[e.from].emplace_back(e.to, i);
  }
  enum : char { kWhite, kGray, kBlack };
  std::vector<char> colour(n, kWhite);
  std::vector<DagEdge> dag;
  for (size_t root = 0; root < n; ++root) {
    if (colour[root] != kWhite) continue;
    std::vector<std::pair<size_t, size_t>> stack = {{root, 0}};  // (node, next edge)
    colour[root] = kGray;
    while (!stack.empty()) {
      auto& [v, next] = stack.back();
      if (next == out[v].size()) {
        colour[v] = kBlack;
        stack.pop_back();
        continue;
      }
      const auto [w, edge] = out[v][next++];
      const bool back = colour[w] == kGray;
      dag.push_back(back ? DagEdge{edge, w, v, true} : DagEdge{edge, v, w, false});
      if (colour[w] == kWhite) {
        colour[w] = kGray;
        stack.emplace_back(w, 0);
      }
    }
  }
  std::sort(dag.begin(), dag.end(), [](const DagEdge& a, const DagEdge& b) { return a.edge < b.edge; });
  return dag;
}

// Longest path from the sources; then each source moves right next to its nearest successor.
std::vector<int> Layers(size_t n, const std::vector<DagEdge>& dag) {
  std::vector<std::vector<size_t>> succ(n), pred(n);
  for (const DagEdge& e : dag) {
    succ[e.from].push_back(e.to);
    pred[e.to].push_back(e.from);
  }
  std::vector<size_t> indegree(n);
  std::deque<size_t> ready;
  for (size_t v = 0; v < n; ++v) {
    indegree[v] = pred[v].size();
    if (indegree[v] == 0) ready.push_back(v);
  }
  std::vector<int> layer(n, 0);
  while (!ready.empty()) {
    const size_t v = ready.front();
    ready.pop_front();
    for (size_t w : succ[v]) {
      layer[w] = std::max(layer[w], layer[v] + 1);
      if (--indegree[w] == 0) ready.push_back(w);
    }
  }
  for (size_t v = 0; v < n; ++v) {
    if (!pred[v].empty() || succ[v].empty()) continue;
    int nearest = layer[succ[v][0]];
    for (size_t w : succ[v]) nearest = std::min(nearest, layer[w]);
    layer[v] = nearest - 1;
  }
  const int lowest = n == 0 ? 0 : *std::min_element(layer.begin(), layer.end());
  for (int& l : layer) l -= lowest;
  return layer;
}

LayeredGraph Build(const std::vector<NodeSpec>& nodes, const std::vector<DagEdge>& dag,
                   const std::vector<int>& layers) {
  LayeredGraph g;
  g.real = nodes.size();
  g.layer = layers;
  for (const NodeSpec& n : nodes) {
    g.width.push_back(n.width);
    g.height.push_back(n.height);
    g.prior_y.push_back(n.prior_y);
  }
  g.in.resize(g.real);
  g.out.resize(g.real);
  for (const DagEdge& e : dag) {
    LayeredGraph::Chain chain{e.edge, {e.from}, e.reversed};
    for (int l = g.layer[e.from] + 1; l < g.layer[e.to]; ++l) {
      const size_t d = g.layer.size();
      g.layer.push_back(l);
      g.width.push_back(0);
      g.height.push_back(kDummyHeight);
      g.prior_y.emplace_back();
      g.in.emplace_back();
      g.out.emplace_back();
      chain.nodes.push_back(d);
    }
    chain.nodes.push_back(e.to);
    for (size_t i = 0; i + 1 < chain.nodes.size(); ++i) {
      g.out[chain.nodes[i]].push_back(chain.nodes[i + 1]);
      g.in[chain.nodes[i + 1]].push_back(chain.nodes[i]);
    }
    g.chains.push_back(std::move(chain));
  }
  return g;
}

// The first order: pinned nodes by their prior y, the others in breadth-first discovery order
// from the first layer (so that connected nodes start near each other).
void InitialOrder(LayeredGraph& g) {
  const int depth = g.size() == 0 ? 0 : *std::max_element(g.layer.begin(), g.layer.end()) + 1;
  g.layers.assign(depth, {});
  std::vector<char> seen(g.size(), 0);
  std::vector<size_t> order;
  order.reserve(g.size());
  std::vector<size_t> starts(g.size());
  for (size_t v = 0; v < g.size(); ++v) starts[v] = v;
  std::stable_sort(starts.begin(), starts.end(), [&](size_t a, size_t b) { return g.layer[a] < g.layer[b]; });
  for (size_t start : starts) {
    if (seen[start]) continue;
    std::deque<size_t> queue = {start};
    seen[start] = 1;
    while (!queue.empty()) {
      const size_t v = queue.front();
      queue.pop_front();
      order.push_back(v);
      for (const auto* side : {&g.out[v], &g.in[v]}) {
        for (size_t w : *side) {
          if (!seen[w]) {
            seen[w] = 1;
            queue.push_back(w);
          }
        }
      }
    }
  }
  for (size_t v : order) g.layers[g.layer[v]].push_back(v);
  for (auto& layer : g.layers) internal::RestorePinnedOrder(g, layer);
}

}  // namespace

Layout ComputeLayout(const std::vector<NodeSpec>& nodes, const std::vector<EdgeSpec>& edges,
                     const LayoutOptions& options) {
  const std::vector<DagEdge> dag = BreakCycles(nodes.size(), edges);
  LayeredGraph g = Build(nodes, dag, Layers(nodes.size(), dag));
  InitialOrder(g);
  Layout out;
  out.crossings = internal::OrderLayers(g, options.sweeps);
  const std::vector<double> y = internal::AssignY(g, options.node_gap);

  // Layer columns: as wide as their widest node.
  std::vector<double> column_x(g.layers.size() + 1, 0), column_width(g.layers.size(), 0);
  for (size_t v = 0; v < g.real; ++v) {
    column_width[g.layer[v]] = std::max(column_width[g.layer[v]], g.width[v]);
  }
  for (size_t l = 0; l < g.layers.size(); ++l) {
    column_x[l + 1] = column_x[l] + column_width[l] + options.layer_gap;
  }
  out.nodes.resize(g.real);
  for (size_t v = 0; v < g.real; ++v) {
    out.nodes[v] = {column_x[g.layer[v]], y[v], g.width[v], g.height[v], g.layer[v]};
    out.height = std::max(out.height, y[v] + g.height[v]);
  }
  out.width = g.layers.empty() ? 0 : column_x[g.layers.size()] - options.layer_gap;
  for (const LayeredGraph::Chain& chain : g.chains) {
    RoutedEdge e{chain.edge, edges[chain.edge].from, edges[chain.edge].to, {}, chain.reversed};
    const size_t first = chain.nodes.front(), last = chain.nodes.back();
    e.points.push_back({column_x[g.layer[first]] + g.width[first], y[first] + g.height[first] / 2});
    for (size_t i = 1; i + 1 < chain.nodes.size(); ++i) {
      const size_t d = chain.nodes[i];
      const double mid = y[d] + g.height[d] / 2;
      e.points.push_back({column_x[g.layer[d]], mid});
      e.points.push_back({column_x[g.layer[d]] + column_width[g.layer[d]], mid});
    }
    e.points.push_back({column_x[g.layer[last]], y[last] + g.height[last] / 2});
    out.edges.push_back(std::move(e));
  }
  return out;
}

}  // namespace linea::layout
