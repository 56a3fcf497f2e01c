// src/quality/check_kinds.h: what each kind of data-quality check accepts and how it is judged
// by default — the defaults table, validation of a check, and a check's effective parameters.
//
// Defaults (docs/quality.md; every one overridable by a check's params; "≥" thresholds are
// reached with the tolerance of Reaches() in statistics.h):
//
//   kind         reads                          params (default)
//   volume       row_count (or value)           warn 0.15, fail 0.30: |x − m| / m, m = median
//   distinct     distinct_count (or value)      warn 0.15, fail 0.30: as volume
//   null_rate    null_count / row_count (or     warn 0.05, fail 0.10: rate − median rate;
//                value)                         max (none): fail when rate > max, no history
//   freshness    lag_hours, or timestamp −      warn 24, fail 48 (hours); max_lag_hours (none):
//                max_event_time_ms; value;      the fail threshold when set;
//                partition_present              partition_present == 0 fails
//   schema       the result's columns           — (check.columns is the contract)
//   statistics   min max mean std p25 p50 p75   warn 2, fail 3 (σ from the history mean); k
//                                               (none): the fail σ when set; min, max (none):
//                                               fixed bounds on metrics "min" and "max"
//   drift        distribution (or value = PSI)  warn 0.10, fail 0.25
//   score_drift  distribution (or value = PSI)  warn 0.10, fail 0.25
//   assertion    the status the source reported —
//
// Every kind also accepts reference_periods (6): how many of the newest history results form
// the reference.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "model/quality.h"

namespace linea::quality {

// The most earlier results a check may judge against (param reference_periods).
inline constexpr int kMaxReferencePeriods = 1000;

struct ParamSpec {
  std::string key;
  std::optional<double> default_value;  // nullopt: off unless the check sets it
};

struct KindSpec {
  std::string kind;
  std::vector<ParamSpec> params;     // sorted by key; reference_periods included
  std::vector<std::string> metrics;  // the metric names the kind reads from a result
};

// The table above, one row per kind of model::kCheckKinds, in that order.
const std::vector<KindSpec>& CheckKindTable();

// The row of `kind`; nullptr for an unknown kind.
const KindSpec* FindKind(std::string_view kind);

// OK when `check` can be judged: its kind is known (else kInvalidArgument with the closest
// kinds as candidates and in the message); every param is accepted by the kind (the message
// names the key and lists the accepted ones) and finite; thresholds are ≥ 0 and warn < fail
// (an alias such as "k" or "max_lag_hours" counting as fail, and refused together with fail);
// reference_periods is a whole number ≥ 1; null_rate's max within [0, 1]; statistics' min ≤
// max; severity is "high" or "low"; columns are given exactly for "schema", each "name:type"
// with a name not repeated.
Status ValidateCheck(const model::QualityCheck& check);

// The value of `key` for `check`: its override, else its kind's default; nullopt when neither
// (a param that is off unless set, a key the kind does not accept, an unknown kind).
std::optional<double> FindParam(const model::QualityCheck& check, std::string_view key);

// FindParam(check, key), or NaN when it is nullopt. REQUIRES: the kind has a default for key.
double Param(const model::QualityCheck& check, std::string_view key);

// The fail threshold in effect: an alias (statistics "k", freshness "max_lag_hours") when set,
// else Param(check, "fail").
double FailThreshold(const model::QualityCheck& check);

// The check a result without a defined check is judged by: `kind` on `asset` with the kind's
// defaults, named after the kind, severity "high", provenance "default".
model::QualityCheck DefaultCheck(std::string_view asset, std::string_view kind);

}  // namespace linea::quality
