// src/sql/resolver.h: the resolver. Walks one parsed Statement and computes its lineage as
// docs/api.md "SQL lineage" defines it: tables read and written, the physical columns feeding each
// target column, and the physical columns that only filter, join or group rows (indirect).
//
// Names are resolved through scopes: CTEs (innermost first; a CTE shadows a table of the same
// unqualified name, but not inside its own definition unless WITH RECURSIVE), derived tables,
// table aliases, LATERAL VIEW outputs, select-list aliases and enclosing queries (correlated
// subqueries). A physical table of unknown schema accepts any column name; an unqualified name
// that several such tables could own is reported as a warning, never guessed.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sql/ast.h"
#include "sql/lineage.h"

namespace linea::sql {

using TableColumns = std::map<std::string, std::vector<std::string>>;

struct ResolveContext {
  Dialect dialect = Dialect::kHive;
  std::string default_database = "default";
  const SchemaLookup* schema = nullptr;        // may be null
  const TableColumns* local_tables = nullptr;  // tables created earlier in the script; may be null
  const TempObjects* temp_objects = nullptr;   // temporary objects in scope; may be null
};

struct ResolvedStatement {
  std::vector<std::string> sources;  // sorted, de-duplicated
  std::vector<std::string> targets;
  std::vector<ColumnLineage> columns;
  std::vector<std::string> indirect;
  std::vector<std::string> warnings;
  // CREATE TABLE / CTAS / CREATE VIEW: the created table's columns in order, when all are known.
  std::optional<std::vector<std::string>> created_columns;
  // Temporary objects the statement created or filled (by "db.table"), in their new state.
  TempObjects temp_objects;
};

// "db.table" for a (possibly qualified) name: 1 part gets `default_database`, 3+ parts keep the
// last two.
std::string QualifyTable(const Name& name, const std::string& default_database);

// Resolves `statement`. Never throws.
ResolvedStatement Resolve(const Statement& statement, const ResolveContext& context);

}  // namespace linea::sql
