// `linea team list|show NAME|set NAME`: the teams that own assets and the contacts incidents
// reach them by, through GET /api/v1/teams[/{name}] and PUT /api/v1/teams (docs/incidents.md).
#include <iostream>
#include <memory>

#include "cli/backend.h"
#include "cli/commands.h"
#include "cli/text_table.h"
#include "common/strings.h"

namespace linea::cli {
namespace {

using api::Json;

// A team name as given, without a leading "team:".
std::string BareName(const std::string& name) {
  return name.starts_with("team:") ? name.substr(5) : name;
}

struct TeamFlags {
  CatalogFlags catalog;
  std::string name;
  std::string description;
  std::vector<std::string> contacts;  // --contact, in order
};

// "email a@b.c", "slack https://…": one contact as a person reads it.
std::string ContactLine(const Json& contact) {
  return contact.value("type", "") + " " + ContactText(contact);
}

std::vector<std::string> ContactLines(const Json& team) {
  std::vector<std::string> lines;
  for (const Json& c : team["contacts"]) lines.push_back(ContactLine(c));
  return lines;
}

// The field a TYPE:VALUE contact's value fills.
std::string MainField(std::string_view type) {
  if (type == "email") return "address";
  if (type == "telegram") return "chat_id";
  return "url";
}

// `--contact`: a JSON contact object ({"type": "telegram", "bot_token": …, "chat_id": …}), or
// TYPE:VALUE for the type's one main field (email address, telegram chat id, else the URL).
// The server validates the contact itself.
Result<Json> ParseContact(const std::string& text) {
  if (text.starts_with("{")) {
    Result<Json> contact = codec::ParseJson(text);
    if (!contact.ok()) return contact.status().WithPrefix("--contact");
    return contact;
  }
  size_t colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
    return InvalidArgumentError("--contact \"" + text +
                                "\": expected TYPE:VALUE (email:team@example.com) or a JSON "
                                "contact object");
  }
  std::string type = text.substr(0, colon);
  return Json{{"type", type}, {MainField(type), text.substr(colon + 1)}};
}

void PrintTeams(const Json& j) {
  if (j["teams"].empty()) {
    std::cout << "no teams\n";
    return;
  }
  TextTable table({"TEAM", "CONTACTS", "DESCRIPTION"});
  for (const Json& t : j["teams"]) {
    std::vector<std::string> contacts = ContactLines(t);
    table.AddRow({t["name"].get<std::string>(),
                  contacts.empty() ? "(no contacts)" : Join(contacts, ", "),
                  t.value("description", "")});
  }
  table.Print(std::cout, "");
}

// The team's answer with "subscriptions": what it follows (composed from GET
// /api/v1/subscriptions, which the JSON output carries too).
void PrintTeam(const Json& t) {
  std::cout << "team " << t["name"].get<std::string>() << "\n";
  if (t.contains("description"))
    std::cout << "description    " << t["description"].get<std::string>() << "\n";
  std::vector<std::string> contacts = ContactLines(t);
  if (contacts.empty()) contacts.push_back("(no contacts: nobody is notified)");
  for (size_t i = 0; i < contacts.size(); ++i) {
    std::cout << (i == 0 ? "contacts       " : "               ") << contacts[i] << "\n";
  }
  std::vector<std::string> follows;
  for (const Json& s : t["subscriptions"]) {
    for (const char* kind : {"asset", "domain", "model"}) {
      if (s.contains(kind)) follows.push_back(std::string(kind) + " " + s[kind].get<std::string>());
    }
  }
  std::cout << "subscriptions  " << (follows.empty() ? "none" : Join(follows, ", ")) << "\n";
}

void PrintSet(const Json& t) {
  std::cout << "team " << t["name"].get<std::string>()
            << " set: " << CountOf(t["contacts"].size(), "contact") << "\n";
}

int RunList(const TeamFlags& flags) {
  Result<std::unique_ptr<Backend>> backend = Backend::Open(flags.catalog, /*create=*/false);
  if (!backend.ok()) return ReportError(backend.status(), kExitRuntime);
  api::Reply reply = (*backend)->Call(server::ApiRequest{"GET", "/api/v1/teams"});
  if (!reply.ok()) return ReportReply(reply);
  return EmitReply(flags.catalog, reply.body, PrintTeams);
}

int RunShow(const TeamFlags& flags) {
  Result<std::unique_ptr<Backend>> backend = Backend::Open(flags.catalog, /*create=*/false);
  if (!backend.ok()) return ReportError(backend.status(), kExitRuntime);
  const std::string name = BareName(flags.name);
  api::Reply team = (*backend)->Call(server::ApiRequest{"GET", "/api/v1/teams/" + name});
  if (!team.ok()) return ReportReply(team);
  api::Reply subscriptions = (*backend)->Call(server::ApiRequest{"GET", "/api/v1/subscriptions"});
  if (!subscriptions.ok()) return ReportReply(subscriptions);
  Json follows = Json::array();
  for (const Json& s : subscriptions.body["subscriptions"]) {
    if (s["subscriber"] == "team:" + name) follows.push_back(s);
  }
  team.body["subscriptions"] = std::move(follows);
  return EmitReply(flags.catalog, team.body, PrintTeam);
}

// Replaces the team's description and contacts with the flags' (creating the team).
int RunSet(const TeamFlags& flags) {
  Json team = {{"name", BareName(flags.name)}, {"contacts", Json::array()}};
  if (!flags.description.empty()) team["description"] = flags.description;
  for (const std::string& text : flags.contacts) {
    Result<Json> contact = ParseContact(text);
    if (!contact.ok()) return ReportError(contact.status());
    team["contacts"].push_back(std::move(*contact));
  }
  Result<std::unique_ptr<Backend>> backend = Backend::Open(flags.catalog, /*create=*/true);
  if (!backend.ok()) return ReportError(backend.status(), kExitRuntime);
  server::ApiRequest request{"PUT", "/api/v1/teams", {}, team.dump(), "application/json"};
  api::Reply reply = (*backend)->Call(request);
  if (!reply.ok()) return ReportReply(reply);
  return EmitReply(flags.catalog, team, PrintSet);
}

}  // namespace

void RegisterTeam(CLI::App& app, int* exit_code) {
  CLI::App* team = app.add_subcommand("team", "Teams and their contacts (who incidents reach)");
  team->require_subcommand(1);

  auto list = std::make_shared<TeamFlags>();
  CLI::App* list_cmd = team->add_subcommand("list", "Every team with its contacts");
  AddCatalogFlags(list_cmd, &list->catalog);
  list_cmd->callback([list, exit_code] { *exit_code = RunList(*list); });

  auto show = std::make_shared<TeamFlags>();
  CLI::App* show_cmd = team->add_subcommand("show", "One team: contacts and subscriptions");
  show_cmd->add_option("name", show->name, "team name (without team:)")->required();
  AddCatalogFlags(show_cmd, &show->catalog);
  show_cmd->callback([show, exit_code] { *exit_code = RunShow(*show); });

  auto set = std::make_shared<TeamFlags>();
  CLI::App* set_cmd = team->add_subcommand(
      "set", "Create a team or replace its description and contacts with the ones given");
  set_cmd->add_option("name", set->name, "team name (without team:)")->required();
  set_cmd->add_option("--description", set->description, "what the team does");
  set_cmd->add_option("--contact", set->contacts,
                      "TYPE:VALUE (email:x@example.com, slack:URL, msteams:URL, webhook:URL, "
                      "mattermost:URL, telegram:CHAT_ID) or a JSON contact object; repeatable");
  AddCatalogFlags(set_cmd, &set->catalog);
  set_cmd->callback([set, exit_code] { *exit_code = RunSet(*set); });
}

}  // namespace linea::cli
