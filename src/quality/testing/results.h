// src/quality/testing/results.h: building QualityResults for quality/ tests.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/quality.h"

namespace linea::quality::testing {

// A result of `kind` for period `period` with `metrics`, status "success".
inline model::QualityResult MakeResult(std::string kind, std::string period,
                                       std::vector<std::pair<std::string, double>> metrics = {}) {
  model::QualityResult r;
  r.asset = "dwh.mart.users.age";
  r.check = kind;
  r.kind = std::move(kind);
  r.period = std::move(period);
  r.status = "success";
  r.metrics = std::move(metrics);
  return r;
}

// History results, newest first, of one metric: values[0] is period "2026-0<n>", the last
// "2026-01" (at most 9 values).
inline std::vector<model::QualityResult> History(const std::string& kind, const std::string& metric,
                                                 const std::vector<double>& values) {
  std::vector<model::QualityResult> out;
  for (size_t i = 0; i < values.size(); ++i) {
    out.push_back(
        MakeResult(kind, "2026-0" + std::to_string(values.size() - i), {{metric, values[i]}}));
  }
  return out;
}

}  // namespace linea::quality::testing
