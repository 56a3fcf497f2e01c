// src/ingest/openlineage/quality_facets.h: the dataQualityMetrics and dataQualityAssertions
// facets of a dataset as data-quality results (model/quality.h; docs/quality.md) — what a
// profiler (Great Expectations, dbt tests, Spark) measured, recorded on the dataset and the
// columns it names.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/quality.h"

namespace linea::openlineage {

// From `quality_json` ({"dataQualityMetrics": …, "dataQualityAssertions": …}, as the decoder
// keeps it) of the dataset `fqn`, measured at `event_time_ms` by `job`:
//   rowCount (and bytes)          → "volume" on the dataset (metrics row_count, bytes)
//   columnMetrics.<c>.nullCount   → "null_rate" on <fqn>.<c> (null_count, row_count)
//   columnMetrics.<c>.distinctCount → "distinct" on <fqn>.<c> (distinct_count)
//   columnMetrics.<c>.min/max/sum/count/quantiles → "statistics" on <fqn>.<c> (min, max,
//                                   mean = sum / count, p25, p50, p75 from the quantiles)
//   columnMetrics.<c>.quantiles (≥ 3) → "drift" on <fqn>.<c> (the quantiles; with the
//                                   rowCount, nulls as missing and the metric row_count)
//   assertions[i]                 → "assertion" named after it on the dataset or its column,
//                                   status success or fail as reported
// Results carry no status except assertions (the quality service judges them), source
// "openlineage" and provenance "openlineage:<job>". Malformed parts are skipped: the facets
// were accepted with the event already.
std::vector<model::QualityResult> QualityResultsOf(const std::string& fqn,
                                                   const std::string& quality_json,
                                                   int64_t event_time_ms, const std::string& job);

}  // namespace linea::openlineage
