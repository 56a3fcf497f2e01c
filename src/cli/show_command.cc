// `linea show FQN`: one asset as a person asks about it — kind, domain, owners with their
// contacts, who writes its lineage, its last run and open incidents, its columns or features
// (type, sources, readers) and a model's deployments. Built from the same API calls the web
// UI's asset page makes, so --db and --server print the same.
#include <iostream>
#include <map>
#include <memory>

#include "cli/backend.h"
#include "cli/commands.h"
#include "cli/text_table.h"
#include "ingest/manifest/manifest_planner.h"
#include "model/fqn.h"

namespace linea::cli {
namespace {

using api::Json;

struct ShowFlags {
  CatalogFlags catalog;
  std::string fqn;
};

std::string Join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

// The composed answer (what --json prints): the asset's own JSON plus "owner_contacts",
// "children" details with "sources"/"readers", "deployments" and "open_incidents".
Result<Json> Compose(Backend& backend, const std::string& fqn, api::Reply* failed) {
  auto get = [&](std::string path) {
    return backend.Call(server::ApiRequest{"GET", std::move(path)});
  };
  api::Reply asset = get("/api/v1/assets/" + fqn);
  if (!asset.ok()) {
    *failed = std::move(asset);
    return Status(StatusCode::kNotFound, "");
  }
  Json out = asset.body;
  const std::string root = out["fqn"];
  server::ApiRequest lineage_request{"GET", "/api/v1/lineage/" + root};
  lineage_request.query = {{"columns", "true"}, {"depth", "2"}, {"direction", "both"},
                           {"max_nodes", "20000"}};
  api::Reply lineage = backend.Call(lineage_request);
  std::map<std::string, std::vector<std::string>> into, out_of;
  std::map<std::string, std::string> kind_of;
  if (lineage.ok()) {
    for (const Json& n : lineage.body["nodes"]) kind_of[n["fqn"]] = n["kind"];
    for (const Json& e : lineage.body["edges"]) {
      into[e["to"]].push_back(e["from"]);
      out_of[e["from"]].push_back(e["to"]);
    }
  }
  Json children = Json::array();
  for (Json d : out["child_details"]) {
    const std::string child = model::JoinFqn(root, d["name"].get<std::string>());
    d["fqn"] = child;
    d["sources"] = into[child];
    d["readers"] = out_of[child];
    children.push_back(std::move(d));
  }
  out["child_details"] = std::move(children);
  Json deployments = Json::array();
  for (const std::string& to : out_of[root]) {
    if (kind_of[to] == "deployment") deployments.push_back(to);
  }
  out["deployments"] = std::move(deployments);
  Json open = Json::array();
  if (api::Reply incidents = get("/api/v1/incidents"); incidents.ok()) {
    for (const Json& i : incidents.body["incidents"]) {
      const std::string on = i["asset"];
      if (i["state"] != "resolved" && (on == root || on.starts_with(root + "."))) open.push_back(i);
    }
  }
  out["open_incidents"] = std::move(open);
  Json contacts = Json::object();
  for (const Json& owner : out.value("effective_owners", Json::array())) {
    const std::string name = owner;
    // A team: or user: owner's stored contacts (users have them like teams).
    const std::string path = name.starts_with("team:")   ? "/api/v1/teams/"
                             : name.starts_with("user:") ? "/api/v1/users/"
                                                         : "";
    if (path.empty()) continue;
    if (api::Reply holder = get(path + name.substr(5)); holder.ok()) {
      Json list = Json::array();
      for (const Json& c : holder.body["contacts"]) list.push_back(ContactText(c));
      contacts[name] = std::move(list);
    }
  }
  out["owner_contacts"] = std::move(contacts);
  return out;
}

void PrintAsset(const Json& a) {
  const std::string kind = a["kind"];
  std::cout << kind << " " << a["fqn"].get<std::string>() << "\n";
  // Label, then value, aligned.
  struct Facts {
    void AddRow(const std::vector<std::string>& kv) {
      std::cout << kv[0] << std::string(kv[0].size() < 13 ? 13 - kv[0].size() : 1, ' ') << kv[1]
                << "\n";
    }
  } facts;
  if (a.contains("description")) facts.AddRow({"description", a["description"]});
  const std::string domain = a.value("effective_domain", "");
  facts.AddRow({"domain", domain.empty() ? "-" : domain});
  std::vector<std::string> owners;
  for (const Json& o : a.value("effective_owners", Json::array())) {
    const std::string name = o;
    std::vector<std::string> contacts;
    if (a["owner_contacts"].contains(name)) contacts = a["owner_contacts"][name];
    owners.push_back(contacts.empty() ? name : name + " (" + Join(contacts, ", ") + ")");
  }
  facts.AddRow({"owners", owners.empty() ? "-" : Join(owners, "; ")});
  const std::vector<std::string> provenances = a.value("provenances", std::vector<std::string>{});
  facts.AddRow({"lineage by", provenances.empty() ? "-" : Join(provenances, ", ")});
  const Json properties = a.value("properties", Json::object());
  if (properties.contains(manifest::kManifestRepository)) {
    facts.AddRow({"repository", properties[manifest::kManifestRepository]});
  }
  if (a.contains("last_run")) {
    const Json& r = a["last_run"];
    facts.AddRow({"last run", r["job"].get<std::string>() + " " + r["state"].get<std::string>() +
                                  " at " + r["event_time"].get<std::string>()});
  }
  std::vector<std::string> incidents;
  for (const Json& i : a["open_incidents"]) {
    incidents.push_back(i["id"].get<std::string>() + " (" + i["severity"].get<std::string>() +
                        ", " + i["state"].get<std::string>() + ") " + i["title"].get<std::string>());
  }
  facts.AddRow({"incidents", incidents.empty() ? "none open" : Join(incidents, "; ")});
  if (!a["deployments"].empty()) {
    facts.AddRow({"deployments", Join(a["deployments"].get<std::vector<std::string>>(), ", ")});
  }
  const Json& children = a["child_details"];
  if (children.empty()) return;
  const bool model = kind == "model";
  const size_t total = a["children"].size();
  std::cout << "\n" << total << (model ? " features" : " columns")
            << (total > children.size() ? " (first " + std::to_string(children.size()) + ")" : "")
            << "\n";
  TextTable table(model ? std::vector<std::string>{"FEATURE", "TYPE", "SOURCES"}
                        : std::vector<std::string>{"COLUMN", "TYPE", "UP", "DOWN", "DESCRIPTION"});
  for (const Json& c : children) {
    const std::string type = c.value("data_type", "-");
    if (model) {
      const std::vector<std::string> sources = c["sources"];
      table.AddRow({c["name"], type, sources.empty() ? "-" : Join(sources, ", ")});
    } else {
      table.AddRow({c["name"], type, std::to_string(c["sources"].size()),
                    std::to_string(c["readers"].size()), c.value("description", "")});
    }
  }
  table.Print(std::cout);
}

int RunShow(const ShowFlags& flags) {
  Result<std::unique_ptr<Backend>> backend = Backend::Open(flags.catalog, false);
  if (!backend.ok()) return ReportError(backend.status(), kExitRuntime);
  api::Reply failed;
  Result<Json> shown = Compose(**backend, flags.fqn, &failed);
  if (!shown.ok()) return ReportReply(failed);
  return EmitReply(flags.catalog, *shown, PrintAsset);
}

}  // namespace

void RegisterShow(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ShowFlags>();
  CLI::App* cmd = app.add_subcommand(
      "show", "One asset: owners with contacts, lineage writers, runs, incidents, columns");
  cmd->add_option("fqn", flags->fqn, "asset FQN, e.g. mlflow_b2c.churn_scoring")->required();
  AddCatalogFlags(cmd, &flags->catalog);
  cmd->callback([flags, exit_code] { *exit_code = RunShow(*flags); });
}

}  // namespace linea::cli
