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
std::string BucketsText(const model::Distribution& reference, const PsiResult& psi) {
  const bool categorical = !reference.categories.empty();
  const size_t core = categorical ? reference.categories.size() : psi.labels.size();
  std::vector<std::string> extras;
  if (categorical && psi.labels.size() > core && psi.labels[core] == "other") {
    extras.push_back("other");
  }
  if (psi.labels.back() == "missing") extras.push_back("missing");
  const size_t counted = categorical ? core : core - extras.size();
  std::string text =
      std::to_string(counted) + (categorical ? " reference categories" : " reference-decile bins");
  if (extras.size() == 2) return text + ", other and missing";
  if (extras.size() == 1) return text + " and " + extras.front();
  return text;
}

// r's distribution, quantiles with nulls turned into bins when r counts its rows (metric
// row_count ≥ missing), so that Psi can weigh the nulls.
model::Distribution Countable(const model::QualityResult& r) {
  const model::Distribution& d = r.distribution;
  const auto rows = Metric(r, "row_count");
  if (d.quantiles.empty() || d.missing <= 0 || !rows || *rows < d.missing) return d;
  return QuantilesToBins(d, *rows - d.missing);
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
  std::vector<model::Distribution> countable;
  std::vector<const model::QualityResult*> used;
  for (const auto* r : j.reference) {
    if (!HasDistribution(r->distribution)) continue;
    countable.push_back(Countable(*r));
    used.push_back(r);
  }
  if (used.empty()) return Building(j, threshold);
  std::vector<const model::Distribution*> parts;
  for (const auto& d : countable) parts.push_back(&d);
  const model::Distribution reference = Merge(parts);
  auto psi = Psi(reference, Countable(j.current));
  if (!psi.ok()) return Aborted("cannot compute PSI: " + psi.status().message());
  Verdict v{Grade(psi->psi, warn, fail), psi->psi, std::nullopt, threshold, ""};
  v.message = "PSI " + FormatRounded(psi->psi) + " over " + BucketsText(reference, *psi) +
              " against" + PeriodsText(used).substr(3);
  return v;
}

}  // namespace linea::quality::internal
