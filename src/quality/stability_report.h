// src/quality/stability_report.h: the monthly feature-stability report of one model — every
// feature with its source columns, the drift (PSI), null-rate and volume of those sources over
// the last periods, and their status — as data and as a self-contained HTML page with SVG
// charts (issue #18; `linea report stability`, GET /api/v1/quality/report/{model}).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "common/result.h"
#include "quality/quality_state.h"
#include "quality/svg_chart.h"

namespace linea::quality {

// One series (asset, check) over the report's periods.
struct SeriesTrend {
  std::string asset;
  std::string check;
  std::string kind;
  std::vector<ChartPoint> points;    // one per report period, oldest first (value nullopt: none)
  std::string status;                // of the report's period; "" when it has no result
  std::string message;               // the report period's result message
  std::optional<double> warn, fail;  // the thresholds drawn
};

struct FeatureStability {
  std::string fqn;
  std::vector<std::string> sources;  // the columns (or tables) it reads, sorted
  std::vector<SeriesTrend> trends;   // drift and null_rate of each source, volume of its table
  std::string status;                // the worst status of its trends in the report's period
};

struct StabilityReport {
  std::string model;
  std::string period;                      // "2026-11"
  std::vector<std::string> periods;        // the last `periods` months, oldest first
  std::vector<std::string> owners;         // the model's effective owners
  std::vector<FeatureStability> features;  // failing first, then warn, then by FQN
  size_t success = 0, warn = 0, fail = 0, unmeasured = 0;  // features by status
};

// Builds the report of `model` for the month `period` ("YYYY-MM") and the `periods` − 1
// months before it. A result belongs to the month of its `period` when that starts with
// "YYYY-MM", else to the month of its timestamp (UTC). Errors: kNotFound (unknown model, with
// candidates), kInvalidArgument (not a model; a period that is not YYYY-MM), the store's.
Result<StabilityReport> BuildStabilityReport(const catalog::Catalog& catalog,
                                             const QualityState& state, std::string_view model,
                                             std::string_view period, int periods = 12);

// The report as one HTML page (inline CSS and SVG; no script, no external resource).
std::string RenderStabilityHtml(const StabilityReport& report);

// The month before the one containing `unix_ms` (UTC), "YYYY-MM": the default report period.
std::string PreviousMonth(int64_t unix_ms);

}  // namespace linea::quality
