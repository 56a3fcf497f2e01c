// src/report/report_json.h: what impact, upstream and search answer, as JSON — the shapes of
// docs/api.md "Queries", shared by the server, the CLI's --json and the impact an incident
// freezes.
#pragma once

#include "catalog/catalog.h"
#include "codec/json_codec.h"
#include "graph/impact.h"

namespace linea::report {

using codec::Json;

Json EncodeImpact(const graph::ImpactReport& report);
Json EncodeUpstream(const graph::UpstreamReport& report);
Json EncodeSearch(const catalog::SearchResults& results);

}  // namespace linea::report
