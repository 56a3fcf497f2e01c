// src/qualityrun/queries.h: the SQL the runner sends (docs/quality-runner.md lists it). One
// aggregate pass per table, then one grouped query per drift column. The SQL keeps to what
// PostgreSQL, MySQL/MariaDB, SQLite, Hive and Spark share — count, count(DISTINCT), min, max,
// avg, CAST, CASE, GROUP BY, ORDER BY an output alias, LIMIT, a derived table with an alias —
// and branches on the dialect only where they differ: identifier quotes (the source's Quote),
// the double type (DOUBLE PRECISION on PostgreSQL, DOUBLE elsewhere) and rounding down to a
// bin (FLOOR on PostgreSQL and MySQL, whose integer CAST rounds; CAST(… AS INT) on SQLite,
// which may lack FLOOR, and Hive/Spark, where it truncates).
//
// Identifiers come from a validated config (IsPlainIdentifier) and are quoted; the `where`
// filter is the config author's SQL, inserted as written with {period} replaced.
#pragma once

#include <string>
#include <vector>

#include "qualityrun/config.h"
#include "qualityrun/row_source.h"

namespace linea::qualityrun {

inline constexpr int kNumericBins = 20;    // equal-width bins between the period's min and max
inline constexpr int kTopCategories = 50;  // the rest is summed as "(other)"
inline constexpr int kSampleRows = 100;    // rows read to tell numeric from text columns

// The table's quoted name ("public"."trips").
std::string TableRef(const RowSource& source, const TableConfig& table);

// `table.where` with every {period} replaced by `period`; "" without a where.
std::string FilterOf(const TableConfig& table, const std::string& period);

// SELECT of `columns` (quoted names) from the table, `filter` applied, at most kSampleRows rows.
std::string SampleSql(const RowSource& source, const TableConfig& table, const std::string& filter,
                      const std::vector<std::string>& columns);

// What the aggregate pass computes for one column, in this order, each present when asked.
struct AggregateColumn {
  std::string name;
  bool distinct = false;  // count(DISTINCT c)
  bool numeric = false;   // min(c), max(c), avg(d), avg(d·d) with d = CAST(c AS DOUBLE)
};

// The one aggregate pass: count(*), then per column count(c) and what AggregateColumn asks.
std::string AggregateSql(const RowSource& source, const TableConfig& table,
                         const std::string& filter, const std::vector<AggregateColumn>& columns);

// Bin index (0 … kNumericBins − 1) and count of the non-null values of `column`, bins of equal
// width between `lo` and `hi` (lo < hi; values at or beyond an end in the end bin).
std::string NumericBinsSql(const RowSource& source, const TableConfig& table,
                           const std::string& filter, const std::string& column, double lo,
                           double hi);

// The kTopCategories most frequent non-null values of `column` and their counts, most
// frequent first (ties by value).
std::string CategoryCountsSql(const RowSource& source, const TableConfig& table,
                              const std::string& filter, const std::string& column);

}  // namespace linea::qualityrun
