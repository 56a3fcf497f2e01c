// `linea apply` of a 1,000-feature manifest against the benchmark mesh: parse → plan (resolve
// every source, diff) → one catalog transaction. Alternates two versions so every apply writes.
#include <benchmark/benchmark.h>

#include "bench/bench_mesh.h"
#include "ingest/manifest/manifest_parser.h"
#include "ingest/manifest/manifest_planner.h"

namespace linea::bench {
namespace {

// Every client write carries a writer: measured/tested with the audit record it costs.
const catalog::Writer kWriter = catalog::Writer::Local("test");

std::string ManifestText(int version, size_t features) {
  const std::vector<std::string>& sources = RawColumns();
  std::string yaml = "model: mlflow_bench.big_model\nowners: [team:bench]\nfeatures:\n";
  for (size_t i = 0; i < features; ++i) {
    yaml += "  - name: f" + std::to_string(i) + "\n    sources: [" +
            sources[(i + version) % sources.size()] + "]\n";
  }
  return yaml;
}

void BM_ApplyManifest1000Features(benchmark::State& state) {
  catalog::Catalog& c = BenchCatalog();
  std::string texts[2] = {ManifestText(0, 1000), ManifestText(1, 1000)};
  int version = 0;
  for (auto _ : state) {
    manifest::ParseOutput parsed = manifest::ParseManifests(texts[version ^= 1], "bench.yaml");
    manifest::Plan plan = manifest::PlanManifests(parsed.manifests, c);
    Status s = manifest::ApplyPlan(plan, c, kWriter);
    if (!s.ok() || !plan.errors.empty()) {
      state.SkipWithError("apply failed");
      return;
    }
  }
}
BENCHMARK(BM_ApplyManifest1000Features)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
}  // namespace linea::bench
