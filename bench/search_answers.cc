// linea_search_answers: what Catalog::Search and Catalog::Suggest answer on the benchmark mesh
// for the bench's search mix, as text, so that a speed-up can be checked not to change a single
// result (bench/run.sh diffs it against bench/search_answers/<scale>.txt, recorded before).
//
// For each query of the mix (bench/graph_bench.cc): every prefix as typed, then the whole query
// with each filter (kind, effective domain and owner of its best hit, a dotted qualifier), a
// second page and a page of 100; each answer prints its total and its hits with exact scores.
// Scale and data directory as for linea_bench (LINEA_BENCH_SCALE, LINEA_BENCH_DATA).
#include <cstdio>
#include <string>
#include <vector>

#include "bench/bench_mesh.h"
#include "model/kind.h"

namespace linea::bench {
namespace {

// Keep in step with SearchQueries() in bench/graph_bench.cc.
const std::vector<std::string> kMix = {"chrun_scoring", "arpu",           "subscriber_id",
                                       "cel_id",        "roaming_sesions", "dt"};

void Print(const std::string& what, const catalog::SearchResults& r) {
  std::printf("# %s: total %zu\n", what.c_str(), r.total);
  for (const catalog::SearchHit& hit : r.results) {
    std::printf("%s\t%s\t%.17g\n", hit.fqn.c_str(), std::string(model::KindName(hit.kind)).c_str(),
                hit.score);
  }
}

void Answer(const catalog::Catalog& c, const std::string& what, const catalog::SearchQuery& q) {
  Print(what, c.Search(q));
}

int Main() {
  const catalog::Catalog& c = BenchCatalog();
  for (const std::string& text : kMix) {
    for (size_t n = 1; n <= text.size(); ++n) {
      Answer(c, "'" + text.substr(0, n) + "'", {.text = text.substr(0, n)});
    }
    const catalog::SearchResults all = c.Search({.text = text, .limit = 100});
    Print("'" + text + "' limit 100", all);
    Answer(c, "'" + text + "' offset 20", {.text = text, .limit = 20, .offset = 20});
    for (model::AssetKind kind : {model::AssetKind::kModel, model::AssetKind::kTable,
                                  model::AssetKind::kColumn}) {
      Answer(c, "'" + text + "' kind " + std::string(model::KindName(kind)),
             {.text = text, .kind = kind});
    }
    if (all.results.empty()) continue;
    const catalog::SearchHit& best = all.results.front();
    Answer(c, "'" + text + "' domain " + best.domain, {.text = text, .domain = best.domain});
    if (!best.owners.empty()) {
      Answer(c, "'" + text + "' owner " + best.owners.front(),
             {.text = text, .owner = best.owners.front()});
    }
    // The best hit's table (or model) as a qualifier: "agg_geo.cells.cel_id".
    const size_t dot = best.fqn.rfind('.');
    if (dot != std::string::npos) {
      const std::string dotted = best.fqn.substr(0, dot + 1) + text;
      Answer(c, "'" + dotted + "'", {.text = dotted});
      std::printf("# suggest '%s'\n", dotted.c_str());
      for (const std::string& fqn : c.Suggest(dotted, 5)) std::printf("%s\n", fqn.c_str());
    }
  }
  return 0;
}

}  // namespace
}  // namespace linea::bench

int main() { return linea::bench::Main(); }
