// POST /api/v1/sql/lineage (api.h).
#include <set>

#include "api/api.h"
#include "sql_json/sql_json.h"
#include "common/status_macros.h"
#include "ingest/querylog/sql_catalog.h"

namespace linea::api {
namespace {

struct SqlRequest {
  sql::AnalyzeOptions options;
  sql::MapSchema schema;
  std::string text;
  bool apply = false;
  std::string service;
};

Result<SqlRequest> DecodeSqlRequest(std::string_view body) {
  LINEA_ASSIGN_OR_RETURN(Json j, codec::ParseJson(body));
  if (!j.is_object()) return InvalidArgumentError("body: expected a JSON object");
  SqlRequest r;
  auto str = [&](const char* key, std::string* out) -> Status {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return Status();
    if (!it->is_string()) return InvalidArgumentError(std::string(key) + ": expected a string");
    *out = it->get<std::string>();
    return Status();
  };
  LINEA_RETURN_IF_ERROR(str("sql", &r.text));
  if (!j.contains("sql")) return InvalidArgumentError("sql: required");
  std::string dialect = "hive";
  LINEA_RETURN_IF_ERROR(str("dialect", &dialect));
  std::optional<sql::Dialect> d = sql::ParseDialect(dialect);
  if (!d) return InvalidArgumentError("dialect: expected hive, spark or postgres");
  r.options.dialect = *d;
  LINEA_RETURN_IF_ERROR(str("default_database", &r.options.default_database));
  if (r.options.default_database.empty()) r.options.default_database = "default";
  LINEA_RETURN_IF_ERROR(str("service", &r.service));
  if (r.service.empty()) r.service = *d == sql::Dialect::kPostgres ? "postgres" : "hive";
  if (j.contains("schema") && !j["schema"].is_null()) {
    LINEA_ASSIGN_OR_RETURN(r.schema, sql_json::DecodeSqlSchema(j["schema"], "schema", false));
  }
  if (j.contains("apply") && !j["apply"].is_null()) {
    if (!j["apply"].is_boolean()) return InvalidArgumentError("apply: expected true or false");
    r.apply = j["apply"].get<bool>();
  }
  return r;
}

}  // namespace

Reply SqlLineage(catalog::Catalog& c, std::string_view body, bool can_write,
                 const catalog::Writer& writer) {
  Result<SqlRequest> r = DecodeSqlRequest(body);
  if (!r.ok()) return Error(r.status());
  if (r->apply && !can_write) {
    return Error({StatusCode::kPermissionDenied, "\"apply\": true needs a writer token"});
  }
  r->options.schema = &r->schema;
  std::vector<sql::StatementLineage> statements = sql::AnalyzeScript(r->text, r->options);
  Json out = sql_json::EncodeSqlLineage(statements);
  if (!r->apply) return Ok(std::move(out));
  // All statements' lineage in one transaction: the request applies completely or not at all.
  querylog::SqlCatalogOptions options;
  options.service = r->service;
  std::set<std::string> pending;
  model::Delta delta;
  for (const sql::StatementLineage& s : statements) {
    Result<model::Delta> part = querylog::StatementDelta(s, c, options, &pending);
    if (!part.ok()) return Error(part.status());
    querylog::MergeDelta(std::move(*part), &delta);
  }
  size_t discovered = delta.upsert_assets.size();
  Result<catalog::ApplyStats> stats = c.Apply(std::move(delta), nullptr, &writer);
  if (!stats.ok()) return Error(stats.status());
  out["applied"] = {{"edges", stats->edges_written},
                    {"provenances", stats->edge_sets_replaced},
                    {"assets_discovered", discovered}};
  return Ok(std::move(out));
}

}  // namespace linea::api
