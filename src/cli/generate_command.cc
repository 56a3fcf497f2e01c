// `linea generate --scale tiny|demo|medium|beeline [--seed N]`: the synthetic mesh, written
// through catalog like any other change.
#include <chrono>

#include "cli/cli_context.h"
#include "cli/cli_tree.h"
#include "cli/commands.h"
#include "codec/json_codec.h"
#include "generate/mesh.h"

namespace linea::cli {
namespace {

struct GenerateFlags {
  CatalogFlags catalog;
  std::string scale = "demo";
  uint64_t seed = 42;
  int multiplier = 1;
};

int RunGenerate(const GenerateFlags& flags) {
  std::optional<generate::Scale> scale = generate::ParseScale(flags.scale);
  if (!scale) {
    return ReportError(InvalidArgumentError("unknown scale \"" + flags.scale +
                                            "\" (tiny, demo, medium, beeline)"));
  }
  auto start = std::chrono::steady_clock::now();
  generate::MeshOptions options;
  options.scale = *scale;
  options.seed = flags.seed;
  options.multiplier = flags.multiplier;
  model::Delta delta = generate::GenerateMesh(options);
  Result<std::unique_ptr<app::App>> app = OpenApp(flags.catalog, true);
  if (!app.ok()) return ReportError(app.status(), kExitRuntime);
  catalog::Catalog& catalog = (*app)->catalog();
  const catalog::Writer writer = catalog::Writer::Local("linea generate");
  Result<catalog::ApplyStats> stats = catalog.Apply(std::move(delta), nullptr, &writer);
  if (!stats.ok()) return ReportError(stats.status());
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  catalog::CatalogStats totals = catalog.stats();
  if (flags.catalog.json) {
    codec::Json j = {{"scale", flags.scale},          {"seed", flags.seed},
                     {"db", flags.catalog.db},        {"assets", totals.assets},
                     {"links", totals.links},         {"provenances", totals.provenances},
                     {"teams", totals.teams},         {"seconds", seconds}};
    std::cout << j.dump(2) << "\n";
  } else {
    std::printf("generated the %s mesh (seed %llu) into %s in %.1f s: %zu assets, %zu links, "
                "%zu provenances, %zu teams\n",
                flags.scale.c_str(), static_cast<unsigned long long>(flags.seed),
                flags.catalog.db.c_str(), seconds, totals.assets, totals.links,
                totals.provenances, totals.teams);
  }
  return kExitOk;
}

}  // namespace

void RegisterGenerate(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<GenerateFlags>();
  CLI::App* cmd = app.add_subcommand(
      "generate", "Write a deterministic synthetic data mesh (see docs/generate.md)");
  cmd->add_option("--scale", flags->scale, "tiny, demo, medium or beeline")
      ->check(Choices({"tiny", "demo", "medium", "beeline"}))
      ->capture_default_str();
  cmd->add_option("--seed", flags->seed, "random seed")->capture_default_str();
  cmd->add_option("--multiplier", flags->multiplier, "scale tables and models by N (2x, 5x)")
      ->check(CLI::Range(1, 10))
      ->capture_default_str();
  AddCatalogFlags(cmd, &flags->catalog);
  cmd->callback([flags, exit_code] { *exit_code = RunGenerate(*flags); });
}

}  // namespace linea::cli
