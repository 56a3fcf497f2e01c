#include "ingest/hive_metastore/hms_mapping.h"

#include <algorithm>
#include <set>

#include "model/fqn.h"

namespace linea::hive_metastore {
namespace {

bool IsValidSegment(const std::string& name) {
  return !name.empty() && model::Fqn::Parse(model::QuoteSegment(name)).ok();
}

void SetIfPresent(const std::map<std::string, std::string>& params, const std::string& key,
                  const std::string& property, model::Asset* asset) {
  auto it = params.find(key);
  if (it != params.end() && !it->second.empty()) asset->properties[property] = it->second;
}

std::string LastSegment(const std::string& fqn) {
  Result<model::Fqn> parsed = model::Fqn::Parse(fqn);
  return parsed.ok() ? parsed->name() : fqn;
}

}  // namespace

std::string TableKey(const std::string& db, const std::string& table) { return db + "." + table; }

connectors::MappedItem MapTable(const HmsTable& table, const HmsConfig& config) {
  connectors::MappedItem item;
  item.key = TableKey(table.listed.database, table.listed.name);
  if (!IsValidSegment(table.listed.database) || !IsValidSegment(table.listed.name)) {
    item.problems.push_back("the name cannot be an FQN; not catalogued");
    return item;
  }
  model::Asset t;
  t.fqn = model::JoinFqn(model::JoinFqn(config.service, table.listed.database), table.listed.name);
  t.kind = model::AssetKind::kTable;
  if (auto it = table.params.find("comment"); it != table.params.end()) t.description = it->second;
  t.domain = config.DomainOf(table.listed.database);
  if (std::string team = config.TeamOf(table.listed.database, table.listed.owner); !team.empty()) {
    t.owners.push_back(team);
  }
  if (!table.listed.type.empty()) t.properties["table_type"] = table.listed.type;
  if (!table.listed.owner.empty()) t.properties["hms_owner"] = table.listed.owner;
  SetIfPresent(table.params, "numRows", "num_rows", &t);
  SetIfPresent(table.params, "transient_lastDdlTime", "last_ddl_time", &t);
  const std::string table_fqn = t.fqn;
  item.assets.push_back(std::move(t));
  std::set<std::string> seen;
  for (const HmsColumn& c : table.columns) {
    if (!IsValidSegment(c.name) || !seen.insert(c.name).second) {
      item.problems.push_back("column \"" + c.name + "\" cannot be an FQN segment; left out");
      continue;
    }
    model::Asset col;
    col.fqn = model::JoinFqn(table_fqn, c.name);
    col.kind = model::AssetKind::kColumn;
    col.data_type = c.type;
    col.description = c.comment;
    if (c.partition_key) col.properties["partition_key"] = "true";
    item.assets.push_back(std::move(col));
  }
  return item;
}

std::optional<std::vector<std::string>> CatalogSchema::Columns(std::string_view table) const {
  if (std::optional<std::vector<std::string>> pending = pending_.Columns(table)) return pending;
  const std::string fqn = service_ + "." + std::string(table);
  std::optional<model::AssetKind> kind = catalog_.KindOf(fqn);
  if (!kind || *kind != model::AssetKind::kTable) return std::nullopt;
  std::vector<std::string> columns;
  for (const std::string& child : catalog_.ChildNames(fqn)) columns.push_back(LastSegment(child));
  return columns;
}

bool CatalogSchema::Knows(const std::string& fqn) const {
  if (catalog_.KindOf(fqn)) return true;
  const size_t last = fqn.rfind('.');
  if (last == std::string::npos || fqn.compare(0, service_.size() + 1, service_ + ".") != 0) {
    return false;
  }
  const std::string table = fqn.substr(service_.size() + 1, last - service_.size() - 1);
  std::optional<std::vector<std::string>> columns = pending_.Columns(table);
  if (!columns) return false;
  const std::string column = fqn.substr(last + 1);
  return std::find(columns->begin(), columns->end(), column) != columns->end();
}

void AddViewLineage(const HmsTable& view, const HmsConfig& config, const CatalogSchema& schema,
                    connectors::MappedItem* item) {
  if (item->assets.empty()) return;
  if (view.view_expanded_text.empty()) {
    item->problems.push_back("view has no VIEW_EXPANDED_TEXT; no lineage");
    return;
  }
  sql::AnalyzeOptions options;
  options.dialect = sql::Dialect::kHive;
  options.default_database = view.listed.database;
  options.schema = &schema;
  const std::string script = "CREATE VIEW `" + view.listed.database + "`.`" + view.listed.name +
                             "` AS\n" + view.view_expanded_text;
  std::vector<sql::StatementLineage> analysed = sql::AnalyzeScript(script, options);
  if (analysed.empty()) return;
  const sql::StatementLineage& s = analysed.front();
  if (s.error) {
    // Line 1 is ours; report positions in VIEW_EXPANDED_TEXT.
    item->problems.push_back("view SQL did not analyse (line " + std::to_string(s.error->line - 1) +
                             ", column " + std::to_string(s.error->column) +
                             "): " + s.error->message);
    return;
  }
  std::set<std::string> view_columns;
  for (size_t i = 1; i < item->assets.size(); ++i) view_columns.insert(item->assets[i].fqn);
  std::set<std::string> unknown;  // what the SQL reads that the catalog does not hold
  auto resolve = [&](const std::string& sql_name) -> std::optional<std::string> {
    const std::string fqn = config.service + "." + sql_name;
    if (schema.Knows(fqn)) return fqn;
    const std::string table = sql_name.substr(0, sql_name.rfind('.'));
    unknown.insert(schema.Columns(table) ? config.service + "." + sql_name
                                         : config.service + "." + table);
    return std::nullopt;
  };
  for (const sql::ColumnLineage& c : s.columns) {
    const std::string to = config.service + "." + c.target;
    if (!view_columns.count(to)) continue;  // not a column the metastore lists
    for (const std::string& source : c.sources) {
      std::optional<std::string> from = resolve(source);
      if (!from) continue;
      const bool identity = c.sources.size() == 1 && LastSegment(*from) == LastSegment(to);
      item->edges.push_back({*from, to,
                             identity ? model::EdgeKind::kIdentity : model::EdgeKind::kTransformation,
                             "", ""});
    }
  }
  for (const std::string& source : s.indirect) {
    std::optional<std::string> from = resolve(source);
    if (!from) continue;
    for (const std::string& to : view_columns) {
      item->edges.push_back({*from, to, model::EdgeKind::kIndirect, "", ""});
    }
  }
  for (const std::string& w : s.warnings) item->problems.push_back("view SQL: " + w);
  for (const std::string& fqn : unknown) {
    item->problems.push_back("view reads " + fqn + ", which is not in the catalog; no lineage " +
                             "from it");
  }
}

}  // namespace linea::hive_metastore
