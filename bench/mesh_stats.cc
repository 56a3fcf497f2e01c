// bench/mesh_stats.cc: what the synthetic meshes hold (docs/generate.md's tables were written
// from it):
//   build/bench/linea_mesh_stats                 sizes of tiny, demo and medium
//   build/bench/linea_mesh_stats beeline [N]     sizes of beeline (xN), time and peak RSS
//   build/bench/linea_mesh_stats --dump tiny     every asset and edge, and what each raw column
//                                                reaches
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "generate/mesh.h"
#include "generate/testing/mesh_test_util.h"

namespace linea::generate {
namespace {

using model::AssetKind;
using model::Delta;
using testing::CountEdges;
using testing::CountEdgesInto;
using testing::CountKinds;
using testing::Graph;

// VmHWM of this process, in kB (0 when unknown).
size_t PeakRssKb() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (f == nullptr) return 0;
  char line[256];
  size_t kb = 0;
  while (std::fgets(line, sizeof line, f) != nullptr) {
    if (std::sscanf(line, "VmHWM: %zu", &kb) == 1) break;
  }
  std::fclose(f);
  return kb;
}

void PrintStats(const MeshOptions& options) {
  auto start = std::chrono::steady_clock::now();
  Delta d = GenerateMesh(options);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("  peak RSS after generating: %zu MB\n", PeakRssKb() / 1024);
  std::map<AssetKind, size_t> kinds = CountKinds(d);
  std::printf("%s x%d seed %llu: %.2f s, %zu assets, %zu edge sets, %zu edges, %zu teams\n",
              std::string(ScaleName(options.scale)).c_str(), options.multiplier,
              static_cast<unsigned long long>(options.seed), seconds, d.upsert_assets.size(),
              d.replace_edges.size(), CountEdges(d), d.upsert_teams.size());
  for (auto [kind, n] : kinds) {
    std::printf("  %-10s %zu\n", std::string(model::KindName(kind)).c_str(), n);
  }
  std::printf("  edges into columns %zu, into features %zu\n",
              CountEdgesInto(d, AssetKind::kColumn), CountEdgesInto(d, AssetKind::kFeature));
}

// Prints the whole mesh of `scale`, and for each raw column the models it reaches.
void Dump(Scale scale) {
  Delta d = GenerateMesh({scale, 42, 1});
  for (const auto& a : d.upsert_assets) {
    std::printf("%s %s [%s] %s\n", std::string(model::KindName(a.kind)).c_str(), a.fqn.c_str(),
                a.data_type.c_str(), a.owners.empty() ? "" : a.owners[0].c_str());
  }
  for (const auto& es : d.replace_edges) {
    std::printf("== %s\n", es.provenance.c_str());
    for (const auto& e : es.edges) {
      std::printf("  %s -> %s (%s %s)\n", e.from.c_str(), e.to.c_str(),
                  std::string(model::EdgeKindName(e.kind)).c_str(), e.transform.c_str());
    }
  }
  Graph g(d);
  for (const auto& a : d.upsert_assets) {
    if (a.fqn.rfind("hive.raw_", 0) != 0 || a.kind != AssetKind::kColumn) continue;
    std::printf("reach %s:", a.fqn.c_str());
    for (auto& m : g.Reach(a.fqn, AssetKind::kModel, false)) std::printf(" %s", m.c_str());
    std::printf("\n");
  }
  for (const auto& a : d.upsert_assets) {
    if (a.kind != AssetKind::kModel) continue;
    std::printf("upstream %s:", a.fqn.c_str());
    for (auto& c : g.Reach(a.fqn, AssetKind::kColumn, true)) {
      if (c.rfind("hive.raw_", 0) == 0) std::printf(" %s", c.c_str());
    }
    std::printf("\n");
  }
}

}  // namespace
}  // namespace linea::generate

int main(int argc, char** argv) {
  using namespace linea::generate;
  if (argc >= 3 && std::string(argv[1]) == "--dump") {
    std::optional<Scale> scale = ParseScale(argv[2]);
    if (!scale) {
      std::fprintf(stderr, "linea_mesh_stats: unknown scale %s\n", argv[2]);
      return 2;
    }
    Dump(*scale);
    return 0;
  }
  if (argc >= 2) {
    std::optional<Scale> scale = ParseScale(argv[1]);
    if (!scale) {
      std::fprintf(stderr, "linea_mesh_stats: unknown scale %s\n", argv[1]);
      return 2;
    }
    PrintStats({*scale, 42, argc >= 3 ? std::atoi(argv[2]) : 1});
    return 0;
  }
  for (Scale scale : {Scale::kTiny, Scale::kDemo, Scale::kMedium}) PrintStats({scale, 42, 1});
  return 0;
}
