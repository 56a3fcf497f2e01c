// The server-side lineage layout (layout/layout.h) on lineage-shaped graphs: a random layered
// DAG with edges spanning 1–3 layers, as deep lineages of marts → features → models are.
// Issue #16's targets: 500 nodes ≤ 20 ms, 5,000 nodes / 6,000 edges ≤ 200 ms.
#include <benchmark/benchmark.h>

#include <random>

#include "layout/layout.h"

namespace {

std::vector<linea::layout::EdgeSpec> LineageLike(size_t n, size_t m, size_t layers) {
  std::mt19937 rng(42);
  std::vector<linea::layout::EdgeSpec> edges;
  const size_t per = n / layers;
  while (edges.size() < m) {
    const size_t a = rng() % (n - per);
    const size_t span = 1 + rng() % 3;
    const size_t b = std::min(n - 1, (a / per + span) * per + rng() % per);
    edges.push_back({a, b});
  }
  return edges;
}

void BM_LayoutLineage(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  const size_t m = n * 6 / 5;
  const std::vector<linea::layout::NodeSpec> nodes(n, {180, 28, std::nullopt});
  const std::vector<linea::layout::EdgeSpec> edges = LineageLike(n, m, 10);
  size_t crossings = 0;
  for (auto _ : state) {
    linea::layout::Layout l = linea::layout::ComputeLayout(nodes, edges);
    crossings = l.crossings;
    benchmark::DoNotOptimize(l);
  }
  state.counters["nodes"] = static_cast<double>(n);
  state.counters["edges"] = static_cast<double>(m);
  state.counters["crossings"] = static_cast<double>(crossings);
}
BENCHMARK(BM_LayoutLineage)->Arg(500)->Arg(2000)->Arg(5000)->Unit(benchmark::kMillisecond);

}  // namespace
