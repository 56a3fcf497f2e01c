// src/generate/internal/vocabulary.h: the words the mesh is made of (domains, table stems,
// column attributes, hub keys, model names, team roles).
//
// Every list is a fixed, ordered array: the generator indexes into them, never iterates a hash
// container, so output order is stable.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace linea::generate::internal {

// Hub keys: the join/group-by columns shared across domains. Index 0 is always `dt`.
inline constexpr int kHubCount = 10;
std::string_view HubName(int hub);
std::string_view HubType(int hub);

struct Domain {
  std::string_view name;
  std::vector<std::string_view> stems;   // table name stems, e.g. "cell_events"
  std::vector<std::string_view> attrs;   // measure/attribute column words, e.g. "distance_km"
  std::vector<int> hubs;                 // hub indexes this domain keys on (besides dt)
  std::vector<std::string_view> models;  // model base names, e.g. "churn_scoring"
  bool b2b = false;                      // its models live in mlflow_b2b (else mlflow_b2c)
};

// All known domains in generation order: geo, billing, scoring, crm, antifraud, … (25).
const std::vector<Domain>& Domains();

// Hive type of an attribute word, from its suffix: "_rub" → double, "_cnt" → bigint, …
std::string_view AttrType(std::string_view attr);

// Table-name qualifiers per layer (0 raw, 1 ods, 2 agg, 3 mart), e.g. "_daily".
std::span<const std::string_view> LayerQualifiers(int layer);
// "raw", "ods", "agg", "mart".
std::string_view LayerName(int layer);
// Human text for table descriptions: "Raw", "Operational (cleansed)", …
std::string_view LayerTitle(int layer);

// Suffixes that keep raw column names unique: "prev", "last", …
std::span<const std::string_view> RawQualifiers();
// ODS transformations: "clean", "norm", … (also used as the edge transform text).
std::span<const std::string_view> OdsTransforms();
// Aggregations: "sum", "avg", "max", "min", "cnt".
std::span<const std::string_view> AggFunctions();
// Windows: "1d", "7d", "30d", "90d".
std::span<const std::string_view> Windows();
// Mart transformations: "share", "trend", …
std::span<const std::string_view> MartTransforms();
// Feature transformations: "log", "woe", …
std::span<const std::string_view> FeatureTransforms();

// Model name segments used once a domain's base names are used up: "prepaid", "msk", …
std::span<const std::string_view> ModelSegments();
std::span<const std::string_view> Algorithms();
// Dashboard name suffixes: "overview", "kpi", …
std::span<const std::string_view> DashboardSuffixes();

// Team roles in the order teams are made: "data", "ds", "bi", "platform", …
enum class RoleClass : uint8_t { kData, kScience, kBi };
inline constexpr int kRoleCount = 10;
std::string_view RoleName(int role);
std::string_view RoleTitle(int role);
RoleClass RoleClassOf(int role);

}  // namespace linea::generate::internal
