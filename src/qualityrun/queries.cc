#include "qualityrun/queries.h"

#include <cstdio>

#include "common/strings.h"

namespace linea::qualityrun {
namespace {

std::string Where(const std::string& filter, const std::string& also = "") {
  if (filter.empty()) return also.empty() ? "" : " WHERE " + also;
  return " WHERE (" + filter + ")" + (also.empty() ? "" : " AND " + also);
}

std::string AsDouble(const RowSource& source, const std::string& expr) {
  const char* type = source.dialect() == Dialect::kPostgres ? "DOUBLE PRECISION" : "DOUBLE";
  return "CAST(" + expr + " AS " + type + ")";
}

std::string RoundDown(const RowSource& source, const std::string& expr) {
  switch (source.dialect()) {
    case Dialect::kPostgres:
    case Dialect::kMysql:
      return "FLOOR(" + expr + ")";
    case Dialect::kSqlite:
    case Dialect::kHive:
      return "CAST(" + expr + " AS INT)";
  }
  return expr;
}

// `v` exactly, as an SQL literal.
std::string Literal(double v) {
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", v);
  return text;
}

}  // namespace

std::string TableRef(const RowSource& source, const TableConfig& table) {
  std::string out;
  for (const std::string& part : Split(table.table, '.')) {
    out += (out.empty() ? "" : ".") + source.Quote(part);
  }
  return out;
}

std::string FilterOf(const TableConfig& table, const std::string& period) {
  std::string out = table.where;
  for (size_t at = out.find("{period}"); at != std::string::npos;
       at = out.find("{period}", at + period.size())) {
    out.replace(at, 8, period);
  }
  return out;
}

std::string SampleSql(const RowSource& source, const TableConfig& table, const std::string& filter,
                      const std::vector<std::string>& columns) {
  std::string select;
  for (const std::string& c : columns) select += (select.empty() ? "" : ", ") + source.Quote(c);
  return "SELECT " + select + " FROM " + TableRef(source, table) + Where(filter) + " LIMIT " +
         std::to_string(kSampleRows);
}

std::string AggregateSql(const RowSource& source, const TableConfig& table,
                         const std::string& filter, const std::vector<AggregateColumn>& columns) {
  std::string select = "count(*)";
  for (const AggregateColumn& column : columns) {
    const std::string c = source.Quote(column.name);
    select += ", count(" + c + ")";
    if (column.distinct) select += ", count(DISTINCT " + c + ")";
    if (column.numeric) {
      const std::string d = AsDouble(source, c);
      select += ", min(" + d + "), max(" + d + "), avg(" + d + "), avg(" + d + " * " + d + ")";
    }
  }
  return "SELECT " + select + " FROM " + TableRef(source, table) + Where(filter);
}

std::string NumericBinsSql(const RowSource& source, const TableConfig& table,
                           const std::string& filter, const std::string& column, double lo,
                           double hi) {
  const std::string c = source.Quote(column);
  const std::string d = AsDouble(source, c);
  const std::string bin =
      "CASE WHEN " + d + " <= " + Literal(lo) + " THEN 0 WHEN " + d + " >= " + Literal(hi) +
      " THEN " + std::to_string(kNumericBins - 1) + " ELSE " +
      RoundDown(source, "(" + d + " - " + Literal(lo) + ") * " + std::to_string(kNumericBins) +
                            " / " + Literal(hi - lo)) +
      " END";
  return "SELECT b, count(*) AS n FROM (SELECT " + bin + " AS b FROM " + TableRef(source, table) +
         Where(filter, c + " IS NOT NULL") + ") q GROUP BY b";
}

std::string CategoryCountsSql(const RowSource& source, const TableConfig& table,
                              const std::string& filter, const std::string& column) {
  const std::string c = source.Quote(column);
  return "SELECT " + c + " AS v, count(*) AS n FROM " + TableRef(source, table) +
         Where(filter, c + " IS NOT NULL") + " GROUP BY " + c + " ORDER BY n DESC, v LIMIT " +
         std::to_string(kTopCategories);
}

}  // namespace linea::qualityrun
