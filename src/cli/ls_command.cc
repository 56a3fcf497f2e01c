// `linea ls [PREFIX]`: browse the FQN tree one level at a time — services, then databases,
// tables, their columns — with how many assets each level holds (GET /api/v1/browse).
#include "cli/backend.h"
#include "cli/commands.h"
#include "cli/text_table.h"

namespace linea::cli {
namespace {

using api::Json;

struct LsFlags {
  CatalogFlags catalog;
  std::string prefix;
};

// "hive.raw_geo (2 entries)"; a prefix that is an asset says its kind: "hive.raw_geo.t (table)".
void PrintListing(const Json& j) {
  const std::string prefix = j["prefix"].get<std::string>();
  const Json& entries = j["entries"];
  std::cout << (prefix.empty() ? "(top)" : prefix);
  if (!j["kind"].is_null()) std::cout << " (" << j["kind"].get<std::string>() << ")";
  std::cout << ": " << CountOf(entries.size(), "entry") << "\n";
  if (entries.empty()) return;
  TextTable table({"NAME", "KIND", "ASSETS"});
  for (const Json& e : entries) {
    table.AddRow({e["name"].get<std::string>(),
                  e["kind"].is_null() ? "-" : e["kind"].get<std::string>(),
                  std::to_string(e["assets"].get<size_t>())});
  }
  table.Print(std::cout);
}

int RunLs(const LsFlags& flags) {
  Result<std::unique_ptr<Backend>> backend = Backend::Open(flags.catalog, false);
  if (!backend.ok()) return ReportError(backend.status(), kExitRuntime);
  server::ApiRequest request{"GET", "/api/v1/browse"};
  request.query.emplace("prefix", flags.prefix);
  api::Reply reply = (*backend)->Call(request);
  if (!reply.ok()) return ReportReply(reply);
  return EmitReply(flags.catalog, reply.body, PrintListing);
}

}  // namespace

void RegisterLs(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<LsFlags>();
  CLI::App* cmd = app.add_subcommand(
      "ls", "Browse the catalog one FQN level at a time: services, databases, tables, columns");
  cmd->add_option("prefix", flags->prefix,
                  "an FQN prefix, e.g. hive or hive.raw_geo (none: the top)");
  AddCatalogFlags(cmd, &flags->catalog);
  cmd->callback([flags, exit_code] { *exit_code = RunLs(*flags); });
}

}  // namespace linea::cli
