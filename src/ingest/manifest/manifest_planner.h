// src/ingest/manifest/manifest_planner.h: turns parsed manifests into per-model Deltas against
// the current catalog, with a human diff, and applies them through catalog (atomic per model).
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/result.h"
#include "ingest/manifest/manifest.h"
#include "model/delta.h"

namespace linea::manifest {

// The provenance of a model's manifest edges: "manifest:<model fqn>".
std::string ManifestProvenance(std::string_view model);

struct ModelPlan {
  std::string file;
  std::string model;
  size_t features = 0;
  model::Delta delta;
  // "+ model m", "~ model m: description", "+ feature f", "- feature f",
  // "+ edge a -> b", "- edge a -> b", "~ edge a -> b: transform"; sorted within each group.
  std::vector<std::string> diff;
  bool changed() const { return !diff.empty(); }
};

struct Plan {
  std::vector<ModelPlan> models;    // complete only when `errors` is empty
  std::vector<Diagnostic> errors;   // every problem found, in file/line order
};

// Resolves every manifest against `catalog`: the model must not exist as another kind, every
// source must exist (unknown ones get "did you mean" candidates), outputs must be tables or
// topics, no model may appear in two manifests. Reads only; writes nothing.
Plan PlanManifests(const std::vector<Manifest>& manifests, const catalog::Catalog& catalog);

// Applies every changed model plan in ONE catalog transaction (unchanged ones are skipped):
// all of the run's models are written or none is, also when the process dies mid-way. A
// failure (e.g. a source deleted since planning) is returned as the catalog's status.
// REQUIRES: plan.errors is empty.
Status ApplyPlan(const Plan& plan, catalog::Catalog& catalog);

}  // namespace linea::manifest
