// src/layout/layout.h: a layered (Sugiyama) layout of a directed graph, for the lineage view —
// computed on the server so that a 5,000-node lineage reaches the browser already placed.
//
// Lineage flows left to right: a node's layer is its x, its order within the layer its y.
//   1. cycle breaking: edges closing a cycle (depth-first, in input order) are reversed;
//   2. layering: longest path from the sources, then every source is pulled right next to its
//      nearest successor (so a lone input does not sit at layer 0 far from what it feeds);
//   3. edges spanning several layers get one dummy node per layer crossed;
//   4. ordering: barycentric sweeps down and up, keeping the order with the fewest crossings;
//   5. coordinates: per layer, each node as close as possible to the mean of its neighbours in
//      the layers already placed (pinned nodes: to their previous y), without overlaps — an
//      isotonic regression, exact in O(n) per layer;
//   6. edge routes: from the source's right side through its dummies to the target's left side.
//
// Deterministic: the same input gives the same output. Stable on expand: pass the previous
// layout's y of the nodes that stay as `prior_y`; they keep their order and, where the new
// nodes leave room, their place.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace linea::layout {

struct Point {
  double x = 0;
  double y = 0;
};

struct NodeSpec {
  double width = 120;
  double height = 28;
  std::optional<double> prior_y;  // the node's y (top) in the previous layout, if it was there
};

struct EdgeSpec {
  size_t from = 0;  // indices into the node list
  size_t to = 0;
};

struct LayoutOptions {
  double layer_gap = 80;  // horizontal space between the widest nodes of adjacent layers
  double node_gap = 12;   // vertical space between nodes of a layer
  int sweeps = 6;         // barycentric down+up sweep pairs
};

struct PlacedNode {
  double x = 0, y = 0;  // top-left corner
  double width = 0, height = 0;
  int layer = 0;
};

struct RoutedEdge {
  size_t input = 0;  // index into the input's edges
  size_t from = 0, to = 0;
  // Left to right: from the right side of the node on the left, through one bend pair per
  // layer crossed, to the left side of the node on the right.
  std::vector<Point> points;
  // It closed a cycle, so it runs against the flow: `points` go from `to` to `from` (the arrow
  // belongs at the first point).
  bool reversed = false;
};

struct Layout {
  std::vector<PlacedNode> nodes;  // in input order
  std::vector<RoutedEdge> edges;  // in input order; self-loops and duplicates are left out
  double width = 0, height = 0;
  size_t crossings = 0;  // edge crossings between adjacent layers, dummies included
};

// REQUIRES: every edge's endpoints < nodes.size().
Layout ComputeLayout(const std::vector<NodeSpec>& nodes, const std::vector<EdgeSpec>& edges,
                     const LayoutOptions& options = {});

}  // namespace linea::layout
