// `linea incident open|ack|resolve|list|show` (docs/incidents.md). Like every catalog command
// these run the API's /api/v1/incidents requests on a local catalog (--db: the notifications are
// queued in its outbox and sent by a `linea serve` on that file) or send them to a server.
#include <ctime>

#include "cli/backend.h"
#include "cli/cli_tree.h"
#include "cli/commands.h"
#include "cli/text_table.h"

namespace linea::cli {
namespace {

using api::Json;

struct IncidentFlags {
  CatalogFlags catalog;
  std::string asset, title, description, severity = "high";
  std::string id, note, reason, state;
  bool dry_run = false;
};

std::string FormatMillis(int64_t ms) {
  const std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

int Send(const IncidentFlags& flags, bool create, server::ApiRequest request,
         void (*print)(const Json&)) {
  Result<std::unique_ptr<Backend>> backend = Backend::Open(flags.catalog, create);
  if (!backend.ok()) return ReportError(backend.status(), kExitRuntime);
  api::Reply reply = (*backend)->Call(request);
  if (!reply.ok()) return ReportReply(reply);
  return EmitReply(flags.catalog, reply.body, print);
}

server::ApiRequest Post(std::string path, const Json& body) {
  server::ApiRequest request{"POST", std::move(path)};
  request.body = body.dump();
  request.content_type = "application/json";
  return request;
}

// "3 models, 1 dashboard" of what one recipient's message lists ("-" for nothing).
std::string ListedItems(const Json& r) {
  std::vector<std::string> parts;
  for (auto [key, noun] : {std::pair{"models", "model"}, std::pair{"dashboards", "dashboard"},
                           std::pair{"deployments", "deployment"}}) {
    if (!r[key].empty()) parts.push_back(CountOf(r[key].size(), noun));
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out.empty() ? "-" : out;
}

// Every recipient: those told (with their channels), then those that cannot be told and why.
void PrintRecipients(const Json& recipients) {
  TextTable told({"RECIPIENT", "CHANNELS", "ITS MESSAGE LISTS"});
  TextTable untold({"RECIPIENT", "WHY NOT", "WOULD LIST"});
  size_t n_told = 0, n_untold = 0;
  bool untold_team = false, untold_user = false;  // which `set` command gives them contacts
  for (const Json& r : recipients) {
    if (r["notified"].get<bool>()) {
      ++n_told;
      told.AddRow(
          {r["recipient"].get<std::string>(), JoinJson(r["channels"], ", "), ListedItems(r)});
    } else {
      ++n_untold;
      (r["recipient"].get<std::string>().starts_with("user:") ? untold_user : untold_team) = true;
      untold.AddRow(
          {r["recipient"].get<std::string>(), r["unreachable"].get<std::string>(), ListedItems(r)});
    }
  }
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
}

void PrintIncidentChange(const Json& j) {
  const Json recipients = j.value("recipients", Json::array());
  size_t told = 0;
  for (const Json& r : recipients) told += r["notified"].get<bool>();
  if (j.value("dry_run", false)) {
    if (!j.contains("id")) {
      std::cout << "dry run: an incident on " << j["asset"].get<std::string>() << " would notify "
                << told << " of " << CountOf(recipients.size(), "recipient")
                << "; nothing was opened or sent\n";
    } else {
      std::cout << "dry run: " << j["asset"].get<std::string>() << " already has "
                << j["id"].get<std::string>() << " (" << j["state"].get<std::string>()
                << "): opening would add to its timeline and notify no one\n";
    }
  } else {
    std::cout << j["id"].get<std::string>() << " " << j["state"].get<std::string>() << " on "
              << j["asset"].get<std::string>();
    if (j.contains("created") && !j["created"].get<bool>()) {
      std::cout << " (already open: added to its timeline)";
    }
    std::cout << "; " << CountOf(j.value("deliveries_queued", 0), "notification") << " queued";
    if (!recipients.empty())
      std::cout << " for " << told << " of " << CountOf(recipients.size(), "recipient");
    std::cout << "\n";
  }
  if (j.contains("impact")) {
    const Json& impact = j["impact"];
    std::cout << "impact: " << ImpactCounts(impact) << "\n";
  }
  PrintRecipients(recipients);
}

void PrintIncidents(const Json& j) {
  const Json& list = j["incidents"];
  if (list.empty()) {
    std::cout << "no incidents\n";
    return;
  }
  TextTable table({"ID", "STATE", "SEVERITY", "OPENED", "ASSET", "TITLE"});
  for (const Json& i : list) {
    table.AddRow({i["id"].get<std::string>(), i["state"].get<std::string>(),
                  i["severity"].get<std::string>(), FormatMillis(i["opened_at"].get<int64_t>()),
                  i["asset"].get<std::string>(), i["title"].get<std::string>()});
  }
  table.Print(std::cout);
}

void PrintShow(const Json& j) {
  std::cout << j["id"].get<std::string>() << " [" << j["severity"].get<std::string>() << ", "
            << j["state"].get<std::string>() << "] " << j["title"].get<std::string>() << "\n"
            << "asset: " << j["asset"].get<std::string>() << "\n";
  if (j.contains("resolution")) std::cout << "resolution: " << j["resolution"] << "\n";
  std::cout << "\nTIMELINE\n";
  TextTable timeline({"AT", "EVENT", "BY", "NOTE"});
  for (const Json& e : j["timeline"]) {
    timeline.AddRow({FormatMillis(e["at"].get<int64_t>()), e["type"].get<std::string>(),
                     e["actor"].get<std::string>(), e.value("note", std::string("-"))});
  }
  timeline.Print(std::cout);
  std::cout << "\nMODELS AFFECTED (" << j["impact"].value("models", Json::array()).size() << ")\n";
  for (const Json& m : j["impact"].value("models", Json::array())) {
    std::cout << "  " << m["fqn"].get<std::string>() << "\n";
  }
  std::cout << "\nDELIVERIES (" << j["deliveries"].size() << ")\n";
  if (j["deliveries"].empty()) return;
  TextTable deliveries({"TEAM", "CHANNEL", "EVENT", "STATE", "ATTEMPTS", "LAST"});
  for (const Json& d : j["deliveries"]) {
    // "200", "503 <error>", "<error>" (no HTTP status: SMTP, a refused connection), or "-".
    std::string last = d.contains("last_status") ? std::to_string(d["last_status"].get<int>()) : "";
    if (d.contains("last_error")) {
      std::string error = d["last_error"].get<std::string>();
      if (error.size() > 80) error = error.substr(0, 79) + "…";
      last += (last.empty() ? "" : " ") + error;
    }
    if (last.empty()) last = d.value("outcome_hidden", false) ? "(writers see it)" : "-";
    deliveries.AddRow({d["team"].get<std::string>(), d["channel"].get<std::string>(),
                       d["event"].get<std::string>(), d["state"].get<std::string>(),
                       std::to_string(d["attempts"].get<int>()), last});
  }
  deliveries.Print(std::cout);
}

}  // namespace

void RegisterIncident(CLI::App& app, int* exit_code) {
  CLI::App* incident = app.add_subcommand(
      "incident", "Incidents: open (freezes the impact, notifies affected teams), ack, resolve");
  incident->require_subcommand(1);
  auto flags = std::make_shared<IncidentFlags>();

  CLI::App* open = incident->add_subcommand("open", "Open an incident on a broken asset");
  open->add_option("asset", flags->asset, "FQN of the broken asset")->required();
  open->add_option("--title", flags->title, "what is wrong")->required();
  open->add_option("--description", flags->description, "details");
  open->add_option("--severity", flags->severity, "low, medium, high or critical")
      ->check(Choices({"low", "medium", "high", "critical"}))
      ->capture_default_str();
  open->add_flag("--dry-run", flags->dry_run,
                 "show the impact and who would be told, open and send nothing");
  AddCatalogFlags(open, &flags->catalog);
  open->callback([flags, exit_code] {
    *exit_code = Send(*flags, !flags->dry_run,
                      Post("/api/v1/incidents", {{"asset", flags->asset},
                                                 {"title", flags->title},
                                                 {"description", flags->description},
                                                 {"severity", flags->severity},
                                                 {"dry_run", flags->dry_run}}),
                      PrintIncidentChange);
  });

  CLI::App* ack = incident->add_subcommand("ack", "Acknowledge an open incident");
  ack->add_option("id", flags->id, "incident id (inc-…)")->required();
  ack->add_option("--note", flags->note, "a note for the timeline");
  AddCatalogFlags(ack, &flags->catalog);
  ack->callback([flags, exit_code] {
    *exit_code = Send(*flags, false,
                      Post("/api/v1/incidents/" + flags->id + "/ack", {{"note", flags->note}}),
                      PrintIncidentChange);
  });

  CLI::App* resolve = incident->add_subcommand("resolve", "Resolve an incident");
  resolve->add_option("id", flags->id, "incident id (inc-…)")->required();
  resolve->add_option("--reason", flags->reason, "why it is resolved")->required();
  AddCatalogFlags(resolve, &flags->catalog);
  resolve->callback([flags, exit_code] {
    *exit_code =
        Send(*flags, false,
             Post("/api/v1/incidents/" + flags->id + "/resolve", {{"reason", flags->reason}}),
             PrintIncidentChange);
  });

  CLI::App* list = incident->add_subcommand("list", "List incidents, newest first");
  list->add_option("--state", flags->state, "open, acknowledged or resolved")
      ->check(Choices({"open", "acknowledged", "resolved"}));
  AddCatalogFlags(list, &flags->catalog);
  list->callback([flags, exit_code] {
    server::ApiRequest request{"GET", "/api/v1/incidents"};
    if (!flags->state.empty()) request.query.emplace("state", flags->state);
    *exit_code = Send(*flags, false, std::move(request), PrintIncidents);
  });

  CLI::App* show = incident->add_subcommand("show", "An incident: timeline, impact, deliveries");
  show->add_option("id", flags->id, "incident id (inc-…)")->required();
  AddCatalogFlags(show, &flags->catalog);
  show->callback([flags, exit_code] {
    *exit_code = Send(*flags, false, server::ApiRequest{"GET", "/api/v1/incidents/" + flags->id},
                      PrintShow);
  });
}

}  // namespace linea::cli
