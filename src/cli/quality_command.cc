// `linea quality post|show|checks|digest` (and `run`, quality_run_command.cc)
// (docs/quality.md): data-quality results and checks, and the monthly digests, through the
// API's /api/v1/quality requests on a local catalog (--db) or a server (--server).
#include <cstdio>
#include <fstream>

#include "cli/backend.h"
#include "cli/commands.h"
#include "cli/text_table.h"

namespace linea::cli {
namespace {

using api::Json;

struct QualityFlags {
  CatalogFlags catalog;
  std::string file, fqn, check, asset;
  size_t history = 12;
  std::string model, period, output, team;
  bool dry_run = false;
};

int SendQuality(const QualityFlags& flags, bool create, server::ApiRequest request,
                void (*print)(const Json&)) {
  Result<std::unique_ptr<Backend>> backend = Backend::Open(flags.catalog, create);
  if (!backend.ok()) return ReportError(backend.status(), kExitRuntime);
  api::Reply reply = (*backend)->Call(request);
  if (!reply.ok()) return ReportReply(reply);
  return EmitReply(flags.catalog, reply.body, print);
}

std::string QualityNumber(const Json& j, const char* key) {
  if (!j.contains(key)) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", j[key].get<double>());
  return text;
}

void PrintTransitions(const char* title, const Json& list) {
  if (list.empty()) return;
  std::cout << "\n" << title << " (" << list.size() << ")\n";
  TextTable table({"ASSET", "CHECK", "PERIOD", "MESSAGE"});
  for (const Json& t : list) {
    table.AddRow({t["asset"].get<std::string>(), t["check"].get<std::string>(),
                  t.value("period", std::string("-")), t.value("message", std::string("-"))});
  }
  table.Print(std::cout);
}

}  // namespace

void PrintQualityRecorded(const Json& j) {
  std::cout << CountOf(j["recorded"].get<size_t>(), "result")
            << " recorded: " << j["success"].get<size_t>() << " success, "
            << j["warn"].get<size_t>() << " warn, " << j["fail"].get<size_t>() << " fail, "
            << j["aborted"].get<size_t>() << " aborted\n";
  PrintTransitions("NOW FAILING — an incident is opened on each asset", j["failed"]);
  PrintTransitions("RECOVERED", j["recovered"]);
}

namespace {

void PrintQuality(const Json& j) {
  const Json& series = j["series"];
  if (series.empty()) {
    std::cout << "no checks or results on " << j["asset"].get<std::string>() << "\n";
    return;
  }
  TextTable table({"ASSET", "CHECK", "KIND", "STATUS", "PERIOD", "VALUE", "REFERENCE", "RULE"});
  for (const Json& s : series) {
    const Json latest = s.value("latest", Json::object());
    std::string kind = latest.value("kind", std::string());
    if (kind.empty() && s.contains("check")) kind = s["check"]["kind"].get<std::string>();
    table.AddRow({s["asset"].get<std::string>(), s["name"].get<std::string>(), kind,
                  latest.value("status", std::string("(no result)")),
                  latest.value("period", std::string("-")), QualityNumber(latest, "value"),
                  QualityNumber(latest, "reference"), latest.value("threshold", std::string("-"))});
  }
  table.Print(std::cout);
  for (const Json& s : series) {
    const Json latest = s.value("latest", Json::object());
    if (latest.value("status", std::string()) != "fail" &&
        latest.value("status", std::string()) != "warn") {
      continue;
    }
    std::cout << "\n"
              << s["asset"].get<std::string>() << " " << s["name"].get<std::string>() << ": "
              << latest.value("message", std::string()) << "\n";
    if (!s.contains("history")) continue;
    for (const Json& r : s["history"]) {
      std::cout << "  " << r.value("period", r["time"].get<std::string>()) << "  "
                << r["status"].get<std::string>() << "  " << QualityNumber(r, "value") << "\n";
    }
  }
}

void PrintChecks(const Json& j) {
  if (j["checks"].empty()) {
    std::cout << "no checks defined\n";
    return;
  }
  TextTable table({"ASSET", "NAME", "KIND", "SEVERITY", "PARAMS", "DEFINED BY"});
  for (const Json& c : j["checks"]) {
    std::string params;
    const Json check_params = c.value("params", Json::object());  // outlives the loop
    for (auto& [key, value] : check_params.items()) {
      params += (params.empty() ? "" : ", ") + key + "=" + value.dump();
    }
    table.AddRow({c["asset"].get<std::string>(), c["name"].get<std::string>(),
                  c["kind"].get<std::string>(), c["severity"].get<std::string>(),
                  params.empty() ? "-" : params, c.value("provenance", std::string("-"))});
  }
  table.Print(std::cout);
}

// What one recipient's digest lists: its models, then their failing and warning features.
void PrintDigestOf(const std::string& recipient, const Json& digest) {
  std::cout << "\nTHE DIGEST OF " << recipient << "\n";
  TextTable models({"MODEL", "STATUS", "FAIL", "WARN", "SUCCESS", "UNMEASURED"});
  for (const Json& m : digest["models"]) {
    models.AddRow({m["fqn"].get<std::string>(), m["status"].get<std::string>(),
                   std::to_string(m["fail"].get<size_t>()), std::to_string(m["warn"].get<size_t>()),
                   std::to_string(m["success"].get<size_t>()),
                   std::to_string(m["unmeasured"].get<size_t>())});
  }
  models.Print(std::cout);
  for (const Json& m : digest["models"]) {
    for (const Json& f : m["features"]) {
      std::cout << "  " << f["status"].get<std::string>() << "  " << f["fqn"].get<std::string>()
                << ": " << f["check"].get<std::string>() << " on " << f["source"].get<std::string>()
                << ": " << f["message"].get<std::string>() << "\n";
    }
  }
}

// What POST /api/v1/quality/digests queued: the counts, the recipients told (with their
// channels), then those that cannot be told and why.
void PrintDigests(const Json& j) {
  const std::string period = j["period"].get<std::string>();
  const Json& teams = j["teams"];
  if (teams.empty()) {
    std::cout << "quality digests of " << period << ": no team owns a model measured in " << period
              << "; nothing queued\n";
    return;
  }
  TextTable told({"RECIPIENT", "CHANNELS", "MODELS", "QUEUED", "ALREADY QUEUED"});
  TextTable untold({"RECIPIENT", "WHY NOT", "MODELS"});
  size_t n_told = 0, n_untold = 0;
  bool untold_team = false, untold_user = false;  // which `set` command gives them contacts
  for (const Json& t : teams) {
    const std::string name = t["team"].get<std::string>();
    const std::string models = std::to_string(t["models"].get<size_t>());
    if (!t.contains("unreachable")) {
      ++n_told;
      told.AddRow({name, JoinJson(t["channels"], ", "), models,
                   std::to_string(t["queued"].get<size_t>()),
                   std::to_string(t["already_queued"].get<size_t>())});
    } else {
      ++n_untold;
      (name.starts_with("user:") ? untold_user : untold_team) = true;
      untold.AddRow({name, t["unreachable"].get<std::string>(), models});
    }
  }
  const bool dry_run = j.value("dry_run", false);
  std::cout << (dry_run ? "dry run: " : "") << "quality digests of " << period << ": "
            << CountOf(j["deliveries_queued"].get<size_t>(), "delivery")
            << (dry_run ? " would be queued, " : " queued, ") << j["already_queued"].get<size_t>()
            << " already queued, for " << n_told << " of " << CountOf(teams.size(), "recipient")
            << (dry_run ? "; nothing was queued" : "") << "\n";
  if (n_told) {
    std::cout << "\nNOTIFIED (" << n_told << ")\n";
    told.Print(std::cout);
  }
  if (n_untold) {
    std::cout << "\nCANNOT BE NOTIFIED (" << n_untold
              << ") — add contacts: " << (untold_team ? "linea team set …" : "")
              << (untold_team && untold_user ? " / " : "")
              << (untold_user ? "linea user set …" : "") << "\n";
    untold.Print(std::cout);
  }
  if (dry_run) {
    for (const Json& t : teams) PrintDigestOf(t["team"].get<std::string>(), t["digest"]);
  }
}

int WriteReport(const QualityFlags& flags) {
  Result<std::unique_ptr<Backend>> backend = Backend::Open(flags.catalog, false);
  if (!backend.ok()) return ReportError(backend.status(), kExitRuntime);
  server::ApiRequest request{"GET", "/api/v1/quality/report/" + flags.model};
  if (!flags.period.empty()) request.query.emplace("period", flags.period);
  request.query.emplace("format", flags.catalog.json ? "json" : "html");
  api::Reply reply = (*backend)->Call(request);
  if (!reply.ok()) return ReportReply(reply);
  const std::string text = flags.catalog.json ? reply.body.dump(2) + "\n" : reply.text;
  if (flags.output.empty() || flags.output == "-") {
    std::cout << text;
    return kExitOk;
  }
  std::ofstream out(flags.output, std::ios::binary);
  out << text;
  if (!out.flush()) {
    return ReportError(UnavailableError("cannot write " + flags.output), kExitRuntime);
  }
  std::cerr << "linea: wrote " << flags.output << " (" << CountOf(text.size(), "byte") << ")\n";
  return kExitOk;
}

}  // namespace

void RegisterReport(CLI::App& app, int* exit_code) {
  CLI::App* report = app.add_subcommand("report", "Reports: monthly feature stability of a model");
  report->require_subcommand(1);
  auto flags = std::make_shared<QualityFlags>();
  CLI::App* stability = report->add_subcommand(
      "stability", "A model's features, their sources' drift, null rate and volume over 12 months");
  stability->add_option("--model", flags->model, "FQN of the model")->required();
  stability->add_option("--period", flags->period, "the month, YYYY-MM (default: last month)");
  stability->add_option("-o,--output", flags->output, "HTML file to write (default: stdout)");
  AddCatalogFlags(stability, &flags->catalog);
  stability->callback([flags, exit_code] { *exit_code = WriteReport(*flags); });
}

void RegisterQuality(CLI::App& app, int* exit_code) {
  CLI::App* quality = app.add_subcommand(
      "quality", "Data quality: record results (a fail opens an incident), show series, checks");
  quality->require_subcommand(1);
  auto flags = std::make_shared<QualityFlags>();

  CLI::App* post = quality->add_subcommand(
      "post", "Record results from a JSON file ({\"results\": [...]}, docs/quality.md)");
  post->add_option("-f,--file", flags->file, "results JSON file (- = stdin)")->required();
  AddCatalogFlags(post, &flags->catalog);
  post->callback([flags, exit_code] {
    Result<std::string> body = ReadInput(flags->file);
    if (!body.ok()) {
      *exit_code = ReportError(body.status());
      return;
    }
    server::ApiRequest request{"POST", "/api/v1/quality/results"};
    request.body = std::move(*body);
    request.content_type = "application/json";
    *exit_code = SendQuality(*flags, false, std::move(request), PrintQualityRecorded);
  });

  CLI::App* show = quality->add_subcommand(
      "show", "The checks and newest results of an asset and its columns; history of failures");
  show->add_option("fqn", flags->fqn, "FQN of a table, column, feature or model")->required();
  show->add_option("--check", flags->check, "only this check");
  show->add_option("--history", flags->history, "results per series (newest first)")
      ->capture_default_str();
  AddCatalogFlags(show, &flags->catalog);
  show->callback([flags, exit_code] {
    server::ApiRequest request{"GET", "/api/v1/quality/" + flags->fqn};
    if (!flags->check.empty()) request.query.emplace("check", flags->check);
    request.query.emplace("history", std::to_string(flags->history));
    *exit_code = SendQuality(*flags, false, std::move(request), PrintQuality);
  });

  CLI::App* checks = quality->add_subcommand("checks", "The defined checks");
  checks->add_option("--asset", flags->asset, "only this asset's");
  AddCatalogFlags(checks, &flags->catalog);
  checks->callback([flags, exit_code] {
    server::ApiRequest request{"GET", "/api/v1/quality/checks"};
    if (!flags->asset.empty()) request.query.emplace("asset", flags->asset);
    *exit_code = SendQuality(*flags, false, std::move(request), PrintChecks);
  });

  CLI::App* digest = quality->add_subcommand(
      "digest",
      "Queue a month's quality digests to the channels of the teams owning measured models "
      "(admin; each once per team and contact)");
  digest->add_option("--period", flags->period, "the month, YYYY-MM (default: last month)");
  digest->add_option("--team", flags->team,
                     "only this recipient: team:NAME, user:NAME or a team name (default: all)");
  digest->add_flag("--dry-run", flags->dry_run,
                   "queue nothing: show who would get a digest and what it lists");
  AddCatalogFlags(digest, &flags->catalog);
  digest->callback([flags, exit_code] {
    server::ApiRequest request{"POST", "/api/v1/quality/digests"};
    if (!flags->period.empty()) request.query.emplace("period", flags->period);
    if (!flags->team.empty()) request.query.emplace("team", flags->team);
    if (flags->dry_run) request.query.emplace("dry_run", "true");
    *exit_code = SendQuality(*flags, false, std::move(request), PrintDigests);
  });

  RegisterQualityRun(quality, exit_code);
}

}  // namespace linea::cli
