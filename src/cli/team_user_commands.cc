// `linea team list|show NAME|set NAME` and `linea user list|show NAME|set NAME`: the teams and
// users that own assets and the contacts incidents reach them by, through
// GET /api/v1/{teams,users}[/{name}] and PUT /api/v1/{teams,users} (docs/incidents.md). Both
// commands are one, parameterized by Holder.
#include <iostream>
#include <memory>

#include "cli/backend.h"
#include "cli/commands.h"
#include "cli/text_table.h"
#include "common/strings.h"

namespace linea::cli {
namespace {

using api::Json;

// What `linea team` and `linea user` differ in.
struct Holder {
  std::string noun;     // "team", "user"
  std::string plural;   // "teams", "users": the API path's last segment and the list's key
  std::string heading;  // the list's first column: "TEAM", "USER"

  std::string prefix() const { return noun + ":"; }
  std::string path() const { return "/api/v1/" + plural; }
};

const Holder kTeam{"team", "teams", "TEAM"};
const Holder kUser{"user", "users", "USER"};

// A name as given, without a leading "team:" (or "user:").
std::string BareName(const Holder& holder, const std::string& name) {
  return name.starts_with(holder.prefix()) ? name.substr(holder.prefix().size()) : name;
}

struct HolderFlags {
  Holder holder;
  CatalogFlags catalog;
  std::string name;
  std::string description;
  std::vector<std::string> contacts;  // --contact, in order
};

// "email a@b.c", "slack https://…": one contact as a person reads it.
std::string ContactLine(const Json& contact) {
  return contact.value("type", "") + " " + ContactText(contact);
}

std::vector<std::string> ContactLines(const Json& holder) {
  std::vector<std::string> lines;
  for (const Json& c : holder["contacts"]) lines.push_back(ContactLine(c));
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

void PrintList(const Holder& holder, const Json& j) {
  if (j[holder.plural].empty()) {
    std::cout << "no " << holder.plural << "\n";
    return;
  }
  TextTable table({holder.heading, "CONTACTS", "DESCRIPTION"});
  for (const Json& t : j[holder.plural]) {
    std::vector<std::string> contacts = ContactLines(t);
    table.AddRow({t["name"].get<std::string>(),
                  contacts.empty() ? "(no contacts)" : Join(contacts, ", "),
                  t.value("description", "")});
  }
  table.Print(std::cout, "");
}

// The team's (or user's) answer with "subscriptions": what it follows (composed from GET
// /api/v1/subscriptions, which the JSON output carries too).
void PrintOne(const Holder& holder, const Json& t) {
  std::cout << holder.noun << " " << t["name"].get<std::string>() << "\n";
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

void PrintSet(const Holder& holder, const Json& t) {
  std::cout << holder.noun << " " << t["name"].get<std::string>()
            << " set: " << CountOf(t["contacts"].size(), "contact") << "\n";
}

int RunHolderList(const HolderFlags& flags) {
  Result<std::unique_ptr<Backend>> backend = Backend::Open(flags.catalog, /*create=*/false);
  if (!backend.ok()) return ReportError(backend.status(), kExitRuntime);
  api::Reply reply = (*backend)->Call(server::ApiRequest{"GET", flags.holder.path()});
  if (!reply.ok()) return ReportReply(reply);
  return EmitReply(flags.catalog, reply.body, [&](const Json& j) { PrintList(flags.holder, j); });
}

int RunHolderShow(const HolderFlags& flags) {
  Result<std::unique_ptr<Backend>> backend = Backend::Open(flags.catalog, /*create=*/false);
  if (!backend.ok()) return ReportError(backend.status(), kExitRuntime);
  const std::string name = BareName(flags.holder, flags.name);
  api::Reply one = (*backend)->Call(server::ApiRequest{"GET", flags.holder.path() + "/" + name});
  if (!one.ok()) return ReportReply(one);
  api::Reply subscriptions = (*backend)->Call(server::ApiRequest{"GET", "/api/v1/subscriptions"});
  if (!subscriptions.ok()) return ReportReply(subscriptions);
  Json follows = Json::array();
  for (const Json& s : subscriptions.body["subscriptions"]) {
    if (s["subscriber"] == flags.holder.prefix() + name) follows.push_back(s);
  }
  one.body["subscriptions"] = std::move(follows);
  return EmitReply(flags.catalog, one.body, [&](const Json& j) { PrintOne(flags.holder, j); });
}

// Replaces the team's (user's) description and contacts with the flags' (creating it).
int RunHolderSet(const HolderFlags& flags) {
  Json body = {{"name", BareName(flags.holder, flags.name)}, {"contacts", Json::array()}};
  if (!flags.description.empty()) body["description"] = flags.description;
  for (const std::string& text : flags.contacts) {
    Result<Json> contact = ParseContact(text);
    if (!contact.ok()) return ReportError(contact.status());
    body["contacts"].push_back(std::move(*contact));
  }
  Result<std::unique_ptr<Backend>> backend = Backend::Open(flags.catalog, /*create=*/true);
  if (!backend.ok()) return ReportError(backend.status(), kExitRuntime);
  server::ApiRequest request{"PUT", flags.holder.path(), {}, body.dump(), "application/json"};
  api::Reply reply = (*backend)->Call(request);
  if (!reply.ok()) return ReportReply(reply);
  return EmitReply(flags.catalog, body, [&](const Json& j) { PrintSet(flags.holder, j); });
}

struct HolderHelp {
  std::string command;      // the command's own line
  std::string description;  // --description's
};

void RegisterHolder(CLI::App& app, int* exit_code, const Holder& holder, const HolderHelp& help) {
  CLI::App* cmd = app.add_subcommand(holder.noun, help.command);
  cmd->require_subcommand(1);
  const std::string name_help = holder.noun + " name (without " + holder.prefix() + ")";

  auto list = std::make_shared<HolderFlags>(HolderFlags{holder});
  CLI::App* list_cmd = cmd->add_subcommand("list", "Every " + holder.noun + " with its contacts");
  AddCatalogFlags(list_cmd, &list->catalog);
  list_cmd->callback([list, exit_code] { *exit_code = RunHolderList(*list); });

  auto show = std::make_shared<HolderFlags>(HolderFlags{holder});
  CLI::App* show_cmd =
      cmd->add_subcommand("show", "One " + holder.noun + ": contacts and subscriptions");
  show_cmd->add_option("name", show->name, name_help)->required();
  AddCatalogFlags(show_cmd, &show->catalog);
  show_cmd->callback([show, exit_code] { *exit_code = RunHolderShow(*show); });

  auto set = std::make_shared<HolderFlags>(HolderFlags{holder});
  CLI::App* set_cmd =
      cmd->add_subcommand("set", "Create a " + holder.noun +
                                     " or replace its description and contacts with the ones "
                                     "given");
  set_cmd->add_option("name", set->name, name_help)->required();
  set_cmd->add_option("--description", set->description, help.description);
  set_cmd->add_option("--contact", set->contacts,
                      "TYPE:VALUE (email:x@example.com, slack:URL, msteams:URL, webhook:URL, "
                      "mattermost:URL, telegram:CHAT_ID) or a JSON contact object; repeatable");
  AddCatalogFlags(set_cmd, &set->catalog);
  set_cmd->callback([set, exit_code] { *exit_code = RunHolderSet(*set); });
}

}  // namespace

void RegisterTeam(CLI::App& app, int* exit_code) {
  RegisterHolder(app, exit_code, kTeam,
                 {"Teams and their contacts (who incidents reach)", "what the team does"});
}

void RegisterUser(CLI::App& app, int* exit_code) {
  RegisterHolder(app, exit_code, kUser,
                 {"Users (user:<name> owners) and their contacts (how incidents reach them)",
                  "who the user is, e.g. the full name"});
}

}  // namespace linea::cli
