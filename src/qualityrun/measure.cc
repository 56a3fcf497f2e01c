#include "qualityrun/measure.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <map>
#include <memory>
#include <optional>

#include "common/status_macros.h"
#include "model/fqn.h"
#include "qualityrun/queries.h"

namespace linea::qualityrun {
namespace {

// One result the table will have: its column (-1: the table's volume) and measure.
struct Planned {
  int column = -1;
  std::string measure;
};

// What the aggregate pass found for one column.
struct ColumnStats {
  double non_null = 0, distinct = 0;
  std::optional<double> min, max, mean, mean_of_squares;
};

std::vector<Planned> Plan(const TableConfig& table) {
  std::vector<Planned> out;
  if (table.volume) out.push_back({-1, "volume"});
  for (size_t i = 0; i < table.columns.size(); ++i) {
    for (const std::string& m : table.columns[i].measure) out.push_back({static_cast<int>(i), m});
  }
  return out;
}

std::optional<double> Number(const sourcedb::Row& row, size_t column) {
  if (column >= row.size() || row.IsNull(column)) return std::nullopt;
  const std::string_view text = row.Text(column);
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

void Abort(model::QualityResult& r, const std::string& reason) {
  r.status = "aborted";
  r.message = reason;
  r.metrics.clear();
  r.distribution = {};
}

void AbortAll(TableRun& run, const std::string& reason) {
  run.error = reason;
  for (model::QualityResult& r : run.results) Abort(r, reason);
}

// Numeric or text for every column: the config's type, else what a sample of rows shows (a
// column whose sampled values all parse as numbers is numeric; no values: text).
Result<std::vector<ColumnType>> ColumnTypes(RowSource& source, const TableConfig& table,
                                            const std::string& filter) {
  std::vector<ColumnType> types;
  std::vector<std::string> unknown;
  for (const ColumnConfig& c : table.columns) {
    types.push_back(c.type);
    if (c.type == ColumnType::kUnknown) unknown.push_back(c.name);
  }
  if (unknown.empty()) return types;
  std::vector<int> seen(unknown.size(), 0), numbers(unknown.size(), 0);
  LINEA_RETURN_IF_ERROR(
      source.Query(SampleSql(source, table, filter, unknown), [&](const sourcedb::Row& row) {
        for (size_t i = 0; i < unknown.size(); ++i) {
          if (i >= row.size() || row.IsNull(i)) continue;
          ++seen[i];
          if (Number(row, i)) ++numbers[i];
        }
        return Status::OK();
      }));
  size_t k = 0;
  for (ColumnType& t : types) {
    if (t != ColumnType::kUnknown) continue;
    t = seen[k] > 0 && numbers[k] == seen[k] ? ColumnType::kNumeric : ColumnType::kText;
    ++k;
  }
  return types;
}

Result<std::vector<ColumnStats>> Aggregate(RowSource& source, const TableConfig& table,
                                           const std::string& filter,
                                           const std::vector<ColumnType>& types, int64_t* rows) {
  std::vector<AggregateColumn> asked;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const ColumnConfig& c = table.columns[i];
    asked.push_back({c.name,
                     std::find(c.measure.begin(), c.measure.end(), "distinct") != c.measure.end(),
                     types[i] == ColumnType::kNumeric});
  }
  std::vector<ColumnStats> stats(asked.size());
  bool got_row = false;
  LINEA_RETURN_IF_ERROR(
      source.Query(AggregateSql(source, table, filter, asked), [&](const sourcedb::Row& row) {
        got_row = true;
        size_t at = 0;
        *rows = static_cast<int64_t>(Number(row, at++).value_or(0));
        for (size_t i = 0; i < asked.size(); ++i) {
          stats[i].non_null = Number(row, at++).value_or(0);
          if (asked[i].distinct) stats[i].distinct = Number(row, at++).value_or(0);
          if (!asked[i].numeric) continue;
          stats[i].min = Number(row, at++);
          stats[i].max = Number(row, at++);
          stats[i].mean = Number(row, at++);
          stats[i].mean_of_squares = Number(row, at++);
        }
        return Status::OK();
      }));
  if (!got_row) return FailedPreconditionError("the aggregate query returned no row");
  return stats;
}

Result<model::Distribution> NumericDrift(RowSource& source, const TableConfig& table,
                                         const std::string& filter, const std::string& column,
                                         const ColumnStats& s) {
  model::Distribution d;
  const double lo = *s.min, hi = *s.max;
  if (!(lo < hi)) {  // a single value: one bin of zero width (a point mass)
    d.edges = {lo, hi};
    d.counts = {s.non_null};
    return d;
  }
  for (int i = 0; i <= kNumericBins; ++i) {
    d.edges.push_back(i == kNumericBins ? hi : lo + (hi - lo) * i / kNumericBins);
  }
  d.counts.assign(kNumericBins, 0);
  LINEA_RETURN_IF_ERROR(source.Query(
      NumericBinsSql(source, table, filter, column, lo, hi), [&](const sourcedb::Row& row) {
        const double bin = std::clamp<double>(Number(row, 0).value_or(0), 0, kNumericBins - 1);
        d.counts[static_cast<size_t>(bin)] += Number(row, 1).value_or(0);
        return Status::OK();
      }));
  return d;
}

Result<model::Distribution> TextDrift(RowSource& source, const TableConfig& table,
                                      const std::string& filter, const std::string& column,
                                      const ColumnStats& s) {
  model::Distribution d;
  double counted = 0;
  LINEA_RETURN_IF_ERROR(
      source.Query(CategoryCountsSql(source, table, filter, column), [&](const sourcedb::Row& row) {
        const double n = Number(row, 1).value_or(0);
        d.categories.emplace_back(row.Text(0));
        d.counts.push_back(n);
        counted += n;
        return Status::OK();
      }));
  if (s.non_null > counted) {
    d.categories.push_back("(other)");
    d.counts.push_back(s.non_null - counted);
  }
  return d;
}

// Fills `r` (a column's `measure`) from the aggregate pass and, for drift, its own query.
void FillColumn(RowSource& source, const TableConfig& table, const std::string& filter,
                const ColumnConfig& column, ColumnType type, const ColumnStats& s, int64_t rows,
                const std::string& measure, model::QualityResult& r) {
  const double nulls = static_cast<double>(rows) - s.non_null;
  if (measure == "null_rate") {
    r.metrics = {{"row_count", static_cast<double>(rows)}, {"null_count", nulls}};
    return;
  }
  if (measure == "distinct") {
    r.metrics = {{"distinct_count", s.distinct}};
    return;
  }
  if (measure == "statistics" && type != ColumnType::kNumeric) {
    return Abort(r, "statistics need a numeric column; " + column.name + " holds text");
  }
  if (s.non_null == 0) return Abort(r, "no non-null values in " + column.name);
  if (measure == "statistics") {
    const double mean = s.mean.value_or(0);
    const double variance = std::max(0.0, s.mean_of_squares.value_or(0) - mean * mean);
    r.metrics = {{"min", s.min.value_or(0)},
                 {"max", s.max.value_or(0)},
                 {"mean", mean},
                 {"std", std::sqrt(variance)}};
    return;
  }
  Result<model::Distribution> d = type == ColumnType::kNumeric
                                      ? NumericDrift(source, table, filter, column.name, s)
                                      : TextDrift(source, table, filter, column.name, s);
  if (!d.ok()) return Abort(r, d.status().message());
  r.distribution = std::move(*d);
  r.distribution.missing = nulls;
}

}  // namespace

Status ValidatePeriod(const std::string& period) {
  const bool ok = !period.empty() && period.size() <= 64 &&
                  std::all_of(period.begin(), period.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') ||
                           std::string_view("_.:=/ +-").find(c) != std::string_view::npos;
                  });
  if (ok) return Status::OK();
  return InvalidArgumentError("bad period \"" + period +
                              "\": 1 to 64 letters, digits and _ . : = / + - or spaces");
}

TableRun AbortedTable(const TableConfig& table, const std::string& reason,
                      const RunOptions& options) {
  TableRun run;
  run.source = table.source;
  run.table = table.table;
  run.asset = table.asset;
  const int64_t now = options.now_ms ? options.now_ms()
                                     : std::chrono::duration_cast<std::chrono::milliseconds>(
                                           std::chrono::system_clock::now().time_since_epoch())
                                           .count();
  for (const Planned& p : Plan(table)) {
    model::QualityResult r;
    r.asset =
        p.column < 0 ? table.asset : model::JoinFqn(table.asset, table.columns[p.column].name);
    r.check = r.kind = p.measure;
    r.timestamp_ms = now;
    r.period = options.period;
    r.source = "runner";
    run.results.push_back(std::move(r));
  }
  if (!reason.empty()) AbortAll(run, reason);
  return run;
}

TableRun MeasureTable(RowSource& source, const TableConfig& table, const RunOptions& options) {
  TableRun run = AbortedTable(table, "", options);
  const std::string filter = FilterOf(table, options.period);
  Result<std::vector<ColumnType>> types = ColumnTypes(source, table, filter);
  if (!types.ok()) {
    AbortAll(run, types.status().message());
    return run;
  }
  Result<std::vector<ColumnStats>> stats = Aggregate(source, table, filter, *types, &run.rows);
  if (!stats.ok()) {
    AbortAll(run, stats.status().message());
    return run;
  }
  if (run.rows == 0 && !filter.empty()) {
    AbortAll(run, "no rows for period " + options.period + " (where " + filter + ")");
    return run;
  }
  const std::vector<Planned> plan = Plan(table);
  for (size_t i = 0; i < plan.size(); ++i) {
    model::QualityResult& r = run.results[i];
    if (plan[i].column < 0) {
      r.metrics = {{"row_count", static_cast<double>(run.rows)}};
      continue;
    }
    const size_t c = static_cast<size_t>(plan[i].column);
    FillColumn(source, table, filter, table.columns[c], (*types)[c], (*stats)[c], run.rows,
               plan[i].measure, r);
    if (r.status == "aborted" && run.error.empty()) run.error = r.asset + ": " + r.message;
  }
  return run;
}

std::vector<TableRun> MeasureAll(const RunnerConfig& config, const RunOptions& options,
                                 const std::function<void(const TableRun&)>& on_table) {
  std::map<std::string, Result<std::unique_ptr<RowSource>>> open;
  std::vector<TableRun> runs;
  for (const TableConfig& table : config.tables) {
    auto it = open.find(table.source);
    if (it == open.end()) {
      const auto source =
          std::find_if(config.sources.begin(), config.sources.end(),
                       [&](const SourceConfig& s) { return s.name == table.source; });
      it = open.emplace(table.source, OpenSource(*source)).first;
    }
    runs.push_back(it->second.ok() ? MeasureTable(**it->second, table, options)
                                   : AbortedTable(table, it->second.status().message(), options));
    if (on_table) on_table(runs.back());
  }
  return runs;
}

}  // namespace linea::qualityrun
