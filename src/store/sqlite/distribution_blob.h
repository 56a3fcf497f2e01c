// src/store/sqlite/distribution_blob.h: the binary encoding of a quality result's distribution
// column (model::Distribution), written since schema v10's results became the hot path of
// quality ingest (docs/benchmarks.md, "Data quality").
//
// Layout (little-endian; doubles as their IEEE-754 bits, so every value — NaN payloads, -0.0,
// subnormals — reads back bit for bit):
//   "LD" 0x01                          magic and version
//   u32 edges, counts, categories, quantiles   element counts
//   f64 missing
//   f64 × edges, f64 × counts, (f64 p, f64 value) × quantiles
//   (u32 length, bytes) × categories
// Rows written before hold the JSON text of json_columns.h; readers tell the two apart by the
// column's storage class (BLOB here, TEXT there).
#pragma once

#include <string>
#include <string_view>

#include "model/quality.h"

namespace linea::store::sqlite_internal {

// The blob of `distribution`; '' only for a distribution equal to model::Distribution{}.
std::string EncodeDistributionBlob(const model::Distribution& distribution);

// The inverse of EncodeDistributionBlob; false (and `out` unspecified) on a blob that is not
// one: a wrong magic or version, counts that do not add up to its length.
bool DecodeDistributionBlob(std::string_view blob, model::Distribution& out);

}  // namespace linea::store::sqlite_internal
