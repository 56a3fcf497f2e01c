// ValidateDistribution, DecileEdges, BinShares and Merge (psi.h); Psi itself is in psi.cc.
#include "quality/internal/distribution.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string>

#include "common/status_macros.h"
#include "quality/format.h"
#include "quality/psi.h"

namespace linea::quality {
namespace internal {

double CountedValues(const model::Distribution& d) {
  double total = 0;
  for (double c : d.counts) total += c;
  return total;
}

bool HasValues(const model::Distribution& d) {
  return !d.quantiles.empty() || CountedValues(d) > 0;
}

double MassBelow(const model::Distribution& d, double x) {
  if (!d.quantiles.empty()) {
    const auto& q = d.quantiles;
    if (x <= q.front().second) return 0;
    if (x > q.back().second) return 1;
    for (size_t k = 0; k + 1 < q.size(); ++k) {
      if (q[k + 1].second < x) continue;  // first segment reaching x: q[k].second < x
      const double span = q[k + 1].second - q[k].second;
      return q[k].first + (x - q[k].second) / span * (q[k + 1].first - q[k].first);
    }
    return 1;
  }
  double mass = 0;
  for (size_t i = 0; i < d.counts.size(); ++i) {
    const double lo = d.edges[i], hi = d.edges[i + 1];
    if (hi == lo) {
      if (x > lo) mass += d.counts[i];
    } else {
      mass += d.counts[i] * std::clamp((x - lo) / (hi - lo), 0.0, 1.0);
    }
  }
  return mass;
}

double QuantileAt(const std::vector<std::pair<double, double>>& q, double p) {
  if (p <= q.front().first) return q.front().second;
  if (p >= q.back().first) return q.back().second;
  size_t k = 0;
  while (q[k + 1].first < p) ++k;
  return q[k].second +
         (p - q[k].first) / (q[k + 1].first - q[k].first) * (q[k + 1].second - q[k].second);
}

std::string BinLabel(const std::vector<double>& edges, size_t bin) {
  const size_t last = edges.size() - 2;
  const double lo = edges[bin], hi = edges[bin + 1];
  // A bin right after a point mass [v, v⁺) starts just above v: "(v, …".
  const bool after_mass = bin > 0 && lo == std::nextafter(edges[bin - 1], HUGE_VAL);
  const std::string left = bin == 0     ? "(-inf"
                           : after_mass ? "(" + FormatNumber(edges[bin - 1], 6)
                                        : "[" + FormatNumber(lo, 6);
  const std::string right = bin == last ? "+inf)" : FormatNumber(hi, 6) + ")";
  if (bin != 0 && bin != last && hi == std::nextafter(lo, HUGE_VAL)) {
    return "= " + FormatNumber(lo, 6);
  }
  return left + ", " + right;
}

}  // namespace internal

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

Status CheckNumbers(const std::vector<double>& values, const char* what, bool non_negative) {
  for (size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      return InvalidArgumentError(std::string(what) + "[" + std::to_string(i) + "] is not finite");
    }
    if (non_negative && values[i] < 0) {
      return InvalidArgumentError(std::string(what) + "[" + std::to_string(i) +
                                  "] is negative: " + FormatNumber(values[i], 6));
    }
  }
  return Status::OK();
}

Status CheckQuantiles(const std::vector<std::pair<double, double>>& q) {
  for (size_t i = 0; i < q.size(); ++i) {
    const auto [p, v] = q[i];
    if (!std::isfinite(p) || !std::isfinite(v) || p < 0 || p > 1) {
      return InvalidArgumentError("quantiles[" + std::to_string(i) +
                                  "] needs p in [0, 1] and a finite value");
    }
    if (i > 0 && (p <= q[i - 1].first || v < q[i - 1].second)) {
      return InvalidArgumentError("quantiles[" + std::to_string(i) +
                                  "] is not after the one before (p and values must ascend)");
    }
  }
  return Status::OK();
}

}  // namespace

Status ValidateDistribution(const model::Distribution& d) {
  if (!d.categories.empty() && (!d.edges.empty() || !d.quantiles.empty())) {
    return InvalidArgumentError("mixed kinds: categories together with edges or quantiles");
  }
  LINEA_RETURN_IF_ERROR(CheckNumbers(d.counts, "counts", true));
  LINEA_RETURN_IF_ERROR(CheckNumbers(d.edges, "edges", false));
  if (!std::isfinite(d.missing) || d.missing < 0) {
    return InvalidArgumentError("missing must be a count ≥ 0, got " + FormatNumber(d.missing, 6));
  }
  LINEA_RETURN_IF_ERROR(CheckQuantiles(d.quantiles));
  if (!d.categories.empty()) {
    if (d.counts.size() != d.categories.size()) {
      return InvalidArgumentError("counts has " + std::to_string(d.counts.size()) +
                                  " entries but categories has " +
                                  std::to_string(d.categories.size()));
    }
    std::set<std::string> seen;
    for (const auto& c : d.categories) {
      if (!seen.insert(c).second) return InvalidArgumentError("category \"" + c + "\" repeats");
    }
    return Status::OK();
  }
  if (!d.edges.empty() && d.edges.size() != d.counts.size() + 1) {
    return InvalidArgumentError("counts has " + std::to_string(d.counts.size()) +
                                " entries but edges has " + std::to_string(d.edges.size()) +
                                " (needs one more edge than counts)");
  }
  if (d.edges.empty() && !d.counts.empty()) {
    return InvalidArgumentError("counts without edges or categories");
  }
  if (!d.edges.empty() && !d.quantiles.empty()) {
    return InvalidArgumentError("mixed forms: both bins (edges) and quantiles");
  }
  for (size_t i = 1; i < d.edges.size(); ++i) {
    if (d.edges[i] < d.edges[i - 1]) {
      return InvalidArgumentError("edges[" + std::to_string(i) + "] is below edges[" +
                                  std::to_string(i - 1) + "] (edges must ascend)");
    }
  }
  return Status::OK();
}

Result<std::vector<double>> DecileEdges(const model::Distribution& reference) {
  LINEA_RETURN_IF_ERROR(ValidateDistribution(reference));
  if (internal::IsCategorical(reference)) {
    return InvalidArgumentError("deciles of a categorical distribution");
  }
  if (!internal::HasValues(reference)) {
    return InvalidArgumentError("no non-missing values to take deciles from");
  }
  std::vector<double> q(11);
  const double total = internal::CountedValues(reference);
  for (int k = 0; k <= 10; ++k) {
    const double p = k / 10.0;
    if (!reference.quantiles.empty()) {
      q[k] = internal::QuantileAt(reference.quantiles, p);
      continue;
    }
    // The value below which a share p of the counts lies, uniform within a bin.
    const double target = p * total;
    double below = 0;
    for (size_t i = 0; i < reference.counts.size(); ++i) {
      const double c = reference.counts[i];
      if (c <= 0) continue;
      if (below + c >= target) {
        const double lo = reference.edges[i], hi = reference.edges[i + 1];
        q[k] = lo + std::clamp((target - below) / c, 0.0, 1.0) * (hi - lo);
        break;
      }
      below += c;
    }
  }
  // Cuts: the inner deciles, plus v⁺ after every point mass v (two equal deciles).
  std::vector<double> cuts(q.begin() + 1, q.begin() + 10);
  for (int k = 0; k < 10; ++k) {
    if (q[k] == q[k + 1]) cuts.push_back(std::nextafter(q[k], kInf));
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::vector<double> edges;
  edges.push_back(q[0] < cuts.front() ? q[0] : std::nextafter(cuts.front(), -kInf));
  edges.insert(edges.end(), cuts.begin(), cuts.end());
  edges.push_back(q[10] > cuts.back() ? q[10] : std::nextafter(cuts.back(), kInf));
  return edges;
}

Result<std::vector<double>> BinShares(const model::Distribution& d,
                                      const std::vector<double>& edges) {
  LINEA_RETURN_IF_ERROR(ValidateDistribution(d));
  if (internal::IsCategorical(d))
    return InvalidArgumentError("bin shares of a categorical distribution");
  if (edges.size() < 2) return InvalidArgumentError("bin shares need at least 2 edges");
  const size_t bins = edges.size() - 1;
  std::vector<double> shares(bins, 0.0);
  if (!internal::HasValues(d)) return shares;
  const double total = d.quantiles.empty() ? internal::CountedValues(d) : 1.0;
  double below = 0;  // the mass below the current bin's lower edge (−∞ for the first)
  for (size_t i = 0; i < bins; ++i) {
    const double upto = i + 1 == bins ? total : internal::MassBelow(d, edges[i + 1]);
    shares[i] = std::max(0.0, upto - below) / total;
    below = upto;
  }
  return shares;
}

}  // namespace linea::quality
