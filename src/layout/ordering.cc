// Layer ordering: barycentric sweeps, crossings counted with a Fenwick tree (Barth, Jünger and
// Mutzel's accumulator idea), pinned nodes kept in their prior order.
#include <algorithm>
#include <numeric>

#include "layout/internal/layered_graph.h"

namespace linea::layout::internal {
namespace {

// Crossings between layer `l` and `l + 1`.
size_t CrossingsBetween(const LayeredGraph& g, size_t l, const std::vector<size_t>& pos) {
  std::vector<std::pair<size_t, size_t>> edges;
  for (size_t u : g.layers[l]) {
    for (size_t v : g.out[u]) edges.emplace_back(pos[u], pos[v]);
  }
  std::sort(edges.begin(), edges.end());
  const size_t n = g.layers[l + 1].size();
  std::vector<size_t> tree(n + 1, 0);
  size_t crossings = 0, seen = 0;
  for (const auto& [a, b] : edges) {
    // Edges seen so far that end below b cross this one.
    size_t not_above = 0;
    for (size_t i = b + 1; i > 0; i -= i & (~i + 1)) not_above += tree[i];
    crossings += seen - not_above;
    for (size_t i = b + 1; i <= n; i += i & (~i + 1)) ++tree[i];
    ++seen;
  }
  return crossings;
}

std::vector<size_t> Positions(const LayeredGraph& g) {
  std::vector<size_t> pos(g.size());
  for (const auto& layer : g.layers) {
    for (size_t i = 0; i < layer.size(); ++i) pos[layer[i]] = i;
  }
  return pos;
}

// Sorts `layer` by the mean position of each node's neighbours (`side`); a node without
// neighbours keeps its position as its key. Pinned nodes keep their prior relative order.
void SortByBarycenter(const LayeredGraph& g, std::vector<size_t>& layer,
                      const std::vector<std::vector<size_t>>& side, std::vector<size_t>& pos) {
  std::vector<std::pair<double, size_t>> keyed;
  keyed.reserve(layer.size());
  for (size_t i = 0; i < layer.size(); ++i) {
    const size_t v = layer[i];
    double key = static_cast<double>(i);
    if (!side[v].empty()) {
      double sum = 0;
      for (size_t u : side[v]) sum += static_cast<double>(pos[u]);
      key = sum / static_cast<double>(side[v].size());
    }
    keyed.emplace_back(key, v);
  }
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 0; i < keyed.size(); ++i) layer[i] = keyed[i].second;
  RestorePinnedOrder(g, layer);
  for (size_t i = 0; i < layer.size(); ++i) pos[layer[i]] = i;
}

}  // namespace

void RestorePinnedOrder(const LayeredGraph& g, std::vector<size_t>& layer) {
  std::vector<size_t> slots, pinned;
  for (size_t i = 0; i < layer.size(); ++i) {
    if (layer[i] < g.real && g.prior_y[layer[i]]) {
      slots.push_back(i);
      pinned.push_back(layer[i]);
    }
  }
  std::stable_sort(pinned.begin(), pinned.end(),
                   [&](size_t a, size_t b) { return *g.prior_y[a] < *g.prior_y[b]; });
  for (size_t k = 0; k < slots.size(); ++k) layer[slots[k]] = pinned[k];
}

size_t CountCrossings(const LayeredGraph& g) {
  const std::vector<size_t> pos = Positions(g);
  size_t total = 0;
  for (size_t l = 0; l + 1 < g.layers.size(); ++l) total += CrossingsBetween(g, l, pos);
  return total;
}

size_t OrderLayers(LayeredGraph& g, int sweeps) {
  std::vector<size_t> pos = Positions(g);
  size_t best = CountCrossings(g);
  std::vector<std::vector<size_t>> best_layers = g.layers;
  for (int s = 0; s < sweeps && best > 0; ++s) {
    for (size_t l = 1; l < g.layers.size(); ++l) SortByBarycenter(g, g.layers[l], g.in, pos);
    for (size_t l = g.layers.size(); l-- > 1;) SortByBarycenter(g, g.layers[l - 1], g.out, pos);
    const size_t crossings = CountCrossings(g);
    if (crossings < best) {
      best = crossings;
      best_layers = g.layers;
    }
  }
  g.layers = std::move(best_layers);
  return best;
}

}  // namespace linea::layout::internal
