// `linea audit`: the audit log — who wrote what to the catalog (docs/security.md "What is
// logged"). Like every catalog command it runs the API's GET /api/v1/audit on a local catalog
// (--db) or sends it to a server (--server; needs an admin token there) and prints the same
// either way. Flag values go to the API as they are, so a bad one gets the API's message.
#include "cli/backend.h"
#include "cli/commands.h"
#include "cli/text_table.h"

namespace linea::cli {
namespace {

using api::Json;

struct AuditFlags {
  CatalogFlags catalog;
  std::string actor, outcome, action, since, until, limit, cursor;
};

// "+3 ~1 −0 assets, 2 edge sets (40 edges), 1 team"; "-" for a write that changed nothing.
std::string Changes(const Json& e) {
  std::vector<std::string> parts;
  const Json& assets = e["assets"];
  const int64_t added = assets["added"].get<int64_t>();
  const int64_t changed = assets["changed"].get<int64_t>();
  const int64_t removed = assets["removed"].get<int64_t>();
  if (added || changed || removed) {
    parts.push_back("+" + std::to_string(added) + " ~" + std::to_string(changed) + " −" +
                    std::to_string(removed) + " assets");
  }
  if (const int64_t sets = e["edge_sets_replaced"].get<int64_t>(); sets > 0) {
    parts.push_back(CountOf(sets, "edge set") + " (" +
                    CountOf(e["edges_written"].get<int64_t>(), "edge") + ")");
  }
  if (const int64_t teams = e["teams_changed"].get<int64_t>(); teams > 0) {
    parts.push_back(CountOf(teams, "team"));
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out.empty() ? "-" : out;
}

// "2026-12-07T10:00:00.123Z" → "2026-12-07T10:00:00Z": the table shows whole seconds.
std::string Seconds(const std::string& at) { return at.size() >= 19 ? at.substr(0, 19) + "Z" : at; }

void PrintAudit(const Json& j) {
  const Json& entries = j["entries"];
  if (entries.empty()) {
    std::cout << "no audit records\n";
    return;
  }
  TextTable table({"TIME", "ACTOR", "ROLE", "ACTION", "OUTCOME", "CHANGES"});
  for (const Json& e : entries) {
    auto text = [&e](const char* key) { return e[key].get<std::string>(); };
    table.AddRow({Seconds(text("at")), text("actor"), text("role"), text("action"), text("outcome"),
                  Changes(e)});
    if (e.contains("error")) table.AddNote("error: " + e["error"].get<std::string>());
    if (e.contains("detail")) table.AddNote(e["detail"].get<std::string>());
  }
  table.Print(std::cout);
  std::cout << "  (" << CountOf(entries.size(), "record") << ", newest first";
  if (j.contains("next_cursor")) {
    std::cout << "; older ones: --cursor " << j["next_cursor"].get<std::string>();
  }
  std::cout << ")\n";
}

int RunAudit(const AuditFlags& flags) {
  server::ApiRequest request{"GET", "/api/v1/audit"};
  for (auto [key, value] : {std::pair{"actor", &flags.actor}, std::pair{"outcome", &flags.outcome},
                            std::pair{"action", &flags.action}, std::pair{"since", &flags.since},
                            std::pair{"until", &flags.until}, std::pair{"limit", &flags.limit},
                            std::pair{"cursor", &flags.cursor}}) {
    if (!value->empty()) request.query.emplace(key, *value);
  }
  Result<std::unique_ptr<Backend>> backend = Backend::Open(flags.catalog, /*create=*/false);
  if (!backend.ok()) return ReportError(backend.status(), kExitRuntime);
  api::Reply reply = (*backend)->Call(request);
  if (!reply.ok()) return ReportReply(reply);
  return EmitReply(flags.catalog, reply.body, PrintAudit);
}

}  // namespace

void RegisterAudit(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<AuditFlags>();
  CLI::App* cmd = app.add_subcommand(
      "audit", "The audit log: who wrote what to the catalog, newest first (admin on a server)");
  cmd->add_option("--actor", flags->actor, "only this token (\"local\" for CLI writes on a file)");
  cmd->add_option("--outcome", flags->outcome, "only this outcome: ok, permission_denied, …");
  cmd->add_option("--action", flags->action, "only actions containing this, e.g. manifests");
  cmd->add_option("--since", flags->since,
                  "from this time on: 2026-12-07, 2026-12-07T10:00:00Z or unix ms");
  cmd->add_option("--until", flags->until, "before this time (same forms)");
  cmd->add_option("--limit", flags->limit, "at most N records, 1 to 1000 (default 100)");
  cmd->add_option("--cursor", flags->cursor, "the next page, as printed under the last one");
  AddCatalogFlags(cmd, &flags->catalog);
  cmd->callback([flags, exit_code] { *exit_code = RunAudit(*flags); });
}

}  // namespace linea::cli
