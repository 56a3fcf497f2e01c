// src/sql/ast.h: the syntax tree the parser builds and the resolver walks.
//
// Only what lineage needs is kept: names (lower-case, unquoted), the shape of queries and table
// references, and every sub-expression that may reference a column. Operators are not
// distinguished: an expression of several operands is one kOperator node whose children are
// its operands (chains such as a + b + c are flattened, so long chains do not deepen the tree).
// Children are owned through unique_ptr; the tree is never deeper than the parser's depth
// limit times a small constant.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sql/pool.h"

namespace linea::sql {

struct Expr;
struct Query;
struct FromItem;
struct Statement;
using ExprPtr = std::unique_ptr<Expr>;
using QueryPtr = std::unique_ptr<Query>;
using Name = PoolVector<std::string>;        // dotted name parts, lower-case
using StringList = PoolVector<std::string>;  // column names, aliases
using ExprList = PoolVector<ExprPtr>;

enum class ExprKind : uint8_t {
  kColumn,    // name: column reference parts (col, t.col, db.t.col, col.field)
  kStar,      // name: qualifier parts (empty for a bare *)
  kLiteral,   // numbers, strings, NULL, parameters, niladic functions (CURRENT_DATE)
  kFunction,  // name; children = arguments; window / filter optional
  kCase,      // children = operand?, conditions, results, else
  kSubquery,  // query: a scalar subquery, or the (SELECT ...) of x IN (SELECT ...)
  kExists,    // query
  kOperator,  // children = operands (any operator, predicate, row or list)
  kLambda,    // name = parameters; children[0] = body
};

struct WindowSpec : Pooled {
  std::string base_name;  // OVER w, or OVER (w PARTITION BY ...)
  ExprList partition_by;
  ExprList order_by;
};

struct Expr : Pooled {
  ExprKind kind = ExprKind::kLiteral;
  uint8_t precedence = 0;  // kOperator: the binary level that built it (for flattening)
  bool star_arg = false;   // kFunction: f(*)
  uint32_t offset = 0;     // where the expression starts in the script
  int ordinal = -1;        // kLiteral: the value of a small unsigned integer (GROUP BY 2)
  Name name;
  ExprList children;
  QueryPtr query;
  std::unique_ptr<WindowSpec> window;  // kFunction with OVER
  ExprPtr filter;                      // kFunction with FILTER (WHERE ...)
};

struct SelectItem {
  ExprPtr expr;
  StringList aliases;  // [AS] a, or AS (a, b) for a table-generating function / TRANSFORM
  // Spark only, for an item without alias that is not a column: the expression as written
  // (comments dropped, whitespace runs as one space, unquoted words lower-cased), which is the
  // column name Spark gives it, e.g. "sum(ss_net_profit)".
  std::string text;
  StringList star_except;      // * EXCEPT (a, b): columns left out of the expansion
  ExprList star_replace;       // * REPLACE (expr AS a, ...): the new expressions ...
  StringList star_replace_as;  // ... and the columns they replace
  bool has_alias() const { return !aliases.empty(); }
};

// LATERAL VIEW [OUTER] explode(arr) alias AS col, ...
struct LateralView {
  bool outer = false;
  ExprPtr function;
  std::string alias;
  StringList columns;
};

enum class TableRefKind : uint8_t { kTable, kSubquery, kFunction, kJoinGroup };

struct TableRef {
  TableRefKind kind = TableRefKind::kTable;
  uint32_t offset = 0;
  bool lateral = false;  // LATERAL (subquery) / LATERAL function(...)
  Name name;             // kTable
  std::string alias;
  StringList column_aliases;              // alias (a, b, ...)
  QueryPtr query;                         // kSubquery (also VALUES)
  ExprPtr function;                       // kFunction
  // kFunction with an input table, Hive PTF `noop(ON t PARTITION BY a ORDER BY b, arg)`: the ON
  // table; function->children then hold the PARTITION/ORDER BY expressions and the arguments.
  std::unique_ptr<FromItem> function_input;
  std::unique_ptr<FromItem> group;        // kJoinGroup: ( a JOIN b ... )
  PoolVector<LateralView> lateral_views;  // applied after this reference
};

enum class JoinKind : uint8_t { kInner, kLeft, kRight, kFull, kCross, kSemi, kAnti };

struct Join {
  JoinKind kind = JoinKind::kInner;
  bool natural = false;
  TableRef right;
  ExprPtr on;
  StringList using_columns;
};

struct FromItem : Pooled {
  TableRef base;
  PoolVector<Join> joins;
};

struct SelectCore : Pooled {
  bool distinct = false;
  ExprList distinct_on;  // PostgreSQL DISTINCT ON (...)
  PoolVector<SelectItem> items;
  Name into;  // PostgreSQL SELECT ... INTO table
  bool into_temporary = false;  // SELECT ... INTO TEMP[ORARY] table
  PoolVector<FromItem> from;
  ExprPtr where;
  ExprList group_by;  // GROUPING SETS / ROLLUP / CUBE flattened in
  ExprPtr having;
  ExprPtr qualify;
  PoolVector<std::pair<std::string, std::unique_ptr<WindowSpec>>> windows;  // WINDOW w AS (...)
};

struct Cte {
  std::string name;
  StringList columns;
  QueryPtr query;                        // null for a data-modifying CTE
  std::unique_ptr<Statement> statement;  // PostgreSQL (INSERT | UPDATE | DELETE ... RETURNING)
  uint32_t offset = 0;
};

// One operand of a set operation: a SELECT, a VALUES list, or a parenthesized query.
struct QueryTerm {
  std::unique_ptr<SelectCore> select;
  PoolVector<ExprList> values;  // VALUES rows when select and nested are null
  QueryPtr nested;
};

struct Query : Pooled {
  bool recursive = false;
  PoolVector<Cte> ctes;
  PoolVector<QueryTerm> terms;  // combined by UNION / INTERSECT / EXCEPT, by position
  // ORDER BY, SORT BY, CLUSTER BY, DISTRIBUTE BY, LIMIT, OFFSET: read for tables only.
  ExprList tail;
};

struct PartitionColumn {
  std::string name;
  bool is_static = false;  // PARTITION (dt = '2024-01-01')
};

struct InsertTarget {
  uint32_t offset = 0;
  Name table;         // empty for INSERT OVERWRITE DIRECTORY
  std::string alias;  // PostgreSQL INSERT INTO t AS alias
  PoolVector<PartitionColumn> partition;
  StringList columns;  // explicit column list
};

// SET c = e, or SET (c1, c2) = (e1, e2) / (SELECT ...).
struct Assignment {
  StringList columns;
  ExprPtr value;  // several columns: a kOperator row or a kSubquery
};

struct InsertBranch {
  InsertTarget target;
  QueryPtr query;  // null for DEFAULT VALUES
};

struct OnConflict : Pooled {
  bool do_update = false;
  PoolVector<Assignment> set;
  ExprList conditions;  // conflict target WHERE and DO UPDATE ... WHERE
};

enum class MergeAction : uint8_t { kUpdate, kDelete, kInsert, kNothing };

struct MergeClause {
  bool matched = true;
  MergeAction action = MergeAction::kUpdate;
  ExprPtr condition;           // WHEN ... AND condition
  bool star = false;           // UPDATE SET * / INSERT *
  PoolVector<Assignment> set;  // UPDATE SET
  StringList insert_columns;
  ExprList insert_values;
};

enum class StatementKind : uint8_t {
  kSelect,
  kInsert,
  kCreateTableAs,
  kCreateView,
  kCreateTable,
  kMerge,
  kUpdate,
  kDelete,
  kUse,
  kSet,
  kDrop,
  kAlter,
  kOther,
};

// One parsed statement. Which fields are set depends on `kind`:
//  kSelect: query (and target when it is SELECT ... INTO, see kind kCreateTableAs).
//  kInsert: ctes, inserts (several for a multi-insert), shared_from (FROM-first Hive syntax),
//           on_conflict, returning.
//  kCreateTableAs / kCreateView: target, columns, query (null for a view without AS).
//  kCreateTable: target, columns (column definitions and PARTITIONED BY columns).
//  kMerge: target, target_alias, merge_source, condition (ON), merge_clauses.
//  kUpdate: target, target_alias, assignments, from, condition (WHERE), returning.
//  kDelete: target, target_alias, from (USING), condition (WHERE), returning.
//  `temporary`: CREATE TEMP[ORARY] TABLE / VIEW, Spark CACHE TABLE t AS (kind kCreateView),
//  SELECT ... INTO TEMP t: the created object lives only as long as the script (session).
//  kUse: target (the database name). kSet: set_key, set_value (raw text, trimmed).
//  kDrop: drop_names (tables and views only). kAlter: target and rename_to for RENAME.
struct Statement : Pooled {
  StatementKind kind = StatementKind::kOther;
  uint32_t offset = 0;
  bool temporary = false;
  bool global = false;   // CREATE GLOBAL ...: Spark's global temporary views live in global_temp
  PoolVector<Cte> ctes;  // WITH before INSERT / UPDATE / DELETE / MERGE
  bool recursive_ctes = false;
  QueryPtr query;
  PoolVector<InsertBranch> inserts;
  PoolVector<FromItem> shared_from;
  std::unique_ptr<OnConflict> on_conflict;
  PoolVector<SelectItem> returning;  // RETURNING items (`*` is a kStar item)
  Name target;
  std::string target_alias;
  StringList columns;
  StringList partition_columns;  // CREATE TABLE ... PARTITIONED BY (...)
  TableRef merge_source;
  ExprPtr condition;
  PoolVector<MergeClause> merge_clauses;
  PoolVector<Assignment> assignments;
  PoolVector<FromItem> from;
  std::string set_key;
  std::string set_value;
  bool set_assigns = false;  // SET k = v / SET k TO v (not a bare SET k, which shows k)
  PoolVector<Name> drop_names;
  Name rename_to;
};

}  // namespace linea::sql
