// `linea subscribe SUBSCRIBER (--asset FQN | --domain D | --model FQN) [--remove]` and
// `linea subscribe --list`: who else is told about incidents, through PUT / DELETE / GET
// /api/v1/subscriptions (docs/incidents.md "Who is told").
#include <iostream>
#include <memory>

#include "cli/backend.h"
#include "cli/commands.h"
#include "cli/text_table.h"

namespace linea::cli {
namespace {

using api::Json;

struct SubscribeFlags {
  CatalogFlags catalog;
  std::string subscriber;  // team:<name> or user:<name>
  std::string asset, domain, model;
  bool remove = false;
  bool list = false;
};

// The one followed thing of `flags` as (kind, target); kInvalidArgument unless exactly one.
Result<std::pair<std::string, std::string>> Followed(const SubscribeFlags& flags) {
  std::vector<std::pair<std::string, std::string>> given;
  if (!flags.asset.empty()) given.emplace_back("asset", flags.asset);
  if (!flags.domain.empty()) given.emplace_back("domain", flags.domain);
  if (!flags.model.empty()) given.emplace_back("model", flags.model);
  if (given.size() != 1) {
    return InvalidArgumentError("subscribe " + flags.subscriber +
                                ": name exactly one of --asset, --domain, --model");
  }
  return given[0];
}

void PrintSubscriptions(const Json& j) {
  if (j["subscriptions"].empty()) {
    std::cout << "no subscriptions\n";
    return;
  }
  TextTable table({"SUBSCRIBER", "FOLLOWS", "TARGET"});
  for (const Json& s : j["subscriptions"]) {
    for (const char* kind : {"asset", "domain", "model"}) {
      if (s.contains(kind)) {
        table.AddRow({s["subscriber"].get<std::string>(), kind, s[kind].get<std::string>()});
      }
    }
  }
  table.Print(std::cout, "");
}

// {"subscriber", "<kind>": target, "removed"} as "team:x follows domain d".
void PrintSubscriptionChange(const Json& j) {
  for (const char* kind : {"asset", "domain", "model"}) {
    if (!j.contains(kind)) continue;
    std::cout << j["subscriber"].get<std::string>()
              << (j["removed"].get<bool>() ? " no longer follows " : " follows ") << kind << " "
              << j[kind].get<std::string>() << "\n";
  }
}

int RunList(const SubscribeFlags& flags) {
  Result<std::unique_ptr<Backend>> backend = Backend::Open(flags.catalog, /*create=*/false);
  if (!backend.ok()) return ReportError(backend.status(), kExitRuntime);
  api::Reply reply = (*backend)->Call(server::ApiRequest{"GET", "/api/v1/subscriptions"});
  if (!reply.ok()) return ReportReply(reply);
  if (!flags.subscriber.empty()) {
    Json mine = Json::array();
    for (const Json& s : reply.body["subscriptions"]) {
      if (s["subscriber"] == flags.subscriber) mine.push_back(s);
    }
    reply.body["subscriptions"] = std::move(mine);
  }
  return EmitReply(flags.catalog, reply.body, PrintSubscriptions);
}

int RunChange(const SubscribeFlags& flags) {
  if (flags.subscriber.empty()) {
    return ReportError(InvalidArgumentError(
        "subscribe: name the subscriber (team:<name> or user:<name>), or --list"));
  }
  Result<std::pair<std::string, std::string>> followed = Followed(flags);
  if (!followed.ok()) return ReportError(followed.status());
  const auto& [kind, target] = *followed;
  Json subscription = {{"subscriber", flags.subscriber}, {kind, target}};
  Result<std::unique_ptr<Backend>> backend = Backend::Open(flags.catalog, /*create=*/true);
  if (!backend.ok()) return ReportError(backend.status(), kExitRuntime);
  server::ApiRequest request{flags.remove ? "DELETE" : "PUT",
                             "/api/v1/subscriptions",
                             {},
                             subscription.dump(),
                             "application/json"};
  api::Reply reply = (*backend)->Call(request);
  if (!reply.ok()) return ReportReply(reply);
  subscription["removed"] = flags.remove;
  return EmitReply(flags.catalog, subscription, PrintSubscriptionChange);
}

}  // namespace

void RegisterSubscribe(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<SubscribeFlags>();
  CLI::App* cmd = app.add_subcommand(
      "subscribe", "Tell a team about incidents on an asset, a domain or a model (or --list)");
  cmd->add_option("subscriber", flags->subscriber, "team:<name> or user:<name>");
  cmd->add_option("--asset", flags->asset, "follow incidents on this asset and what it breaks");
  cmd->add_option("--domain", flags->domain, "follow incidents breaking this domain");
  cmd->add_option("--model", flags->model, "follow incidents breaking this model");
  cmd->add_flag("--remove", flags->remove, "stop following it");
  cmd->add_flag("--list", flags->list, "list subscriptions (the subscriber's, when named)");
  AddCatalogFlags(cmd, &flags->catalog);
  cmd->callback(
      [flags, exit_code] { *exit_code = flags->list ? RunList(*flags) : RunChange(*flags); });
}

}  // namespace linea::cli
