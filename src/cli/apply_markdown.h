// src/cli/apply_markdown.h: `linea apply --format markdown` — what POST /api/v1/manifests
// answered, as GitHub/GitLab-flavoured Markdown for a merge request comment or a CI job summary
// (ci/, docs/ci.md).
#pragma once

#include <string>

#include "api/api.h"

namespace linea::cli {

// The plan (a 200 answer, dry run or not): a heading with the verdict ("2 of 3 models would
// change"), then per model its FQN, verdict, feature count and file, its diff in a ```diff
// block (+ added, - removed, ~ changed), and the warnings as a list.
std::string PlanMarkdown(const api::Json& plan);

// A refused apply (the error body): a heading saying nothing was applied, each problem as
// `file:line`: message (did you mean …?), then the summary message.
std::string ProblemsMarkdown(const api::Json& error_body);

}  // namespace linea::cli
