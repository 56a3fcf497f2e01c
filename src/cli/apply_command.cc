// `linea apply -f FILE|DIR [--dry-run] [--take-over] [--repository ID] [--strict]
// [--json | --format text|markdown]`: model
// lineage manifests (docs/api.md), sent as one POST /api/v1/manifests so a server validates all
// files before applying any.
#include <algorithm>
#include <filesystem>

#include "cli/apply_markdown.h"
#include "cli/backend.h"
#include "cli/commands.h"

namespace linea::cli {
namespace {

namespace fs = std::filesystem;

struct ApplyFlags {
  CatalogFlags catalog;
  std::vector<std::string> paths;
  bool dry_run = false;
  bool take_over = false;
  bool strict = false;
  std::string repository;
  std::string format = "text";  // or "markdown" (--json: the API's JSON)
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

void PrintPlan(const api::Json& plan) {
  bool dry_run = plan["dry_run"].get<bool>();
  for (const api::Json& m : plan["models"]) {
    bool changed = m["changed"].get<bool>();
    std::string verb = !changed ? "unchanged" : dry_run ? "would change" : "applied";
    std::cout << m["model"].get<std::string>() << " (" << m["file"].get<std::string>()
              << "): " << verb << ", " << CountOf(m["features"].get<size_t>(), "feature") << "\n";
    for (const api::Json& line : m["diff"]) std::cout << "  " << line.get<std::string>() << "\n";
  }
}

int RunApply(const ApplyFlags& flags) {
  Result<std::vector<std::string>> files = CollectFiles(flags.paths);
  if (!files.ok()) return ReportError(files.status());
  api::Json list = api::Json::array();
  for (const std::string& file : *files) {
    Result<std::string> text = ReadInput(file);
    if (!text.ok()) return ReportError(text.status());
    list.push_back({{"name", file == "-" ? "<stdin>" : file}, {"content", *text}});
  }
  Result<std::unique_ptr<Backend>> backend = Backend::Open(flags.catalog, !flags.dry_run);
  if (!backend.ok()) return ReportError(backend.status(), kExitRuntime);
  server::ApiRequest request{"POST", "/api/v1/manifests", {},
                             api::Json{{"files", std::move(list)}}.dump(), "application/json"};
  if (flags.dry_run) request.query.emplace("dry_run", "true");
  if (flags.take_over) request.query.emplace("take_over", "true");
  if (flags.strict) request.query.emplace("strict", "true");
  if (!flags.repository.empty()) request.query.emplace("repository", flags.repository);
  api::Reply reply = (*backend)->Call(request);
  const bool markdown = flags.format == "markdown";
  if (!reply.ok()) {
    if (markdown) std::cout << ProblemsMarkdown(reply.body);
    return ReportReply(reply);
  }
  for (const api::Json& w : reply.body.value("warnings", api::Json::array())) {
    std::cerr << "linea: warning: " << ProblemLine(w) << "\n";
  }
  if (markdown) {
    std::cout << PlanMarkdown(reply.body);
    return kExitOk;
  }
  return EmitReply(flags.catalog, reply.body, PrintPlan);
}

}  // namespace

void RegisterApply(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ApplyFlags>();
  CLI::App* cmd = app.add_subcommand(
      "apply", "Apply model lineage manifests (lineage.yaml); atomic per model, idempotent");
  cmd->add_option("-f,--file", flags->paths, "manifest file or directory (repeatable; - = stdin)")
      ->required();
  cmd->add_flag("--dry-run", flags->dry_run, "print the diff, write nothing");
  cmd->add_flag("--take-over", flags->take_over,
                "replace models that another repository's or team's manifest owns");
  cmd->add_option("--repository", flags->repository,
                  "repository of manifests without `repository:` (CI: $CI_PROJECT_URL, "
                  "$GITHUB_REPOSITORY); a model stored with one is replaced only from it");
  cmd->add_flag("--strict", flags->strict,
                "fail (exit 2, nothing applied) on warnings such as unknown owner teams");
  AddCatalogFlags(cmd, &flags->catalog);
  cmd->add_option("--format", flags->format,
                  "text (default) or markdown: the diff, or the problems, for a merge request "
                  "comment (docs/ci.md); --json gives the API's JSON")
      ->check(CLI::IsMember({"text", "markdown"}))
      ->excludes("--json");
  cmd->callback([flags, exit_code] { *exit_code = RunApply(*flags); });
}

}  // namespace linea::cli
