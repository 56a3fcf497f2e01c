// fuzz/fqn_fuzzer.cc: model::Fqn::Parse on arbitrary bytes.
//
// Oracle: parsing never crashes, and an accepted name round-trips: Parse(ToString()) succeeds
// with the same segments, and ToString() is a fixed point (canonical). abort() otherwise.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "model/fqn.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  linea::Result<linea::model::Fqn> fqn = linea::model::Fqn::Parse(text);
  if (!fqn.ok()) return 0;
  std::string canonical = fqn->ToString();
  linea::Result<linea::model::Fqn> again = linea::model::Fqn::Parse(canonical);
  if (!again.ok() || again->segments() != fqn->segments() || again->ToString() != canonical) {
    std::fprintf(stderr, "FQN round trip failed: input \"%.*s\" -> \"%s\"\n",
                 static_cast<int>(size), text.data(), canonical.c_str());
    std::abort();
  }
  return 0;
}
