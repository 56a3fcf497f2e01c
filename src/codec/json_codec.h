// src/codec/json_codec.h: JSON ⇄ linea values, exactly the shapes of API.md. Shared by the CLI
// (--json output, import/export) and the server, so both print the same documents.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "common/result.h"
#include "graph/impact.h"
#include "model/document.h"
#include "model/run.h"
#include "sql/lineage.h"

namespace linea::codec {

using Json = nlohmann::ordered_json;

// Parses JSON text. kInvalidArgument "malformed JSON: <parser message with byte position>".
Result<Json> ParseJson(std::string_view text);

// Parses a catalog document. Errors are kInvalidArgument naming the JSON path of the problem,
// e.g. "assets[3].kind: unknown kind \"view\"". `columns`/`features` shorthands become child
// assets (FQN = parent + "." + name). Scalar property values are kept as their JSON text.
Result<model::CatalogDocument> DecodeDocument(std::string_view json);
Result<model::CatalogDocument> DecodeDocument(const Json& json);
// The inverse: columns and features nest under their table/topic/model. `redact_secrets` drops
// contact fields named "secret" or "bot_token" (for callers that may read but not administer).
Json EncodeDocument(const model::CatalogDocument& document, bool redact_secrets = false);

Result<model::Team> DecodeTeam(const Json& json, const std::string& path);
Json EncodeTeam(const model::Team& team, bool redact_secrets = false);
// True for contact fields that hold credentials ("secret", "bot_token").
bool IsSecretField(std::string_view field);
Json EncodeAsset(const model::Asset& asset);
// {"job", "run_id", "state", "event_time", "error_message"?, "failed_assertions"?,
//  "quality"?} — an asset's last run (model/run.h).
Json EncodeRun(const model::RunRecord& run);

Json EncodeImpact(const graph::ImpactReport& report);
Json EncodeUpstream(const graph::UpstreamReport& report);
Json EncodeSearch(const catalog::SearchResults& results);
// {"statements": [{"index", "kind", "sources", "targets", "columns": [{"target", "sources"}],
// "indirect", "warnings", "error": null | {"line", "column", "message"}}]} (API.md).
Json EncodeSqlLineage(const std::vector<sql::StatementLineage>& statements);
// {"tables": {"db.table": ["col", …]}} (the inner object alone too unless `require_tables_key`)
// → a schema, names lower-cased. Errors name the place: `<where>: tables."db.t"[1]: …`.
Result<sql::MapSchema> DecodeSqlSchema(const Json& json, const std::string& where,
                                       bool require_tables_key);

// {"error": {"code", "message", "details": {"candidates": [...]}}}
Json EncodeError(const Status& status);

}  // namespace linea::codec
