// `linea apply -f FILE|DIR [--dry-run] [--json]`: model lineage manifests (API.md).
#include <algorithm>
#include <filesystem>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "codec/json_codec.h"
#include "ingest/manifest/manifest_parser.h"
#include "ingest/manifest/manifest_planner.h"

namespace linea::cli {
namespace {

namespace fs = std::filesystem;

struct ApplyFlags {
  CatalogFlags catalog;
  std::vector<std::string> paths;
  bool dry_run = false;
};

// Every *.yaml / *.yml under the given files and directories, directories walked in name order.
Result<std::vector<std::string>> CollectFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> found;
      for (const auto& entry : fs::recursive_directory_iterator(path, ec)) {
        std::string ext = entry.path().extension().string();
        if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml")) {
          found.push_back(entry.path().string());
        }
      }
      if (found.empty()) return InvalidArgumentError("no .yaml manifests in " + path);
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(path, ec) || path == "-") {
      files.push_back(path);
    } else {
      return InvalidArgumentError("no such file: " + path);
    }
  }
  return files;
}

codec::Json PlanJson(const manifest::Plan& plan, bool dry_run) {
  codec::Json models = codec::Json::array();
  for (const manifest::ModelPlan& m : plan.models) {
    models.push_back({{"model", m.model},
                      {"file", m.file},
                      {"features", m.features},
                      {"changed", m.changed()},
                      {"applied", !dry_run && m.changed()},
                      {"diff", m.diff}});
  }
  return {{"dry_run", dry_run}, {"models", models}};
}

void PrintPlan(const manifest::Plan& plan, bool dry_run) {
  for (const manifest::ModelPlan& m : plan.models) {
    std::string verb = !m.changed() ? "unchanged" : dry_run ? "would change" : "applied";
    std::cout << m.model << " (" << m.file << "): " << verb << ", " << m.features
              << " features\n";
    for (const std::string& line : m.diff) std::cout << "  " << line << "\n";
  }
}

int RunApply(const ApplyFlags& flags) {
  Result<std::vector<std::string>> files = CollectFiles(flags.paths);
  if (!files.ok()) return ReportError(files.status());
  std::vector<manifest::Manifest> manifests;
  std::vector<manifest::Diagnostic> errors;
  for (const std::string& file : *files) {
    Result<std::string> text = ReadInput(file);
    if (!text.ok()) return ReportError(text.status());
    manifest::ParseOutput parsed = manifest::ParseManifests(*text, file == "-" ? "<stdin>" : file);
    manifests.insert(manifests.end(), parsed.manifests.begin(), parsed.manifests.end());
    errors.insert(errors.end(), parsed.errors.begin(), parsed.errors.end());
  }
  Result<std::unique_ptr<catalog::Catalog>> catalog = OpenCatalog(flags.catalog, !flags.dry_run);
  if (!catalog.ok()) return ReportError(catalog.status(), kExitRuntime);
  manifest::Plan plan = manifest::PlanManifests(manifests, **catalog);
  errors.insert(errors.end(), plan.errors.begin(), plan.errors.end());
  if (!errors.empty()) {
    for (const manifest::Diagnostic& d : errors) {
      std::cerr << "linea: " << manifest::FormatDiagnostic(d) << "\n";
    }
    std::cerr << "linea: " << errors.size() << " problem" << (errors.size() == 1 ? "" : "s")
              << " found; nothing applied\n";
    return kExitInvalid;
  }
  if (!flags.dry_run) {
    Status applied = manifest::ApplyPlan(plan, **catalog);
    if (!applied.ok()) return ReportError(applied);
  }
  if (flags.catalog.json) {
    std::cout << PlanJson(plan, flags.dry_run).dump(2) << "\n";
  } else {
    PrintPlan(plan, flags.dry_run);
  }
  return kExitOk;
}

}  // namespace

void RegisterApply(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ApplyFlags>();
  CLI::App* cmd = app.add_subcommand(
      "apply", "Apply model lineage manifests (lineage.yaml); atomic per model, idempotent");
  cmd->add_option("-f,--file", flags->paths, "manifest file or directory (repeatable; - = stdin)")
      ->required();
  cmd->add_flag("--dry-run", flags->dry_run, "print the diff, write nothing");
  AddCatalogFlags(cmd, &flags->catalog);
  cmd->callback([flags, exit_code] { *exit_code = RunApply(*flags); });
}

}  // namespace linea::cli
