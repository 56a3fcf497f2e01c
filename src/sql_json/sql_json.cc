#include "sql_json/sql_json.h"

#include "common/strings.h"

namespace linea::sql_json {

Json EncodeSqlLineage(const std::vector<sql::StatementLineage>& statements) {
  Json list = Json::array();
  for (const sql::StatementLineage& s : statements) {
    Json columns = Json::array();
    for (const sql::ColumnLineage& c : s.columns) {
      columns.push_back({{"target", c.target}, {"sources", c.sources}});
    }
    Json j = {{"index", s.index},
              {"kind", s.kind},
              {"sources", s.sources},
              {"targets", s.targets},
              {"columns", std::move(columns)},
              {"indirect", s.indirect},
              {"warnings", s.warnings}};
    j["error"] = s.error ? Json{{"line", s.error->line},
                                {"column", s.error->column},
                                {"message", s.error->message}}
                         : Json(nullptr);
    list.push_back(std::move(j));
  }
  return {{"statements", std::move(list)}};
}

Result<sql::MapSchema> DecodeSqlSchema(const Json& json, const std::string& where,
                                       bool require_tables_key) {
  bool wrapped = json.is_object() && json.contains("tables");
  const Json& tables = wrapped ? json["tables"] : json;
  if ((require_tables_key && !wrapped) || !tables.is_object()) {
    return InvalidArgumentError(where + ": expected {\"tables\": {\"db.table\": [\"column\", …]}}");
  }
  sql::MapSchema schema;
  for (const auto& [table, list] : tables.items()) {
    std::string at = where + ": tables.\"" + table + "\"";
    if (table.empty()) return InvalidArgumentError(where + ": tables: empty table name");
    if (!list.is_array()) return InvalidArgumentError(at + ": expected an array of column names");
    std::vector<std::string> columns;
    for (size_t i = 0; i < list.size(); ++i) {
      if (!list[i].is_string() || list[i].get<std::string>().empty()) {
        return InvalidArgumentError(at + "[" + std::to_string(i) +
                                    "]: expected a column name string");
      }
      columns.push_back(ToLower(list[i].get<std::string>()));
    }
    schema.Add(ToLower(table), std::move(columns));
  }
  return schema;
}

}  // namespace linea::sql_json
