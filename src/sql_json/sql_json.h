// src/sql_json/sql_json.h: SQL lineage results and schemas as JSON — the shapes of docs/api.md
// "SQL lineage", shared by the server and `linea sql-lineage --json`.
#pragma once

#include <string>
#include <vector>

#include "codec/json_codec.h"
#include "common/result.h"
#include "sql/lineage.h"

namespace linea::sql_json {

using codec::Json;

// {"statements": [{"index", "kind", "sources", "targets", "columns": [{"target", "sources"}],
// "indirect", "warnings", "error": null | {"line", "column", "message"}}]}
Json EncodeSqlLineage(const std::vector<sql::StatementLineage>& statements);
// {"tables": {"db.table": ["col", …]}} (the inner object alone too unless `require_tables_key`)
// → a schema, names lower-cased. Errors name the place: `<where>: tables."db.t"[1]: …`.
Result<sql::MapSchema> DecodeSqlSchema(const Json& json, const std::string& where,
                                       bool require_tables_key);

}  // namespace linea::sql_json
