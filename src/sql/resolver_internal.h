// src/sql/resolver_internal.h: the resolver's internals (see resolver.h); one Resolver per
// statement.
//
// Physical columns ("db.table.column") and tables are interned to ids; every relation in scope
// exposes an Output (its columns, each with the physical column ids feeding it). A physical
// table of unknown schema has no Output: any column name resolves to table.column. `*` over
// such a table yields a placeholder column (open_table) instead of guessing its columns.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sql/ast.h"
#include "sql/resolver.h"

namespace linea::sql::internal {

constexpr uint32_t kNoId = UINT32_MAX;
using IdList = PoolVector<uint32_t>;

struct OutColumn {
  std::string name;             // "" when the dialect gives an expression no usable name
  IdList sources;               // physical column ids
  uint32_t open_table = kNoId;  // placeholder: `*` over this table of unknown schema
  bool generated = false;       // `name` is the engine's name for an unaliased expression
};

// The columns a query or relation exposes. Columns are only ever appended (or the whole
// Output copied); after changing names in place, call ResetIndex().
class Output {
 public:
  PoolVector<OutColumn> columns;

  // Calls fn(const OutColumn&) for each non-placeholder column called `name`, in order. Wide
  // outputs are indexed, so lookups stay O(1) however many columns a query selects.
  template <typename Fn>
  void ForEachNamed(const std::string& name, Fn&& fn) const {
    CatchUp();
    if (!indexed_wide_) {
      for (const OutColumn& c : columns) {
        if (c.open_table == kNoId && c.name == name) fn(c);
      }
      return;
    }
    auto it = index_.find(name);
    if (it == index_.end()) return;
    for (uint32_t i : it->second) fn(columns[i]);
  }
  bool HasNamed(const std::string& name) const {
    bool found = false;
    ForEachNamed(name, [&found](const OutColumn&) { found = true; });
    return found;
  }
  // The table behind the placeholder columns: kNoId when there are none; `*several` is set
  // when placeholders of different tables exist.
  uint32_t OpenTable(bool* several) const {
    CatchUp();
    *several = several_open_;
    return open_table_;
  }
  void ResetIndex() const {
    indexed_ = 0;
    indexed_wide_ = false;
    open_table_ = kNoId;
    several_open_ = false;
    index_.clear();
  }

 private:
  static constexpr size_t kIndexFrom = 32;  // columns; narrower outputs are scanned
  void CatchUp() const;

  mutable size_t indexed_ = 0;         // columns already counted / indexed
  mutable bool indexed_wide_ = false;  // index_ covers the first indexed_ columns
  mutable uint32_t open_table_ = kNoId;
  mutable bool several_open_ = false;
  mutable std::unordered_map<std::string, PoolVector<uint32_t>> index_;  // only when wide
};

struct Relation {
  std::string alias;  // what qualifies its columns: alias, else the table name
  std::string table;  // "db.table" for a physical table, else ""
  uint32_t table_id = kNoId;
  const Output* output = nullptr;  // null: physical table of unknown schema
  bool target_only = false;        // UPDATE / MERGE / DELETE target: not a source table
  bool hidden_from_star = false;   // right side of LEFT SEMI / ANTI JOIN
  bool qualified_only = false;     // PostgreSQL EXCLUDED: never matches an unqualified name
};

using NamedWindows = PoolVector<std::pair<std::string, std::unique_ptr<WindowSpec>>>;

struct Scope {
  const Scope* parent = nullptr;
  PoolVector<Relation> relations;
  StringList using_columns;  // JOIN ... USING / NATURAL JOIN: unqualified use is not ambiguous,
                             // and `*` lists each once, first, with both sides' lineage
  const Output* select_output = nullptr;  // select-list aliases (lateral / GROUP BY alias)
  bool aliases_first = false;             // GROUP BY / HAVING / QUALIFY
  const NamedWindows* windows = nullptr;
};

class Resolver {
 public:
  explicit Resolver(const ResolveContext& context) : ctx_(context) {}
  Resolver(const Resolver&) = delete;
  Resolver& operator=(const Resolver&) = delete;

  ResolvedStatement Run(const Statement& s);

 private:
  using FromList = PoolVector<FromItem>;

  // Queries and FROM (resolver.cc).
  const Output* ResolveQuery(const Query& q, const Scope* outer,
                             const FromList* from_override = nullptr);
  const Output* ResolveTerm(const QueryTerm& t, const Scope* outer, const FromList* from_override);
  const Output* ResolveSelect(const SelectCore& core, const Scope* outer,
                              const FromList* from_override);
  const Output* ResolveValues(const PoolVector<ExprList>& rows, const Scope* outer);
  // Appends the columns of select-list (or RETURNING) `items` to *out.
  void ResolveItems(const PoolVector<SelectItem>& items, const Scope& scope, Output* out);
  // The name the dialect gives item `position` of a select list when it has no alias.
  std::string ImplicitName(const SelectItem& item, size_t position) const;
  void ExpandStarItem(const SelectItem& item, const Scope& scope, Output* out);
  // NATURAL JOIN: the columns both sides have become USING columns (both sides' schemas known).
  void BindNaturalJoin(size_t right_begin, Scope* scope);
  void BindJoinColumn(const std::string& column, size_t right_begin, Scope* scope);
  // PostgreSQL `WITH x AS (INSERT | UPDATE | DELETE ... RETURNING ...)`: runs the statement
  // (its targets and columns join this statement's) and returns the RETURNING columns.
  const Output* ResolveDataModifyingCte(const Statement& s);
  // The row an INSERT / UPDATE / DELETE hands to RETURNING: `written` columns (null: none)
  // over the table's own columns (a placeholder when its schema is unknown).
  Output* ReturnedRow(const std::string& table, const Output* written);
  // Counts `columns` more copied columns; false (and a warning) past the statement's bound.
  bool Budget(size_t columns);
  void PushCte(const std::string& name, const Output* out);
  void PopCtes(size_t mark);  // forgets CTEs registered after ctes_.size() was `mark`
  const Output* FindCte(const std::string& name) const;  // innermost, or null
  void RegisterCtes(const PoolVector<Cte>& ctes, bool recursive, const Scope* outer);
  void BindFromItem(const FromItem& item, Scope* scope);
  void BindTableRef(const TableRef& ref, Scope* scope);
  void BindFunctionTable(const TableRef& ref, Scope* scope);
  void BindLateralViews(const PoolVector<LateralView>& views, Scope* scope);
  Relation PhysicalRelation(const Name& name, const std::string& alias, bool target_only);
  // Temporary objects (resolver_temp.cc): the one named `table` ("db.table"), as this statement
  // last left it; null when `table` is not temporary.
  const TempObject* FindTemp(const std::string& table) const;
  // Binds a temporary object in place of a table: its columns carry its sources, and the tables
  // and indirect columns behind it join this statement's.
  void BindTemp(const TableRef& ref, const TempObject& temp, Scope* scope);
  // CREATE TEMP ... [AS query]: the object `out` defines (null: `columns` only).
  void CreateTemp(const std::string& table, const StringList& columns, const Output* out);
  // INSERT INTO a temporary object: the query's columns add to its columns (by position).
  void FillTemp(const std::string& table, const StringList& explicit_columns, const Output& out);
  // Ends the statement: created / filled objects get its tables and indirect columns, and no
  // temporary object stays a target.
  void FinishTemps(ResolvedStatement* r);
  const Output* Rename(const Output* out, const StringList& names);
  void ExpandStar(const Expr& star, const Scope& scope, Output* out);
  Output* NewOutput();

  // Expressions and names (resolver_expr.cc).
  enum class Lookup { kFound, kNotFound, kAmbiguous };
  void ResolveExpr(const Expr& e, const Scope& scope, IdList* out);
  void ResolveWindow(const WindowSpec& w, const Scope& scope, IdList* out);
  void Indirect(const Expr& e, const Scope& scope);
  void ResolveColumn(const Name& parts, const Scope& scope, IdList* out);
  Lookup LookupUnqualified(const std::string& name, const Scope& scope, IdList* out);
  const Relation* FindRelation(const Name& parts, size_t count, const Scope& scope) const;
  void ColumnOf(const Relation& r, const std::string& name, IdList* out);
  bool HasNamedColumn(const Scope& scope, const std::string& name) const;
  bool AppendSelectAlias(const Scope& scope, const std::string& name, IdList* out) const;
  void WalkForTables(const Expr& e, const Scope* outer);
  void AppendOutputSources(const Output& out, IdList* ids) const;

  // Statements and targets (resolver_statements.cc).
  void RunQueryStatement(const Statement& s);
  const Output* RunInsert(const Statement& s);  // returns the last branch's inserted row
  void RunCreate(const Statement& s);
  void RunMerge(const Statement& s);
  void RunUpdateOrDelete(const Statement& s);
  // The MERGE / UPDATE / DELETE table: a target only, or a temporary object read as such.
  void BindTarget(const Name& table, const std::string& alias, Scope* scope);
  void ApplyAssignments(const std::string& table, const PoolVector<Assignment>& set,
                        const Scope& scope);
  // Maps the query output onto the target's columns (docs/api.md naming rules; `use_schema`: the
  // target's known schema maps by position). Returns the name used per output column ("" when
  // skipped); *complete is false when some column could not be named.
  // A column with a generated name (unaliased expression) names a target column only without
  // `use_schema` (CTAS, CREATE VIEW); an INSERT without a known target schema warns instead.
  StringList MapTargetColumns(const std::string& table, const StringList& explicit_columns,
                              const PoolVector<PartitionColumn>& partition, const Output& out,
                              bool use_schema, bool* complete);
  void WarnOpenColumns(const Output& out, size_t limit);
  void AddColumn(const std::string& table, const std::string& column, const IdList& sources);
  void AddTarget(const std::string& table) { targets_.push_back(table); }

  // Ids and schemas.
  uint32_t Intern(std::string_view text);
  uint32_t ColumnId(const std::string& table, std::string_view column);
  std::optional<std::vector<std::string>> TableSchema(const std::string& table) const;
  const std::string& NameOf(uint32_t id) const { return *names_[id]; }
  std::string Qualify(const Name& name) const;
  void Warn(std::string warning) { warnings_.insert(std::move(warning)); }

  ResolveContext ctx_;
  std::deque<std::string, PoolAllocator<std::string>> strings_;  // interned, stable addresses
  PoolVector<const std::string*> names_;                         // id -> text
  std::unordered_map<std::string_view, uint32_t, std::hash<std::string_view>,
                     std::equal_to<std::string_view>,
                     PoolAllocator<std::pair<const std::string_view, uint32_t>>>
      ids_;
  std::string key_;  // scratch for ColumnId
  IdList sources_;   // table ids
  IdList indirect_;  // column ids
  StringList targets_;
  std::map<std::string, IdList, std::less<>, PoolAllocator<std::pair<const std::string, IdList>>>
      columns_;  // "db.t.c" -> column ids
  std::set<std::string, std::less<>, PoolAllocator<std::string>> warnings_;  // sorted, unique
  std::deque<Output, PoolAllocator<Output>> outputs_;
  PoolVector<std::pair<std::string, const Output*>> ctes_;           // visible CTEs, innermost last
  std::unordered_map<std::string, PoolVector<uint32_t>> cte_index_;  // name -> ctes_ positions
  StringList lambda_params_;
  std::optional<StringList> created_columns_;
  TempObjects temps_;  // created or filled by this statement
  std::unordered_map<uint32_t, const Output*, std::hash<uint32_t>, std::equal_to<uint32_t>,
                     PoolAllocator<std::pair<const uint32_t, const Output*>>>
      schema_outputs_;  // table id -> schema columns
  int window_depth_ = 0;
  size_t copied_columns_ = 0;
};

// Sorts and de-duplicates `ids` in place.
void Normalize(IdList* ids);
// `v` sorted, without duplicates.
std::vector<std::string> SortedUnique(std::vector<std::string> v);

}  // namespace linea::sql::internal
