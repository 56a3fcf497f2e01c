#include "cli/cli_context.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/strings.h"
#include "secrets/key_source.h"
#include "store/sqlite/sqlite_store.h"

namespace linea::cli {

namespace {
std::string& CommandNameSlot() {
  static std::string name = "linea";
  return name;
}
}  // namespace

void SetCommandName(std::string command) { CommandNameSlot() = std::move(command); }
const std::string& CommandName() { return CommandNameSlot(); }

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk: return kExitOk;
    case StatusCode::kUnavailable:
    case StatusCode::kDataLoss:
    case StatusCode::kInternal: return kExitRuntime;
    default: return kExitInvalid;
  }
}

int ReportError(const Status& status) { return ReportError(status, ExitCodeFor(status)); }

std::string CountOf(size_t n, std::string_view noun) {
  std::string out = std::to_string(n) + " " + std::string(noun);
  if (n == 1) return out;
  const bool sibilant = EndsWith(noun, "s") || EndsWith(noun, "x") || EndsWith(noun, "ch") ||
                        EndsWith(noun, "sh");
  const bool consonant_y =
      noun.size() >= 2 && noun.back() == 'y' &&
      std::string_view("aeiou").find(noun[noun.size() - 2]) == std::string_view::npos;
  if (consonant_y) return out.substr(0, out.size() - 1) + "ies";
  return out + (sibilant ? "es" : "s");
}

std::string ImpactCounts(const codec::Json& impact) {
  return CountOf(impact["models"].size(), "model") + ", " +
         CountOf(impact["dashboards"].size(), "dashboard") + ", " +
         CountOf(impact["deployments"].size(), "deployment") + ", " +
         CountOf(impact["teams"].size(), "team");
}

std::string ContactText(const codec::Json& contact) {
  for (const char* key : {"address", "url", "chat_id", "channel"}) {
    if (contact.contains(key)) return contact[key].get<std::string>();
  }
  return contact.value("type", "");
}

int ReportError(const Status& status, int exit_code) {
  std::string line = "linea: " + status.message();
  const std::vector<std::string>& c = status.candidates();
  if (!c.empty()) {
    line += " (did you mean ";
    for (size_t i = 0; i < c.size() && i < 3; ++i) line += (i ? ", " : "") + c[i];
    line += "?)";
  }
  std::cerr << line << "\n";
  return exit_code;
}

Result<std::shared_ptr<const secrets::KeyRing>> ConfiguredKeyRing(const CatalogFlags& flags) {
  Result<std::optional<secrets::Key>> key = secrets::ConfiguredKey(flags.secret_key_file);
  if (!key.ok()) return key.status();
  if (!key->has_value()) return std::make_shared<const secrets::KeyRing>();
  return std::make_shared<const secrets::KeyRing>(std::move(**key));
}

Result<std::unique_ptr<app::App>> OpenApp(const CatalogFlags& flags, bool create,
                                          app::AppOptions app_options) {
  Result<std::shared_ptr<const secrets::KeyRing>> ring = ConfiguredKeyRing(flags);
  if (!ring.ok()) return ring.status();
  return OpenApp(flags, create, std::move(app_options), std::move(*ring));
}

Result<std::unique_ptr<app::App>> OpenApp(const CatalogFlags& flags, bool create,
                                          app::AppOptions app_options,
                                          std::shared_ptr<const secrets::KeyRing> key_ring) {
  if (!create && !std::filesystem::exists(flags.db)) {
    return UnavailableError("no catalog at " + flags.db +
                            " (create one with `linea import`, `linea apply` or `linea generate`,"
                            " or pass --db)");
  }
  store::SqliteOptions options;
  options.path = flags.db;
  options.create_if_missing = create;
  options.key_ring = std::move(key_ring);
  // How long to wait for another writer's lock before failing (default 5 s).
  if (const char* ms = std::getenv("LINEA_BUSY_TIMEOUT_MS")) options.busy_timeout_ms = std::atoi(ms);
  Result<std::unique_ptr<store::Store>> store = store::OpenSqliteStore(options);
  if (!store.ok()) return store.status();
  return app::App::Open(std::move(*store), std::move(app_options));
}

Result<std::string> ReadInput(const std::string& path) {
  std::ostringstream buffer;
  if (path == "-") {
    buffer << std::cin.rdbuf();
    return buffer.str();
  }
  if (std::filesystem::is_directory(path)) return InvalidArgumentError(path + " is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) return InvalidArgumentError("cannot read " + path);
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace linea::cli
