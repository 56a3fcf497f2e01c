// Psi (psi.h): the buckets of both kinds and the index over them.
#include "quality/psi.h"

#include <cmath>
#include <map>
#include <string>

#include "common/status_macros.h"
#include "quality/internal/distribution.h"

namespace linea::quality {
namespace {

using model::Distribution;

double Index(const std::vector<double>& expected, const std::vector<double>& actual) {
  double psi = 0;
  for (size_t i = 0; i < expected.size(); ++i) {
    const double e = expected[i] > 0 ? expected[i] : kPsiEpsilon;
    const double a = actual[i] > 0 ? actual[i] : kPsiEpsilon;
    psi += (a - e) * std::log(a / e);
  }
  return psi;
}

// Scales the non-missing `shares` of `d` to shares of all values and appends the missing share.
Status AppendMissing(const Distribution& d, const char* side, std::vector<double>& shares) {
  if (d.missing > 0 && !d.quantiles.empty()) {
    return InvalidArgumentError(std::string(side) +
                                ": quantiles with missing > 0 (quantiles carry no count, so the "
                                "share of nulls is unknown: give bins)");
  }
  const double values = internal::CountedValues(d);
  const double all = values + d.missing;
  const double present = all > 0 ? values / all : 0;
  if (d.quantiles.empty()) {
    for (double& s : shares) s *= present;
  }
  shares.push_back(all > 0 ? d.missing / all : 0);
  return Status::OK();
}

Result<PsiResult> NumericPsi(const Distribution& reference, const Distribution& current) {
  if (internal::IsCategorical(current)) {
    return InvalidArgumentError("mixed kinds: the reference is numeric but current is categorical");
  }
  if (!internal::HasValues(reference)) {
    return InvalidArgumentError("reference: only nulls, no deciles to take");
  }
  LINEA_ASSIGN_OR_RETURN(std::vector<double> edges, DecileEdges(reference));
  PsiResult out;
  LINEA_ASSIGN_OR_RETURN(out.expected, BinShares(reference, edges));
  LINEA_ASSIGN_OR_RETURN(out.actual, BinShares(current, edges));
  out.edges = std::move(edges);
  if (reference.missing > 0 || current.missing > 0) {
    LINEA_RETURN_IF_ERROR(AppendMissing(reference, "reference", out.expected));
    LINEA_RETURN_IF_ERROR(AppendMissing(current, "current", out.actual));
    out.missing = true;
  }
  out.psi = Index(out.expected, out.actual);
  return out;
}

}  // namespace

std::string PsiResult::Label(size_t i) const {
  if (missing && i + 1 == expected.size()) return "missing";
  if (!edges.empty()) return internal::BinLabel(edges, i);
  if (i < categories.size()) return categories[i];
  return "other";
}

std::vector<std::string> PsiResult::Labels() const {
  std::vector<std::string> labels;
  for (size_t i = 0; i < expected.size(); ++i) labels.push_back(Label(i));
  return labels;
}

namespace {

Result<PsiResult> CategoricalPsi(const Distribution& reference, const Distribution& current) {
  if (internal::IsNumeric(current)) {
    return InvalidArgumentError("mixed kinds: the reference is categorical but current is numeric");
  }
  std::map<std::string, size_t> index;
  PsiResult out;
  for (size_t i = 0; i < reference.categories.size(); ++i) {
    index[reference.categories[i]] = i;
    out.expected.push_back(reference.counts[i]);
    out.actual.push_back(0);
  }
  double other = 0;
  for (size_t i = 0; i < current.categories.size(); ++i) {
    auto it = index.find(current.categories[i]);
    (it == index.end() ? other : out.actual[it->second]) += current.counts[i];
  }
  out.categories = reference.categories;
  if (other > 0) {
    out.other = true;
    out.expected.push_back(0);
    out.actual.push_back(other);
  }
  if (reference.missing > 0 || current.missing > 0) {
    out.missing = true;
    out.expected.push_back(reference.missing);
    out.actual.push_back(current.missing);
  }
  const double expected_total = internal::CountedValues(reference) + reference.missing;
  const double actual_total = internal::CountedValues(current) + current.missing;
  for (double& e : out.expected) e /= expected_total;
  for (double& a : out.actual) a /= actual_total;
  out.psi = Index(out.expected, out.actual);
  return out;
}

}  // namespace

Result<PsiResult> Psi(const Distribution& reference, const Distribution& current) {
  LINEA_RETURN_IF_ERROR(ValidateDistribution(reference).WithPrefix("reference"));
  LINEA_RETURN_IF_ERROR(ValidateDistribution(current).WithPrefix("current"));
  if (!internal::HasValues(reference) && reference.missing <= 0) {
    return InvalidArgumentError("reference: no values at all");
  }
  if (!internal::HasValues(current) && current.missing <= 0) {
    return InvalidArgumentError("current: no values at all");
  }
  if (internal::IsCategorical(reference)) return CategoricalPsi(reference, current);
  if (internal::IsNumeric(reference)) return NumericPsi(reference, current);
  return InvalidArgumentError("reference: only nulls, neither bins, quantiles nor categories");
}

}  // namespace linea::quality
