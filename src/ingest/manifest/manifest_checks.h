// src/ingest/manifest/manifest_checks.h (internal to manifest/): the `checks:` of one manifest
// planned against the catalog and the quality domain — diagnostics with file:line, the
// QualityDelta that makes the provenance's checks exactly the file's, and the diff lines.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "ingest/manifest/manifest.h"
#include "model/quality.h"
#include "quality/quality_state.h"

namespace linea::manifest::internal {

struct ChecksPart {
  model::QualityDelta delta;      // upsert_checks, delete_checks
  std::vector<std::string> diff;  // "+ check drift on hive.t.c", "~ …", "- …"
};

// Every check's asset must exist in `catalog` or be one of `own_assets` (what the manifest
// itself creates: its model's features); its kind and parameters must be valid
// (quality::ValidateCheck). `provenance` is the checks' owner ("manifest:<model>" or
// "quality:<name>"). Problems are appended to `errors`; with any, the part is empty. Without
// a `state` (no quality domain) a manifest with checks is an error.
ChecksPart PlanChecksOf(const Manifest& m, const std::string& provenance,
                        const catalog::Catalog& catalog, const quality::QualityState* state,
                        const std::set<std::string>& own_assets, std::vector<Diagnostic>* errors);

}  // namespace linea::manifest::internal
