// `linea delete FQN (--dry-run | --yes) [--json]`: retires an asset — a model, a table, … — with
// its children (features, columns) and every link touching them, through DELETE
// /api/v1/assets/{fqn}. What goes and what loses lineage is printed first; without --yes
// nothing is deleted.
#include <iostream>
#include <memory>

#include "cli/backend.h"
#include "cli/commands.h"
#include "cli/text_table.h"
#include "common/strings.h"

namespace linea::cli {
namespace {

using api::Json;

struct DeleteFlags {
  CatalogFlags catalog;
  std::string fqn;
  bool dry_run = false;
  bool yes = false;
};

// The noun for the children of an asset of kind `kind`.
std::string_view ChildNoun(std::string_view kind) {
  if (kind == "model") return "feature";
  if (kind == "service") return "asset";
  return "column";
}

// "<verb> table hive.x.t with 3 columns and 5 links", then the impact and who loses what.
void PrintDeletion(const Json& j) {
  const std::string kind = j["kind"];
  size_t children = j["deleted"].get<size_t>() - 1;
  std::vector<std::string> parts;
  if (children > 0) parts.push_back(CountOf(children, ChildNoun(kind)));
  parts.push_back(CountOf(j["links"].get<size_t>(), "link"));
  std::cout << (j["dry_run"].get<bool>() ? "would delete " : "deleted ") << kind << " "
            << j["fqn"].get<std::string>() << " with " << Join(parts, " and ") << "\n";
  const Json& impact = j["impact"];
  std::cout << "impact: " << ImpactCounts(impact) << "\n";
  TextTable table({"LOSES LINEAGE", "ASSETS"});
  for (const char* group : {"models", "dashboards", "deployments", "teams"}) {
    if (impact[group].empty()) continue;
    table.AddRow({group, Join(impact[group].get<std::vector<std::string>>(), ", ")});
  }
  if (!table.empty()) table.Print(std::cout);
}

int RunDelete(const DeleteFlags& flags) {
  Result<std::unique_ptr<Backend>> backend = Backend::Open(flags.catalog, /*create=*/false);
  if (!backend.ok()) return ReportError(backend.status(), kExitRuntime);
  server::ApiRequest request{"DELETE", "/api/v1/assets/" + flags.fqn};
  if (!flags.yes) request.query.emplace("dry_run", "true");
  api::Reply reply = (*backend)->Call(request);
  if (!reply.ok()) return ReportReply(reply);
  EmitReply(flags.catalog, reply.body, PrintDeletion);
  if (flags.yes || flags.dry_run) return kExitOk;
  return ReportError(InvalidArgumentError("nothing deleted: pass --yes to delete " + flags.fqn +
                                          " (or --dry-run to only look)"));
}

}  // namespace

void RegisterDelete(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<DeleteFlags>();
  CLI::App* cmd = app.add_subcommand(
      "delete", "Retire an asset with its columns/features and links; shows the impact first");
  cmd->add_option("fqn", flags->fqn, "the asset to delete (model, table, topic, …)")->required();
  CLI::Option* dry_run =
      cmd->add_flag("--dry-run", flags->dry_run, "show what would be deleted; delete nothing");
  cmd->add_flag("--yes", flags->yes, "delete it")->excludes(dry_run);
  AddCatalogFlags(cmd, &flags->catalog);
  cmd->callback([flags, exit_code] { *exit_code = RunDelete(*flags); });
}

}  // namespace linea::cli
