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

}  // namespace

std::vector<std::string> SortedUnique(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

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
      if (s.temporary) {
        StringList columns = s.columns;
        columns.insert(columns.end(), s.partition_columns.begin(), s.partition_columns.end());
        CreateTemp(Qualify(s.target), columns, nullptr);
      } else if (!s.columns.empty()) {
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
  FinishTemps(&r);
  return r;
}

void Resolver::RunQueryStatement(const Statement& s) { ResolveQuery(*s.query, nullptr); }

void Resolver::RunCreate(const Statement& s) {
  std::string target = Qualify(s.target);
  if (s.temporary) {
    if (s.global && s.target.size() == 1 && ctx_.dialect == Dialect::kSpark) {
      target = "global_temp." + s.target[0];  // read back as global_temp.name
    }
    CreateTemp(target, s.columns, s.query ? ResolveQuery(*s.query, nullptr) : nullptr);
    return;
  }
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

const Output* Resolver::RunInsert(const Statement& s) {
  RegisterCtes(s.ctes, s.recursive_ctes, nullptr);
  const FromList* shared = s.shared_from.empty() ? nullptr : &s.shared_from;
  const Output* inserted = nullptr;
  for (const InsertBranch& branch : s.inserts) {
    const Output* out = branch.query ? ResolveQuery(*branch.query, nullptr, shared) : nullptr;
    if (branch.target.table.empty()) continue;  // INSERT OVERWRITE DIRECTORY
    std::string target = Qualify(branch.target.table);
    if (FindTemp(target)) {
      if (out) FillTemp(target, branch.target.columns, *out);
      continue;
    }
    AddTarget(target);
    if (!out) continue;
    bool complete = true;
    StringList names =
        MapTargetColumns(target, branch.target.columns, branch.target.partition, *out,
                         /*use_schema=*/true, &complete);
    if (!s.on_conflict && s.returning.empty()) continue;
    Output* excluded = NewOutput();  // the row proposed for insertion (PostgreSQL EXCLUDED)
    for (size_t i = 0; i < names.size(); ++i) {
      if (!names[i].empty()) excluded->columns.push_back({names[i], out->columns[i].sources});
    }
    inserted = excluded;
    if (!s.on_conflict) continue;
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
  return inserted;
}

Output* Resolver::ReturnedRow(const std::string& table, const Output* written) {
  Output* row = NewOutput();
  auto written_sources = [&](const std::string& name) -> const IdList* {
    if (!written) return nullptr;
    const IdList* found = nullptr;
    written->ForEachNamed(name, [&](const OutColumn& c) { found = &c.sources; });
    return found;
  };
  std::optional<std::vector<std::string>> schema = TableSchema(table);
  if (schema) {
    for (const std::string& c : *schema) {
      std::string name = LowerCopy(c);
      const IdList* w = written_sources(name);
      row->columns.push_back({name, w ? *w : IdList{ColumnId(table, name)}});
    }
  }
  if (written) {
    for (const OutColumn& c : written->columns) {
      if (!row->HasNamed(c.name)) row->columns.push_back(c);
    }
  }
  if (!schema) row->columns.push_back({std::string(), IdList{}, Intern(table)});
  return row;
}

const Output* Resolver::ResolveDataModifyingCte(const Statement& s) {
  const Output* written = nullptr;
  Name table = s.target;
  std::string alias = s.target_alias;
  if (s.kind == StatementKind::kInsert) {
    written = RunInsert(s);
    if (s.inserts.empty() || s.inserts.front().target.table.empty()) return NewOutput();
    table = s.inserts.front().target.table;
    alias = s.inserts.front().target.alias;
  } else {
    RunUpdateOrDelete(s);
    if (s.kind == StatementKind::kUpdate) {  // the new values of the assigned columns
      std::string target = Qualify(table);
      Output* assigned = NewOutput();
      for (const Assignment& a : s.assignments) {
        for (const std::string& c : a.columns) {
          auto it = columns_.find(target + "." + c);
          assigned->columns.push_back({c, it == columns_.end() ? IdList{} : it->second});
        }
      }
      written = assigned;
    }
  }
  Relation r = PhysicalRelation(table, alias, /*target_only=*/s.kind == StatementKind::kInsert);
  r.output = ReturnedRow(r.table, written);
  Scope scope;
  scope.relations.push_back(std::move(r));
  for (const FromItem& item : s.from) BindFromItem(item, &scope);
  Output* out = NewOutput();
  ResolveItems(s.returning, scope, out);
  return out;
}

void Resolver::RunMerge(const Statement& s) {
  RegisterCtes(s.ctes, s.recursive_ctes, nullptr);
  std::string target = Qualify(s.target);
  AddTarget(target);
  Scope scope;
  BindTarget(s.target, s.target_alias, &scope);
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
  BindTarget(s.target, s.target_alias, &scope);
  for (const FromItem& item : s.from) BindFromItem(item, &scope);
  if (s.kind == StatementKind::kUpdate) ApplyAssignments(target, s.assignments, scope);
  if (s.condition) Indirect(*s.condition, scope);
  for (const SelectItem& item : s.returning) WalkForTables(*item.expr, &scope);
}

void Resolver::BindTarget(const Name& table, const std::string& alias, Scope* scope) {
  if (const TempObject* temp = FindTemp(Qualify(table))) {
    TableRef ref;
    ref.name = table;
    ref.alias = alias;
    BindTemp(ref, *temp, scope);  // read like any use of it; FinishTemps drops it as a target
    return;
  }
  scope->relations.push_back(PhysicalRelation(table, alias, true));
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
    std::string name = (d <= n && i >= n - d)      ? dynamic[i - (n - d)]
                       : c.generated && use_schema ? std::string()
                                                   : c.name;
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
