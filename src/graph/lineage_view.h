// src/graph/lineage_view.h: the lineage subgraph around an asset (GET /api/v1/lineage/{fqn}).
#pragma once

#include <string>
#include <vector>

#include "graph/lineage_graph.h"
#include "graph/traverse.h"

namespace linea::graph {

struct LineageViewOptions {
  bool upstream = true;
  bool downstream = true;
  uint32_t max_depth = UINT32_MAX;
  size_t max_nodes = 0;  // 0 = unlimited; hitting it sets `truncated`
  // false: columns and features are lifted to their table/model and links folded between those.
  bool columns = false;
};

struct ViewNode {
  std::string fqn;
  model::AssetKind kind;
  uint32_t distance;  // hops from the root in the walk (lifted nodes: their nearest member)
};

struct ViewEdge {
  std::string from, to;
  model::EdgeKind kind;
  std::vector<std::string> provenance;  // every witness, sorted
};

struct LineageView {
  std::string root_fqn;
  model::AssetKind root_kind;
  std::vector<ViewNode> nodes;  // by distance, then FQN
  std::vector<ViewEdge> edges;  // by (from, to)
  bool truncated = false;
};

// Walks from `root` with the impact/upstream rules (traverse.h) and returns every reached asset
// and every lineage link between two reached assets. REQUIRES: graph.alive(root).
LineageView ComputeLineageView(const LineageGraph& graph, AssetId root,
                               const LineageViewOptions& options);

}  // namespace linea::graph
