// src/graph/traverse.h: breadth-first walks over lineage and containment.
//
// Walk rules (docs/impact.md). A reached asset is either whole (all of it is affected) or a
// part-holder (only some of its columns are):
//   downstream: follow lineage links out of every reached asset; a whole table/topic/
//     dashboard/service also breaks its children; a column makes its table a part-holder
//     (whose table-level links are followed, its other columns are not); a feature hits its
//     model as a whole.
//   upstream: follow lineage links into every reached asset; a whole container (a model's
//     features, a table's columns) also depends on its children; a column climbs to its table
//     as a part-holder (a failed run on the table applies to the column).
// Every hop, containment included, adds 1 to the distance. Each asset appears first at its
// shortest distance, with one shortest path; ties follow ascending asset id (deterministic).
#pragma once

#include <cstdint>
#include <vector>

#include "graph/lineage_graph.h"

namespace linea::graph {

enum class Direction { kDownstream, kUpstream };

struct TraverseOptions {
  // Assets farther than this are not reached. Default: unlimited.
  uint32_t max_depth = UINT32_MAX;
  // Stop after this many distinct assets (root included) and set `truncated`. 0 = unlimited.
  size_t max_nodes = 0;
  // Follow no `indirect` link (a filter, join or group-by key that does not carry the value).
  bool direct_only = false;
};

enum class Via : uint8_t { kRoot, kLineage, kContainment };

struct Hop {
  AssetId node;
  uint32_t pred;      // index of the previous hop in Traversal::hops; UINT32_MAX for the root
  uint32_t distance;
  bool whole;         // false: a part-holder (only the hops' own links were followed)
  bool first;         // the first (shortest) appearance of `node`
  Via via;
  model::EdgeKind link_kind;  // via kLineage: the kind of the link taken; else kUnspecified
};

class Traversal {
 public:
  // Hops in BFS order; hops[0] is the root. An asset may appear twice (first as a
  // part-holder, later whole); `first` marks the appearance that defines distance and path.
  const std::vector<Hop>& hops() const { return hops_; }
  bool truncated() const { return truncated_; }
  // Asset ids from the root to hops[hop_index].node.
  std::vector<AssetId> PathTo(uint32_t hop_index) const;

 private:
  friend Traversal Traverse(const LineageGraph&, AssetId, Direction, const TraverseOptions&);
  std::vector<Hop> hops_;
  bool truncated_ = false;
};

// Walks from `root` (taken whole). Cycle-safe. Thread-safe for concurrent calls on one graph.
Traversal Traverse(const LineageGraph& graph, AssetId root, Direction direction,
                   const TraverseOptions& options);

}  // namespace linea::graph
