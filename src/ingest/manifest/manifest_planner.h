// src/ingest/manifest/manifest_planner.h: turns parsed manifests into per-model Deltas against
// the current catalog, with a human diff, and applies them through catalog (atomic per model).
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/result.h"
#include "ingest/manifest/manifest.h"
#include "model/delta.h"
#include "model/quality.h"
#include "quality/quality_state.h"

namespace linea::manifest {

// The provenance of a model's manifest edges: "manifest:<model fqn>". Assets the manifest
// creates (owned outputs) carry it in properties[kCreatedBy].
std::string ManifestProvenance(std::string_view model);
inline constexpr char kCreatedBy[] = "created_by";
// The repository whose manifest owns a model, in the model's properties (see PlanManifests).
inline constexpr char kManifestRepository[] = "manifest_repository";

struct PlanOptions {
  // Replace a model another manifest owns (see PlanManifests). Default: refuse.
  bool take_over = false;
  // The repository of manifests that name none (`linea apply --repository`, CI's project URL).
  // Default: none.
  std::string repository;
  // The quality domain the manifests' `checks:` are planned against (docs/quality.md). Null:
  // a manifest with checks is an error.
  const quality::QualityState* quality = nullptr;
};

struct ModelPlan {
  std::string file;
  std::string model;
  size_t features = 0;
  model::Delta delta;
  // In this order, sorted within each group: "+ model m", "~ model m: description" (the
  // changed attributes: description, domain, owners, version, "repository → r" or
  // "repository removed"),
  // "+ feature f", "- feature f", "~ feature f: type", "+ deployment d", "- deployment d",
  // "~ deployment d: description", "+ table t (created by this manifest)",
  // "- table t (created by this manifest)", "~ table t: description", "+ column t.c",
  // "- column t.c", "~ column t.c: type", "+ edge a -> b", "~ edge a -> b: transform",
  // "- edge a -> b", then "+ check c on a", "~ check …", "- check …".
  std::vector<std::string> diff;
  // The checks of the manifest's provenance ("manifest:<model>", or "quality:<name>" for a
  // quality document, whose `model` is that provenance): upserted and deleted.
  model::QualityDelta checks;
  bool changed() const { return !diff.empty(); }
};

struct Plan {
  std::vector<ModelPlan> models;    // complete only when `errors` and `conflicts` are empty
  std::vector<Diagnostic> errors;   // every problem found, in file/line order
  // Models another manifest owns (without PlanOptions::take_over): a precondition, not bad
  // input (HTTP 409).
  std::vector<Diagnostic> conflicts;
  // Not errors, unless the caller is strict: owners naming a team or user the catalog does not
  // know (it has no contacts, so nobody would be told), with "team:<name>" ("user:<name>")
  // candidates.
  std::vector<Diagnostic> warnings;
};

// Resolves every manifest against `catalog`: the model must not exist as another kind, every
// source must exist (unknown ones get "did you mean" candidates), plain outputs must be tables
// or topics, owned outputs must be new or created by this manifest, deployments must not exist
// as another kind, no model may appear in two manifests.
// Ownership, unless `options.take_over`: a model with a stored repository
// (properties[kManifestRepository]) may only be replaced by a manifest of that repository (its
// `repository:`, else options.repository); any other, or none, is a conflict naming the stored
// repository, provenance and teams. A model without one keeps the team rule: when its lineage
// is asserted by its manifest provenance and it has team owners, a manifest naming owners but
// none of those teams is a conflict ("is owned by manifest:m (team:x)"). A manifest with a
// repository stores it on the model (claiming a model that had none, or taking one over;
// "~ model m: repository → r" in the diff); a take-over without one removes the stored one.
// Reads only; writes nothing.
Plan PlanManifests(const std::vector<Manifest>& manifests, const catalog::Catalog& catalog,
                   const PlanOptions& options = {});

// Applies every changed model plan in ONE catalog transaction (unchanged ones are skipped):
// all of the run's models are written or none is, also when the process dies mid-way. A
// failure (e.g. a source deleted since planning) is returned as the catalog's status.
// `writer` is who applies it (scope-checked and audited).
// REQUIRES: plan.errors and plan.conflicts are empty.
// `quality` receives the plans' checks (required when a plan changes checks).
Status ApplyPlan(const Plan& plan, catalog::Catalog& catalog, const catalog::Writer& writer,
                 quality::QualityState* quality = nullptr);

}  // namespace linea::manifest
