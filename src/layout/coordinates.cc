// Vertical coordinates: per layer, the weighted isotonic regression (pool adjacent violators)
// of where each node wants to be, under "the next node starts below this one plus the gap".
#include <algorithm>
#include <limits>

#include "layout/internal/layered_graph.h"

namespace linea::layout::internal {
namespace {

constexpr double kPinnedWeight = 16;  // a pinned node outweighs the pull of its neighbours

// Tops of `layer`'s nodes closest (weighted least squares) to `want` (desired tops), in order
// and without overlap.
void PlaceLayer(const LayeredGraph& g, const std::vector<size_t>& layer,
                const std::vector<double>& want, const std::vector<double>& weight, double gap,
                std::vector<double>& y) {
  const size_t n = layer.size();
  // Shift out the spacing: z_i = y_i - offset_i must then only be non-decreasing.
  std::vector<double> offset(n, 0);
  for (size_t i = 1; i < n; ++i) offset[i] = offset[i - 1] + g.height[layer[i - 1]] + gap;
  struct Block {
    double sum_wz, sum_w;
    size_t count;
    double value() const { return sum_wz / sum_w; }
  };
  std::vector<Block> blocks;
  for (size_t i = 0; i < n; ++i) {
    blocks.push_back({weight[i] * (want[i] - offset[i]), weight[i], 1});
    while (blocks.size() > 1 && blocks[blocks.size() - 2].value() > blocks.back().value()) {
      Block top = blocks.back();
      blocks.pop_back();
      blocks.back().sum_wz += top.sum_wz;
      blocks.back().sum_w += top.sum_w;
      blocks.back().count += top.count;
    }
  }
  size_t i = 0;
  for (const Block& b : blocks) {
    for (size_t k = 0; k < b.count; ++k, ++i) y[layer[i]] = b.value() + offset[i];
  }
}

// One pass over the layers in `order`: each node wants its centre at the mean centre of its
// neighbours in `sides` (those placed), or its pinned prior.
void Pass(const LayeredGraph& g, const std::vector<size_t>& order,
          const std::vector<const std::vector<std::vector<size_t>>*>& sides, double gap,
          std::vector<double>& y) {
  for (size_t l : order) {
    const std::vector<size_t>& layer = g.layers[l];
    std::vector<double> want(layer.size()), weight(layer.size(), 1);
    for (size_t i = 0; i < layer.size(); ++i) {
      const size_t v = layer[i];
      want[i] = y[v];
      if (v < g.real && g.prior_y[v]) {
        want[i] = *g.prior_y[v];
        weight[i] = kPinnedWeight;
        continue;
      }
      double sum = 0;
      size_t count = 0;
      for (const auto* side : sides) {
        for (size_t u : (*side)[v]) {
          sum += y[u] + g.height[u] / 2;
          ++count;
        }
      }
      if (count > 0) want[i] = sum / static_cast<double>(count) - g.height[v] / 2;
      if (v >= g.real) weight[i] = 0.5;  // a dummy bends sooner than a node moves
    }
    PlaceLayer(g, layer, want, weight, gap, y);
  }
}

}  // namespace

std::vector<double> AssignY(const LayeredGraph& g, double gap) {
  std::vector<double> y(g.size(), 0);
  for (const auto& layer : g.layers) {  // packed, as a start
    double next = 0;
    for (size_t v : layer) {
      y[v] = next;
      next += g.height[v] + gap;
    }
  }
  std::vector<size_t> down(g.layers.size()), up;
  for (size_t l = 0; l < down.size(); ++l) down[l] = l;
  up.assign(down.rbegin(), down.rend());
  Pass(g, down, {&g.in}, gap, y);
  Pass(g, up, {&g.in, &g.out}, gap, y);
  Pass(g, down, {&g.in, &g.out}, gap, y);
  Pass(g, up, {&g.in, &g.out}, gap, y);
  // Without priors the top is 0; with them, pinned nodes stay where they were (new nodes may
  // sit above 0).
  bool pinned = false;
  for (size_t v = 0; v < g.real; ++v) pinned = pinned || g.prior_y[v].has_value();
  if (!pinned && g.size() > 0) {
    const double lowest = *std::min_element(y.begin(), y.end());
    for (double& value : y) value -= lowest;
  }
  return y;
}

}  // namespace linea::layout::internal
