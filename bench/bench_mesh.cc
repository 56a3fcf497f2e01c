#include "bench/bench_mesh.h"

#include <malloc.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "generate/mesh.h"
#include "store/sqlite/sqlite_store.h"

namespace linea::bench {
namespace {

std::unique_ptr<catalog::Catalog> OpenOrDie(const std::string& path) {
  auto store = store::OpenSqliteStore({.path = path});
  if (!store.ok()) {
    std::cerr << "bench: " << store.status().ToString() << "\n";
    std::exit(1);
  }
  auto catalog = catalog::Catalog::Open(std::move(*store));
  if (!catalog.ok()) {
    std::cerr << "bench: " << catalog.status().ToString() << "\n";
    std::exit(1);
  }
  return std::move(*catalog);
}

struct Samples {
  std::vector<std::string> raw_columns;
  std::vector<std::string> models;
};

// Every 97th raw column and every 7th model of the catalog, in FQN order.
Samples Sample(catalog::Catalog& catalog) {
  Samples s;
  auto doc = catalog.Export();
  if (!doc.ok()) std::exit(1);
  size_t raw = 0, model = 0;
  for (const model::Asset& a : doc->assets) {
    if (a.kind == model::AssetKind::kColumn && a.fqn.find(".raw_") != std::string::npos &&
        raw++ % 97 == 0) {
      s.raw_columns.push_back(a.fqn);
    }
    if (a.kind == model::AssetKind::kModel && model++ % 7 == 0) s.models.push_back(a.fqn);
  }
  return s;
}

const Samples& TheSamples() {
  static Samples samples = [] {
    Samples s = Sample(BenchCatalog());
    // The export freed millions of small blocks; consolidate them now, or glibc does it inside
    // the first timed call (4 s at beeline5x, which then ends a MinTime benchmark after 1 call).
    malloc_trim(0);
    return s;
  }();
  return samples;
}

}  // namespace

std::string BenchScale() {
  const char* s = std::getenv("LINEA_BENCH_SCALE");
  return s && *s ? s : "medium";
}

std::string BenchDbPath() {
  std::string dir = std::getenv("LINEA_BENCH_DATA") ? std::getenv("LINEA_BENCH_DATA")
                                                    : "bench-data";
  std::filesystem::create_directories(dir);
  std::string path = dir + "/" + BenchScale() + ".db";
  if (std::filesystem::exists(path)) return path;
  std::optional<generate::Scale> scale = generate::ParseScale(BenchScale());
  if (!scale) {
    std::cerr << "bench: unknown LINEA_BENCH_SCALE " << BenchScale() << "\n";
    std::exit(2);
  }
  std::cerr << "bench: generating the " << BenchScale() << " mesh into " << path << "\n";
  std::string tmp = path + ".tmp";
  std::filesystem::remove(tmp);
  {
    std::unique_ptr<catalog::Catalog> catalog = OpenOrDie(tmp);
    auto applied = catalog->Apply(generate::GenerateMesh({.scale = *scale}));
    if (!applied.ok()) {
      std::cerr << "bench: " << applied.status().ToString() << "\n";
      std::exit(1);
    }
  }
  for (const char* suffix : {"", "-wal", "-shm"}) {
    if (std::filesystem::exists(tmp + suffix)) std::filesystem::rename(tmp + suffix, path + suffix);
  }
  return path;
}

catalog::Catalog& BenchCatalog() {
  static std::unique_ptr<catalog::Catalog> catalog = OpenOrDie(BenchDbPath());
  return *catalog;
}

const std::vector<std::string>& RawColumns() { return TheSamples().raw_columns; }
const std::vector<std::string>& Models() { return TheSamples().models; }

size_t CurrentRssBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
  }
  return 0;
}

double PercentileMicros(std::vector<double> samples, double p) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  size_t i = static_cast<size_t>(p / 100.0 * (samples.size() - 1) + 0.5);
  return samples[std::min(i, samples.size() - 1)] / 1000.0;
}

}  // namespace linea::bench
