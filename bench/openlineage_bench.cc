// OpenLineage ingestion: decoding and projecting the 220 KB Marquez event, and whole events
// like ct_CLL_8 (decode → project → one catalog transaction with the durable event log) on a
// fresh SQLite catalog. Events of tests/data/openlineage (tests/data/README.md).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/app.h"
#include "catalog/catalog.h"
#include "ingest/openlineage/decode.h"
#include "ingest/openlineage/ingester.h"
#include "ingest/openlineage/projector.h"
#include "store/sqlite/sqlite_store.h"

namespace linea::bench {
namespace {

// Every client write carries a writer: measured/tested with the audit record it costs.
const catalog::Writer kWriter = catalog::Writer::Local("test");

namespace ol = openlineage;

std::string CorpusEvent(const std::string& name) {
  std::ifstream in(std::string(LINEA_SOURCE_DIR) + "/tests/data/openlineage/" + name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A fresh catalog with its domains (app::App, as `linea serve` composes it) in a temp dir.
std::unique_ptr<app::App> FreshApp(const std::string& name) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("linea_bench_ol_" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto store = store::OpenSqliteStore({.path = (dir / "linea.db").string()});
  return std::move(*app::App::Open(std::move(*store)));
}

void BM_DecodeLargeEvent(benchmark::State& state) {
  std::string text = CorpusEvent("marquez_event_large.json");
  for (auto _ : state) {
    Result<ol::DecodedEvent> e = ol::DecodeEventText(text);
    if (!e.ok()) state.SkipWithError(e.status().message().c_str());
    benchmark::DoNotOptimize(e);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_DecodeLargeEvent)->Unit(benchmark::kMillisecond);

// Decode + project (the catalog reads a projection needs), without the write.
void BM_DecodeAndProjectLargeEvent(benchmark::State& state) {
  std::string text = CorpusEvent("marquez_event_large.json");
  std::unique_ptr<app::App> a = FreshApp("project");
  ol::NamespaceMap namespaces;
  for (auto _ : state) {
    Result<ol::DecodedEvent> e = ol::DecodeEventText(text);
    Result<ol::Projection> p = ol::ProjectEvent(e->event, a->catalog(), a->runs(), namespaces);
    if (!p.ok()) state.SkipWithError(p.status().message().c_str());
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_DecodeAndProjectLargeEvent)->Unit(benchmark::kMillisecond);

// ct_CLL_8 as a client sends it (one line, 21 KB): the per-request work on the request's own
// thread, before the batch (decode, then the log entry's zstd compression), and the
// projection the batch then does.
std::string CompactCll8() {
  Result<ol::DecodedEvent> e = ol::DecodeEventText(CorpusEvent("ct_CLL_8.json"));
  return e.ok() ? e->canonical : std::string();
}

void BM_DecodeCll8(benchmark::State& state) {
  const std::string text = CompactCll8();
  for (auto _ : state) {
    Result<ol::DecodedEvent> e = ol::DecodeEventText(text);
    if (!e.ok()) state.SkipWithError(e.status().message().c_str());
    benchmark::DoNotOptimize(e);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_DecodeCll8)->Unit(benchmark::kMicrosecond);

void BM_ProjectCll8(benchmark::State& state) {
  Result<ol::DecodedEvent> e = ol::DecodeEventText(CompactCll8());
  std::unique_ptr<app::App> a = FreshApp("project_cll8");
  ol::NamespaceMap namespaces;
  for (auto _ : state) {
    Result<ol::Projection> p = ol::ProjectEvent(e->event, a->catalog(), a->runs(), namespaces);
    if (!p.ok()) state.SkipWithError(p.status().message().c_str());
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_ProjectCll8)->Unit(benchmark::kMicrosecond);

// Ingests corpus event `name` on a fresh catalog, as a new run each iteration (its runId gets a
// counter prefix), so every iteration projects, writes and logs instead of being a duplicate.
void IngestAsNewRuns(benchmark::State& state, const std::string& name) {
  std::string text = CorpusEvent(name);
  std::unique_ptr<app::App> a = FreshApp(name);
  ol::Ingester& ingester = a->ingester();
  const std::string run_id = "\"runId\": \"";
  size_t at = text.find(run_id);
  int64_t n = 0;
  for (auto _ : state) {
    std::string event = text;
    event.insert(at + run_id.size(), std::to_string(++n) + "-");
    Result<ol::EventOutcome> r = ingester.IngestText(event, kWriter);
    if (!r.ok() || r->duplicate) state.SkipWithError("ingest failed");
  }
  state.SetItemsProcessed(state.iterations());
}

// Whole ingestion of the large event.
void BM_IngestLargeEvent(benchmark::State& state) {
  IngestAsNewRuns(state, "marquez_event_large.json");
}
BENCHMARK(BM_IngestLargeEvent)->Unit(benchmark::kMillisecond);

// ct_CLL_8 (a Spark CTAS COMPLETE with column lineage, 39 KB): the per-event cost behind
// POST /api/v1/lineage, event log on.
void BM_IngestCll8(benchmark::State& state) { IngestAsNewRuns(state, "ct_CLL_8.json"); }
BENCHMARK(BM_IngestCll8)->Unit(benchmark::kMicrosecond)->MinTime(2.0);

// The same events `state.range(0)` at a time through IngestAll: one batch (store
// transaction) per call, as concurrent POSTs share batches in the server.
void BM_IngestCll8Batched(benchmark::State& state) {
  std::string text = CorpusEvent("ct_CLL_8.json");
  std::unique_ptr<app::App> a = FreshApp("batched");
  ol::Ingester& ingester = a->ingester();
  const std::string run_id = "\"runId\": \"";
  size_t at = text.find(run_id);
  int64_t n = 0;
  std::vector<std::string> events(static_cast<size_t>(state.range(0)));
  for (auto _ : state) {
    state.PauseTiming();
    for (std::string& event : events) {
      event = text;
      event.insert(at + run_id.size(), std::to_string(++n) + "-");
    }
    state.ResumeTiming();
    ol::BatchResult r = ingester.IngestAll(events, kWriter);
    if (!r.failures.empty() || r.duplicates) state.SkipWithError("ingest failed");
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_IngestCll8Batched)->Arg(1)->Arg(8)->Arg(64)->Unit(benchmark::kMicrosecond)->MinTime(2.0);

}  // namespace
}  // namespace linea::bench
