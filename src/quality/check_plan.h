// src/quality/check_plan.h: what makes the checks of one provenance exactly a given set — the
// diff and the QualityDelta — shared by QualityService::ReplaceChecks() and the manifest
// planner (`checks:` in lineage.yaml and quality documents; docs/quality.md).
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "model/quality.h"
#include "quality/quality_state.h"

namespace linea::quality {

struct ChecksOutcome {
  std::vector<model::QualityCheck> added, changed;  // ordered by (asset, name)
  std::vector<model::QualityCheck> removed;
  size_t unchanged = 0;
};

struct ChecksPlan {
  ChecksOutcome outcome;
  model::QualityDelta delta;  // upsert_checks and delete_checks only
};

// The change that makes the checks of `provenance` exactly `checks`: each is given that
// provenance and, without a name, its kind's; the provenance's stored checks not listed are
// removed. Assets must be canonical FQNs; they are not looked up here (QualityWrite does).
// Errors: kInvalidArgument (the same (asset, name) twice; ValidateCheck()'s, prefixed with
// "check <name> on <asset>"), kAlreadyExists (another provenance defines that (asset, name)).
Result<ChecksPlan> PlanChecks(const QualityState& state, const std::string& provenance,
                              std::vector<model::QualityCheck> checks);

// "+ check drift on hive.t.c", "~ check drift on hive.t.c", "- check …": the plan's diff lines,
// sorted within each group.
std::vector<std::string> DiffLines(const ChecksOutcome& outcome);

}  // namespace linea::quality
