// Data-quality speed (issue #18): results judged and recorded through QualityService::Record on
// a real SQLite catalog with history stored, one whole period of a mesh, and one model's
// monthly stability report.
//
// The mesh catalogs are scratch copies (a temporary directory, removed at exit): the record
// benchmarks use the benchmark scale (LINEA_BENCH_SCALE, the cached mesh copied), the report
// the demo mesh, generated fresh.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "bench/bench_mesh.h"
#include "catalog/catalog.h"
#include "common/time_text.h"
#include "generate/mesh.h"
#include "generate/quality_history.h"
#include "model/fqn.h"
#include "quality/service.h"
#include "quality/stability_report.h"
#include "store/sqlite/sqlite_store.h"

namespace linea::bench {
namespace {

constexpr int kHistoryPeriods = 6;  // recorded before anything is timed
constexpr size_t kSetupBatch = 10'000;

[[noreturn]] void Die(const std::string& what) {
  std::cerr << "quality bench: " << what << "\n";
  std::exit(1);
}

// A mesh catalog in a scratch directory with the quality domain registered, and the
// generated results of every period, oldest period first.
struct QualityFixture {
  std::string scale;
  std::filesystem::path dir;
  std::unique_ptr<catalog::Catalog> catalog;
  std::unique_ptr<quality::QualityState> state;
  std::unique_ptr<quality::QualityService> service;
  // The same catalog without the history cache: every history read from the store, as after
  // a restart or for series the cache no longer holds.
  std::unique_ptr<quality::QualityService> uncached;
  std::vector<std::string> periods;
  std::vector<std::vector<model::QualityResult>> results;  // [period]
  std::vector<std::string> models;                         // every model, by FQN
  size_t columns = 0, tables = 0, features = 0;
  double history_seconds = 0;  // recording the history (untimed)

  ~QualityFixture() {
    uncached.reset();
    service.reset();
    state.reset();
    catalog.reset();
    std::filesystem::remove_all(dir);
  }

  // Records `results` through the service (or the uncached one) in batches of `batch`.
  void Record(const std::vector<model::QualityResult>& all, size_t batch, bool cached = true) {
    const catalog::Writer writer = catalog::Writer::Local("quality bench");
    for (size_t i = 0; i < all.size(); i += batch) {
      std::vector<model::QualityResult> part(all.begin() + i,
                                             all.begin() + std::min(all.size(), i + batch));
      Result<quality::RecordOutcome> outcome =
          (cached ? service : uncached)->Record(std::move(part), writer);
      if (!outcome.ok()) Die(outcome.status().ToString());
    }
  }
};

// Builds the fixture of `scale` with `periods` months of results ending 2026-07, and records
// the first `recorded` of them.
std::unique_ptr<QualityFixture> MakeFixture(const std::string& scale, int periods, int recorded) {
  auto f = std::make_unique<QualityFixture>();
  f->scale = scale;
  std::string dir = (std::filesystem::temp_directory_path() / "linea-qbench-XXXXXX").string();
  if (mkdtemp(dir.data()) == nullptr) Die("mkdtemp failed");
  f->dir = dir;
  const std::string path = dir + "/linea.db";
  std::optional<generate::Scale> parsed = generate::ParseScale(scale);
  if (!parsed) Die("unknown scale " + scale);
  model::Delta mesh = generate::GenerateMesh({.scale = *parsed});
  const bool cached = scale == BenchScale();
  if (cached) {  // the cached mesh, copied: applying it again would take longer than the bench
    const std::string from = BenchDbPath();
    for (const char* suffix : {"", "-wal"}) {
      if (std::filesystem::exists(from + suffix)) {
        std::filesystem::copy_file(from + suffix, path + suffix);
      }
    }
  }
  auto store = store::OpenSqliteStore({.path = path});
  if (!store.ok()) Die(store.status().ToString());
  auto catalog = catalog::Catalog::Open(std::move(*store));
  if (!catalog.ok()) Die(catalog.status().ToString());
  f->catalog = std::move(*catalog);
  f->state = std::make_unique<quality::QualityState>(f->catalog->store().quality());
  if (Status s = f->state->Reload(); !s.ok()) Die(s.ToString());
  f->catalog->AddDomain(f->state.get());
  f->service = std::make_unique<quality::QualityService>(f->catalog.get(), f->state.get());
  f->uncached = std::make_unique<quality::QualityService>(f->catalog.get(), f->state.get(),
                                                          quality::QualityService::RecordedFn{}, 0);

  generate::QualityHistoryOptions options;
  options.periods = MonthsEndingWith("2026-07", periods);
  generate::QualityHistory history = generate::GenerateQualityHistory(mesh, options);
  for (const model::Asset& a : mesh.upsert_assets) {
    if (a.kind == model::AssetKind::kModel) f->models.push_back(a.fqn);
    if (a.kind == model::AssetKind::kFeature) ++f->features;
  }
  std::sort(f->models.begin(), f->models.end());
  if (!cached) {
    auto applied = f->catalog->Apply(std::move(mesh));
    if (!applied.ok()) Die(applied.status().ToString());
  }
  mesh = {};
  f->periods = options.periods;
  f->columns = history.columns;
  f->tables = history.tables;
  f->results.resize(options.periods.size());
  for (model::QualityResult& r : history.results) {
    const size_t p = std::find(options.periods.begin(), options.periods.end(), r.period) -
                     options.periods.begin();
    f->results[p].push_back(std::move(r));
  }
  const auto t0 = std::chrono::steady_clock::now();
  for (int p = 0; p < recorded; ++p) f->Record(f->results[p], kSetupBatch);
  f->history_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cerr << "quality bench: " << scale << " mesh, " << f->columns << " columns, " << f->tables
            << " tables, " << f->results.back().size() << " results per period; " << recorded
            << " periods recorded in " << f->history_seconds << " s\n";
  return f;
}

// The benchmark scale's mesh with kHistoryPeriods recorded and one more period generated.
QualityFixture& MeshFixture() {
  static std::unique_ptr<QualityFixture> f =
      MakeFixture(BenchScale(), kHistoryPeriods + 1, kHistoryPeriods);
  return *f;
}

// The demo mesh with a year of results recorded (what `linea demo` shows).
QualityFixture& DemoYearFixture() {
  static std::unique_ptr<QualityFixture> f = MakeFixture("demo", 12, 12);
  return *f;
}

// Records batches of `batch` results of one kind (drift: a 24-bin distribution judged by PSI
// against the merged history; null_rate: two metrics judged against the history's mean) from
// the period after the history, one Record() per iteration, cycling through the period; each
// cycle measured 1 ms later than the one before, so that every result is a new one (a row
// inserted, judged against the newest earlier ones), with the history cache (cache:1) or every
// history read from the store (cache:0). Reports results/s.
void BM_RecordQualityResults(benchmark::State& state) {
  const std::string kind = state.range(0) == 1 ? "drift" : "null_rate";
  const size_t batch = static_cast<size_t>(state.range(1));
  quality::QualityService& service =
      state.range(2) == 1 ? *MeshFixture().service : *MeshFixture().uncached;
  QualityFixture& f = MeshFixture();
  std::vector<model::QualityResult> of_kind;
  for (const model::QualityResult& r : f.results.back()) {
    if (r.kind == kind) of_kind.push_back(r);
  }
  if (of_kind.size() < batch) {
    state.SkipWithError("the period has fewer results of the kind than a batch");
    return;
  }
  const size_t batches = of_kind.size() / batch;
  const catalog::Writer writer = catalog::Writer::Local("quality bench");
  size_t next = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const size_t from = (next++ % batches) * batch;
    static int64_t later_ms = 0;  // across the benchmarks, which share the fixture's store
    if (from == 0) ++later_ms;
    std::vector<model::QualityResult> part(of_kind.begin() + from, of_kind.begin() + from + batch);
    for (model::QualityResult& r : part) r.timestamp_ms += later_ms;
    state.ResumeTiming();
    Result<quality::RecordOutcome> outcome = service.Record(std::move(part), writer);
    if (!outcome.ok()) {
      state.SkipWithError(outcome.status().ToString().c_str());
      return;
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(batch));
  state.counters["history_periods"] = kHistoryPeriods;
}
BENCHMARK(BM_RecordQualityResults)
    ->ArgNames({"drift", "batch", "cache"})
    ->Args({1, 1'000, 1})
    ->Args({1, 10'000, 1})
    ->Args({0, 1'000, 1})
    ->Args({0, 10'000, 1})
    ->Args({1, 10'000, 0})
    ->Args({0, 10'000, 0})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MinTime(5.0);

// One whole period of the mesh — drift and null rate of every column feeding a feature, volume
// of their tables — recorded in batches of 10,000 after kHistoryPeriods: every check judged and
// written, with the history cache (cache:1) or every history read from the store (cache:0:
// the month's run after a restart); each run measured a day after the one before, so that its
// results are new ones. Reports the wall time of the period and results/s.
void BM_EvaluateMeshPeriod(benchmark::State& state) {
  QualityFixture& f = MeshFixture();
  static int64_t later_days = 0;  // each run a day after the one before: new results
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<model::QualityResult> period = f.results.back();
    ++later_days;
    for (model::QualityResult& r : period) r.timestamp_ms += later_days * 24 * 3600 * 1000;
    state.ResumeTiming();
    f.Record(period, kSetupBatch, state.range(0) == 1);
  }
  const double results = static_cast<double>(f.results.back().size());
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(results));
  state.counters["results"] = results;
  state.counters["columns"] = static_cast<double>(f.columns);
  state.counters["tables"] = static_cast<double>(f.tables);
  state.counters["models"] = static_cast<double>(f.models.size());
  state.counters["features"] = static_cast<double>(f.features);
  state.counters["history_s"] = f.history_seconds;
}
BENCHMARK(BM_EvaluateMeshPeriod)
    ->ArgName("cache")
    ->Arg(1)
    ->Arg(0)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(2);

// Builds and renders the monthly stability report of one model of the demo mesh (a year of
// results), rotating over every model. Reports ms per report and the page's size.
void BM_StabilityReport(benchmark::State& state) {
  QualityFixture& f = DemoYearFixture();
  size_t next = 0, bytes = 0, features = 0;
  for (auto _ : state) {
    const std::string& model = f.models[next++ % f.models.size()];
    Result<quality::StabilityReport> report =
        quality::BuildStabilityReport(*f.catalog, *f.state, model, f.periods.back());
    if (!report.ok()) {
      state.SkipWithError(report.status().ToString().c_str());
      return;
    }
    std::string html = quality::RenderStabilityHtml(*report);
    bytes += html.size();
    features += report->features.size();
    benchmark::DoNotOptimize(html);
  }
  state.counters["html_KiB"] = static_cast<double>(bytes) / 1024.0 / state.iterations();
  state.counters["features"] = static_cast<double>(features) / state.iterations();
}
BENCHMARK(BM_StabilityReport)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);

}  // namespace
}  // namespace linea::bench
