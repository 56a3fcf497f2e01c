// `linea secrets status|rotate`: contact secrets sealed at rest (docs/security.md "Secrets at
// rest"). Both work on a local catalog file only: the key is the file owner's, never a
// server's.
#include <iostream>
#include <map>

#include "catalog/catalog.h"
#include "cli/cli_context.h"
#include "cli/commands.h"
#include "contacts/redact.h"
#include "secrets/key_source.h"
#include "store/sqlite/sqlite_store.h"

namespace linea::cli {
namespace {

using codec::Json;

struct SecretsFlags {
  CatalogFlags catalog;
  std::string new_key_file;  // rotate: --new-key-file
};

// How the credential-bearing contact fields of `holders` (teams or users) are stored: "" =
// plain text, else the key id each is sealed under; added to `counts`.
template <typename Holder>
void CountByKey(const std::vector<Holder>& holders, std::map<std::string, size_t>* counts) {
  for (const Holder& holder : holders) {
    for (const model::Contact& contact : holder.contacts) {
      for (const auto& [field, value] : contact.fields) {
        if (contacts::IsCredentialField(field)) ++(*counts)[secrets::SealedKeyId(value)];
      }
    }
  }
}

Status RefuseServer(const CatalogFlags& flags) {
  if (flags.server.empty() || flags.db_given) return Status::OK();
  return InvalidArgumentError("secrets works on a local catalog file (--db), not a server");
}

// The stored teams' and users' contact secrets counted by key, as they are in the file:
// sealed values stay sealed (no key ring).
Result<std::map<std::string, size_t>> StoredCountsByKey(const std::string& db) {
  store::SqliteOptions options;
  options.path = db;
  options.create_if_missing = false;
  options.read_only = true;
  Result<std::unique_ptr<store::Store>> store = store::OpenSqliteStore(options);
  if (!store.ok()) return store.status();
  Result<std::vector<model::Team>> teams = (*store)->lineage().ListTeams();
  if (!teams.ok()) return teams.status();
  Result<std::vector<model::User>> users = (*store)->lineage().ListUsers();
  if (!users.ok()) return users.status();
  std::map<std::string, size_t> counts;
  CountByKey(*teams, &counts);
  CountByKey(*users, &counts);
  return counts;
}

int RunStatus(const SecretsFlags& flags) {
  if (Status s = RefuseServer(flags.catalog); !s.ok()) return ReportError(s);
  Result<std::shared_ptr<const secrets::KeyRing>> ring = ConfiguredKeyRing(flags.catalog);
  if (!ring.ok()) return ReportError(ring.status());
  Result<std::map<std::string, size_t>> stored = StoredCountsByKey(flags.catalog.db);
  if (!stored.ok()) return ReportError(stored.status(), kExitRuntime);
  const std::map<std::string, size_t>& counts = *stored;
  const std::string current = (*ring)->current_id();
  if (flags.catalog.json) {
    Json keys = Json::object();
    for (const auto& [id, n] : counts) {
      if (!id.empty()) keys[id] = n;
    }
    auto plain = counts.find("");
    std::cout << Json{{"plaintext", plain == counts.end() ? 0 : plain->second},
                      {"keys", std::move(keys)},
                      {"configured_key", current.empty() ? Json() : Json(current)}}
                     .dump(2)
              << "\n";
    return kExitOk;
  }
  size_t total = 0;
  for (const auto& [id, n] : counts) total += n;
  std::cout << "contact secrets in " << flags.catalog.db << ": " << CountOf(total, "value") << "\n";
  for (const auto& [id, n] : counts) {
    if (id.empty()) {
      std::cout << "  plain text      " << n << "\n";
    } else {
      std::cout << "  key " << id << "    " << n
                << (id == current ? " (the configured key)" : " (key not configured)") << "\n";
    }
  }
  std::cout << (current.empty() ? "no key configured (LINEA_SECRET_KEY or --secret-key-file)"
                                : "configured key " + current)
            << "\n";
  return kExitOk;
}

// Re-seals every team's and user's contacts under the new key in one catalog write; the configured
// key (if any) only opens the old values.
int RunRotate(const SecretsFlags& flags) {
  if (Status s = RefuseServer(flags.catalog); !s.ok()) return ReportError(s);
  Result<std::optional<secrets::Key>> old_key =
      secrets::ConfiguredKey(flags.catalog.secret_key_file);
  if (!old_key.ok()) return ReportError(old_key.status());
  Result<secrets::Key> new_key = secrets::ReadKeyFile(flags.new_key_file);
  if (!new_key.ok()) return ReportError(new_key.status());
  std::vector<secrets::Key> older;
  if (old_key->has_value()) older.push_back(**old_key);
  auto ring = std::make_shared<const secrets::KeyRing>(*new_key, std::move(older));
  Result<std::unique_ptr<app::App>> app = OpenApp(flags.catalog, false, {}, ring);
  if (!app.ok()) return ReportError(app.status(), kExitRuntime);
  model::Delta delta;
  delta.upsert_teams = (*app)->catalog().ListTeams();
  delta.upsert_users = (*app)->catalog().ListUsers();
  std::map<std::string, size_t> counts;
  CountByKey(delta.upsert_teams, &counts);
  CountByKey(delta.upsert_users, &counts);
  size_t values = 0;
  for (const auto& [id, n] : counts) values += n;
  const size_t teams = delta.upsert_teams.size(), users = delta.upsert_users.size();
  if (!delta.empty()) {
    Result<catalog::ApplyStats> applied = (*app)->catalog().Apply(std::move(delta));
    if (!applied.ok()) return ReportError(applied.status().WithPrefix("nothing rotated"));
  }
  std::cout << "re-encrypted " << CountOf(values, "contact secret") << " of "
            << CountOf(teams, "team") << (users ? " and " + CountOf(users, "user") : "")
            << " under key " << new_key->id() << "\n";
  return kExitOk;
}

}  // namespace

void RegisterSecrets(CLI::App& app, int* exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "secrets", "Contact secrets encrypted at rest: which keys hold them, key rotation");
  cmd->require_subcommand(1);
  auto flags = std::make_shared<SecretsFlags>();
  CLI::App* status = cmd->add_subcommand(
      "status", "How many contact secrets are stored under which key id, or in plain text");
  AddCatalogFlags(status, &flags->catalog);
  status->callback([flags, exit_code] { *exit_code = RunStatus(*flags); });
  CLI::App* rotate = cmd->add_subcommand(
      "rotate",
      "Re-encrypt every contact secret under --new-key-file in one transaction (the current "
      "key, if any, from --secret-key-file or LINEA_SECRET_KEY); plain-text ones get encrypted");
  rotate
      ->add_option("--new-key-file", flags->new_key_file,
                   "the new key: base64 of 32 bytes (openssl rand -base64 32 > FILE)")
      ->required();
  AddCatalogFlags(rotate, &flags->catalog);
  rotate->callback([flags, exit_code] { *exit_code = RunRotate(*flags); });
}

}  // namespace linea::cli
