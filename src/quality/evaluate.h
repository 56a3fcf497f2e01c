// src/quality/evaluate.h: judging one data-quality result — the status linea gives a
// measurement, by its check's kind and thresholds (check_kinds.h), against the earlier
// results of the same series. Pure: no store, no clock.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/quality.h"

namespace linea::quality {

struct Verdict {
  std::string status;  // success | warn | fail | aborted
  // The observed value (deviation basis: rows, PSI, rate, lag, z).
  std::optional<double> value;
  // What it was compared with (median, mean, …); nullopt when none.
  std::optional<double> reference;
  std::string threshold;  // for people: "warn ≥ 0.10, fail ≥ 0.25"
  // E.g. "PSI 0.31 over 10 reference-decile bins against 6 periods (2026-05 … 2026-10)".
  std::string message;
};

// Judges `current` by `check` against `history` (earlier results of the same series, newest
// first; results with status "aborted" are skipped as reference, and of the rest the first
// reference_periods are used). Never throws; an input it cannot judge (e.g. a drift result
// with an invalid distribution, a volume result without a row count) gives status "aborted"
// with the reason. A current result with status "aborted" stays aborted. Where a kind needs a
// reference and the history has none, the status is "success" and the message says the
// reference is being built — never a made-up deviation.
//
// Per kind (check_kinds.h has the defaults):
//   volume, distinct  value = the count, reference = the history's median m;
//                     judged by |value − m| / m (m = 0: any non-zero count fails)
//   null_rate         value = the rate, reference = the median rate; judged by the increase
//                     over it, or, with param max, by value > max (no history needed); an
//                     all-null column whose reference was not all-null fails
//   freshness         value = the lag in hours; partition_present == 0 fails
//   schema            value = contract columns missing or retyped, reference = contract
//                     size; those fail, extra columns warn (names and types case-insensitive)
//   statistics        value = the worst z = |x − μ| / σ over the metrics with ≥ 3 history
//                     values, reference = that metric's μ; σ = 0 fails on any change beyond
//                     1e-9 relative; params min/max bound metrics "min"/"max" (fail)
//   drift, score_drift  value = PSI of the distribution against the merged history (Merge);
//                     without a distribution, a value is the PSI the source computed;
//                     quantiles with nulls are turned into bins by metric row_count
//                     (QuantilesToBins), else the result is aborted
//   assertion         the status the source reported, with its message
Verdict Evaluate(const model::QualityCheck& check, const model::QualityResult& current,
                 const std::vector<model::QualityResult>& history);
// The same, with the history held elsewhere (no copies).
Verdict EvaluateAgainst(const model::QualityCheck& check, const model::QualityResult& current,
                        std::span<const model::QualityResult* const> history);

}  // namespace linea::quality
