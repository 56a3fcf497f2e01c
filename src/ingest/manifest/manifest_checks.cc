#include "ingest/manifest/manifest_checks.h"

#include "quality/check_kinds.h"
#include "quality/check_plan.h"

namespace linea::manifest::internal {

ChecksPart PlanChecksOf(const Manifest& m, const std::string& provenance,
                        const catalog::Catalog& catalog, const quality::QualityState* state,
                        const std::set<std::string>& own_assets, std::vector<Diagnostic>* errors) {
  ChecksPart part;
  if (state == nullptr) {
    if (!m.checks.empty()) {
      errors->push_back({m.file, m.checks.front().line, "checks are not supported here", {}});
    }
    return part;
  }
  const size_t errors_before = errors->size();
  std::vector<model::QualityCheck> checks;
  for (const CheckSpec& spec : m.checks) {
    model::QualityCheck c;
    c.asset = catalog.Resolve(spec.asset);
    c.kind = spec.kind;
    c.name = spec.name.empty() ? spec.kind : spec.name;
    c.severity = spec.severity.empty() ? "high" : spec.severity;
    c.description = spec.description;
    c.params = spec.params;
    c.columns = spec.columns;
    c.provenance = provenance;
    if (!own_assets.contains(c.asset) && !catalog.KindOf(c.asset)) {
      errors->push_back({m.file, spec.line, "check " + c.name + ": unknown asset " + c.asset,
                         catalog.Suggest(c.asset)});
      continue;
    }
    if (Status valid = quality::ValidateCheck(c); !valid.ok()) {
      errors->push_back(
          {m.file, spec.line, "check " + c.name + " on " + c.asset + ": " + valid.message(), {}});
      continue;
    }
    checks.push_back(std::move(c));
  }
  if (errors->size() != errors_before) return part;
  Result<quality::ChecksPlan> plan = quality::PlanChecks(*state, provenance, std::move(checks));
  if (!plan.ok()) {
    errors->push_back(
        {m.file, m.checks.empty() ? m.line : m.checks.front().line, plan.status().message(), {}});
    return part;
  }
  part.delta = std::move(plan->delta);
  part.diff = quality::DiffLines(plan->outcome);
  return part;
}

}  // namespace linea::manifest::internal
