// src/generate/quality_history.h: deterministic data-quality measurements for a generated mesh
// — what a profiler would have reported for every column that feeds a model, month by month —
// with one column drifting in the last month (docs/generate.md, docs/quality.md).
//
// Like GenerateMesh() it only builds values; the caller records them through the quality
// service (which judges them) and so through the catalog's write path.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/delta.h"
#include "model/quality.h"

namespace linea::generate {

struct QualityHistoryOptions {
  // The months measured, oldest first ("2025-12" … "2026-11"); each is measured on the first
  // day of the next month at 06:00 UTC.
  std::vector<std::string> periods;
  // The column whose distribution shifts by `drift_sigma` standard deviations in the last
  // period; "" = the mart column that feeds the most models (ties: the smallest FQN).
  std::string drifted_column;
  double drift_sigma = 1.0;
  int64_t rows = 100000;  // rows per table and period (±2 %)
  uint64_t seed = 42;
};

struct QualityHistory {
  std::vector<model::QualityResult> results;  // oldest period first
  std::string drifted_column;
  size_t columns = 0, tables = 0;
};

// For every column that feeds a feature in `mesh` (an edge column → feature): per period a
// "drift" result (counts in 24 bins over its own μ ± 4σ, nulls as missing) and a "null_rate"
// result (metrics null_count, row_count); for each of their tables a "volume" result (metric
// row_count). Results carry no status: the quality service judges them. The months must be
// "YYYY-MM" (others are skipped).
QualityHistory GenerateQualityHistory(const model::Delta& mesh,
                                      const QualityHistoryOptions& options);

}  // namespace linea::generate
