// src/report/report_json.h: what impact, upstream and search answer, as JSON — the shapes of
// docs/api.md "Queries", shared by the server, the CLI's --json and the impact an incident
// freezes.
#pragma once

#include "catalog/catalog.h"
#include "codec/json_codec.h"
#include "graph/impact.h"

namespace linea::report {

using codec::Json;

// `redact_secrets`: teams' contacts redacted (contacts/redact.h) — for callers that may not
// administer, and for the impact an incident freezes (stored, then shown to every reader).
Json EncodeImpact(const graph::ImpactReport& report, bool redact_secrets);
Json EncodeUpstream(const graph::UpstreamReport& report);
Json EncodeSearch(const catalog::SearchResults& results);

}  // namespace linea::report
