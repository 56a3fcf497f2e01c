// bench/large_delta.cc: one Delta at the benchmark mesh's size (~2M assets, ~3M edges) through
// the SQLite store — apply, load, re-apply — with timings, peak RSS and the file's size.
//   build/bench/linea_large_delta            (LINEA_LARGE_SCALE=N divides the mesh by N;
//                                             LINEA_LARGE_CACHE_KIB sets the page cache)
#include <stdlib.h>
#include <sys/resource.h>

#include <chrono>
#include <filesystem>
#include <iostream>

#include "store/sqlite/sqlite_store.h"
#include "store/testing/store_writes.h"

namespace linea::store {
namespace {

using ::linea::store::testing::AnyDelta;
using ::linea::store::testing::Apply;

// Prints `status` and exits 1 when it is not OK.
void Check(const Status& status, const char* step) {
  if (status.ok()) return;
  std::cerr << "linea_large_delta: " << step << ": " << status.ToString() << "\n";
  std::exit(1);
}

// 20,000 tables × 50 columns, 5,000 models × 200 features; each column of a table fed by one
// column of the previous table (provenance per table), each feature by one column (per model).
model::Asset MakeAsset(std::string fqn, model::AssetKind kind) {
  model::Asset asset;
  asset.fqn = std::move(fqn);
  asset.kind = kind;
  return asset;
}

model::Edge MakeEdge(std::string from, std::string to) {
  model::Edge edge;
  edge.from = std::move(from);
  edge.to = std::move(to);
  return edge;
}

AnyDelta BuildMesh(int tables, int columns, int models, int features) {
  AnyDelta delta;
  auto column = [columns](int t, int c) {
    return "hive.d" + std::to_string(t % 25) + ".t" + std::to_string(t) + ".c" +
           std::to_string(c % columns);
  };
  for (int t = 0; t < tables; ++t) {
    const std::string table = "hive.d" + std::to_string(t % 25) + ".t" + std::to_string(t);
    model::Asset& asset =
        delta.upsert_assets.emplace_back(MakeAsset(table, model::AssetKind::kTable));
    asset.domain = "d";
    asset.owners = {"team:d"};
    for (int c = 0; c < columns; ++c) {
      delta.upsert_assets.push_back(MakeAsset(column(t, c), model::AssetKind::kColumn));
      delta.upsert_assets.back().data_type = "string";
    }
    if (t == 0) continue;
    model::EdgeSet& set = delta.replace_edges.emplace_back();
    set.provenance = "sql:t" + std::to_string(t);
    for (int c = 0; c < columns; ++c) {
      set.edges.push_back(MakeEdge(column(t - 1, c), column(t, c)));
      set.edges.push_back(MakeEdge(column(t - 1, c + 1), column(t, c)));
    }
  }
  for (int m = 0; m < models; ++m) {
    const std::string model = "mlflow.m" + std::to_string(m);
    delta.upsert_assets.push_back(MakeAsset(model, model::AssetKind::kModel));
    model::EdgeSet& set = delta.replace_edges.emplace_back();
    set.provenance = "manifest:" + model;
    for (int f = 0; f < features; ++f) {
      const std::string feature = model + ".f" + std::to_string(f);
      delta.upsert_assets.push_back(MakeAsset(feature, model::AssetKind::kFeature));
      set.edges.push_back(MakeEdge(column((m * 7 + f) % tables, f), feature));
    }
  }
  return delta;
}

class CountingVisitor : public LoadVisitor {
 public:
  void OnProvenance(int64_t, std::string_view) override { ++provenances; }
  void OnAsset(int64_t, const model::Asset&) override { ++assets; }
  void OnEdge(int64_t, int64_t, int64_t, model::EdgeKind) override { ++edges; }
  void OnTeam(const model::Team&) override {}
  void OnUser(const model::User&) override {}
  size_t provenances = 0, assets = 0, edges = 0;
};

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

long PeakRssMib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

void Run() {
  const int scale = getenv("LINEA_LARGE_SCALE") ? atoi(getenv("LINEA_LARGE_SCALE")) : 1;
  const int tables = 20'000 / scale, models = 5'000 / scale;
  const AnyDelta delta = BuildMesh(tables, 50, models, 200);
  size_t edges = 0;
  for (const model::EdgeSet& set : delta.replace_edges) edges += set.edges.size();
  std::cout << "delta: " << delta.upsert_assets.size() << " assets, " << edges << " edges, rss "
            << PeakRssMib() << " MiB\n";

  const std::string dir =
      std::filesystem::temp_directory_path().string() + "/linea_large_" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  SqliteOptions options;
  options.path = dir + "/mesh.db";
  if (getenv("LINEA_LARGE_CACHE_KIB")) options.cache_kib = atoi(getenv("LINEA_LARGE_CACHE_KIB"));
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(options);
  Check(store.status(), "open");

  auto start = std::chrono::steady_clock::now();
  Check(Apply(**store, delta), "apply");
  std::cout << "apply: " << Seconds(start) << " s, rss " << PeakRssMib() << " MiB\n";

  start = std::chrono::steady_clock::now();
  CountingVisitor visitor;
  Check((*store)->lineage().Load(visitor), "load");
  std::cout << "load: " << Seconds(start) << " s\n";
  if (visitor.assets != delta.upsert_assets.size() || visitor.edges != edges ||
      visitor.provenances != delta.replace_edges.size()) {
    std::cerr << "linea_large_delta: loaded counts differ from the delta's\n";
    std::exit(1);
  }

  start = std::chrono::steady_clock::now();
  Check(Apply(**store, delta), "re-apply");
  std::cout << "re-apply: " << Seconds(start) << " s, rss " << PeakRssMib() << " MiB\n";
  store->reset();
  std::cout << "file: " << std::filesystem::file_size(options.path) / (1 << 20) << " MiB\n";
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace linea::store

int main() {
  linea::store::Run();
  return 0;
}
