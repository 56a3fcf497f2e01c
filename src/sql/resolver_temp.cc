// src/sql/resolver_temp.cc: temporary tables and views (sql::TempObject). They are folded away:
// a statement reading one gets the lineage behind it, and one creating or filling it records
// that lineage instead of writing a target.
#include <algorithm>

#include "sql/resolver_internal.h"

namespace linea::sql::internal {
namespace {

// "db.table" of a target column "db.table.column" (column names may hold dots: `sum(t.x)`).
std::string_view TableOfColumn(std::string_view column) {
  size_t first = column.find('.');
  size_t second = first == std::string_view::npos ? first : column.find('.', first + 1);
  return second == std::string_view::npos ? column : column.substr(0, second);
}

}  // namespace

const TempObject* Resolver::FindTemp(const std::string& table) const {
  auto own = temps_.find(table);
  if (own != temps_.end()) return &own->second;
  if (!ctx_.temp_objects) return nullptr;
  auto it = ctx_.temp_objects->find(table);
  return it == ctx_.temp_objects->end() ? nullptr : &it->second;
}

void Resolver::BindTemp(const TableRef& ref, const TempObject& temp, Scope* scope) {
  Output* out = NewOutput();
  for (const TempColumn& c : temp.columns) {
    OutColumn column{c.name, {}};
    for (const std::string& source : c.sources) column.sources.push_back(Intern(source));
    if (!c.open_table.empty()) column.open_table = Intern(c.open_table);
    out->columns.push_back(std::move(column));
  }
  for (const std::string& table : temp.sources) sources_.push_back(Intern(table));
  for (const std::string& column : temp.indirect) indirect_.push_back(Intern(column));
  Relation r;
  r.alias = ref.alias.empty() ? ref.name.back() : ref.alias;
  r.output = Rename(out, ref.column_aliases);
  scope->relations.push_back(std::move(r));
}

void Resolver::CreateTemp(const std::string& table, const StringList& columns, const Output* out) {
  TempObject temp;
  if (out) {
    for (size_t i = 0; i < out->columns.size(); ++i) {
      const OutColumn& c = out->columns[i];
      TempColumn column;
      column.name = i < columns.size() ? columns[i] : c.name;
      for (uint32_t id : c.sources) column.sources.push_back(NameOf(id));
      if (c.open_table != kNoId) column.open_table = NameOf(c.open_table);
      temp.columns.push_back(std::move(column));
    }
  } else {
    for (const std::string& name : columns) temp.columns.push_back({name, {}, {}});
  }
  temps_[table] = std::move(temp);
}

void Resolver::FillTemp(const std::string& table, const StringList& explicit_columns,
                        const Output& out) {
  const TempObject* existing = FindTemp(table);
  TempObject temp = existing ? *existing : TempObject{};
  for (size_t i = 0; i < out.columns.size(); ++i) {
    const OutColumn& c = out.columns[i];
    std::string name = i < explicit_columns.size()                           ? explicit_columns[i]
                       : explicit_columns.empty() && i < temp.columns.size() ? temp.columns[i].name
                                                                             : c.name;
    auto it = std::find_if(temp.columns.begin(), temp.columns.end(),
                           [&](const TempColumn& t) { return t.name == name; });
    if (name.empty() || it == temp.columns.end()) {
      if (!explicit_columns.empty() || !existing) {
        temp.columns.push_back({name, {}, {}});
        it = temp.columns.end() - 1;
      } else {
        continue;  // more values than the object has columns
      }
    }
    for (uint32_t id : c.sources) it->sources.push_back(NameOf(id));
    if (c.open_table != kNoId) it->open_table = NameOf(c.open_table);
    it->sources = SortedUnique(std::move(it->sources));
  }
  temps_[table] = std::move(temp);
}

void Resolver::FinishTemps(ResolvedStatement* r) {
  for (auto& [name, temp] : temps_) {
    temp.sources.insert(temp.sources.end(), r->sources.begin(), r->sources.end());
    temp.indirect.insert(temp.indirect.end(), r->indirect.begin(), r->indirect.end());
    temp.sources = SortedUnique(std::move(temp.sources));
    temp.indirect = SortedUnique(std::move(temp.indirect));
  }
  auto is_temp = [&](std::string_view table) { return FindTemp(std::string(table)) != nullptr; };
  r->targets.erase(std::remove_if(r->targets.begin(), r->targets.end(),
                                  [&](const std::string& t) { return is_temp(t); }),
                   r->targets.end());
  r->columns.erase(
      std::remove_if(r->columns.begin(), r->columns.end(),
                     [&](const ColumnLineage& c) { return is_temp(TableOfColumn(c.target)); }),
      r->columns.end());
  r->temp_objects = std::move(temps_);
}

}  // namespace linea::sql::internal
