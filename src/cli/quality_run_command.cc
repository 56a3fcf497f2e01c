// `linea quality run --config FILE --period P` (docs/quality-runner.md): measures the tables
// of a runner config (qualityrun/) and records the results in one POST /api/v1/quality/results
// on a local catalog (--db) or a server (--server); --dry-run prints the request instead.
#include <iostream>

#include "cli/backend.h"
#include "cli/commands.h"
#include "codec/quality_json.h"
#include "qualityrun/measure.h"

namespace linea::cli {
namespace {

using api::Json;

struct QualityRunFlags {
  CatalogFlags catalog;
  std::string config, period;
  bool dry_run = false;
};

Json ResultsBody(const std::vector<qualityrun::TableRun>& runs) {
  Json results = Json::array();
  for (const qualityrun::TableRun& run : runs) {
    for (const model::QualityResult& r : run.results) {
      Json j = codec::EncodeQualityResult(r);
      if (r.status.empty()) j.erase("status");  // linea judges it
      j.erase("time");
      results.push_back(std::move(j));
    }
  }
  return {{"results", std::move(results)}};
}

Json TablesJson(const std::vector<qualityrun::TableRun>& runs) {
  Json tables = Json::array();
  for (const qualityrun::TableRun& run : runs) {
    Json t = {{"source", run.source},
              {"table", run.table},
              {"asset", run.asset},
              {"results", run.results.size()}};
    if (run.rows >= 0) t["rows"] = run.rows;
    if (!run.error.empty()) t["error"] = run.error;
    tables.push_back(std::move(t));
  }
  return tables;
}

void PrintMeasuredTable(const qualityrun::TableRun& run) {
  std::cout << run.source << " " << run.table << " → " << run.asset << ": ";
  if (run.rows >= 0) std::cout << CountOf(static_cast<size_t>(run.rows), "row") << ", ";
  std::cout << CountOf(run.results.size(), "result");
  if (!run.error.empty()) std::cout << " (not measured: " << run.error << ")";
  std::cout << "\n";
}

int RunQualityRunner(const QualityRunFlags& flags) {
  if (Status s = qualityrun::ValidatePeriod(flags.period); !s.ok()) {
    return ReportError(s, kExitInvalid);
  }
  qualityrun::RunnerConfig config;
  const std::vector<std::string> problems = qualityrun::LoadRunnerConfig(flags.config, &config);
  for (const std::string& problem : problems) std::cerr << "linea: " << problem << "\n";
  if (!problems.empty()) return kExitInvalid;

  std::unique_ptr<Backend> backend;
  if (!flags.dry_run) {
    Result<std::unique_ptr<Backend>> opened = Backend::Open(flags.catalog, false);
    if (!opened.ok()) return ReportError(opened.status(), kExitRuntime);
    backend = std::move(*opened);
  }
  const bool quiet = flags.dry_run || flags.catalog.json;
  const std::vector<qualityrun::TableRun> runs = qualityrun::MeasureAll(
      config, {.period = flags.period}, [&](const qualityrun::TableRun& run) {
        if (!quiet) PrintMeasuredTable(run);
        if (!run.error.empty()) {
          std::cerr << "linea: " << run.source << " " << run.table << ": " << run.error << "\n";
        }
      });
  bool all_measured = true;
  for (const qualityrun::TableRun& run : runs) all_measured = all_measured && run.error.empty();
  const int measured_code = all_measured ? kExitOk : kExitRuntime;
  Json body = ResultsBody(runs);
  if (flags.dry_run) {
    std::cout << body.dump(2) << "\n";
    return measured_code;
  }
  server::ApiRequest request{"POST", "/api/v1/quality/results"};
  request.body = body.dump();
  request.content_type = "application/json";
  api::Reply reply = backend->Call(request);
  if (!reply.ok()) return ReportReply(reply);
  if (flags.catalog.json) {
    std::cout << Json{{"tables", TablesJson(runs)}, {"recorded", reply.body}}.dump(2) << "\n";
  } else {
    std::cout << "\n";
    PrintQualityRecorded(reply.body);
  }
  return measured_code;
}

}  // namespace

void RegisterQualityRun(CLI::App* quality, int* exit_code) {
  auto flags = std::make_shared<QualityRunFlags>();
  CLI::App* run = quality->add_subcommand(
      "run",
      "Measure the tables of a runner config (counts, nulls, statistics, distributions) "
      "and record the results");
  run->add_option("--config", flags->config, "runner config (YAML, docs/quality-runner.md)")
      ->required();
  run->add_option("--period", flags->period, "the period measured; replaces {period} in where")
      ->required();
  run->add_flag("--dry-run", flags->dry_run, "print the results JSON; send nothing");
  AddCatalogFlags(run, &flags->catalog);
  run->callback([flags, exit_code] { *exit_code = RunQualityRunner(*flags); });
}

}  // namespace linea::cli
