// src/layout/internal/layered_graph.h: the working graph of layout.cc — the input's nodes plus
// one dummy node per layer a long edge crosses, every edge between adjacent layers.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace linea::layout::internal {

struct LayeredGraph {
  size_t real = 0;  // nodes [0, real) are the input's, the rest dummies
  std::vector<int> layer;
  std::vector<double> width, height;
  std::vector<std::optional<double>> prior_y;  // real nodes only
  std::vector<std::vector<size_t>> in, out;    // neighbours in the adjacent layers
  std::vector<std::vector<size_t>> layers;     // node ids per layer, in order

  // One per kept input edge: its nodes in flow order (left to right), dummies between.
  struct Chain {
    size_t edge = 0;  // index into the input's edges
    std::vector<size_t> nodes;
    bool reversed = false;
  };
  std::vector<Chain> chains;

  size_t size() const { return layer.size(); }
};

// Puts the pinned nodes of `layer` (real nodes with a prior y) back in their prior order, in
// the slots pinned nodes hold; every other node keeps its slot.
void RestorePinnedOrder(const LayeredGraph& g, std::vector<size_t>& layer);

// Orders every layer (barycentric sweeps); returns the crossings of the order kept.
size_t OrderLayers(LayeredGraph& g, int sweeps);

// Crossings between every pair of adjacent layers in the current order.
size_t CountCrossings(const LayeredGraph& g);

// y (top) of every node: as close as possible to its neighbours (pinned nodes: their prior y),
// without overlap, `gap` apart within a layer. Without pinned nodes the smallest y is 0.
std::vector<double> AssignY(const LayeredGraph& g, double gap);

}  // namespace linea::layout::internal
