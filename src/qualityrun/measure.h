// src/qualityrun/measure.h: measuring the tables of a runner config — the counts, summary
// statistics and distributions of its columns as data-quality results (model/quality.h) for
// POST /api/v1/quality/results. The runner only measures; linea judges the results.
//
// Per table: a volume result on the table (metric row_count), and per column and measure a
// result on the column (asset.column), its check named after its kind:
//   null_rate   metrics row_count, null_count
//   distinct    metrics distinct_count
//   statistics  metrics min, max, mean, std (population; numeric columns only)
//   drift       distribution: numeric → counts in kNumericBins equal-width bins between the
//               period's min and max (edges sent); text → counts of the kTopCategories most
//               frequent values, the rest as "(other)"; nulls as missing
// Nothing is ever reported as a success it was not: a source that cannot be reached, a query
// the engine refuses, or no rows for a period (with a `where`) give results with status
// "aborted" and the reason as message.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model/quality.h"
#include "qualityrun/config.h"
#include "qualityrun/row_source.h"

namespace linea::qualityrun {

struct RunOptions {
  std::string period;               // replaces {period} in `where`; the results' period
  std::function<int64_t()> now_ms;  // the results' timestamp; default: the system clock
};

// The period as a safe SQL literal's content: 1–64 of [A-Za-z0-9_.:=/ +-]. kInvalidArgument
// naming the period otherwise.
Status ValidatePeriod(const std::string& period);

struct TableRun {
  std::string source, table, asset;
  int64_t rows = -1;  // rows measured; -1 when the aggregate pass did not run
  std::string error;  // why the table (or a part of it) could not be measured; "" = all of it
  std::vector<model::QualityResult> results;
};

// Measures `table` over `source`.
TableRun MeasureTable(RowSource& source, const TableConfig& table, const RunOptions& options);

// The results `table` would have, all aborted with `reason` (its source could not be opened).
TableRun AbortedTable(const TableConfig& table, const std::string& reason,
                      const RunOptions& options);

// Every table of `config`, in order, each source opened once (a source that cannot be opened
// aborts its tables; the others still run). `on_table` hears of each table as it is done.
std::vector<TableRun> MeasureAll(const RunnerConfig& config, const RunOptions& options,
                                 const std::function<void(const TableRun&)>& on_table = {});

}  // namespace linea::qualityrun
