// src/model/quality.h: data-quality checks and their results — measurements of the data hung on
// the lineage graph (issue #18, docs/quality.md).
//
// A check watches one asset (a table, a column or a feature) with one kind of measurement and
// thresholds; it is defined as code (a manifest's `checks:`, a quality.yaml) and stored with its
// provenance. A result is one measurement of one series — (asset, check name) — at one time and
// period, with the status linea computed (or the source reported). Results are a time series per
// series; the reference a result is judged against is taken from earlier results of the same
// series.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace linea::model {

// The kinds of check, by their names in manifests, results and the API:
//   "freshness"    max lag of the newest partition/event time, in hours
//   "volume"       row count against the reference median (relative deviation)
//   "schema"       column set and types against a contract
//   "null_rate"    share of nulls in a column
//   "distinct"     distinct count against the reference median (relative deviation)
//   "statistics"   min/max/mean/std/quantiles within reference ± k·σ or fixed bounds
//   "drift"        population stability index (PSI) over reference-decile bins
//   "score_drift"  PSI of a model's score distribution
//   "assertion"    pass/fail reported by the source (dbt test, Great Expectations, …)
inline constexpr const char* kCheckKinds[] = {"freshness",  "volume", "schema",
                                              "null_rate",  "distinct", "statistics",
                                              "drift",      "score_drift", "assertion"};

// Result statuses. "aborted": the check could not run (partition missing, query error) — never
// reported as a success.
inline constexpr const char* kQualityStatuses[] = {"success", "warn", "fail", "aborted"};

struct QualityCheck {
  std::string asset;  // FQN of the watched table, column or feature (canonical)
  std::string name;   // unique per asset; defaults to the kind
  std::string kind;   // one of kCheckKinds
  // Overrides of the kind's defaults (docs/quality.md), e.g. "warn", "fail", "k", "min", "max",
  // "reference_periods", "max_lag_hours". Unknown keys are refused on write.
  std::map<std::string, double> params;
  // "schema": the contract, one "name:type" per column; empty for other kinds.
  std::vector<std::string> columns;
  std::string severity = "high";  // "high" (a fail opens a high incident) or "low"
  std::string provenance;         // who defined it: "manifest:<model>", "quality:<source>", …
  std::string description;

  bool operator==(const QualityCheck&) const = default;
};

// A measured distribution, the input of PSI. Numeric: `counts[i]` values fell in
// [edges[i], edges[i+1]) (edges.size() == counts.size() + 1; values below the first edge count
// in the first bin, above the last in the last). Categorical: `counts[i]` values equal
// `categories[i]`. Or, instead of bins, `quantiles`: (p, value) pairs with p in [0, 1]
// ascending, as profilers report them. `missing` counts nulls in every form.
struct Distribution {
  std::vector<double> edges;
  std::vector<std::string> categories;
  std::vector<double> counts;
  std::vector<std::pair<double, double>> quantiles;
  double missing = 0;

  bool empty() const { return counts.empty() && quantiles.empty(); }
  bool operator==(const Distribution&) const = default;
};

struct QualityResult {
  std::string asset;  // FQN the measurement is about (canonical)
  std::string check;  // the series' check name (a defined check's name, else the kind)
  std::string kind;   // one of kCheckKinds
  int64_t timestamp_ms = 0;  // when it was measured, unix milliseconds
  std::string period;        // the partition or period measured ("2026-11", "dt=2026-11-30"); ""
  std::string status;        // one of kQualityStatuses
  std::optional<double> value;      // the observed value (PSI, null rate, rows, lag hours, …)
  std::optional<double> reference;  // what it was compared with (reference median, mean, …)
  std::string threshold;  // the rule applied, for people: "warn ≥ 0.10, fail ≥ 0.25"
  std::string message;    // the result text (the source's, or linea's explanation)
  // Raw measurements as name/value pairs: "row_count", "null_count", "distinct_count", "min",
  // "max", "mean", "std", … (what a later result's reference is computed from).
  std::vector<std::pair<std::string, double>> metrics;
  Distribution distribution;  // for drift; empty otherwise
  std::vector<std::string> columns;  // for schema: the observed columns as "name:type"
  std::string source;  // "api", "openlineage", "runner", "generate"
  std::string provenance;  // the writer's provenance, e.g. "openlineage:ns/job"

  bool operator==(const QualityResult&) const = default;
};

// The quality part of a catalog write (quality/): applied inside the write's store
// transaction, after its lineage delta.
struct QualityDelta {
  // Each check replaces the stored one with the same (asset, name).
  std::vector<QualityCheck> upsert_checks;
  // (asset, name) of checks to delete; their results stay (history).
  std::vector<std::pair<std::string, std::string>> delete_checks;
  // Appended; a result with the same (asset, check, timestamp_ms, period) replaces the stored
  // one (a re-sent measurement is not counted twice).
  std::vector<QualityResult> append_results;

  bool empty() const {
    return upsert_checks.empty() && delete_checks.empty() && append_results.empty();
  }
};

}  // namespace linea::model
