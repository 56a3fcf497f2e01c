// src/quality/statistics.h: the plain statistics data-quality checks are judged with — medians,
// means and standard deviations of a check's history, null rates. Pure functions, no state.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "common/result.h"

namespace linea::quality {

// The median of `values` (the mean of the two middle values for an even count); nullopt when
// `values` is empty. NaNs are not expected (REQUIRES: every value is a number).
std::optional<double> Median(std::vector<double> values);

// The arithmetic mean; nullopt when `values` is empty.
std::optional<double> Mean(const std::vector<double>& values);

// The sample standard deviation (divisor n − 1); nullopt for fewer than 2 values.
std::optional<double> SampleStdDev(const std::vector<double>& values);

// The share of nulls, null_count / row_count. A table with no rows has no nulls: 0 when
// row_count == 0 and null_count == 0. kInvalidArgument for a negative count or
// null_count > row_count.
Result<double> NullRate(int64_t null_count, int64_t row_count);

// True when `x` reaches `threshold`, forgiving the last bits of floating-point error
// (x ≥ threshold − 1e-9·max(1, |threshold|)): 0.30 − 0.25 reaches 0.05.
bool Reaches(double x, double threshold);

}  // namespace linea::quality
