// src/quality/internal/evaluate.h: the per-kind judges behind Evaluate (evaluate.h) and what
// they share. Not for other modules.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/quality.h"
#include "quality/evaluate.h"

namespace linea::quality::internal {

// What every judge gets: the check, the result, and the usable history (non-aborted, newest
// first, at most reference_periods).
struct Judging {
  const model::QualityCheck& check;
  const model::QualityResult& current;
  std::vector<const model::QualityResult*> reference;
};

std::optional<double> Metric(const model::QualityResult& result, std::string_view name);

// "fail" when x reaches fail, "warn" when it reaches warn, else "success" (Reaches()).
std::string Grade(double x, double warn, double fail);

// "warn ≥ <warn>, fail ≥ <fail>" with ratio formatting (FormatFixed) and a unit suffix.
std::string RatioThreshold(double warn, double fail);

// " of 3 periods (2026-01 … 2026-03)": the count and the oldest … newest period, if named
// (one when they are the same).
std::string PeriodsText(const std::vector<const model::QualityResult*>& reference);

// The "success" verdict of a kind with no reference yet.
Verdict Building(const Judging& j, std::string threshold);

Verdict Aborted(std::string reason);

Verdict JudgeCount(const Judging& j, std::string_view metric);  // volume, distinct
Verdict JudgeNullRate(const Judging& j);
Verdict JudgeFreshness(const Judging& j);
Verdict JudgeSchema(const Judging& j);
Verdict JudgeStatistics(const Judging& j);
Verdict JudgeDrift(const Judging& j);

}  // namespace linea::quality::internal
