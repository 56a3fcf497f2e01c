// src/generate/internal/spec.h: the numbers behind each scale (docs/generate.md has the table).
#pragma once

#include "generate/mesh.h"

namespace linea::generate::internal {

inline constexpr int kLayerCount = 4;  // raw, ods, agg, mart

struct LayerSpec {
  int tables_per_domain = 1;
  int min_columns = 4;  // keys included
  int max_columns = 5;
};

struct ScaleSpec {
  int domains = 3;  // the first `domains` entries of Domains()
  LayerSpec layers[kLayerCount];
  int models = 3;         // total; round-robin over the model domains
  int model_domains = 1;  // the last `model_domains` domains host models
  int min_features = 4;
  int max_features = 4;
  int dashboards = 1;         // round-robin over all domains
  int teams_per_domain = 1;   // raised to 2 in a model domain (it needs a "<domain>_ds" team)
  int kafka_stride = 3;       // every kafka_stride-th raw table (global order) reads a topic
  int cross_domain_pct = 30;  // chance a mart also reads another domain's aggregate
  int deploy_every = 3;       // models i with i % deploy_every != deploy_every - 1 are deployed
};

// The spec of `options.scale`, with table, model and dashboard counts times the multiplier.
ScaleSpec SpecFor(const MeshOptions& options);

}  // namespace linea::generate::internal
