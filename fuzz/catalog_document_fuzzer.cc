// fuzz/catalog_document_fuzzer.cc: codec::DecodeDocument on arbitrary bytes (the body of
// PUT /api/v1/catalog and of `linea import`).
//
// Oracle: decoding never crashes and only fails with kInvalidArgument; an accepted document
// re-encodes and decodes to the same assets, edges and teams. abort() otherwise.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "codec/json_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  linea::Result<linea::model::CatalogDocument> doc = linea::codec::DecodeDocument(text);
  if (!doc.ok()) {
    if (doc.status().code() != linea::StatusCode::kInvalidArgument) {
      std::fprintf(stderr, "unexpected error: %s\n", doc.status().ToString().c_str());
      std::abort();
    }
    return 0;
  }
  linea::Result<linea::model::CatalogDocument> again =
      linea::codec::DecodeDocument(linea::codec::EncodeDocument(*doc));
  if (!again.ok() || again->edges != doc->edges || again->teams != doc->teams ||
      again->assets.size() != doc->assets.size()) {
    std::fprintf(stderr, "document round trip failed\n");
    std::abort();
  }
  return 0;
}
