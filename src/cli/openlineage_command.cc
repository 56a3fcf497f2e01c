// `linea ingest openlineage FILE…`: OpenLineage events (a JSON object, an array, or JSON Lines)
// for backfills, sent in batches to POST /api/v1/lineage/batch of the local catalog (--db) or of
// a server (--server), so both print the same.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "cli/backend.h"
#include "cli/cli_context.h"
#include "cli/commands.h"
#include "cli/text_table.h"
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

// Events per POST /api/v1/lineage/batch: at most 1,000 and about 4 MiB, well under the
// server's body limit.
size_t NextBatchEnd(const std::vector<std::string>& events, size_t first) {
  constexpr size_t kMaxEvents = 1000, kMaxBytes = 4 << 20;
  size_t end = first, bytes = 0;
  while (end < events.size() && end - first < kMaxEvents &&
         (end == first || bytes + events[end].size() <= kMaxBytes)) {
    bytes += events[end++].size() + 1;
  }
  return end;
}

std::string JsonArrayOf(const std::vector<std::string>& events, size_t first, size_t end) {
  std::string body = "[";
  for (size_t i = first; i < end; ++i) (body += i == first ? "" : ",") += events[i];
  return body + "]";
}

// The batch answers added up; failures carry their file and index within the file.
struct BatchTotals {
  size_t successful = 0, duplicates = 0, column_edges = 0;
  codec::Json failed = codec::Json::array();

  void Add(const std::string& file, size_t offset, const codec::Json& reply) {
    const codec::Json& summary = reply["summary"];
    successful += summary.value("successful", size_t{0});
    duplicates += summary.value("duplicates", size_t{0});
    column_edges += summary.value("column_edges", size_t{0});
    for (const codec::Json& f : reply["failed_events"]) {
      failed.push_back(
          {{"file", file}, {"index", offset + f["index"].get<size_t>()}, {"reason", f["reason"]}});
    }
  }
};

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
  Result<std::unique_ptr<Backend>> backend =
      Backend::Open(flags.catalog, true, app::AppOptions{.namespaces = std::move(namespaces)});
  if (!backend.ok()) return ReportError(backend.status(), kExitRuntime);
  if ((*backend)->remote() && (!flags.namespace_map.empty() || !flags.namespace_map_file.empty())) {
    return ReportError(
        InvalidArgumentError("--namespace-map applies to --db only; a server uses its own (linea "
                             "serve --namespace-map)"));
  }

  bool progress = isatty(STDERR_FILENO) && !flags.catalog.json;
  size_t done = 0;
  BatchTotals totals;
  for (const auto& [file, events] : inputs) {
    for (size_t first = 0; first < events.size();) {
      size_t end = NextBatchEnd(events, first);
      server::ApiRequest request{.method = "POST", .path = "/api/v1/lineage/batch"};
      request.body = JsonArrayOf(events, first, end);
      request.content_type = "application/json";
      api::Reply reply = (*backend)->Call(request);
      if (reply.code != StatusCode::kOk) return ReportReply(reply);
      totals.Add(file, first, reply.body);
      done += end - first;
      if (progress) DrawProgress(done, total, "events");
      first = end;
    }
  }
  if (flags.catalog.json) {
    std::cout << codec::Json({{"events", total},
                              {"successful", totals.successful},
                              {"duplicates", totals.duplicates},
                              {"failed", totals.failed.size()},
                              {"column_edges", totals.column_edges},
                              {"failed_events", totals.failed}})
                     .dump(2)
              << "\n";
  } else {
    std::cout << CountOf(total, "event") << ": " << totals.successful - totals.duplicates
              << " new, " << totals.duplicates << " already logged, " << totals.failed.size()
              << " failed; " << CountOf(totals.column_edges, "column edge") << "\n";
  }
  for (const codec::Json& f : totals.failed) {
    std::cerr << "linea: " << f["file"].get<std::string>() << "[" << f["index"].get<size_t>()
              << "]: " << f["reason"].get<std::string>() << "\n";
  }
  return totals.failed.empty() ? kExitOk : kExitInvalid;
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
  AddCatalogFlags(cmd, &flags->catalog);
  cmd->callback([flags, exit_code] { *exit_code = RunOpenLineage(*flags); });
}

}  // namespace linea::cli
