#include "generate/mesh.h"

#include "generate/internal/builder.h"
#include "generate/internal/spec.h"

namespace linea::generate {

std::optional<Scale> ParseScale(std::string_view name) {
  for (Scale s : {Scale::kTiny, Scale::kDemo, Scale::kMedium, Scale::kBeeline}) {
    if (ScaleName(s) == name) return s;
  }
  return std::nullopt;
}

std::string_view ScaleName(Scale scale) {
  switch (scale) {
    case Scale::kTiny:
      return "tiny";
    case Scale::kDemo:
      return "demo";
    case Scale::kMedium:
      return "medium";
    case Scale::kBeeline:
      return "beeline";
  }
  return "demo";
}

model::Delta GenerateMesh(const MeshOptions& options) {
  internal::MeshBuilder builder(internal::SpecFor(options), options.seed);
  return builder.Build();
}

}  // namespace linea::generate
