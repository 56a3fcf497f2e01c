#include "model/kind.h"

#include <array>

namespace linea::model {
namespace {

constexpr std::array<std::string_view, kAssetKindCount> kKindNames = {
    "service", "table", "column", "topic", "dashboard", "pipeline", "model", "feature",
    "deployment"};

}  // namespace

std::string_view KindName(AssetKind kind) { return kKindNames[static_cast<size_t>(kind)]; }

std::optional<AssetKind> ParseKind(std::string_view name) {
  for (size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == name) return static_cast<AssetKind>(i);
  }
  return std::nullopt;
}

bool IsChildOfPrefix(AssetKind kind) {
  return kind == AssetKind::kColumn || kind == AssetKind::kFeature;
}

bool CanHoldColumns(AssetKind kind) {
  return kind == AssetKind::kTable || kind == AssetKind::kTopic;
}

std::string_view EdgeKindName(EdgeKind kind) {
  switch (kind) {
    case EdgeKind::kUnspecified: return "";
    case EdgeKind::kIdentity: return "identity";
    case EdgeKind::kTransformation: return "transformation";
    case EdgeKind::kAggregation: return "aggregation";
    case EdgeKind::kIndirect: return "indirect";
  }
  return "";
}

std::optional<EdgeKind> ParseEdgeKind(std::string_view name) {
  if (name.empty()) return EdgeKind::kUnspecified;
  if (name == "identity") return EdgeKind::kIdentity;
  if (name == "transformation") return EdgeKind::kTransformation;
  if (name == "aggregation") return EdgeKind::kAggregation;
  if (name == "indirect" || name == "indirect-filter") return EdgeKind::kIndirect;
  return std::nullopt;
}

}  // namespace linea::model
