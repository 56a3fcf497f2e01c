// src/cli/cli_context.h: what every catalog command shares: where the catalog lives, how
// errors are printed, and the exit codes of docs/api.md (0 ok, 1 runtime/store failure, 2 invalid
// input).
#pragma once

#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "app/app.h"
#include "codec/json_codec.h"
#include "common/result.h"
#include "secrets/key_ring.h"

namespace linea::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntime = 1;
inline constexpr int kExitInvalid = 2;

// Options shared by commands that read or write the catalog.
struct CatalogFlags {
  std::string db = "linea.db";  // --db PATH
  bool db_given = false;        // --db was on the command line (beats $LINEA_URL)
  std::string server;           // --server URL (default $LINEA_URL unless --db); set: a server
  std::string token;            // --token SECRET (default $LINEA_TOKEN)
  bool json = false;            // --json
  // --secret-key-file FILE: the key that seals contact secrets in the local file (default
  // $LINEA_SECRET_KEY; secrets/key_source.h). Ignored with --server.
  std::string secret_key_file;
};

// The command being run ("linea apply"), set once by main() before commands run: local
// writes are audited under it (catalog::Writer::action).
void SetCommandName(std::string command);
const std::string& CommandName();

// Exit code for a failed status: input problems are 2, store/runtime problems are 1.
int ExitCodeFor(const Status& status);

// Prints "linea: <message> (did you mean a, b?)" on stderr and returns ExitCodeFor(status).
int ReportError(const Status& status);
// Same, with an explicit exit code.
int ReportError(const Status& status, int exit_code);

// Opens the local SQLite catalog and everything over it (app/app.h). `create`: create the file
// when missing (writers); readers get kUnavailable "no catalog at PATH" instead. Contact
// secrets are sealed under the configured key (--secret-key-file, $LINEA_SECRET_KEY; a bad one
// is kInvalidArgument) plus `older_keys` (which only open); without a key they are stored as
// they are.
Result<std::unique_ptr<app::App>> OpenApp(const CatalogFlags& flags, bool create,
                                          app::AppOptions options = {});
Result<std::unique_ptr<app::App>> OpenApp(const CatalogFlags& flags, bool create,
                                          app::AppOptions options,
                                          std::shared_ptr<const secrets::KeyRing> key_ring);

// The key ring of --secret-key-file / $LINEA_SECRET_KEY: empty without a key.
Result<std::shared_ptr<const secrets::KeyRing>> ConfiguredKeyRing(const CatalogFlags& flags);

// Adds --secret-key-file to `cmd` (AddCatalogFlags does; for commands with their own --db).
void AddSecretKeyFlag(CLI::App* cmd, CatalogFlags* flags);

// Adds --db, --server, --token and --json to `cmd` (server/token default from the env).
void AddCatalogFlags(CLI::App* cmd, CatalogFlags* flags);

// "1 model", "3 models", "2 matches", "4 entries": a count with its noun (regular plurals:
// -ies for a consonant + y, -es after s, x, ch, sh; -s otherwise).
std::string CountOf(size_t n, std::string_view noun);

// "3 models, 1 dashboard, 2 deployments, 2 teams": the sizes of an impact answer's "models",
// "dashboards", "deployments" and "teams" arrays.
std::string ImpactCounts(const codec::Json& impact);

// Where a contact of the API (`{"type", "address"|"url"|"chat_id", …}`) reaches its team: the
// address, URL or chat id; its type when it has none of them.
std::string ContactText(const codec::Json& contact);

// Reads a whole file ("-" = stdin). kInvalidArgument when it cannot be read.
Result<std::string> ReadInput(const std::string& path);

}  // namespace linea::cli
