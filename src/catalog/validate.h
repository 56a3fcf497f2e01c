// src/catalog/validate.h: checks and normalizes a Delta against the current graph before it is
// committed. Internal to catalog/.
#pragma once

#include <functional>
#include <string>
#include <vector>

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

}  // namespace linea::catalog::internal
