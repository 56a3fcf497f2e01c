// fuzz/manifest_fuzzer.cc: manifest::ParseManifests on arbitrary bytes.
//
// Oracle: parsing never crashes or throws; every diagnostic names the file and a line >= 1;
// every returned manifest holds a model of >= 2 segments that is already canonical, and
// features with a name and at least one source. abort() otherwise.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "ingest/manifest/manifest_parser.h"
#include "model/fqn.h"

namespace {

void Check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "manifest_fuzzer: %s\n", what);
  std::abort();
}

bool IsCanonical(const std::string& fqn, size_t min_segments) {
  linea::Result<linea::model::Fqn> parsed = linea::model::Fqn::Parse(fqn);
  return parsed.ok() && parsed->size() >= min_segments && parsed->ToString() == fqn;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  linea::manifest::ParseOutput out = linea::manifest::ParseManifests(text, "fuzz.yaml");
  for (const linea::manifest::Diagnostic& d : out.errors) {
    Check(d.file == "fuzz.yaml" && d.line >= 1 && !d.message.empty(), "bad diagnostic");
    Check(!linea::manifest::FormatDiagnostic(d).empty(), "empty formatted diagnostic");
  }
  for (const linea::manifest::Manifest& m : out.manifests) {
    Check(m.line >= 1 && IsCanonical(m.model, 2), "bad model");
    for (const linea::manifest::FeatureSpec& f : m.features) {
      Check(!f.name.empty() && !f.sources.empty() && f.line >= 1, "bad feature");
      for (const linea::manifest::SourceRef& s : f.sources) {
        Check(s.line >= 1 && IsCanonical(s.fqn, 1), "bad source");
      }
    }
  }
  return 0;
}
