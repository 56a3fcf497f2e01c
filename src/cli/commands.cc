#include "cli/commands.h"

namespace linea::cli {

void RegisterCommands(CLI::App& app, int* exit_code) {
  app.description(
      "linea: metadata lineage for data and ML teams.\n"
      "Which models break when a source breaks, and which source broke a model.");
  app.set_version_flag("--version", "linea " LINEA_VERSION);
  app.require_subcommand(1);
  app.fallthrough(false);
  RegisterImport(app, exit_code);
  RegisterExport(app, exit_code);
  RegisterGenerate(app, exit_code);
  RegisterApply(app, exit_code);
  RegisterImpact(app, exit_code);
  RegisterUpstream(app, exit_code);
  RegisterSearch(app, exit_code);
  RegisterShow(app, exit_code);
  RegisterLs(app, exit_code);
  RegisterDelete(app, exit_code);
  RegisterTeam(app, exit_code);
  RegisterUser(app, exit_code);
  RegisterSubscribe(app, exit_code);
  RegisterToken(app, exit_code);
  RegisterServe(app, exit_code);
  RegisterDemo(app, exit_code);
  RegisterSqlLineage(app, exit_code);
  RegisterIngest(app, exit_code);
  RegisterIncident(app, exit_code);
  RegisterConnectors(app, exit_code);
  RegisterSecrets(app, exit_code);
  RegisterAudit(app, exit_code);
  RegisterQuality(app, exit_code);
  RegisterReport(app, exit_code);
  RegisterCompletion(app, exit_code);
  RegisterMan(app, exit_code);
}

}  // namespace linea::cli
