// src/generate/mesh.h: `linea generate`, a deterministic synthetic data mesh.
//
// GenerateMesh() builds a Delta describing a telecom-style data mesh: Hive tables in layers
// raw → ods → agg → mart (one database per domain and layer: raw_geo, ods_geo, agg_geo,
// mart_geo), their columns with column-level lineage, Kafka topics feeding raw tables, MLflow
// models whose features read mart/aggregate columns, Seldon deployments, score tables, Qlik
// dashboards and the owning teams. docs/generate.md describes the shape and every scale.
//
// The generator only builds the Delta; the caller hands it to catalog (the single write path).
//
// Thread safety: every function here is pure and may run concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "model/delta.h"

namespace linea::generate {

enum class Scale { kTiny, kDemo, kMedium, kBeeline };

// "tiny" | "demo" | "medium" | "beeline"; nullopt for anything else (case-sensitive).
std::optional<Scale> ParseScale(std::string_view name);
// Inverse of ParseScale.
std::string_view ScaleName(Scale scale);

struct MeshOptions {
  // Default: kDemo.
  Scale scale = Scale::kDemo;
  // Seeds the generator's own PRNG (xoshiro256**). Default: 42. The counts of tables, columns
  // per table range, models and teams depend only on `scale` and `multiplier`; names, column
  // counts and edges depend on the seed too.
  uint64_t seed = 42;
  // Multiplies the number of tables per domain and layer, models and dashboards (2 or 5 give
  // the 2x / 5x beeline meshes for scale curves). Domains and teams are not multiplied.
  // Values below 1 are treated as 1. Default: 1.
  int multiplier = 1;
};

// Builds the mesh. Deterministic: the same options give an identical Delta (same order, same
// strings) on every machine and compiler. The result satisfies the catalog's rules: canonical
// FQNs, parents present, no duplicate FQNs, every edge endpoint an asset of the delta, no self
// edges, no duplicate (from, to) within an EdgeSet, every owner a team of the delta, and the
// lineage graph is acyclic by construction. Only upsert_assets, replace_edges and upsert_teams
// are filled.
model::Delta GenerateMesh(const MeshOptions& options);

}  // namespace linea::generate
