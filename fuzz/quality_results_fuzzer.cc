// fuzz/quality_results_fuzzer.cc: the body of POST /api/v1/quality/results
// (codec::DecodeQualityResults) on arbitrary bytes, and every decoded result judged by its
// kind's default check (quality::Evaluate: statistics, PSI, merging) against the results decoded
// before it as its history.
//
// Oracle: decoding never crashes and fails only with kInvalidArgument; an accepted result
// re-encodes and decodes to the same result; Evaluate never throws and gives one of the four
// statuses. abort() otherwise.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "codec/quality_json.h"
#include "quality/check_kinds.h"
#include "quality/evaluate.h"

namespace {

[[noreturn]] void Fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "%s: %s\n", what, detail.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using linea::codec::Json;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  linea::Result<Json> json = linea::codec::ParseJson(text);
  if (!json.ok()) return 0;
  linea::Result<std::vector<linea::model::QualityResult>> results =
      linea::codec::DecodeQualityResults(*json, "fuzz", "fuzz");
  if (!results.ok()) {
    if (results.status().code() != linea::StatusCode::kInvalidArgument) {
      Fail("unexpected error", results.status().ToString());
    }
    return 0;
  }
  std::vector<linea::model::QualityResult> history;  // newest first
  for (linea::model::QualityResult& r : *results) {
    linea::Result<linea::model::QualityResult> again = linea::codec::DecodeQualityResult(
        Json::parse(linea::codec::EncodeQualityResult(r).dump()), "again");
    if (!again.ok()) Fail("re-encoded result refused", again.status().ToString());
    again->source = r.source;
    again->provenance = r.provenance;
    if (!(*again == r)) Fail("result round trip", linea::codec::EncodeQualityResult(r).dump());
    if (r.kind.empty() || linea::quality::FindKind(r.kind) == nullptr) continue;
    const linea::quality::Verdict v =
        linea::quality::Evaluate(linea::quality::DefaultCheck(r.asset, r.kind), r, history);
    if (v.status != "success" && v.status != "warn" && v.status != "fail" &&
        v.status != "aborted") {
      Fail("unknown status", v.status);
    }
    history.insert(history.begin(), r);
  }
  return 0;
}
