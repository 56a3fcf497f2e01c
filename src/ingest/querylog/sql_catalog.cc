#include "ingest/querylog/sql_catalog.h"

#include <map>

#include "common/hash.h"
#include "common/status_macros.h"
#include "common/strings.h"
#include "model/fqn.h"

namespace linea::querylog {
namespace {

using model::AssetKind;

// "db.table" → "<service>.db.table" with each part quoted when needed.
std::string TableFqn(const std::string& service, const std::string& sql_name) {
  std::string fqn = service;
  for (const std::string& part : Split(sql_name, '.')) fqn = model::JoinFqn(fqn, part);
  return fqn;
}

// Where the column name starts in "db.table.column": after the second dot, since a column
// named after an unaliased expression may hold dots itself (Spark "sum(t.x)").
size_t ColumnNameStart(const std::string& sql_column) {
  size_t first = sql_column.find('.');
  size_t second = first == std::string::npos ? first : sql_column.find('.', first + 1);
  return second == std::string::npos ? 0 : second + 1;
}

std::string ColumnName(const std::string& sql_column) {
  return sql_column.substr(ColumnNameStart(sql_column));
}

// "db.table.column" → (table FQN, column FQN).
std::pair<std::string, std::string> ColumnFqn(const std::string& service,
                                              const std::string& sql_column) {
  size_t start = ColumnNameStart(sql_column);
  std::string table = TableFqn(service, sql_column.substr(0, start > 0 ? start - 1 : 0));
  return {table, model::JoinFqn(table, sql_column.substr(start))};
}

class Builder {
 public:
  Builder(const catalog::Catalog& c, const SqlCatalogOptions& o, std::set<std::string>* pending)
      : catalog_(c), options_(o), pending_(pending) {}

  Status Need(const std::string& fqn, AssetKind kind) {
    if (pending_->count(fqn) || catalog_.KindOf(fqn)) return Status();
    if (options_.strict) {
      return NotFoundError("unknown " + std::string(model::KindName(kind)) + " " + fqn,
                           catalog_.Suggest(fqn, 3));
    }
    model::Asset a;
    a.fqn = fqn;
    a.kind = kind;
    a.properties["discovered_by"] = "sql";
    delta_.upsert_assets.push_back(std::move(a));
    pending_->insert(fqn);
    return Status();
  }

  Result<std::string> Column(const std::string& sql_column) {
    auto [table, column] = ColumnFqn(options_.service, sql_column);
    LINEA_RETURN_IF_ERROR(Need(table, AssetKind::kTable));
    LINEA_RETURN_IF_ERROR(Need(column, AssetKind::kColumn));
    return column;
  }

  Result<model::Delta> Build(const sql::StatementLineage& s) {
    model::EdgeSet set{SqlProvenance(s.text), {}};
    std::vector<std::string> targets;
    for (const sql::ColumnLineage& c : s.columns) {
      LINEA_ASSIGN_OR_RETURN(std::string to, Column(c.target));
      targets.push_back(to);
      std::string target_name = ColumnName(c.target);
      for (const std::string& src : c.sources) {
        LINEA_ASSIGN_OR_RETURN(std::string from, Column(src));
        bool same_name = ColumnName(src) == target_name;
        model::EdgeKind kind = c.sources.size() == 1 && same_name ? model::EdgeKind::kIdentity
                                                                  : model::EdgeKind::kTransformation;
        if (from != to) set.edges.push_back({from, to, kind, "", set.provenance});
      }
    }
    for (const std::string& ind : s.indirect) {
      LINEA_ASSIGN_OR_RETURN(std::string from, Column(ind));
      for (const std::string& to : targets) {
        if (from != to) set.edges.push_back({from, to, model::EdgeKind::kIndirect, "", set.provenance});
      }
    }
    if (s.columns.empty()) {  // written without column detail: table-level lineage
      for (const std::string& target : s.targets) {
        std::string to = TableFqn(options_.service, target);
        LINEA_RETURN_IF_ERROR(Need(to, AssetKind::kTable));
        for (const std::string& source : s.sources) {
          std::string from = TableFqn(options_.service, source);
          LINEA_RETURN_IF_ERROR(Need(from, AssetKind::kTable));
          if (from != to) set.edges.push_back({from, to, model::EdgeKind::kUnspecified, "", set.provenance});
        }
      }
    }
    if (!set.edges.empty()) delta_.replace_edges.push_back(std::move(set));
    return std::move(delta_);
  }

 private:
  const catalog::Catalog& catalog_;
  const SqlCatalogOptions& options_;
  std::set<std::string>* pending_;
  model::Delta delta_;
};

}  // namespace

std::string SqlProvenance(std::string_view statement_text) {
  return "sql:" + HexHash64(Trim(statement_text));
}

Result<model::Delta> StatementDelta(const sql::StatementLineage& statement,
                                    const catalog::Catalog& catalog,
                                    const SqlCatalogOptions& options,
                                    std::set<std::string>* pending) {
  if (statement.error || statement.targets.empty()) return model::Delta{};
  std::set<std::string> local = *pending;  // commit discoveries only when the statement succeeds
  Builder builder(catalog, options, &local);
  Result<model::Delta> delta = builder.Build(statement);
  if (delta.ok()) *pending = std::move(local);
  return delta;
}

void MergeDelta(model::Delta part, model::Delta* into) {
  std::map<std::string, size_t> asset_at, set_at;
  for (size_t i = 0; i < into->upsert_assets.size(); ++i) asset_at[into->upsert_assets[i].fqn] = i;
  for (size_t i = 0; i < into->replace_edges.size(); ++i) set_at[into->replace_edges[i].provenance] = i;
  for (model::Asset& a : part.upsert_assets) {
    auto it = asset_at.find(a.fqn);
    if (it != asset_at.end()) continue;
    asset_at[a.fqn] = into->upsert_assets.size();
    into->upsert_assets.push_back(std::move(a));
  }
  for (model::EdgeSet& set : part.replace_edges) {
    auto it = set_at.find(set.provenance);
    if (it != set_at.end()) {
      into->replace_edges[it->second] = std::move(set);
    } else {
      set_at[set.provenance] = into->replace_edges.size();
      into->replace_edges.push_back(std::move(set));
    }
  }
}

}  // namespace linea::querylog
