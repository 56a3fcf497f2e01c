#include "graph/traverse.h"

#include <algorithm>

namespace linea::graph {
namespace {

using model::AssetKind;

// Per-thread visit marks, reused across walks by bumping a generation counter.
struct Marks {
  std::vector<uint32_t> reached;  // generation when first reached (any mode)
  std::vector<uint32_t> whole;    // generation when reached whole
  uint32_t generation = 0;

  void Reset(size_t capacity) {
    if (reached.size() < capacity) {
      reached.resize(capacity, 0);
      whole.resize(capacity, 0);
    }
    if (++generation == 0) {  // wrapped: clear once every 4 billion walks
      std::fill(reached.begin(), reached.end(), 0);
      std::fill(whole.begin(), whole.end(), 0);
      generation = 1;
    }
  }
};

class Walker {
 public:
  Walker(const LineageGraph& graph, Direction direction, const TraverseOptions& options,
         std::vector<Hop>* hops)
      : g_(graph), down_(direction == Direction::kDownstream), options_(options), hops_(hops) {
    thread_local Marks marks;
    marks_ = &marks;
    marks_->Reset(graph.capacity());
  }

  bool Run(AssetId root) {
    Enter(root, UINT32_MAX, 0, true, Via::kRoot);
    for (size_t i = 0; i < hops_->size(); ++i) {
      Hop hop = (*hops_)[i];
      if (hop.distance >= options_.max_depth) continue;
      if (!Expand(static_cast<uint32_t>(i), hop)) return true;
    }
    return false;
  }

 private:
  // Returns false when the node budget is exhausted.
  bool Enter(AssetId node, uint32_t pred, uint32_t distance, bool whole, Via via,
             model::EdgeKind link_kind = model::EdgeKind::kUnspecified) {
    uint32_t gen = marks_->generation;
    bool seen = marks_->reached[node] == gen;
    if (seen && (!whole || marks_->whole[node] == gen)) return true;
    if (!seen) {
      if (options_.max_nodes && distinct_ >= options_.max_nodes) return false;
      ++distinct_;
      marks_->reached[node] = gen;
    }
    if (whole) marks_->whole[node] = gen;
    hops_->push_back(Hop{node, pred, distance, whole, !seen, via, link_kind});
    return true;
  }

  bool Expand(uint32_t index, const Hop& hop) {
    AssetId n = hop.node;
    uint32_t d = hop.distance + 1;
    auto links = down_ ? g_.downstream(n) : g_.upstream(n);
    for (const Adjacent& a : links) {
      const model::EdgeKind link_kind = g_.link_kind(a.link);
      if (options_.direct_only && link_kind == model::EdgeKind::kIndirect) continue;
      if (!Enter(a.node, index, d, true, Via::kLineage, link_kind)) return false;
    }
    AssetKind kind = g_.kind(n);
    if (hop.whole && !(down_ && model::ChildrenAreInputs(kind))) {
      for (AssetId child : g_.children(n)) {
        if (!Enter(child, index, d, true, Via::kContainment)) return false;
      }
    }
    AssetId parent = g_.parent(n);
    if (parent != kNoAsset && model::IsChildOfPrefix(kind)) {
      bool inputs = model::ChildrenAreInputs(g_.kind(parent));
      // Downstream: a feature hits its whole model; a column makes its table a part-holder.
      // Upstream: a column climbs to its table as a part-holder; a feature does not climb.
      if (down_ || !inputs) {
        if (!Enter(parent, index, d, down_ && inputs, Via::kContainment)) return false;
      }
    }
    return true;
  }

  const LineageGraph& g_;
  bool down_;
  const TraverseOptions& options_;
  std::vector<Hop>* hops_;
  Marks* marks_;
  size_t distinct_ = 0;
};

}  // namespace

std::vector<AssetId> Traversal::PathTo(uint32_t hop_index) const {
  std::vector<AssetId> path;
  for (uint32_t i = hop_index; i != UINT32_MAX; i = hops_[i].pred) path.push_back(hops_[i].node);
  std::reverse(path.begin(), path.end());
  return path;
}

Traversal Traverse(const LineageGraph& graph, AssetId root, Direction direction,
                   const TraverseOptions& options) {
  Traversal t;
  Walker walker(graph, direction, options, &t.hops_);
  t.truncated_ = walker.Run(root);
  return t;
}

}  // namespace linea::graph
