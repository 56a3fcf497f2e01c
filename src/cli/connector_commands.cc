// `linea ingest <connector type> --config FILE` (one pull) and `linea connectors status`
// (docs/connectors.md).
#include <unistd.h>

#include <cstdio>

#include "app/connector_types.h"
#include "cli/backend.h"
#include "cli/commands.h"
#include "cli/text_table.h"
#include "connectors/puller.h"
#include "connectors/status.h"

namespace linea::cli {
namespace {

using codec::Json;

struct PullFlags {
  CatalogFlags catalog;
  std::string type;
  std::string config;
  bool dry_run = false;
};

// "[=====     ] 12/40 database mart_geo", redrawn in place on stderr.
int PrintReport(const PullFlags& flags, const connectors::PullReport& report) {
  if (flags.catalog.json) {
    std::cout << connectors::ToJson(report).dump(2, ' ', false, Json::error_handler_t::replace)
              << "\n";
  } else if (report.outcome == "ok") {
    std::cout << connectors::Summary(report);
  }
  if (report.outcome == "ok") return kExitOk;
  std::cerr << "linea: " << report.connector << ": " << report.error << "\n";
  return kExitRuntime;
}

// --server: the server pulls the connector of that name (it must schedule it).
int PullOnServer(const PullFlags& flags, const std::string& name) {
  Result<std::unique_ptr<Backend>> backend = Backend::Open(flags.catalog, false);
  if (!backend.ok()) return ReportError(backend.status(), kExitRuntime);
  if (flags.dry_run) return ReportError(InvalidArgumentError("--dry-run needs a local --db"));
  api::Reply reply = (*backend)->Call({"POST", "/api/v1/connectors/" + name + "/run"});
  if (!reply.ok()) return ReportReply(reply);
  return PrintReport(flags, connectors::FromJson(reply.body));
}

int RunPull(const PullFlags& flags) {
  Result<std::vector<connectors::ConnectorConfig>> configs =
      connectors::LoadConnectorConfigs(flags.config, app::ConnectorTypes(), /*single=*/true);
  if (!configs.ok()) return ReportError(configs.status(), kExitInvalid);
  const connectors::ConnectorConfig& config = configs->front();
  if (config.type != flags.type) {
    return ReportError(InvalidArgumentError(config.file + ":" + std::to_string(config.line) +
                                            ": this file configures a " + config.type +
                                            " connector; run `linea ingest " + config.type +
                                            " --config " + flags.config + "`"),
                       kExitInvalid);
  }
  Result<std::unique_ptr<connectors::Source>> source = app::MakeConnectorSource(config);
  if (!source.ok()) return ReportError(source.status(), kExitInvalid);
  if (!flags.catalog.server.empty() && !flags.catalog.db_given) {
    return PullOnServer(flags, config.name);
  }
  Result<std::unique_ptr<app::App>> app = OpenApp(flags.catalog, true);
  if (!app.ok()) return ReportError(app.status(), kExitRuntime);
  connectors::PullOptions options;
  options.dry_run = flags.dry_run;
  if (isatty(STDERR_FILENO) && !flags.catalog.json) options.progress = DrawProgress;
  return PrintReport(flags, connectors::Pull((*app)->catalog(), config, **source, options));
}

std::string Ago(int64_t at_ms) {
  if (at_ms <= 0) return "-";
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  const int64_t s = (now - at_ms) / 1000;
  if (s < 0) return "in " + std::to_string(-s) + "s";
  if (s < 120) return std::to_string(s) + "s ago";
  if (s < 7200) return std::to_string(s / 60) + "m ago";
  if (s < 172800) return std::to_string(s / 3600) + "h ago";
  return std::to_string(s / 86400) + "d ago";
}

std::string In(int64_t at_ms) {
  if (at_ms <= 0) return "-";
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  const int64_t s = std::max<int64_t>(0, (at_ms - now) / 1000);
  return s < 120 ? "in " + std::to_string(s) + "s" : "in " + std::to_string(s / 60) + "m";
}

void PrintStatus(const Json& body) {
  const Json& list = body["connectors"];
  if (list.empty()) {
    std::cout << "no connectors: none is scheduled here and none has run on this catalog\n";
    return;
  }
  TextTable table({"CONNECTOR", "TYPE", "LAST RUN", "OUTCOME", "TOOK", "CHANGED", "PROBLEMS",
                   "NEXT RUN"});
  for (const Json& s : list) {
    connectors::PullReport last;
    const bool has_run = s.contains("last_run") && s["last_run"].is_object();
    if (has_run) last = connectors::FromJson(s["last_run"]);
    std::string outcome = has_run ? last.outcome : "never run";
    if (s.value("running", false)) outcome = "running";
    table.AddRow({s.value("name", ""), s.value("type", ""),
                  has_run ? Ago(last.started_at_ms) : "-", outcome,
                  has_run ? std::to_string(last.finished_at_ms - last.started_at_ms) + " ms" : "-",
                  has_run ? std::to_string(last.assets.total()) + " assets" : "-",
                  has_run ? std::to_string(last.problems_total) : "-",
                  s.value("scheduled", false) ? In(s.value("next_run_at", int64_t{0})) : "-"});
    if (has_run && last.outcome == "failed") table.AddNote("error: " + last.error);
    if (s.value("skipped_runs", 0) > 0) {
      table.AddNote(std::to_string(s.value("skipped_runs", 0)) +
                    " scheduled runs skipped (the previous run still ran)");
    }
  }
  table.Print(std::cout);
}

int RunStatus(const CatalogFlags& flags) {
  Result<std::unique_ptr<Backend>> backend = Backend::Open(flags, false);
  if (!backend.ok()) return ReportError(backend.status(), kExitRuntime);
  api::Reply reply = (*backend)->Call({"GET", "/api/v1/connectors"});
  if (!reply.ok()) return ReportReply(reply);
  return EmitReply(flags, reply.body, PrintStatus);
}

}  // namespace

void RegisterIngestConnectors(CLI::App* ingest, int* exit_code) {
  for (const std::string& type : app::ConnectorTypes()) {
    auto flags = std::make_shared<PullFlags>();
    flags->type = type;
    const std::string what = type == "mlflow"
                                 ? "MLflow: models, features, deployments, feature lineage"
                                 : "a Hive Metastore: tables, columns, view lineage";
    CLI::App* cmd = ingest->add_subcommand(type, "Pull " + what + " (docs/connectors.md)");
    cmd->add_option("--config", flags->config, "the connector's YAML file")->required();
    cmd->add_flag("--dry-run", flags->dry_run, "read and map everything, write nothing");
    AddCatalogFlags(cmd, &flags->catalog);
    cmd->callback([flags, exit_code] { *exit_code = RunPull(*flags); });
  }
}

void RegisterConnectors(CLI::App& app, int* exit_code) {
  CLI::App* connectors = app.add_subcommand("connectors", "Pull connectors");
  connectors->require_subcommand(1);
  auto flags = std::make_shared<CatalogFlags>();
  CLI::App* status = connectors->add_subcommand(
      "status", "Each connector's last run, outcome, changes, problems and next run");
  AddCatalogFlags(status, flags.get());
  status->callback([flags, exit_code] { *exit_code = RunStatus(*flags); });
}

}  // namespace linea::cli
