// `linea import FILE…` and `linea export [-o FILE]` (API.md "Catalog documents").
#include <filesystem>
#include <fstream>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "codec/json_codec.h"

namespace linea::cli {
namespace {

struct ImportFlags {
  CatalogFlags catalog;
  std::vector<std::string> files;
  std::string provenance = "api:cli";
};

int RunImport(const ImportFlags& flags) {
  // Decode every file first: a malformed file stops the run before anything is written.
  std::vector<model::CatalogDocument> docs;
  for (const std::string& file : flags.files) {
    Result<std::string> text = ReadInput(file);
    if (!text.ok()) return ReportError(text.status());
    Result<model::CatalogDocument> doc = codec::DecodeDocument(std::string_view(*text));
    if (!doc.ok()) return ReportError(doc.status().WithPrefix(file));
    docs.push_back(std::move(*doc));
  }
  Result<std::unique_ptr<catalog::Catalog>> catalog = OpenCatalog(flags.catalog, true);
  if (!catalog.ok()) return ReportError(catalog.status(), kExitRuntime);
  codec::Json report = codec::Json::array();
  for (size_t i = 0; i < docs.size(); ++i) {
    Result<catalog::ApplyStats> stats = (*catalog)->Import(docs[i], flags.provenance);
    if (!stats.ok()) return ReportError(stats.status().WithPrefix(flags.files[i]));
    if (flags.catalog.json) {
      report.push_back({{"file", flags.files[i]},
                        {"assets", stats->assets_upserted},
                        {"edges", stats->edges_written},
                        {"provenances", stats->edge_sets_replaced},
                        {"teams", stats->teams_upserted}});
    } else {
      std::cout << "imported " << flags.files[i] << ": " << stats->assets_upserted
                << " assets, " << stats->edges_written << " edges in "
                << stats->edge_sets_replaced << " provenances, " << stats->teams_upserted
                << " teams\n";
    }
  }
  if (flags.catalog.json) std::cout << codec::Json{{"imported", report}}.dump(2) << "\n";
  return kExitOk;
}

int RunExport(const CatalogFlags& flags, const std::string& output) {
  Result<std::unique_ptr<catalog::Catalog>> catalog = OpenCatalog(flags, false);
  if (!catalog.ok()) return ReportError(catalog.status(), kExitRuntime);
  Result<model::CatalogDocument> doc = (*catalog)->Export();
  if (!doc.ok()) return ReportError(doc.status());
  std::string text = codec::EncodeDocument(*doc).dump(2) + "\n";
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
  cmd->add_option("--db", flags->db, "SQLite catalog file")->capture_default_str();
  cmd->add_flag("--json", flags->json, "machine-readable JSON on stdout");
}

void RegisterImport(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ImportFlags>();
  CLI::App* cmd = app.add_subcommand(
      "import", "Load catalog documents (JSON: teams, assets, edges); all-or-nothing per file");
  cmd->add_option("files", flags->files, "catalog document files (- for stdin)")->required();
  cmd->add_option("--provenance", flags->provenance,
                  "provenance of edges that name none (replaces its previous edges)")
      ->capture_default_str();
  AddCatalogFlags(cmd, &flags->catalog);
  cmd->callback([flags, exit_code] { *exit_code = RunImport(*flags); });
}

void RegisterExport(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<CatalogFlags>();
  auto output = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("export", "Print the whole catalog as one catalog document");
  cmd->add_option("-o,--output", *output, "write to FILE instead of stdout");
  cmd->add_option("--db", flags->db, "SQLite catalog file")->capture_default_str();
  cmd->callback([flags, output, exit_code] { *exit_code = RunExport(*flags, *output); });
}

}  // namespace linea::cli
