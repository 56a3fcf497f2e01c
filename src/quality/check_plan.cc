#include "quality/check_plan.h"

#include <map>

#include "common/status_macros.h"
#include "quality/check_kinds.h"

namespace linea::quality {

Result<ChecksPlan> PlanChecks(const QualityState& state, const std::string& provenance,
                              std::vector<model::QualityCheck> checks) {
  std::map<std::pair<std::string, std::string>, model::QualityCheck> wanted;
  for (model::QualityCheck& c : checks) {
    if (c.name.empty()) c.name = c.kind;
    if (c.severity.empty()) c.severity = "high";
    c.provenance = provenance;
    const std::string label = "check " + c.name + " on " + c.asset;
    LINEA_RETURN_IF_ERROR(ValidateCheck(c).WithPrefix(label));
    std::pair<std::string, std::string> key{c.asset, c.name};
    if (wanted.contains(key)) {
      return InvalidArgumentError(label + " is defined twice; give one of them another name");
    }
    std::optional<model::QualityCheck> other = state.Check(c.asset, c.name);
    if (other && other->provenance != provenance) {
      return AlreadyExistsError(label + " is defined by " + other->provenance +
                                "; give this one another name");
    }
    wanted.emplace(std::move(key), std::move(c));
  }
  ChecksPlan plan;
  for (model::QualityCheck& old : state.ChecksOf(provenance)) {
    if (!wanted.contains({old.asset, old.name})) {
      plan.delta.delete_checks.emplace_back(old.asset, old.name);
      plan.outcome.removed.push_back(std::move(old));
    }
  }
  for (auto& [key, c] : wanted) {
    std::optional<model::QualityCheck> stored = state.Check(key.first, key.second);
    if (stored && *stored == c) {
      ++plan.outcome.unchanged;
      continue;
    }
    (stored ? plan.outcome.changed : plan.outcome.added).push_back(c);
    plan.delta.upsert_checks.push_back(std::move(c));
  }
  return plan;
}

std::vector<std::string> DiffLines(const ChecksOutcome& outcome) {
  std::vector<std::string> lines;
  for (auto [sign, list] : {std::pair{"+", &outcome.added}, std::pair{"~", &outcome.changed},
                            std::pair{"-", &outcome.removed}}) {
    for (const model::QualityCheck& c : *list) {
      lines.push_back(std::string(sign) + " check " + c.name + " on " + c.asset);
    }
  }
  return lines;
}

}  // namespace linea::quality
