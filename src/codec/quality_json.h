// src/codec/quality_json.h: data-quality results and checks ⇄ JSON (model/quality.h) — the body
// of POST /api/v1/quality/results and the answers of GET /api/v1/quality/… (docs/quality.md).
//
// A result, as a profiler sends it (shape compatible in spirit with OpenMetadata's
// TestCaseResult: "timestamp" in unix ms, "testCaseStatus", "result", "testResultValue"):
//   {"asset": FQN, "check"?: name, "kind"?: kind, "timestamp": ms, "period"?: text
//    ("partition" is a synonym), "status"? | "testCaseStatus"?, "value"?: number,
//    "message"? | "result"?: text, "metrics"?: {name: number} | "testResultValue"?:
//    [{"name", "value"}] (values numbers or numeric strings), "distribution"?: {"edges"?,
//    "counts"?, "categories"?, "quantiles"?: [[p, value], …], "missing"?}, "columns"?:
//    ["name:type", …], "source"?: who measured it ("runner", "great_expectations", …)}
// Statuses: success | warn | fail | aborted, and OpenMetadata's Success | Failed | Aborted
// (any case).
#pragma once

#include <string>
#include <vector>

#include "codec/json_codec.h"
#include "model/quality.h"

namespace linea::codec {

// {"results": [result, …]} or a bare array of results. Errors: kInvalidArgument naming the JSON
// path, e.g. "results[3].timestamp: expected unix milliseconds (an integer)". `provenance` is
// set on every result, `source` on those that name none.
Result<std::vector<model::QualityResult>> DecodeQualityResults(const Json& json,
                                                               const std::string& source,
                                                               const std::string& provenance);
// One result at `path` (e.g. "results[3]").
Result<model::QualityResult> DecodeQualityResult(const Json& json, const std::string& path);

// The stored result with "time" (RFC 3339) beside "timestamp"; empty fields left out.
Json EncodeQualityResult(const model::QualityResult& result);
Json EncodeQualityCheck(const model::QualityCheck& check);

}  // namespace linea::codec
