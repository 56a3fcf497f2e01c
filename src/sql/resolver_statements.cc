// src/sql/resolver_statements.cc: per-statement lineage and target column naming.
#include <algorithm>
#include <set>

#include "sql/resolver_internal.h"

namespace linea::sql::internal {
namespace {

std::string LowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string> SortedUnique(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

}  // namespace

ResolvedStatement Resolver::Run(const Statement& s) {
  switch (s.kind) {
    case StatementKind::kSelect:
      RunQueryStatement(s);
      break;
    case StatementKind::kInsert:
      RunInsert(s);
      break;
    case StatementKind::kCreateTableAs:
    case StatementKind::kCreateView:
      RunCreate(s);
      break;
    case StatementKind::kMerge:
      RunMerge(s);
      break;
    case StatementKind::kUpdate:
    case StatementKind::kDelete:
      RunUpdateOrDelete(s);
      break;
    case StatementKind::kCreateTable:
      if (!s.columns.empty()) {
        StringList columns = s.columns;
        columns.insert(columns.end(), s.partition_columns.begin(), s.partition_columns.end());
        created_columns_ = std::move(columns);
      }
      break;
    default:
      break;
  }
  ResolvedStatement r;
  for (uint32_t id : sources_) r.sources.push_back(NameOf(id));
  r.sources = SortedUnique(std::move(r.sources));
  r.targets = SortedUnique({targets_.begin(), targets_.end()});
  for (uint32_t id : indirect_) r.indirect.push_back(NameOf(id));
  r.indirect = SortedUnique(std::move(r.indirect));
  for (auto& [target, ids] : columns_) {
    if (ids.empty()) continue;
    ColumnLineage c;
    c.target = target;
    for (uint32_t id : ids) c.sources.push_back(NameOf(id));
    c.sources = SortedUnique(std::move(c.sources));
    r.columns.push_back(std::move(c));
  }
  r.warnings.assign(warnings_.begin(), warnings_.end());
  if (created_columns_) {
    r.created_columns.emplace(created_columns_->begin(), created_columns_->end());
  }
  return r;
}

void Resolver::RunQueryStatement(const Statement& s) { ResolveQuery(*s.query, nullptr); }

void Resolver::RunCreate(const Statement& s) {
  std::string target = Qualify(s.target);
  AddTarget(target);
  if (!s.query) {
    if (!s.columns.empty()) created_columns_ = s.columns;
    return;
  }
  const Output* out = ResolveQuery(*s.query, nullptr);
  // The statement defines the new table's columns: an old schema of the target does not apply.
  bool complete = true;
  StringList mapped =
      MapTargetColumns(target, s.columns, {}, *out, /*use_schema=*/false, &complete);
  if (complete) created_columns_ = mapped;
}

void Resolver::RunInsert(const Statement& s) {
  RegisterCtes(s.ctes, s.recursive_ctes, nullptr);
  const FromList* shared = s.shared_from.empty() ? nullptr : &s.shared_from;
  for (const InsertBranch& branch : s.inserts) {
    const Output* out = branch.query ? ResolveQuery(*branch.query, nullptr, shared) : nullptr;
    if (branch.target.table.empty()) continue;  // INSERT OVERWRITE DIRECTORY
    std::string target = Qualify(branch.target.table);
    AddTarget(target);
    if (!out) continue;
    bool complete = true;
    StringList names =
        MapTargetColumns(target, branch.target.columns, branch.target.partition, *out,
                         /*use_schema=*/true, &complete);
    if (!s.on_conflict) continue;
    Output* excluded = NewOutput();  // PostgreSQL EXCLUDED: the row proposed for insertion
    for (size_t i = 0; i < names.size(); ++i) {
      if (!names[i].empty()) excluded->columns.push_back({names[i], out->columns[i].sources});
    }
    Scope scope;
    scope.relations.push_back(PhysicalRelation(branch.target.table, branch.target.alias, true));
    Relation ex;
    ex.alias = "excluded";
    ex.output = excluded;
    ex.qualified_only = true;
    scope.relations.push_back(std::move(ex));
    ApplyAssignments(target, s.on_conflict->set, scope);
    for (const ExprPtr& c : s.on_conflict->conditions) Indirect(*c, scope);
  }
}

void Resolver::RunMerge(const Statement& s) {
  RegisterCtes(s.ctes, s.recursive_ctes, nullptr);
  std::string target = Qualify(s.target);
  AddTarget(target);
  Scope scope;
  scope.relations.push_back(PhysicalRelation(s.target, s.target_alias, true));
  BindTableRef(s.merge_source, &scope);
  Indirect(*s.condition, scope);
  std::optional<std::vector<std::string>> target_columns = TableSchema(target);
  auto by_name = [&](const char* what) {  // UPDATE SET * / INSERT *: columns by name
    for (size_t i = 1; i < scope.relations.size(); ++i) {
      const Relation& r = scope.relations[i];
      if (r.output) {
        for (const OutColumn& c : r.output->columns) {
          if (c.open_table == kNoId) AddColumn(target, c.name, c.sources);
        }
      } else if (target_columns) {
        for (const std::string& c : *target_columns) {
          IdList ids;
          ColumnOf(r, LowerCopy(c), &ids);
          AddColumn(target, LowerCopy(c), ids);
        }
      } else {
        Warn(std::string(what) + " from " + r.table + " with unknown schema");
      }
    }
  };
  for (const MergeClause& clause : s.merge_clauses) {
    if (clause.condition) Indirect(*clause.condition, scope);
    if (clause.action == MergeAction::kUpdate) {
      if (clause.star) {
        by_name("UPDATE SET *");
      } else {
        ApplyAssignments(target, clause.set, scope);
      }
    } else if (clause.action == MergeAction::kInsert) {
      if (clause.star) {
        by_name("INSERT *");
        continue;
      }
      StringList columns = clause.insert_columns;
      if (columns.empty() && target_columns) {
        for (const std::string& c : *target_columns) columns.push_back(LowerCopy(c));
      }
      if (columns.empty() && !clause.insert_values.empty()) {
        Warn("MERGE INSERT without a column list into " + target + " with unknown schema");
      }
      for (size_t i = 0; i < columns.size() && i < clause.insert_values.size(); ++i) {
        IdList ids;
        ResolveExpr(*clause.insert_values[i], scope, &ids);
        AddColumn(target, columns[i], ids);
      }
    }
  }
}

void Resolver::RunUpdateOrDelete(const Statement& s) {
  RegisterCtes(s.ctes, s.recursive_ctes, nullptr);
  std::string target = Qualify(s.target);
  AddTarget(target);
  Scope scope;
  scope.relations.push_back(PhysicalRelation(s.target, s.target_alias, true));
  for (const FromItem& item : s.from) BindFromItem(item, &scope);
  if (s.kind == StatementKind::kUpdate) ApplyAssignments(target, s.assignments, scope);
  if (s.condition) Indirect(*s.condition, scope);
  for (const ExprPtr& e : s.returning) WalkForTables(*e, &scope);
}

void Resolver::ApplyAssignments(const std::string& table, const PoolVector<Assignment>& set,
                              const Scope& scope) {
  for (const Assignment& a : set) {
    const Expr& value = *a.value;
    if (a.columns.size() > 1 && value.kind == ExprKind::kOperator && value.precedence == 0 &&
        value.children.size() == a.columns.size()) {
      for (size_t i = 0; i < a.columns.size(); ++i) {
        IdList ids;
        ResolveExpr(*value.children[i], scope, &ids);
        AddColumn(table, a.columns[i], ids);
      }
    } else if (a.columns.size() > 1 && value.kind == ExprKind::kSubquery) {
      const Output* out = ResolveQuery(*value.query, &scope);
      for (size_t i = 0; i < a.columns.size() && i < out->columns.size(); ++i) {
        AddColumn(table, a.columns[i], out->columns[i].sources);
      }
    } else {
      IdList ids;
      ResolveExpr(value, scope, &ids);
      for (const std::string& column : a.columns) AddColumn(table, column, ids);
    }
  }
}

StringList Resolver::MapTargetColumns(const std::string& table, const StringList& explicit_columns,
                                    const PoolVector<PartitionColumn>& partition, const Output& out,
                                    bool use_schema, bool* complete) {
  StringList dynamic;
  std::set<std::string> partition_names;
  for (const PartitionColumn& p : partition) {
    partition_names.insert(p.name);
    if (!p.is_static) dynamic.push_back(p.name);
  }
  StringList names;
  bool positional = false;
  if (!explicit_columns.empty()) {
    names = explicit_columns;
    positional = true;
  } else if (std::optional<std::vector<std::string>> schema =
                 use_schema ? TableSchema(table) : std::nullopt) {
    for (const std::string& c : *schema) {
      std::string lower = LowerCopy(c);
      if (!partition_names.count(lower)) names.push_back(std::move(lower));
    }
    positional = true;
  }
  if (positional) names.insert(names.end(), dynamic.begin(), dynamic.end());
  const size_t n = out.columns.size();
  size_t first_open = n;
  for (size_t i = 0; i < n; ++i) {
    if (out.columns[i].open_table != kNoId) {
      first_open = i;
      break;
    }
  }
  *complete = first_open == n;
  if (first_open < n) WarnOpenColumns(out, n);
  StringList mapped(n);
  if (positional) {
    if (first_open == n && names.size() != n) {
      Warn(table + " has " + std::to_string(names.size()) + " target columns but the query has " +
           std::to_string(n));
      *complete = false;
    }
    for (size_t i = 0; i < first_open && i < names.size(); ++i) {
      mapped[i] = names[i];
      AddColumn(table, names[i], out.columns[i].sources);
    }
    return mapped;
  }
  const size_t d = dynamic.size();
  for (size_t i = 0; i < n; ++i) {
    const OutColumn& c = out.columns[i];
    if (c.open_table != kNoId) continue;
    std::string name = (d <= n && i >= n - d) ? dynamic[i - (n - d)] : c.name;
    if (name.empty()) {
      if (!c.sources.empty()) {  // literals and COUNT(*) would be omitted anyway
        Warn("expression without alias at position " + std::to_string(i + 1) + " for " + table);
      }
      *complete = false;
      continue;
    }
    mapped[i] = name;
    AddColumn(table, name, c.sources);
  }
  return mapped;
}

void Resolver::WarnOpenColumns(const Output& out, size_t limit) {
  for (size_t i = 0; i < limit && i < out.columns.size(); ++i) {
    uint32_t id = out.columns[i].open_table;
    if (id != kNoId) Warn("SELECT * from " + NameOf(id) + " with unknown schema");
  }
}

void Resolver::AddColumn(const std::string& table, const std::string& column, const IdList& sources) {
  IdList& ids = columns_[table + "." + column];
  ids.insert(ids.end(), sources.begin(), sources.end());
}

}  // namespace linea::sql::internal
