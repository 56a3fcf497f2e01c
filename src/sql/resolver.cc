// src/sql/resolver.cc: queries, CTEs, set operations, FROM binding and `*` expansion.
#include "sql/resolver.h"

#include <algorithm>
#include <set>

#include "sql/resolver_internal.h"

namespace linea::sql {

std::string QualifyTable(const Name& name, const std::string& default_database) {
  if (name.empty()) return {};
  if (name.size() == 1) return default_database + "." + name[0];
  return name[name.size() - 2] + "." + name.back();
}

ResolvedStatement Resolve(const Statement& statement, const ResolveContext& context) {
  internal::Resolver resolver(context);
  return resolver.Run(statement);
}

namespace internal {
namespace {

// `*` stops expanding past this many columns in one select list, and a statement stops copying
// columns (for `*`, column aliases, set operations) past kMaxCopiedColumns: memory bounds.
constexpr size_t kMaxOutputColumns = 100000;
constexpr size_t kMaxCopiedColumns = 4000000;

std::string LowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Output columns of a generator (explode, posexplode, ...) when no names are given.
StringList DefaultGeneratorColumns(const std::string& function) {
  if (function == "explode" || function == "explode_outer") return {"col", "key", "value"};
  if (function == "posexplode" || function == "posexplode_outer") {
    return {"pos", "col", "key", "value"};
  }
  if (function == "json_each" || function == "json_each_text" || function == "jsonb_each" ||
      function == "jsonb_each_text") {
    return {"key", "value"};
  }
  return {};
}

}  // namespace

void Normalize(IdList* ids) {
  std::sort(ids->begin(), ids->end());
  ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
}

Output* Resolver::NewOutput() {
  outputs_.emplace_back();
  return &outputs_.back();
}

uint32_t Resolver::Intern(std::string_view text) {
  auto it = ids_.find(text);
  if (it != ids_.end()) return it->second;
  strings_.emplace_back(text);
  uint32_t id = static_cast<uint32_t>(names_.size());
  names_.push_back(&strings_.back());
  ids_.emplace(strings_.back(), id);
  return id;
}

uint32_t Resolver::ColumnId(const std::string& table, std::string_view column) {
  key_.assign(table);
  key_.push_back('.');
  key_.append(column);
  return Intern(key_);
}

std::string Resolver::Qualify(const Name& name) const {
  return QualifyTable(name, ctx_.default_database);
}

std::optional<std::vector<std::string>> Resolver::TableSchema(const std::string& table) const {
  if (ctx_.local_tables) {
    auto it = ctx_.local_tables->find(table);
    if (it != ctx_.local_tables->end()) return it->second;
  }
  if (ctx_.schema) return ctx_.schema->Columns(table);
  return std::nullopt;
}

const Output* Resolver::ResolveQuery(const Query& q, const Scope* outer,
                                   const FromList* from_override) {
  size_t mark = ctes_.size();
  RegisterCtes(q.ctes, q.recursive, outer);
  const Output* result = ResolveTerm(q.terms.front(), outer, from_override);
  if (q.terms.size() > 1 && Budget(result->columns.size())) {
    Output* merged = NewOutput();
    *merged = *result;
    for (size_t i = 1; i < q.terms.size(); ++i) {
      const Output* other = ResolveTerm(q.terms[i], outer, nullptr);
      size_t n = std::min(merged->columns.size(), other->columns.size());
      if (merged->columns.size() != other->columns.size()) {
        Warn("set operation branches have " + std::to_string(merged->columns.size()) + " and " +
             std::to_string(other->columns.size()) + " columns");
      }
      for (size_t j = 0; j < n; ++j) {
        const IdList& add = other->columns[j].sources;
        merged->columns[j].sources.insert(merged->columns[j].sources.end(), add.begin(), add.end());
      }
    }
    for (OutColumn& c : merged->columns) Normalize(&c.sources);
    result = merged;
  }
  for (const ExprPtr& e : q.tail) WalkForTables(*e, outer);
  PopCtes(mark);
  return result;
}

void Resolver::RegisterCtes(const PoolVector<Cte>& ctes, bool recursive, const Scope* outer) {
  for (const Cte& cte : ctes) {
    if (cte.statement) {
      PushCte(cte.name, Rename(ResolveDataModifyingCte(*cte.statement), cte.columns));
      continue;
    }
    if (recursive && cte.query->terms.size() > 1) {
      const Output* anchor = ResolveTerm(cte.query->terms.front(), outer, nullptr);
      PushCte(cte.name, Rename(anchor, cte.columns));
      size_t self = ctes_.size() - 1;
      const Output* full = ResolveQuery(*cte.query, outer);
      ctes_[self].second = Rename(full, cte.columns);
      continue;
    }
    const Output* out = ResolveQuery(*cte.query, outer);
    PushCte(cte.name, Rename(out, cte.columns));
  }
}

bool Resolver::Budget(size_t columns) {
  copied_columns_ += columns;
  if (copied_columns_ <= kMaxCopiedColumns) return true;
  Warn("statement too large: some columns were not expanded or renamed");
  return false;
}

void Resolver::PushCte(const std::string& name, const Output* out) {
  cte_index_[name].push_back(static_cast<uint32_t>(ctes_.size()));
  ctes_.emplace_back(name, out);
}

void Resolver::PopCtes(size_t mark) {
  while (ctes_.size() > mark) {
    cte_index_[ctes_.back().first].pop_back();
    ctes_.pop_back();
  }
}

const Output* Resolver::FindCte(const std::string& name) const {
  auto it = cte_index_.find(name);
  if (it == cte_index_.end() || it->second.empty()) return nullptr;
  return ctes_[it->second.back()].second;
}

const Output* Resolver::ResolveTerm(const QueryTerm& t, const Scope* outer,
                                  const FromList* from_override) {
  if (t.select) return ResolveSelect(*t.select, outer, from_override);
  if (t.nested) return ResolveQuery(*t.nested, outer);
  return ResolveValues(t.values, outer);
}

const Output* Resolver::ResolveValues(const PoolVector<ExprList>& rows, const Scope* outer) {
  Output* out = NewOutput();
  Scope scope;
  scope.parent = outer;
  for (const auto& row : rows) {
    if (out->columns.size() < row.size()) out->columns.resize(row.size());
    for (size_t j = 0; j < row.size(); ++j) ResolveExpr(*row[j], scope, &out->columns[j].sources);
  }
  for (OutColumn& c : out->columns) Normalize(&c.sources);
  return out;
}

const Output* Resolver::ResolveSelect(const SelectCore& core, const Scope* outer,
                                    const FromList* from_override) {
  Scope scope;
  scope.parent = outer;
  scope.windows = &core.windows;
  const FromList& from = core.from.empty() && from_override ? *from_override : core.from;
  for (const FromItem& item : from) BindFromItem(item, &scope);
  if (core.where) Indirect(*core.where, scope);
  Output* out = NewOutput();
  scope.select_output = out;
  ResolveItems(core.items, scope, out);
  scope.aliases_first = true;
  for (const ExprPtr& g : core.group_by) {
    if (g->kind == ExprKind::kLiteral && g->ordinal >= 1 &&
        static_cast<size_t>(g->ordinal) <= out->columns.size()) {
      const IdList& ids = out->columns[g->ordinal - 1].sources;
      indirect_.insert(indirect_.end(), ids.begin(), ids.end());
    } else {
      Indirect(*g, scope);
    }
  }
  if (core.having) Indirect(*core.having, scope);
  if (core.qualify) Indirect(*core.qualify, scope);
  for (const ExprPtr& e : core.distinct_on) WalkForTables(*e, &scope);  // adds no columns
  return out;
}

void Resolver::ResolveItems(const PoolVector<SelectItem>& items, const Scope& scope, Output* out) {
  for (size_t i = 0; i < items.size(); ++i) {
    const SelectItem& item = items[i];
    if (item.expr->kind == ExprKind::kStar) {
      ExpandStarItem(item, scope, out);
      continue;
    }
    IdList ids;
    ResolveExpr(*item.expr, scope, &ids);
    Normalize(&ids);
    if (item.aliases.size() > 1) {
      for (const std::string& alias : item.aliases) out->columns.push_back({alias, ids});
      continue;
    }
    if (item.has_alias()) {
      out->columns.push_back({item.aliases.front(), std::move(ids)});
    } else if (item.expr->kind == ExprKind::kColumn) {
      out->columns.push_back({item.expr->name.back(), std::move(ids)});
    } else {
      std::string name = ImplicitName(item, i);
      bool generated = !name.empty();
      out->columns.push_back({std::move(name), std::move(ids), kNoId, generated});
    }
  }
}

namespace {

// PostgreSQL's FigureColname, in short: a function's name (a cast's operand when that is a
// column), "case", "exists", a scalar subquery's first column name, else "?column?".
std::string PostgresColumnName(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kColumn:
      return e.name.back();
    case ExprKind::kFunction:
      if ((e.name.back() == "cast" || e.name.back() == "try_cast") && !e.children.empty() &&
          e.children.front()->kind == ExprKind::kColumn) {
        return e.children.front()->name.back();
      }
      return e.name.back();
    case ExprKind::kCase:
      return "case";
    case ExprKind::kExists:
      return "exists";
    case ExprKind::kSubquery: {
      const QueryTerm& first = e.query->terms.front();
      if (!first.select || first.select->items.empty()) break;
      const SelectItem& item = first.select->items.front();
      if (item.has_alias()) return item.aliases.front();
      if (item.expr->kind != ExprKind::kStar) return PostgresColumnName(*item.expr);
      break;
    }
    default:
      break;
  }
  return "?column?";
}

}  // namespace

std::string Resolver::ImplicitName(const SelectItem& item, size_t position) const {
  switch (ctx_.dialect) {
    case Dialect::kHive:
      return "_c" + std::to_string(position);
    case Dialect::kSpark:
      return item.text;
    case Dialect::kPostgres:
      return PostgresColumnName(*item.expr);
  }
  return {};
}

void Resolver::ExpandStarItem(const SelectItem& item, const Scope& scope, Output* out) {
  if (item.star_except.empty() && item.star_replace.empty()) {
    ExpandStar(*item.expr, scope, out);
    return;
  }
  Output expanded;
  ExpandStar(*item.expr, scope, &expanded);
  for (OutColumn& c : expanded.columns) {
    if (c.open_table == kNoId && std::find(item.star_except.begin(), item.star_except.end(),
                                           c.name) != item.star_except.end()) {
      continue;
    }
    for (size_t r = 0; r < item.star_replace.size(); ++r) {
      if (c.open_table != kNoId || item.star_replace_as[r] != c.name) continue;
      c.sources.clear();
      ResolveExpr(*item.star_replace[r], scope, &c.sources);
      Normalize(&c.sources);
    }
    out->columns.push_back(std::move(c));
  }
}

void Resolver::BindJoinColumn(const std::string& column, size_t right_begin, Scope* scope) {
  // The column of each side: the relations before the join, and the joined ones.
  for (auto [from, to] :
       {std::pair{size_t{0}, right_begin}, {right_begin, scope->relations.size()}}) {
    Scope side;
    side.relations.assign(scope->relations.begin() + from, scope->relations.begin() + to);
    IdList ids;
    LookupUnqualified(column, side, &ids);
    indirect_.insert(indirect_.end(), ids.begin(), ids.end());
  }
  scope->using_columns.push_back(column);
}

void Resolver::BindNaturalJoin(size_t right_begin, Scope* scope) {
  std::set<std::string> left, both;
  for (size_t i = 0; i < scope->relations.size(); ++i) {
    const Relation& r = scope->relations[i];
    bool several = false;
    if (!r.output || r.output->OpenTable(&several) != kNoId) {
      Warn("NATURAL JOIN with " + (r.table.empty() ? r.alias : r.table) +
           " of unknown schema: shared columns not known");
      return;
    }
    for (const OutColumn& c : r.output->columns) {
      if (i < right_begin) {
        left.insert(c.name);
      } else if (left.count(c.name)) {
        both.insert(c.name);
      }
    }
  }
  for (const std::string& column : both) BindJoinColumn(column, right_begin, scope);
}

void Resolver::BindFromItem(const FromItem& item, Scope* scope) {
  BindTableRef(item.base, scope);
  for (const Join& join : item.joins) {
    size_t before = scope->relations.size();
    BindTableRef(join.right, scope);
    if (join.kind == JoinKind::kSemi || join.kind == JoinKind::kAnti) {
      for (size_t i = before; i < scope->relations.size(); ++i) {
        scope->relations[i].hidden_from_star = true;
      }
    }
    if (join.on) Indirect(*join.on, *scope);
    if (join.natural) BindNaturalJoin(before, scope);
    for (const std::string& column : join.using_columns) BindJoinColumn(column, before, scope);
  }
}

void Resolver::BindTableRef(const TableRef& ref, Scope* scope) {
  switch (ref.kind) {
    case TableRefKind::kTable: {
      if (const Output* cte = ref.name.size() == 1 ? FindCte(ref.name[0]) : nullptr) {
        Relation r;
        r.alias = ref.alias.empty() ? ref.name[0] : ref.alias;
        r.output = Rename(cte, ref.column_aliases);
        scope->relations.push_back(std::move(r));
        break;
      }
      if (const TempObject* temp = FindTemp(Qualify(ref.name))) {
        BindTemp(ref, *temp, scope);
        break;
      }
      Relation r = PhysicalRelation(ref.name, ref.alias, false);
      if (r.output) r.output = Rename(r.output, ref.column_aliases);
      scope->relations.push_back(std::move(r));
      break;
    }
    case TableRefKind::kSubquery: {
      const Output* out = ResolveQuery(*ref.query, ref.lateral ? scope : scope->parent);
      Relation r;
      r.alias = ref.alias;
      r.output = Rename(out, ref.column_aliases);
      scope->relations.push_back(std::move(r));
      break;
    }
    case TableRefKind::kFunction:
      BindFunctionTable(ref, scope);
      break;
    case TableRefKind::kJoinGroup:
      BindFromItem(*ref.group, scope);
      break;
  }
  BindLateralViews(ref.lateral_views, scope);
}

void Resolver::BindFunctionTable(const TableRef& ref, Scope* scope) {
  if (ref.function_input) {  // Hive PTF: the input's rows and columns pass through
    Scope input;
    input.parent = scope->parent;
    BindFromItem(*ref.function_input, &input);
    for (const ExprPtr& arg : ref.function->children) Indirect(*arg, input);
    if (input.relations.empty()) return;
    Relation r = input.relations.front();
    if (!ref.alias.empty()) r.alias = ref.alias;
    scope->relations.push_back(std::move(r));
    return;
  }
  IdList ids;
  ResolveExpr(*ref.function, *scope, &ids);
  Normalize(&ids);
  const std::string& function = ref.function->name.back();
  StringList names = ref.column_aliases;
  if (names.empty()) names = DefaultGeneratorColumns(function);
  if (names.empty()) names.push_back(ref.alias.empty() ? function : ref.alias);
  Output* out = NewOutput();
  for (std::string& name : names) out->columns.push_back({std::move(name), ids});
  Relation r;
  r.alias = ref.alias.empty() ? function : ref.alias;
  r.output = out;
  scope->relations.push_back(std::move(r));
}

void Resolver::BindLateralViews(const PoolVector<LateralView>& views, Scope* scope) {
  for (const LateralView& view : views) {
    IdList ids;
    ResolveExpr(*view.function, *scope, &ids);
    Normalize(&ids);
    StringList names = view.columns;
    if (names.empty() && view.function->kind == ExprKind::kFunction) {
      names = DefaultGeneratorColumns(view.function->name.back());
    }
    Output* out = NewOutput();
    for (std::string& name : names) out->columns.push_back({std::move(name), ids});
    Relation r;
    r.alias = view.alias;
    r.output = out;
    scope->relations.push_back(std::move(r));
  }
}

Relation Resolver::PhysicalRelation(const Name& name, const std::string& alias, bool target_only) {
  Relation r;
  r.table = Qualify(name);
  r.table_id = Intern(r.table);
  r.alias = alias.empty() ? name.back() : alias;
  r.target_only = target_only;
  if (!target_only) sources_.push_back(r.table_id);
  auto cached = schema_outputs_.find(r.table_id);
  if (cached != schema_outputs_.end()) {
    r.output = cached->second;
    return r;
  }
  std::optional<std::vector<std::string>> columns = TableSchema(r.table);
  if (columns) {
    Output* out = NewOutput();
    for (const std::string& c : *columns) {
      std::string lower = LowerCopy(c);
      uint32_t id = ColumnId(r.table, lower);
      out->columns.push_back({std::move(lower), IdList{id}});
    }
    r.output = out;
  }
  schema_outputs_[r.table_id] = r.output;
  return r;
}

const Output* Resolver::Rename(const Output* out, const StringList& names) {
  if (names.empty()) return out;
  if (!Budget(out->columns.size())) return out;
  Output* renamed = NewOutput();
  *renamed = *out;
  for (size_t i = 0; i < names.size() && i < renamed->columns.size(); ++i) {
    renamed->columns[i].name = names[i];
  }
  renamed->ResetIndex();
  return renamed;
}

void Resolver::ExpandStar(const Expr& star, const Scope& scope, Output* out) {
  auto append = [&](const Relation& r) {
    if (r.target_only) return;
    if (!r.output) {
      out->columns.push_back({std::string(), IdList{}, r.table_id});
      return;
    }
    if (out->columns.size() + r.output->columns.size() > kMaxOutputColumns ||
        !Budget(r.output->columns.size())) {
      Warn("more than " + std::to_string(kMaxOutputColumns) + " columns: * not expanded");
      return;
    }
    out->columns.insert(out->columns.end(), r.output->columns.begin(), r.output->columns.end());
  };
  if (star.name.empty()) {
    size_t first = out->columns.size();
    for (const std::string& column : scope.using_columns) {  // once, with both sides' lineage
      OutColumn merged{column, {}};
      bool found = false;
      for (const Relation& r : scope.relations) {
        if (r.output && !r.hidden_from_star) {
          r.output->ForEachNamed(column, [&](const OutColumn& c) {
            merged.sources.insert(merged.sources.end(), c.sources.begin(), c.sources.end());
            found = true;
          });
        }
      }
      Normalize(&merged.sources);
      if (found) out->columns.push_back(std::move(merged));
    }
    size_t merged_end = out->columns.size();
    for (const Relation& r : scope.relations) {
      if (r.hidden_from_star) continue;
      size_t from = out->columns.size();
      append(r);
      if (merged_end == first) continue;
      auto is_merged = [&](const OutColumn& c) {
        return c.open_table == kNoId &&
               std::find(scope.using_columns.begin(), scope.using_columns.end(), c.name) !=
                   scope.using_columns.end();
      };
      out->columns.erase(std::remove_if(out->columns.begin() + from, out->columns.end(), is_merged),
                         out->columns.end());
    }
    return;
  }
  for (const Scope* s = &scope; s; s = s->parent) {
    if (const Relation* r = FindRelation(star.name, star.name.size(), *s)) {
      append(*r);
      return;
    }
  }
  std::string qualifier;
  for (const std::string& part : star.name) qualifier += (qualifier.empty() ? "" : ".") + part;
  Warn("unknown table '" + qualifier + "' in " + qualifier + ".*");
}

}  // namespace internal
}  // namespace linea::sql
