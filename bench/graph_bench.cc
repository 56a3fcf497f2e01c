// Impact, upstream and search latency on the benchmark mesh, in-process (no HTTP).
// Each iteration takes the next sampled root; p50/p99 are reported as counters.
#include <benchmark/benchmark.h>

#include <chrono>

#include "bench/bench_mesh.h"

namespace linea::bench {
namespace {

using Clock = std::chrono::steady_clock;

template <typename F>
void RunSampled(benchmark::State& state, const std::vector<std::string>& roots, F&& query) {
  std::vector<double> ns;
  size_t i = 0, reached = 0;
  for (auto _ : state) {
    const std::string& root = roots[i++ % roots.size()];
    auto start = Clock::now();
    reached += query(root);
    ns.push_back(std::chrono::duration<double, std::nano>(Clock::now() - start).count());
  }
  state.counters["p50_us"] = PercentileMicros(ns, 50);
  state.counters["p99_us"] = PercentileMicros(ns, 99);
  state.counters["roots"] = static_cast<double>(roots.size());
  state.counters["avg_reported"] = static_cast<double>(reached) / std::max<size_t>(1, ns.size());
}

void BM_ImpactFromRawColumn(benchmark::State& state) {
  catalog::Catalog& c = BenchCatalog();
  RunSampled(state, RawColumns(), [&](const std::string& fqn) {
    auto r = c.Impact(fqn, {});
    benchmark::DoNotOptimize(r);
    return r.ok() ? r->models.size() : 0;
  });
}
BENCHMARK(BM_ImpactFromRawColumn)->Unit(benchmark::kMicrosecond)->MinTime(2.0);

void BM_UpstreamOfModel(benchmark::State& state) {
  catalog::Catalog& c = BenchCatalog();
  RunSampled(state, Models(), [&](const std::string& fqn) {
    auto r = c.Upstream(fqn, {});
    benchmark::DoNotOptimize(r);
    return r.ok() ? r->sources.size() : 0;
  });
}
BENCHMARK(BM_UpstreamOfModel)->Unit(benchmark::kMicrosecond)->MinTime(2.0);

// The search mix: typos, a short prefix, a common exact name, a 2-character query.
const std::vector<std::string>& SearchQueries() {
  static const std::vector<std::string> queries = {
      "chrun_scoring", "arpu", "subscriber_id", "cel_id", "roaming_sesions", "dt"};
  return queries;
}

// Builds the name index (about 1.2 s at beeline, on the first search) outside any timing: run
// alone with its 0.5 s MinTime, a BM_SearchQuery would otherwise stop after that first call.
void WarmSearch(const catalog::Catalog& c) {
  auto r = c.Search({.text = "warm", .limit = 1});
  benchmark::DoNotOptimize(r);
}

void BM_SearchTypo(benchmark::State& state) {
  catalog::Catalog& c = BenchCatalog();
  WarmSearch(c);
  RunSampled(state, SearchQueries(), [&](const std::string& q) {
    auto r = c.Search({.text = q, .limit = 20});
    benchmark::DoNotOptimize(r);
    return r.results.size();
  });
  const auto [index_bytes, bitmap_bytes] = c.SearchIndexBytes();
  state.counters["index_MiB"] = static_cast<double>(index_bytes) / (1 << 20);
  state.counters["bitmap_MiB"] = static_cast<double>(bitmap_bytes) / (1 << 20);
}
BENCHMARK(BM_SearchTypo)->Unit(benchmark::kMicrosecond)->MinTime(2.0);

// One query of the mix per run (the label names it): which one the p99 comes from.
void BM_SearchQuery(benchmark::State& state) {
  catalog::Catalog& c = BenchCatalog();
  WarmSearch(c);
  const std::string& q = SearchQueries()[state.range(0)];
  state.SetLabel(q);
  RunSampled(state, {q}, [&](const std::string& text) {
    auto r = c.Search({.text = text, .limit = 20});
    benchmark::DoNotOptimize(r);
    return r.results.size();
  });
}
BENCHMARK(BM_SearchQuery)->DenseRange(0, 5)->Unit(benchmark::kMicrosecond)->MinTime(0.5);

}  // namespace
}  // namespace linea::bench
