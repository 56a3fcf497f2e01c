// src/sql/resolver_expr.cc: expressions, column references and name lookup through scopes.
#include <algorithm>

#include "sql/resolver_internal.h"

namespace linea::sql::internal {
namespace {

constexpr int kMaxWindowChain = 8;

std::string JoinName(const Name& parts) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += '.';
    out += p;
  }
  return out;
}

std::string Describe(const Relation& r) { return r.alias.empty() ? r.table : r.alias; }

// "a, b, c" (at most three names, then ", ...").
std::string Owners(const std::vector<const Relation*>& relations) {
  std::string out;
  for (size_t i = 0; i < relations.size() && i < 3; ++i) {
    out += (i ? ", " : "") + Describe(*relations[i]);
  }
  return relations.size() > 3 ? out + ", ..." : out;
}

}  // namespace

void Output::CatchUp() const {
  const size_t n = columns.size();
  if (indexed_ == n) return;
  bool wide = n > kIndexFrom;
  if (wide && !indexed_wide_) {  // crossing the threshold: index from the start
    indexed_ = 0;
    indexed_wide_ = true;
  }
  for (size_t i = indexed_; i < n; ++i) {
    const OutColumn& c = columns[i];
    if (c.open_table != kNoId) {
      if (open_table_ != kNoId && open_table_ != c.open_table) several_open_ = true;
      if (open_table_ == kNoId) open_table_ = c.open_table;
    } else if (wide) {
      index_[c.name].push_back(static_cast<uint32_t>(i));
    }
  }
  indexed_ = n;
}

void Resolver::ResolveExpr(const Expr& e, const Scope& scope, IdList* out) {
  switch (e.kind) {
    case ExprKind::kColumn:
      ResolveColumn(e.name, scope, out);
      return;
    case ExprKind::kStar: {
      Output expanded;
      ExpandStar(e, scope, &expanded);
      AppendOutputSources(expanded, out);
      return;
    }
    case ExprKind::kLiteral:
      return;
    case ExprKind::kSubquery:
    case ExprKind::kExists:
      AppendOutputSources(*ResolveQuery(*e.query, &scope), out);
      break;
    case ExprKind::kLambda: {
      size_t mark = lambda_params_.size();
      lambda_params_.insert(lambda_params_.end(), e.name.begin(), e.name.end());
      for (const ExprPtr& child : e.children) ResolveExpr(*child, scope, out);
      lambda_params_.resize(mark);
      return;
    }
    case ExprKind::kFunction:
    case ExprKind::kCase:
    case ExprKind::kOperator:
      break;
  }
  for (const ExprPtr& child : e.children) ResolveExpr(*child, scope, out);
  if (e.window) ResolveWindow(*e.window, scope, out);
  if (e.filter) Indirect(*e.filter, scope);
}

void Resolver::ResolveWindow(const WindowSpec& w, const Scope& scope, IdList* out) {
  if (!w.base_name.empty() && window_depth_ < kMaxWindowChain) {
    for (const Scope* s = &scope; s; s = s->parent) {
      if (!s->windows) continue;
      auto it = std::find_if(s->windows->begin(), s->windows->end(),
                             [&](const auto& named) { return named.first == w.base_name; });
      if (it == s->windows->end()) continue;
      ++window_depth_;
      ResolveWindow(*it->second, scope, out);
      --window_depth_;
      break;
    }
  }
  for (const ExprPtr& p : w.partition_by) ResolveExpr(*p, scope, out);
  for (const ExprPtr& o : w.order_by) ResolveExpr(*o, scope, out);
}

void Resolver::Indirect(const Expr& e, const Scope& scope) {
  IdList ids;
  ResolveExpr(e, scope, &ids);
  indirect_.insert(indirect_.end(), ids.begin(), ids.end());
}

void Resolver::AppendOutputSources(const Output& out, IdList* ids) const {
  for (const OutColumn& c : out.columns)
    ids->insert(ids->end(), c.sources.begin(), c.sources.end());
}

void Resolver::WalkForTables(const Expr& e, const Scope* outer) {
  if (e.query) ResolveQuery(*e.query, outer);
  for (const ExprPtr& child : e.children) WalkForTables(*child, outer);
  if (e.filter) WalkForTables(*e.filter, outer);
}

void Resolver::ResolveColumn(const Name& parts, const Scope& scope, IdList* out) {
  if (std::find(lambda_params_.begin(), lambda_params_.end(), parts.front()) !=
      lambda_params_.end()) {
    return;
  }
  if (parts.size() >= 2) {
    for (const Scope* s = &scope; s; s = s->parent) {
      for (size_t k = parts.size() - 1; k >= 1; --k) {
        if (const Relation* r = FindRelation(parts, k, *s)) {
          ColumnOf(*r, parts[k], out);
          return;
        }
      }
    }
    // Not a table qualifier: a field of the struct column parts[0].
  }
  const std::string& name = parts.front();
  for (const Scope* s = &scope; s; s = s->parent) {
    // GROUP BY / HAVING / QUALIFY: a select alias beats a table of unknown schema.
    if (s->aliases_first && !HasNamedColumn(*s, name) && AppendSelectAlias(*s, name, out)) return;
    if (LookupUnqualified(name, *s, out) != Lookup::kNotFound) return;
    if (AppendSelectAlias(*s, name, out)) return;
  }
  Warn("cannot resolve column '" + JoinName(parts) + "'");
}

bool Resolver::HasNamedColumn(const Scope& scope, const std::string& name) const {
  for (const Relation& r : scope.relations) {
    if (r.output && !r.qualified_only && r.output->HasNamed(name)) return true;
  }
  return false;
}

bool Resolver::AppendSelectAlias(const Scope& scope, const std::string& name, IdList* out) const {
  if (!scope.select_output) return false;
  bool found = false;
  scope.select_output->ForEachNamed(name, [&](const OutColumn& c) {
    out->insert(out->end(), c.sources.begin(), c.sources.end());
    found = true;
  });
  return found;
}

Resolver::Lookup Resolver::LookupUnqualified(const std::string& name, const Scope& scope, IdList* out) {
  std::vector<const Relation*> definite, open;
  for (const Relation& r : scope.relations) {
    if (r.qualified_only) continue;
    if (!r.output) {
      open.push_back(&r);
      continue;
    }
    bool several = false;
    if (r.output->HasNamed(name)) {
      definite.push_back(&r);
    } else if (r.output->OpenTable(&several) != kNoId) {
      open.push_back(&r);
    }
  }
  bool using_column = std::find(scope.using_columns.begin(), scope.using_columns.end(), name) !=
                      scope.using_columns.end();
  if (!definite.empty()) {
    for (const Relation* r : definite) ColumnOf(*r, name, out);
    if (definite.size() > 1 && !using_column) {
      Warn("ambiguous column '" + name + "' (in " + Owners(definite) + ")");
    }
    return Lookup::kFound;
  }
  if (open.size() == 1 || (open.size() > 1 && using_column)) {
    for (const Relation* r : open) ColumnOf(*r, name, out);
    return Lookup::kFound;
  }
  if (open.size() > 1) {
    Warn("ambiguous column '" + name + "': could belong to " + Owners(open) + " (unknown schemas)");
    return Lookup::kAmbiguous;
  }
  return Lookup::kNotFound;
}

const Relation* Resolver::FindRelation(const Name& parts, size_t count, const Scope& scope) const {
  if (count == 1) {
    for (const Relation& r : scope.relations) {
      if (!r.alias.empty() && r.alias == parts[0]) return &r;
    }
    return nullptr;
  }
  const std::string& db = parts[count - 2];
  const std::string& table = parts[count - 1];
  for (const Relation& r : scope.relations) {
    if (r.table.size() == db.size() + 1 + table.size() && r.table.compare(0, db.size(), db) == 0 &&
        r.table[db.size()] == '.' && r.table.compare(db.size() + 1, table.size(), table) == 0) {
      return &r;
    }
  }
  return nullptr;
}

void Resolver::ColumnOf(const Relation& r, const std::string& name, IdList* out) {
  if (!r.output) {
    out->push_back(ColumnId(r.table, name));
    return;
  }
  bool found = false;
  r.output->ForEachNamed(name, [&](const OutColumn& c) {
    out->insert(out->end(), c.sources.begin(), c.sources.end());
    found = true;
  });
  if (found) return;
  bool several_open = false;
  uint32_t open = r.output->OpenTable(&several_open);
  if (open != kNoId && !several_open) {
    out->push_back(ColumnId(NameOf(open), name));
  } else if (several_open) {
    Warn("ambiguous column '" + name + "' in " + Describe(r) + " (unknown schemas)");
  } else if (!r.table.empty()) {
    out->push_back(ColumnId(r.table, name));  // schema lags the SQL: trust the SQL
  } else {
    Warn("column '" + name + "' not found in " + (r.alias.empty() ? "subquery" : r.alias));
  }
}

}  // namespace linea::sql::internal
