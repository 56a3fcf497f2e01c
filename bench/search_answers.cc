// linea_search_answers: what Catalog::Search and Catalog::Suggest answer on the benchmark mesh
// for the bench's search mix, as text, so that a speed-up can be checked not to change a single
// result (bench/run.sh diffs it against bench/search_answers/<scale>.txt, recorded before).
//
// For each query of the mix (bench/graph_bench.cc): every prefix as typed, then the whole query
// with each filter (kind, effective domain and owner of its best hit, a dotted qualifier), a
// second page and a page of 100; each answer prints its total and its hits with exact scores.
// Scale and data directory as for linea_bench (LINEA_BENCH_SCALE, LINEA_BENCH_DATA).
//
// Usage: linea_search_answers [--expect FILE]: prints the answers, or with --expect compares
// them with FILE and exits 1 at the first difference (CTest runs it so on the demo mesh).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "bench/bench_mesh.h"
#include "model/kind.h"

namespace linea::bench {
namespace {

// Keep in step with SearchQueries() in bench/graph_bench.cc.
const std::vector<std::string> kMix = {"chrun_scoring",   "arpu", "subscriber_id", "cel_id",
                                       "roaming_sesions", "dt"};

std::ostringstream out;

void Print(const std::string& what, const catalog::SearchResults& r) {
  out << "# " << what << ": total " << r.total << "\n";
  char score[32];
  for (const catalog::SearchHit& hit : r.results) {
    std::snprintf(score, sizeof(score), "%.17g", hit.score);
    out << hit.fqn << "\t" << model::KindName(hit.kind) << "\t" << score << "\n";
  }
}

void Answer(const catalog::Catalog& c, const std::string& what, const catalog::SearchQuery& q) {
  Print(what, c.Search(q));
}

// 0 when `got` equals the content of `path`; else names the first differing line.
int Compare(const std::string& got, const std::string& path) {
  std::ifstream file(path);
  if (!file) {
    std::cerr << "linea_search_answers: cannot read " << path << "\n";
    return 2;
  }
  std::istringstream want_lines(std::string(std::istreambuf_iterator<char>(file), {}));
  std::istringstream got_lines(got);
  std::string want_line, got_line;
  for (size_t n = 1;; ++n) {
    const bool more_want = static_cast<bool>(std::getline(want_lines, want_line));
    const bool more_got = static_cast<bool>(std::getline(got_lines, got_line));
    if (!more_want && !more_got) return 0;
    if (more_want != more_got || want_line != got_line) {
      std::cerr << "linea_search_answers: line " << n << " differs from " << path
                << "\n  want: " << (more_want ? want_line : "(end)")
                << "\n  got:  " << (more_got ? got_line : "(end)") << "\n";
      return 1;
    }
  }
}

int Main(int argc, char** argv) {
  std::string expect;
  if (argc == 3 && std::string_view(argv[1]) == "--expect") {
    expect = argv[2];
  } else if (argc != 1) {
    std::cerr << "usage: linea_search_answers [--expect FILE]\n";
    return 2;
  }
  const catalog::Catalog& c = BenchCatalog();
  for (const std::string& text : kMix) {
    for (size_t n = 1; n <= text.size(); ++n) {
      Answer(c, "'" + text.substr(0, n) + "'", {.text = text.substr(0, n)});
    }
    const catalog::SearchResults all = c.Search({.text = text, .limit = 100});
    Print("'" + text + "' limit 100", all);
    Answer(c, "'" + text + "' offset 20", {.text = text, .limit = 20, .offset = 20});
    for (model::AssetKind kind :
         {model::AssetKind::kModel, model::AssetKind::kTable, model::AssetKind::kColumn}) {
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
      out << "# suggest '" << dotted << "'\n";
      for (const std::string& fqn : c.Suggest(dotted, 5)) out << fqn << "\n";
    }
  }
  if (!expect.empty()) return Compare(out.str(), expect);
  std::cout << out.str();
  return 0;
}

}  // namespace
}  // namespace linea::bench

int main(int argc, char** argv) { return linea::bench::Main(argc, argv); }
