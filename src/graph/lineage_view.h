// src/graph/lineage_view.h: the lineage subgraph around an asset (GET /api/v1/lineage/{fqn} and
// the web UI's graph, GET /api/v1/lineage/{fqn}/layout).
//
// Hops count what the view shows: with columns=false a table-to-table step is one hop however
// many column and containment hops the walk takes underneath (impact distances count those).
// Beyond the depth, a person can open the graph node by node: `expand_*` show a node's direct
// neighbours in one direction, `collapse` hides what lies behind a node (away from the root),
// and siblings past `fold_over` are folded into one group ("+N more") unless `unfold` names
// their anchor.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "graph/lineage_graph.h"
#include "graph/traverse.h"

namespace linea::graph {

struct LineageViewOptions {
  bool upstream = true;
  bool downstream = true;
  uint32_t max_depth = UINT32_MAX;  // shown hops from the root
  std::optional<uint32_t> max_upstream_depth;  // upstream, when it differs from max_depth
  size_t max_nodes = 0;  // 0 = unlimited; hitting it (in a walk or in the view) sets `truncated`
  // false: columns and features are lifted to their table/model and links folded between those.
  bool columns = false;
  // FQNs of shown nodes whose direct neighbours upstream / downstream are shown too, beyond
  // max_depth. FQNs that are unknown or not in the view are ignored (the view changed).
  std::vector<std::string> expand_upstream;
  std::vector<std::string> expand_downstream;
  // FQNs of shown nodes (not the root) whose neighbours away from the root are not followed.
  std::vector<std::string> collapse;
  // A node with more than `fold_over` new neighbours in one direction shows `fold_keep` of them
  // (models, deployments and dashboards first, then by FQN) and folds the rest into a group.
  // 0 = never fold.
  size_t fold_over = 0;
  size_t fold_keep = 20;
  std::vector<std::string> unfold;  // anchors whose neighbours are never folded
  // Fill ViewEdge::parts (the column links under each lifted link). Default: off, as the
  // lineage and layout routes do not show them.
  bool with_parts = false;
};

struct ViewNode {
  std::string fqn;
  model::AssetKind kind;
  uint32_t distance;  // shown hops from the root (a node reached by expansion: its anchor's + 1)
  int side = 0;       // how the view reached it: 0 the root, +1 downstream, -1 upstream
  // Direct neighbours (lineage links, after lifting) that the view does not show, folded ones
  // included: what expanding this node would add.
  uint32_t hidden_upstream = 0;
  uint32_t hidden_downstream = 0;
  std::string team;  // the first effective owner, "" when none
};

struct ViewEdge {
  std::string from, to;
  model::EdgeKind kind;
  std::vector<std::string> provenance;  // every witness, sorted
  // With columns=false and with_parts: the links between parts (column → column, column → feature)
  // that were lifted into this one, as (from FQN, to FQN), sorted; empty for a link between the
  // shown assets themselves.
  std::vector<std::pair<std::string, std::string>> parts;
};

// Neighbours of `anchor` folded away: they are direct upstream (downstream = false) or
// downstream neighbours of `anchor` and not otherwise in the view.
struct ViewGroup {
  std::string anchor;
  bool downstream = true;
  std::vector<ViewNode> members;  // in the order they would have been shown
};

struct LineageView {
  std::string root_fqn;
  model::AssetKind root_kind;
  std::vector<ViewNode> nodes;  // by distance, then FQN
  std::vector<ViewEdge> edges;  // by (from, to)
  std::vector<ViewGroup> groups;  // by (anchor, direction)
  bool truncated = false;
};

// Walks from `root` with the impact/upstream rules (traverse.h) and returns the reached assets
// within the options' hops, every lineage link between two of them, and the folded groups.
// REQUIRES: graph.alive(root).
LineageView ComputeLineageView(const LineageGraph& graph, AssetId root,
                               const LineageViewOptions& options);

}  // namespace linea::graph
