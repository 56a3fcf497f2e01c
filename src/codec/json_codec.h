// src/codec/json_codec.h: catalog documents ⇄ JSON — assets, edges, teams, runs and error
// bodies, exactly the shapes of docs/api.md. Shared by the CLI (--json output, import/export)
// and the server, so both print the same documents. Reports (impact, upstream, search) are
// report/, SQL lineage results sql_json/: a decoder of documents links only the model.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "model/document.h"
#include "model/run.h"

namespace linea::codec {

using Json = nlohmann::ordered_json;

// Parses JSON text. kInvalidArgument "malformed JSON: <parser message with byte position>".
Result<Json> ParseJson(std::string_view text);

// Parses a catalog document. Errors are kInvalidArgument naming the JSON path of the problem,
// e.g. "assets[3].kind: unknown kind \"view\"". `columns`/`features` shorthands become child
// assets (FQN = parent + "." + name). Scalar property values are kept as their JSON text.
Result<model::CatalogDocument> DecodeDocument(std::string_view json);
Result<model::CatalogDocument> DecodeDocument(const Json& json);
// The inverse: columns and features nest under their table/topic/model. `redact_secrets`
// redacts every contact (contacts/redact.h) — for callers that may read but not administer.
Json EncodeDocument(const model::CatalogDocument& document, bool redact_secrets = false);

Result<model::Team> DecodeTeam(const Json& json, const std::string& path);
Json EncodeTeam(const model::Team& team, bool redact_secrets = false);
// A user has a team's shape: {"name", "description"?, "contacts": [...]}.
Result<model::User> DecodeUser(const Json& json, const std::string& path);
Json EncodeUser(const model::User& user, bool redact_secrets = false);
// {"type", <fields>…}; redacted by contacts::RedactContact when `redact_secrets`.
Json EncodeContact(const model::Contact& contact, bool redact_secrets);
// The contacts of an answer's JSON (e.g. an incident's frozen impact) redacted: each object's
// string fields go through contacts::RedactContact; anything else is kept as it is.
Json RedactContactsJson(const Json& contacts);
Json EncodeAsset(const model::Asset& asset);
// {"job", "run_id", "state", "event_time", "error_message"?, "failed_assertions"?,
//  "quality"?} — an asset's last run (model/run.h).
Json EncodeRun(const model::RunRecord& run);

// {"error": {"code", "message", "details": {"candidates": [...]}}}
Json EncodeError(const Status& status);

}  // namespace linea::codec
