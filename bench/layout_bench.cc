// The server-side lineage layout (layout/layout.h) on lineage-shaped graphs: a random layered
// DAG with edges spanning 1–3 layers, as deep lineages of marts → features → models are.
// Issue #16's targets: 500 nodes ≤ 20 ms, 5,000 nodes / 6,000 edges ≤ 200 ms.
#include <benchmark/benchmark.h>

#include "layout/layout.h"
#include "layout/testing/random_dag.h"

namespace {

void BM_LayoutLineage(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  const size_t m = n * 6 / 5;
  const std::vector<linea::layout::NodeSpec> nodes(n, {180, 28, std::nullopt});
  const std::vector<linea::layout::EdgeSpec> edges = linea::layout::testing::RandomLineageDag(n, m, 10, 42);
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
