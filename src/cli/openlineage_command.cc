// `linea ingest openlineage FILE…`: OpenLineage events (a JSON object, an array, or JSON Lines)
// through the same path as POST /api/v1/lineage, for backfills.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "codec/json_codec.h"
#include "common/status_macros.h"
#include "ingest/openlineage/ingester.h"

namespace linea::cli {
namespace {

namespace ol = openlineage;

struct OpenLineageFlags {
  CatalogFlags catalog;
  std::vector<std::string> files;
  std::vector<std::string> namespace_map;
  std::string namespace_map_file;
};

// Lines "NAMESPACE=SERVICE"; blank lines and lines starting with '#' are skipped.
Status AddMapFile(const std::string& path, ol::NamespaceMap* map) {
  LINEA_ASSIGN_OR_RETURN(std::string text, ReadInput(path));
  std::istringstream lines(text);
  std::string line;
  for (int n = 1; std::getline(lines, line); ++n) {
    size_t start = line.find_first_not_of(" \t\r");
    if (start == std::string::npos || line[start] == '#') continue;
    size_t end = line.find_last_not_of(" \t\r");
    Status s = map->Add(std::string_view(line).substr(start, end - start + 1));
    if (!s.ok()) return s.WithPrefix(path + ":" + std::to_string(n));
  }
  return Status();
}

void DrawProgress(size_t done, size_t total) {
  constexpr int kWidth = 30;
  int filled = total ? static_cast<int>(kWidth * done / total) : kWidth;
  std::fprintf(stderr, "\r[%s%s] %zu/%zu events", std::string(filled, '=').c_str(),
               std::string(kWidth - filled, ' ').c_str(), done, total);
  if (done == total) std::fputc('\n', stderr);
}

int RunOpenLineage(const OpenLineageFlags& flags) {
  ol::NamespaceMap namespaces;
  for (const std::string& entry : flags.namespace_map) {
    Status s = namespaces.Add(entry);
    if (!s.ok()) return ReportError(s.WithPrefix("--namespace-map"));
  }
  if (!flags.namespace_map_file.empty()) {
    Status s = AddMapFile(flags.namespace_map_file, &namespaces);
    if (!s.ok()) return ReportError(s);
  }
  // Read and split every file first: a file that is not JSON/JSONL stops the command before
  // anything is written.
  std::vector<std::pair<std::string, std::vector<std::string>>> inputs;
  size_t total = 0;
  for (const std::string& file : flags.files) {
    Result<std::string> text = ReadInput(file);
    if (!text.ok()) return ReportError(text.status());
    Result<std::vector<std::string>> events = ol::SplitEvents(*text);
    if (!events.ok()) return ReportError(events.status().WithPrefix(file));
    total += events->size();
    inputs.emplace_back(file, std::move(*events));
  }
  app::AppOptions options;
  options.namespaces = std::move(namespaces);
  Result<std::unique_ptr<app::App>> app = OpenApp(flags.catalog, true, std::move(options));
  if (!app.ok()) return ReportError(app.status(), kExitRuntime);
  ol::Ingester& ingester = (*app)->ingester();

  bool progress = isatty(STDERR_FILENO) && !flags.catalog.json;
  size_t done = 0, successful = 0, duplicates = 0, column_edges = 0;
  codec::Json failed = codec::Json::array();
  std::vector<std::string> failure_lines;
  for (const auto& [file, events] : inputs) {
    ol::BatchResult r = ingester.IngestAll(events, [&](size_t) {
      if (progress && (++done % 64 == 0 || done == total)) DrawProgress(done, total);
    });
    successful += r.successful;
    duplicates += r.duplicates;
    column_edges += r.column_edges;
    for (const ol::BatchFailure& f : r.failures) {
      failed.push_back({{"file", file}, {"index", f.index}, {"reason", f.reason}});
      failure_lines.push_back(file + "[" + std::to_string(f.index) + "]: " + f.reason);
    }
  }
  if (progress && done != total) DrawProgress(total, total);
  Result<int64_t> logged = (*app)->runs().CountEvents();
  if (flags.catalog.json) {
    std::cout << codec::Json({{"events", total},
                              {"successful", successful},
                              {"duplicates", duplicates},
                              {"failed", failed.size()},
                              {"column_edges", column_edges},
                              {"event_log", logged.ok() ? *logged : -1},
                              {"failed_events", failed}})
                     .dump(2)
              << "\n";
  } else {
    std::cout << CountOf(total, "event") << ": " << successful - duplicates << " new, "
              << duplicates << " already logged, " << failed.size() << " failed; "
              << CountOf(column_edges, "column edge") << "; event log holds "
              << (logged.ok() ? CountOf(*logged, "event") : std::string("? events")) << "\n";
  }
  for (const std::string& line : failure_lines) std::cerr << "linea: " << line << "\n";
  return failed.empty() ? kExitOk : kExitInvalid;
}

}  // namespace

void RegisterIngestOpenLineage(CLI::App* ingest, int* exit_code) {
  auto flags = std::make_shared<OpenLineageFlags>();
  CLI::App* cmd = ingest->add_subcommand(
      "openlineage", "Ingest OpenLineage events from files (JSON object, array, or JSON Lines)");
  cmd->add_option("files", flags->files, "event files (- for stdin)")->required();
  cmd->add_option("--namespace-map", flags->namespace_map,
                  "NAMESPACE=SERVICE, e.g. hive://hms-prod:9083=hive_prod (repeatable)");
  cmd->add_option("--namespace-map-file", flags->namespace_map_file,
                  "a file of NAMESPACE=SERVICE lines");
  cmd->add_option("--db", flags->catalog.db, "SQLite catalog file")->capture_default_str();
  cmd->add_flag("--json", flags->catalog.json, "the summary as JSON");
  cmd->callback([flags, exit_code] { *exit_code = RunOpenLineage(*flags); });
}

}  // namespace linea::cli
