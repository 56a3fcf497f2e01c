// The drift and score_drift judge of Evaluate (evaluate.h).
#include <string>

#include "quality/check_kinds.h"
#include "quality/format.h"
#include "quality/internal/evaluate.h"
#include "quality/psi.h"

namespace linea::quality::internal {
namespace {

bool HasDistribution(const model::Distribution& d) { return !d.empty() || d.missing > 0; }

// "10 reference-decile bins", "3 reference categories, other and missing".
std::string BucketsText(const PsiResult& psi) {
  const bool categorical = psi.edges.empty();
  const size_t counted = categorical ? psi.categories.size() : psi.edges.size() - 1;
  std::string text =
      std::to_string(counted) + (categorical ? " reference categories" : " reference-decile bins");
  if (psi.other && psi.missing) return text + ", other and missing";
  if (psi.other) return text + " and other";
  if (psi.missing) return text + " and missing";
  return text;
}

// r's distribution, or — quantiles with nulls, when r counts its rows (metric row_count ≥
// missing) — those quantiles as bins in `*converted`, so that Psi can weigh the nulls.
const model::Distribution& Countable(const model::QualityResult& r,
                                     model::Distribution* converted) {
  const model::Distribution& d = r.distribution;
  if (d.quantiles.empty() || d.missing <= 0) return d;
  const auto rows = Metric(r, "row_count");
  if (!rows || *rows < d.missing) return d;
  *converted = QuantilesToBins(d, *rows - d.missing);
  return *converted;
}

}  // namespace

Verdict JudgeDrift(const Judging& j) {
  const double warn = Param(j.check, "warn"), fail = Param(j.check, "fail");
  const std::string threshold = RatioThreshold(warn, fail);
  if (!HasDistribution(j.current.distribution)) {
    if (!j.current.value) return Aborted("no distribution or value (PSI) to judge");
    return Verdict{Grade(*j.current.value, warn, fail), j.current.value, j.current.reference,
                   threshold,
                   "PSI " + FormatRounded(*j.current.value) + " as computed by the source"};
  }
  std::vector<model::Distribution> converted(j.reference.size() + 1);
  std::vector<const model::Distribution*> parts;
  std::vector<const model::QualityResult*> used;
  for (const auto* r : j.reference) {
    if (!HasDistribution(r->distribution)) continue;
    parts.push_back(&Countable(*r, &converted[used.size()]));
    used.push_back(r);
  }
  if (used.empty()) return Building(j, threshold);
  const model::Distribution reference = Merge(parts);
  auto psi = Psi(reference, Countable(j.current, &converted.back()));
  if (!psi.ok()) return Aborted("cannot compute PSI: " + psi.status().message());
  Verdict v{Grade(psi->psi, warn, fail), psi->psi, std::nullopt, threshold, ""};
  v.message = "PSI " + FormatRounded(psi->psi) + " over " + BucketsText(*psi) + " against" +
              PeriodsText(used).substr(3);
  return v;
}

}  // namespace linea::quality::internal
