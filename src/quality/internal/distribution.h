// src/quality/internal/distribution.h: what psi.cc and distribution.cc share about a
// model::Distribution's numeric forms. Not for other modules.
#pragma once

#include <string>
#include <vector>

#include "model/quality.h"

namespace linea::quality::internal {

inline bool IsCategorical(const model::Distribution& d) { return !d.categories.empty(); }
inline bool IsNumeric(const model::Distribution& d) {
  return !d.edges.empty() || !d.quantiles.empty();
}

// The number of non-missing values counted in d's bins or categories (0 for quantiles).
double CountedValues(const model::Distribution& d);

// True when d holds non-missing values: a positive count, or any quantile.
bool HasValues(const model::Distribution& d);

// The non-missing mass of the numeric `d` strictly below x: in counts for bins (uniform within
// a bin; a zero-width bin is a point mass), as a share in [0, 1] for quantiles (the
// interpolated CDF's left limit; the mass below the first given p sits at the first value,
// above the last p at the last value). REQUIRES: ValidateDistribution(d) is OK.
double MassBelow(const model::Distribution& d, double x);

// The value at probability p of d's quantiles, interpolated linearly in p and clamped to the
// first/last given p. REQUIRES: !d.quantiles.empty().
double QuantileAt(const std::vector<std::pair<double, double>>& quantiles, double p);

// "(-inf, 1.5)", "[1.5, 2)", "= 3" (a point-mass bin [v, nextafter(v))), "[9, +inf)".
std::string BinLabel(const std::vector<double>& edges, size_t bin);

}  // namespace linea::quality::internal
