// Opening the catalog: SQLite store scan + graph build + search index, and the RSS it costs.
#include <benchmark/benchmark.h>

#include "bench/bench_mesh.h"
#include "store/sqlite/sqlite_store.h"

namespace linea::bench {
namespace {

void BM_OpenCatalog(benchmark::State& state) {
  std::string path = BenchDbPath();
  size_t rss_before = CurrentRssBytes();
  size_t assets = 0, rss_delta = 0;
  for (auto _ : state) {
    auto store = store::OpenSqliteStore({.path = path});
    auto catalog = catalog::Catalog::Open(std::move(*store));
    if (!catalog.ok()) {
      state.SkipWithError(catalog.status().ToString().c_str());
      return;
    }
    assets = (*catalog)->stats().assets;
    rss_delta = CurrentRssBytes() - rss_before;
    benchmark::DoNotOptimize(catalog);
  }
  state.counters["assets"] = static_cast<double>(assets);
  state.counters["rss_MiB"] = static_cast<double>(rss_delta) / (1 << 20);
}
BENCHMARK(BM_OpenCatalog)->Unit(benchmark::kMillisecond)->Iterations(2);

}  // namespace
}  // namespace linea::bench
