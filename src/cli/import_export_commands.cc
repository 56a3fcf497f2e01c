// `linea import FILE…` and `linea export [-o FILE]` (docs/api.md "Catalog documents").
#include <fstream>

#include "cli/backend.h"
#include "cli/commands.h"
#include "codec/json_codec.h"

namespace linea::cli {
namespace {

struct ImportFlags {
  CatalogFlags catalog;
  std::vector<std::string> files;
  std::string provenance;
};

int RunImport(const ImportFlags& flags) {
  // Read and decode every file first: a malformed one stops the run before anything is written.
  std::vector<std::string> texts;
  for (const std::string& file : flags.files) {
    Result<std::string> text = ReadInput(file);
    if (!text.ok()) return ReportError(text.status());
    Result<model::CatalogDocument> doc = codec::DecodeDocument(std::string_view(*text));
    if (!doc.ok()) return ReportError(doc.status().WithPrefix(file));
    texts.push_back(std::move(*text));
  }
  Result<std::unique_ptr<Backend>> backend = Backend::Open(flags.catalog, true);
  if (!backend.ok()) return ReportError(backend.status(), kExitRuntime);
  api::Json report = api::Json::array();
  for (size_t i = 0; i < texts.size(); ++i) {
    server::ApiRequest request{"PUT", "/api/v1/catalog", {}, std::move(texts[i]), "application/json"};
    if (!flags.provenance.empty()) request.query.emplace("provenance", flags.provenance);
    api::Reply reply = (*backend)->Call(request);
    if (!reply.ok()) {
      std::string& message = reply.body["error"]["message"].get_ref<std::string&>();
      message = flags.files[i] + ": " + message;
      return ReportReply(reply);
    }
    const api::Json& s = reply.body;
    if (flags.catalog.json) {
      report.push_back({{"file", flags.files[i]}, {"stats", s}});
    } else {
      std::cout << "imported " << flags.files[i] << ": "
                << CountOf(s["assets"].get<size_t>(), "asset") << ", "
                << CountOf(s["edges"].get<size_t>(), "edge") << " in "
                << CountOf(s["provenances"].get<size_t>(), "provenance") << ", "
                << CountOf(s["teams"].get<size_t>(), "team") << "\n";
    }
  }
  if (flags.catalog.json) std::cout << api::Json{{"imported", report}}.dump(2) << "\n";
  return kExitOk;
}

int RunExport(const CatalogFlags& flags, const std::string& output, bool include_secrets) {
  Result<std::unique_ptr<Backend>> backend = Backend::Open(flags, false);
  if (!backend.ok()) return ReportError(backend.status(), kExitRuntime);
  server::ApiRequest request{"GET", "/api/v1/catalog"};
  if (include_secrets) request.query.emplace("include_secrets", "true");
  api::Reply reply = (*backend)->Call(request);
  if (!reply.ok()) return ReportReply(reply);
  std::string text = reply.body.dump(2) + "\n";
  if (output.empty() || output == "-") {
    std::cout << text;
    return kExitOk;
  }
  std::ofstream out(output, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) return ReportError(UnavailableError("cannot write " + output));
  return kExitOk;
}

}  // namespace

void AddCatalogFlags(CLI::App* cmd, CatalogFlags* flags) {
  cmd->add_option("--db", flags->db, "SQLite catalog file")
      ->capture_default_str()
      ->each([flags](const std::string&) { flags->db_given = true; });
  cmd->add_option("--server", flags->server, "linea server URL (env LINEA_URL) instead of --db");
  cmd->add_option("--token", flags->token, "bearer token for --server (env LINEA_TOKEN)");
  cmd->add_flag("--json", flags->json, "machine-readable JSON on stdout");
  AddSecretKeyFlag(cmd, flags);
}

void AddSecretKeyFlag(CLI::App* cmd, CatalogFlags* flags) {
  cmd->add_option("--secret-key-file", flags->secret_key_file,
                  "key sealing contact secrets in --db (base64 of 32 bytes; env "
                  "LINEA_SECRET_KEY)");
}

void RegisterImport(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ImportFlags>();
  CLI::App* cmd = app.add_subcommand(
      "import", "Load catalog documents (JSON: teams, assets, edges); all-or-nothing per file");
  cmd->add_option("files", flags->files, "catalog document files (- for stdin)")->required();
  cmd->add_option("--provenance", flags->provenance,
                  "provenance of edges that name none (default api:<caller>); replaces its "
                  "previous edges");
  AddCatalogFlags(cmd, &flags->catalog);
  cmd->callback([flags, exit_code] { *exit_code = RunImport(*flags); });
}

void RegisterExport(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<CatalogFlags>();
  auto output = std::make_shared<std::string>();
  auto include_secrets = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("export", "Print the whole catalog as one catalog document");
  cmd->add_option("-o,--output", *output, "write to FILE instead of stdout");
  cmd->add_flag("--include-secrets", *include_secrets,
                "contacts in full (URLs, webhook secrets, bot tokens); else redacted. Needs the "
                "secret key locally, an admin token with --server");
  AddCatalogFlags(cmd, flags.get());
  cmd->callback([flags, output, include_secrets, exit_code] {
    *exit_code = RunExport(*flags, *output, *include_secrets);
  });
}

}  // namespace linea::cli
