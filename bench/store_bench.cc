// Opening the catalog: SQLite store scan + graph build + search index, and the RSS it costs.
// Appending data-quality results to the SQLite store in batched transactions.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/bench_mesh.h"
#include "model/quality.h"
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

// kQualitySeries columns (200 per table), one check each: a null rate (two metrics), or with
// `drift` a PSI carrying a decile distribution (11 edges, 10 counts) as well.
constexpr int kQualitySeries = 100'000;
constexpr int kQualityBatch = 1'000;

// Series `series` (0 ≤ series < kQualitySeries) at `period`; FQNs sort in series order.
model::QualityResult QualityResultOf(int series, int period, bool drift) {
  char asset[64];
  std::snprintf(asset, sizeof asset, "hive.mart.table_%04d.column_%03d", series / 200,
                series % 200);
  model::QualityResult r;
  r.asset = asset;
  r.check = drift ? "drift" : "null_rate";
  r.kind = r.check;
  r.timestamp_ms = 1'764'547'200'000 + int64_t{period} * 86'400'000;
  r.period = "dt=2026-12-" + std::to_string(10 + period % 20);
  r.status = "success";
  r.value = 0.0123 + series * 1e-7;
  r.reference = 0.0119;
  r.threshold = drift ? "warn ≥ 0.10, fail ≥ 0.25" : "warn ≥ 0.02, fail ≥ 0.05";
  r.metrics = {{"row_count", 1'250'000.0 + series}, {"null_count", 15'375.0 + period}};
  if (drift) {
    for (int i = 0; i <= 10; ++i) r.distribution.edges.push_back(i * 12.5 + series % 3);
    for (int i = 0; i < 10; ++i) r.distribution.counts.push_back(125'000.0 + i * 17 + period);
  }
  r.source = "runner";
  r.provenance = "runner:nightly";
  return r;
}

// Appends batches of kQualityBatch results, one transaction each, to a fresh store, every
// series once per period, each period after the previous one (its rows interleave the earlier
// periods'). The series come in FQN order (a runner measuring table after table), or with
// `scattered` in a fixed pseudo-random order (each result of a batch lands on another page).
// Reports results/s and the file's bytes per stored result.
void BM_AppendQualityResults(benchmark::State& state) {
  const bool drift = state.range(0) == 1;
  const bool scattered = state.range(1) == 1;
  std::string dir =
      (std::filesystem::temp_directory_path() / "linea-quality-bench-XXXXXX").string();
  if (mkdtemp(dir.data()) == nullptr) {
    state.SkipWithError("mkdtemp failed");
    return;
  }
  const std::string path = dir + "/linea.db";
  auto store = store::OpenSqliteStore({.path = path});
  if (!store.ok()) {
    state.SkipWithError(store.status().ToString().c_str());
    return;
  }
  int64_t next = 0;
  model::QualityDelta delta;
  for (auto _ : state) {
    state.PauseTiming();
    delta.append_results.clear();
    for (int i = 0; i < kQualityBatch; ++i, ++next) {
      int64_t series = next % kQualitySeries;
      if (scattered) series = series * 7'919 % kQualitySeries;  // 7919: prime, a permutation
      delta.append_results.push_back(QualityResultOf(
          static_cast<int>(series), static_cast<int>(next / kQualitySeries), drift));
    }
    state.ResumeTiming();
    Status status = (*store)->Write(
        [&](store::WriteTxn& txn) { return (*store)->quality().Write(txn, delta); });
    if (!status.ok()) {
      state.SkipWithError(status.ToString().c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations() * kQualityBatch);
  const int64_t stored = *(*store)->quality().CountResults();
  store->reset();  // the last connection checkpoints the WAL into the file
  state.counters["stored"] = static_cast<double>(stored);
  state.counters["bytes_per_result"] =
      static_cast<double>(std::filesystem::file_size(path)) / static_cast<double>(stored);
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_AppendQualityResults)
    ->ArgNames({"drift", "scattered"})
    ->Args({0, 0})
    ->Args({1, 0})
    ->Args({0, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(300);

}  // namespace
}  // namespace linea::bench
