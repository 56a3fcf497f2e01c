// src/catalog/validate.h: checks and normalizes a Delta against the current graph before it is
// committed. Internal to catalog/.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <unordered_map>
#include <unordered_set>

#include "catalog/domain_write.h"
#include "common/status.h"
#include "graph/lineage_graph.h"
#include "model/delta.h"

namespace linea::catalog::internal {

// Suggests existing FQNs for an unknown one (for error candidates).
using SuggestFn = std::function<std::vector<std::string>(std::string_view fqn)>;

// On success `delta` is normalized: FQNs canonical, missing services added as assets,
// delete_assets closed under children and de-duplicated, edges de-duplicated per provenance
// (last wins). On error `delta` may be partly normalized and must be discarded.
// REQUIRES: the caller holds the graph stable (no concurrent writer).
Status ValidateDelta(const graph::LineageGraph& graph, const SuggestFn& suggest,
                     model::Delta* delta);

// The graph as a validated `delta` will leave it (FutureCatalog for domain writes). Holds
// references: valid while `graph`, `delta` and `suggest` are. REQUIRES: the graph is stable.
class FutureView final : public FutureCatalog {
 public:
  FutureView(const graph::LineageGraph& graph, const model::Delta& delta, SuggestFn suggest);
  std::optional<model::AssetKind> KindOf(std::string_view fqn) const override;
  std::vector<std::string> Suggest(std::string_view fqn) const override { return suggest_(fqn); }
  std::string DomainOf(std::string_view fqn) const override;

 private:
  const graph::LineageGraph& graph_;
  std::unordered_set<std::string_view> deleted_;
  std::unordered_map<std::string_view, model::AssetKind> upserted_;
  SuggestFn suggest_;
};

}  // namespace linea::catalog::internal
