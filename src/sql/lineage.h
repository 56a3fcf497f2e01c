// src/sql/lineage.h: column-level lineage of SQL scripts (HiveQL, Spark SQL, PostgreSQL), as
// docs/api.md "SQL lineage" defines it. No I/O: table schemas come through SchemaLookup.
//
//   sql::AnalyzeOptions options;
//   options.dialect = sql::Dialect::kHive;
//   std::vector<sql::StatementLineage> out = sql::AnalyzeScript(script, options);
//
// Thread-safe: AnalyzeScript keeps no state between calls (except in `options.session`, which
// must not be shared by concurrent calls).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace linea::sql {

enum class Dialect { kHive, kSpark, kPostgres };
// "hive", "spark", "postgres" (also "postgresql", "greenplum"); nullopt otherwise.
std::optional<Dialect> ParseDialect(std::string_view name);
std::string_view DialectName(Dialect dialect);

// Column names of a table, in table order. Names are lower-case "db.table"
// (PostgreSQL: "schema.table").
class SchemaLookup {
 public:
  virtual ~SchemaLookup() = default;
  // nullopt when the table is unknown.
  virtual std::optional<std::vector<std::string>> Columns(std::string_view table) const = 0;
};

// A SchemaLookup over an in-memory map (the `--schema` file of `linea sql-lineage`).
class MapSchema : public SchemaLookup {
 public:
  MapSchema() = default;
  explicit MapSchema(std::map<std::string, std::vector<std::string>> tables)
      : tables_(std::move(tables)) {}
  void Add(std::string table, std::vector<std::string> columns) {
    tables_[std::move(table)] = std::move(columns);
  }
  std::optional<std::vector<std::string>> Columns(std::string_view table) const override {
    auto it = tables_.find(std::string(table));
    if (it == tables_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::map<std::string, std::vector<std::string>> tables_;
};

// A temporary table or view: CREATE TEMP[ORARY] TABLE / VIEW (also GLOBAL, OR REPLACE), Spark
// CACHE TABLE t AS SELECT, PostgreSQL SELECT ... INTO TEMP t. It never becomes a target or source
// of a result: a statement that reads it gets its lineage instead (its columns' sources, the
// tables it read and the columns that filtered its rows), and INSERT INTO it adds to it.
struct TempColumn {
  std::string name;
  std::vector<std::string> sources;  // physical "db.table.column"
  std::string open_table;            // set: `*` over this "db.table" of unknown schema
  bool operator==(const TempColumn&) const = default;
};
struct TempObject {
  std::vector<TempColumn> columns;    // in order
  std::vector<std::string> sources;   // physical tables read to fill it, sorted
  std::vector<std::string> indirect;  // physical columns that filtered / joined / grouped its rows
  bool operator==(const TempObject&) const = default;
};
// Temporary objects by "db.table" (an unqualified name takes the database current when it was
// created, as for any table).
using TempObjects = std::map<std::string, TempObject>;

struct AnalyzeOptions {
  Dialect dialect = Dialect::kHive;
  // Database of unqualified table names until a `USE db`. Default: "default".
  std::string default_database = "default";
  // Table schemas; null = none known.
  const SchemaLookup* schema = nullptr;
  // Values for ${x} / ${hivevar:x} substitution; unknown variables are left as written.
  std::map<std::string, std::string> variables;
  // Nesting deeper than this (parentheses, subqueries, expressions) is a parse error, not a
  // stack overflow. Default: 256.
  int max_depth = 256;
  // Temporary objects of the session the script runs in: those created by earlier calls are
  // read, and the ones this script creates, fills or drops are written back (a query log's
  // records of one session). Null: a script knows only its own. Default: null.
  TempObjects* session = nullptr;
};

struct ColumnLineage {
  std::string target;                // "db.table.column"
  std::vector<std::string> sources;  // sorted, de-duplicated "db.table.column"
  bool operator==(const ColumnLineage&) const = default;
};

struct SqlError {
  int line = 0;         // 1-based, in the whole script
  int column = 0;       // 1-based
  std::string message;  // names what was expected, e.g. "expected FROM, got 'FORM'"
  bool operator==(const SqlError&) const = default;
};

struct StatementLineage {
  size_t index = 0;  // 0-based position in the script
  int line = 0;      // line where the statement starts
  // "insert", "create_table_as", "create_view", "merge", "update", "delete", "select", "use",
  // "set", "drop", "alter", "create_table", "other"
  std::string kind;
  std::vector<std::string> sources;    // physical tables read, sorted, "db.table"
  std::vector<std::string> targets;    // tables written, sorted
  std::vector<ColumnLineage> columns;  // sorted by target
  std::vector<std::string> indirect;   // sorted "db.table.column"
  std::vector<std::string> warnings;   // e.g. "SELECT * from db.t with unknown schema"
  std::optional<SqlError> error;       // set: every list above is empty
  std::string text;                    // the statement's SQL text (for hashing)
};

// Splits `script` on ';' (outside strings, quoted identifiers and comments) and analyses each
// statement. Never throws; a statement that fails to parse gets `error` and the rest are still
// analysed. Only whitespace/comments after the last ';' is not a statement.
//
// Script state carried from statement to statement: `USE db` (PostgreSQL: `SET search_path`)
// changes the default database; `SET [hivevar:|hiveconf:]k=v` defines ${k}; the columns of a
// table or view created earlier in the script (CREATE TABLE (...), CTAS, CREATE VIEW) act as its
// schema, ahead of `options.schema` (DROP forgets them, ALTER TABLE ... RENAME moves them).
// DELETE FROM t has t as its only target (no columns). Temporary tables and views (TempObject)
// live until DROP or the end of the script (of the session, with `options.session`). Bounds that
// turn hostile input into a per-statement error: nesting past `max_depth`, more than 500 tables in
// one FROM clause, 1,000 CTEs in one WITH, 256 INSERT branches in one multi-insert, or ${...}
// substitution growing a statement past 1 MiB (a SET value is not defined past 64 KiB, with a
// warning).
std::vector<StatementLineage> AnalyzeScript(std::string_view script, const AnalyzeOptions& options);

}  // namespace linea::sql
