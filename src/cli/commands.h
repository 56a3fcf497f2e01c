// src/cli/commands.h: registration of every `linea` subcommand. Each Register* adds one
// subcommand to `app`; its callback stores the process exit code in *exit_code.
#pragma once

#include <CLI/CLI.hpp>

#include "codec/json_codec.h"

namespace linea::cli {

// The whole `linea` command line: the root's description and --version, then every
// subcommand below. main() parses with it; completions and the man page describe it.
void RegisterCommands(CLI::App& app, int* exit_code);

void RegisterImport(CLI::App& app, int* exit_code);
void RegisterExport(CLI::App& app, int* exit_code);
void RegisterGenerate(CLI::App& app, int* exit_code);
void RegisterApply(CLI::App& app, int* exit_code);
void RegisterImpact(CLI::App& app, int* exit_code);
void RegisterUpstream(CLI::App& app, int* exit_code);
void RegisterSearch(CLI::App& app, int* exit_code);
void RegisterShow(CLI::App& app, int* exit_code);
void RegisterLs(CLI::App& app, int* exit_code);
void RegisterDelete(CLI::App& app, int* exit_code);
void RegisterTeam(CLI::App& app, int* exit_code);
void RegisterUser(CLI::App& app, int* exit_code);
void RegisterSubscribe(CLI::App& app, int* exit_code);
void RegisterToken(CLI::App& app, int* exit_code);
void RegisterServe(CLI::App& app, int* exit_code);
void RegisterDemo(CLI::App& app, int* exit_code);
void RegisterSqlLineage(CLI::App& app, int* exit_code);
void RegisterIngest(CLI::App& app, int* exit_code);
void RegisterIncident(CLI::App& app, int* exit_code);
// `ingest openlineage`, added to the `ingest` subcommand by RegisterIngest.
void RegisterIngestOpenLineage(CLI::App* ingest, int* exit_code);
// `ingest <connector type>` for each connector type, added by RegisterIngest.
void RegisterIngestConnectors(CLI::App* ingest, int* exit_code);
void RegisterConnectors(CLI::App& app, int* exit_code);
void RegisterSecrets(CLI::App& app, int* exit_code);
void RegisterAudit(CLI::App& app, int* exit_code);
void RegisterQuality(CLI::App& app, int* exit_code);
void RegisterReport(CLI::App& app, int* exit_code);
// `linea completion bash|zsh|fish` and `linea man`: generated from the tree `app` roots, read
// when they run (so after every other Register*).
void RegisterCompletion(CLI::App& app, int* exit_code);
void RegisterMan(CLI::App& app, int* exit_code);
// `quality run`, added to the `quality` subcommand by RegisterQuality.
void RegisterQualityRun(CLI::App* quality, int* exit_code);
// Prints the answer of POST /api/v1/quality/results (counts by status, now failing, recovered).
void PrintQualityRecorded(const codec::Json& answer);

}  // namespace linea::cli
