#include "generate/internal/spec.h"

#include <algorithm>

namespace linea::generate::internal {
namespace {

ScaleSpec TinySpec() {
  ScaleSpec s;
  s.domains = 3;
  for (LayerSpec& layer : s.layers) layer = {1, 4, 5};
  s.models = 3;
  s.model_domains = 1;
  s.min_features = s.max_features = 4;
  s.dashboards = 1;
  s.teams_per_domain = 1;
  s.kafka_stride = 3;
  s.cross_domain_pct = 100;
  return s;
}

ScaleSpec DemoSpec() {
  ScaleSpec s;
  s.domains = 10;
  s.layers[0] = {10, 12, 36};
  s.layers[1] = {11, 12, 36};
  s.layers[2] = {10, 12, 36};
  s.layers[3] = {9, 12, 36};
  s.models = 100;
  s.model_domains = 10;
  s.min_features = 24;
  s.max_features = 36;
  s.dashboards = 20;
  s.teams_per_domain = 4;
  s.kafka_stride = 8;
  return s;
}

ScaleSpec MediumSpec() {
  ScaleSpec s;
  s.domains = 15;
  s.layers[0] = {25, 30, 100};
  s.layers[1] = {28, 30, 100};
  s.layers[2] = {25, 30, 100};
  s.layers[3] = {22, 30, 100};
  s.models = 500;
  s.model_domains = 15;
  s.min_features = 80;
  s.max_features = 120;
  s.dashboards = 60;
  s.teams_per_domain = 8;
  s.kafka_stride = 10;
  return s;
}

ScaleSpec BeelineSpec() {
  ScaleSpec s;
  s.domains = 25;
  s.layers[0] = {150, 24, 104};
  s.layers[1] = {170, 24, 104};
  s.layers[2] = {150, 24, 104};
  s.layers[3] = {130, 24, 104};
  s.models = 5000;
  s.model_domains = 25;
  s.min_features = 160;
  s.max_features = 240;
  s.dashboards = 500;
  s.teams_per_domain = 20;
  s.kafka_stride = 25;
  return s;
}

}  // namespace

ScaleSpec SpecFor(const MeshOptions& options) {
  ScaleSpec s;
  switch (options.scale) {
    case Scale::kTiny:
      s = TinySpec();
      break;
    case Scale::kDemo:
      s = DemoSpec();
      break;
    case Scale::kMedium:
      s = MediumSpec();
      break;
    case Scale::kBeeline:
      s = BeelineSpec();
      break;
  }
  const int m = std::max(1, options.multiplier);
  for (LayerSpec& layer : s.layers) layer.tables_per_domain *= m;
  s.models *= m;
  s.dashboards *= m;
  return s;
}

}  // namespace linea::generate::internal
