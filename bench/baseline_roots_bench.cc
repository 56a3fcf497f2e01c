// Impact latency on exactly the roots the baselines (bench/baselines/) were timed on, so the
// ratios in docs/benchmarks.md compare the same work. Roots: one FQN per line in the file named
// by $LINEA_BENCH_ROOTS; without it, the sampled raw-layer columns of bench_mesh.h.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <fstream>

#include "bench/bench_mesh.h"

namespace linea::bench {
namespace {

std::vector<std::string> BaselineRoots() {
  const char* file = std::getenv("LINEA_BENCH_ROOTS");
  if (file == nullptr || *file == '\0') return RawColumns();
  std::vector<std::string> roots;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) roots.push_back(line);
  }
  return roots;
}

void BM_ImpactBaselineRoots(benchmark::State& state) {
  catalog::Catalog& c = BenchCatalog();
  static const std::vector<std::string> roots = BaselineRoots();
  if (roots.empty()) {
    state.SkipWithError("no roots in $LINEA_BENCH_ROOTS");
    return;
  }
  std::vector<double> ns;
  size_t i = 0, models = 0;
  for (auto _ : state) {
    const std::string& root = roots[i++ % roots.size()];
    auto start = std::chrono::steady_clock::now();
    auto r = c.Impact(root, {});
    ns.push_back(
        std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count());
    if (!r.ok()) {
      state.SkipWithError(r.status().ToString().c_str());
      return;
    }
    models += r->models.size();
    benchmark::DoNotOptimize(r);
  }
  state.counters["p50_us"] = PercentileMicros(ns, 50);
  state.counters["p99_us"] = PercentileMicros(ns, 99);
  state.counters["roots"] = static_cast<double>(roots.size());
  state.counters["avg_reported"] = static_cast<double>(models) / std::max<size_t>(1, ns.size());
}
BENCHMARK(BM_ImpactBaselineRoots)->Unit(benchmark::kMicrosecond)->MinTime(2.0);

}  // namespace
}  // namespace linea::bench
