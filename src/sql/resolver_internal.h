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
  std::string name;             // "" for an expression without alias
  IdList sources;               // physical column ids
  uint32_t open_table = kNoId;  // placeholder: `*` over this table of unknown schema
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
  StringList using_columns;               // JOIN ... USING: unqualified use is not ambiguous
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
  void RunInsert(const Statement& s);
  void RunCreate(const Statement& s);
  void RunMerge(const Statement& s);
  void RunUpdateOrDelete(const Statement& s);
  void ApplyAssignments(const std::string& table, const PoolVector<Assignment>& set,
                        const Scope& scope);
  // Maps the query output onto the target's columns (docs/api.md naming rules; `use_schema`: the
  // target's known schema maps by position). Returns the name used per output column ("" when
  // skipped); *complete is false when some column could not be named.
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
  std::unordered_map<uint32_t, const Output*, std::hash<uint32_t>, std::equal_to<uint32_t>,
                     PoolAllocator<std::pair<const uint32_t, const Output*>>>
      schema_outputs_;  // table id -> schema columns
  int window_depth_ = 0;
  size_t copied_columns_ = 0;
};

// Sorts and de-duplicates `ids` in place.
void Normalize(IdList* ids);

}  // namespace linea::sql::internal
