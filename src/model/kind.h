// src/model/kind.h: asset kinds, edge kinds and the containment rules between kinds.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace linea::model {

enum class AssetKind : uint8_t {
  kService = 0,
  kTable,
  kColumn,
  kTopic,
  kDashboard,
  kPipeline,
  kModel,
  kFeature,
  kDeployment,
};
inline constexpr int kAssetKindCount = 9;

// "service", "table", …; the names used in documents, flags and JSON.
std::string_view KindName(AssetKind kind);
// Inverse of KindName; nullopt for an unknown name.
std::optional<AssetKind> ParseKind(std::string_view name);

// How a child asset hangs off its parent.
//  - column: its parent is the table (or topic) named by all but the last segment;
//  - feature: its parent is the model named by all but the last segment;
//  - service: no parent;
//  - every other kind: its parent is the service named by the first segment.
bool IsChildOfPrefix(AssetKind kind);
// Kinds a column/feature parent may have.
bool CanHoldColumns(AssetKind kind);
// A model's children (features) are its inputs: impact climbs from a feature to its model,
// and upstream descends from a model into its features. Every other container's children are
// its parts: impact descends from a broken table into its columns, upstream climbs from a column
// to its table.
inline bool ChildrenAreInputs(AssetKind kind) { return kind == AssetKind::kModel; }

enum class EdgeKind : uint8_t {
  kUnspecified = 0,
  kIdentity,
  kTransformation,
  kAggregation,
  kIndirect,
};

// "identity", "transformation", "aggregation", "indirect"; "" for kUnspecified.
std::string_view EdgeKindName(EdgeKind kind);
// Accepts the names above and "indirect-filter"; nullopt otherwise. "" is kUnspecified.
std::optional<EdgeKind> ParseEdgeKind(std::string_view name);

}  // namespace linea::model
