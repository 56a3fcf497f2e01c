#include "quality/statistics.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace linea::quality {

std::optional<double> Median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  const size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + mid, values.end());
  const double upper = values[mid];
  if (values.size() % 2 == 1) return upper;
  const double lower = *std::max_element(values.begin(), values.begin() + mid);
  return lower + (upper - lower) / 2;
}

std::optional<double> Mean(const std::vector<double>& values) {
  if (values.empty()) return std::nullopt;
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

std::optional<double> SampleStdDev(const std::vector<double>& values) {
  if (values.size() < 2) return std::nullopt;
  const double mean = *Mean(values);
  double squares = 0;
  for (double v : values) squares += (v - mean) * (v - mean);
  return std::sqrt(squares / static_cast<double>(values.size() - 1));
}

Result<double> NullRate(int64_t null_count, int64_t row_count) {
  if (row_count < 0)
    return InvalidArgumentError("row_count is negative: " + std::to_string(row_count));
  if (null_count < 0) {
    return InvalidArgumentError("null_count is negative: " + std::to_string(null_count));
  }
  if (null_count > row_count) {
    return InvalidArgumentError("null_count " + std::to_string(null_count) + " exceeds row_count " +
                                std::to_string(row_count));
  }
  if (row_count == 0) return 0.0;
  return static_cast<double>(null_count) / static_cast<double>(row_count);
}

bool Reaches(double x, double threshold) {
  return x >= threshold - 1e-9 * std::max(1.0, std::abs(threshold));
}

}  // namespace linea::quality
