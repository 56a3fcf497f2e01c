// `linea token create|revoke|list`: API tokens for the HTTP server (docs/auth.md). The secret
// is printed once, at creation; the catalog keeps only its SHA-256 hash. Like every catalog
// command these run the API's /api/v1/tokens requests on a local catalog (--db) or send them
// to a server (--server; needs an admin token there), and print the same either way.
#include <ctime>

#include "cli/backend.h"
#include "cli/commands.h"
#include "cli/text_table.h"

namespace linea::cli {
namespace {

using api::Json;

struct TokenFlags {
  CatalogFlags catalog;
  std::string name;
  std::string role;
  // A writer's scope (docs/auth.md "Scopes"); all empty: every scope.
  std::vector<std::string> domains;
  std::vector<std::string> prefixes;
  std::vector<std::string> provenances;
  std::vector<std::string> teams;
  bool scoped() const {
    return !domains.empty() || !prefixes.empty() || !provenances.empty() || !teams.empty();
  }
};

// "domains geo; teams geo" for a scope answer; "every scope" for null.
std::string ScopeText(const Json& scope) {
  if (!scope.is_object()) return "every scope";
  std::string text;
  for (const char* key : {"domains", "prefixes", "provenances", "teams"}) {
    const Json& list = scope.value(key, Json::array());
    if (list.empty()) continue;
    text += (text.empty() ? "" : "; ") + std::string(key) + " " + JoinJson(list, ", ");
  }
  return text.empty() ? "no teams" : text;
}

// "2026-08-01T12:00:00Z" (UTC).
std::string FormatTime(int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// Runs `request` on the catalog named by `flags`; prints errors. nullopt after an error, with
// *exit_code set.
std::optional<Json> Call(const CatalogFlags& flags, bool create, server::ApiRequest request,
                         int* exit_code) {
  Result<std::unique_ptr<Backend>> backend = Backend::Open(flags, create);
  if (!backend.ok()) {
    *exit_code = ReportError(backend.status(), kExitRuntime);
    return std::nullopt;
  }
  api::Reply reply = (*backend)->Call(request);
  if (!reply.ok()) {
    *exit_code = ReportReply(reply);
    return std::nullopt;
  }
  return std::move(reply.body);
}

// The secret alone goes to stdout, so `TOKEN=$(linea token create …)` captures just it; the
// one-time warning goes to stderr.
void PrintCreated(const Json& j) {
  std::cout << j["token"].get<std::string>() << "\n";
  std::cerr << "created token " << j["name"].get<std::string>() << " (role "
            << j["role"].get<std::string>();
  if (j["role"] == "writer") std::cerr << ", " << ScopeText(j.value("scope", Json()));
  std::cerr << "). Copy it now: it cannot be shown again (linea keeps only its hash).\n"
            << "Send it as the header: Authorization: Bearer <token>\n";
}

void PrintRevoked(const Json& j) {
  std::cout << "revoked token " << j["revoked"].get<std::string>() << "\n";
}

// REVOKED shows the revocation time when the reply carries revoked_at, else "yes".
void PrintTokens(const Json& j) {
  const Json& tokens = j["tokens"];
  if (tokens.empty()) {
    std::cout << "no tokens (create one with `linea token create --name NAME --role "
                 "reader|writer|admin`)\n";
    return;
  }
  TextTable table({"NAME", "ROLE", "SCOPE", "CREATED", "REVOKED"});
  for (const Json& t : tokens) {
    std::string revoked = "-";
    if (t.value("revoked", false)) {
      const int64_t at = t.value("revoked_at", int64_t{0});
      revoked = at > 0 ? FormatTime(at) : "yes";
    }
    const bool writer = t["role"] == "writer";
    table.AddRow({t["name"].get<std::string>(), t["role"].get<std::string>(),
                  writer ? ScopeText(t.value("scope", Json())) : "-", FormatTime(t["created_at"].get<int64_t>()), revoked});
  }
  table.Print(std::cout, "");
}

int RunCreate(const TokenFlags& flags) {
  if (!auth::ParseRole(flags.role)) {
    return ReportError(
        InvalidArgumentError("unknown role \"" + flags.role + "\" (use reader, writer or admin)"));
  }
  server::ApiRequest request{"POST", "/api/v1/tokens"};
  Json payload = {{"name", flags.name}, {"role", flags.role}};
  if (flags.scoped()) {
    payload["scope"] = {{"domains", flags.domains},
                     {"prefixes", flags.prefixes},
                     {"provenances", flags.provenances},
                     {"teams", flags.teams}};
  }
  request.body = payload.dump();
  request.content_type = "application/json";
  int exit_code = kExitOk;
  std::optional<Json> body = Call(flags.catalog, true, std::move(request), &exit_code);
  return body ? EmitReply(flags.catalog, *body, PrintCreated) : exit_code;
}

int RunRevoke(const TokenFlags& flags) {
  int exit_code = kExitOk;
  std::optional<Json> body =
      Call(flags.catalog, false, server::ApiRequest{"DELETE", "/api/v1/tokens/" + flags.name},
           &exit_code);
  return body ? EmitReply(flags.catalog, *body, PrintRevoked) : exit_code;
}

int RunList(const CatalogFlags& flags) {
  int exit_code = kExitOk;
  std::optional<Json> body =
      Call(flags, false, server::ApiRequest{"GET", "/api/v1/tokens"}, &exit_code);
  return body ? EmitReply(flags, *body, PrintTokens) : exit_code;
}

void AddNameOption(CLI::App* cmd, TokenFlags* flags) {
  cmd->add_option("--name", flags->name, "token name: 1-64 of A-Z a-z 0-9 _ . -")->required();
}

}  // namespace

void RegisterToken(CLI::App& app, int* exit_code) {
  CLI::App* token = app.add_subcommand(
      "token", "API tokens for the HTTP server: create (shown once), revoke, list");
  token->require_subcommand(1);
  auto flags = std::make_shared<TokenFlags>();

  CLI::App* create =
      token->add_subcommand("create", "Create a token and print its secret (shown only once)");
  AddNameOption(create, flags.get());
  create->add_option("--role", flags->role, "reader, writer or admin")->required();
  create->add_option("--domain", flags->domains,
                     "writer scope: may change assets of this domain (repeatable)");
  create->add_option("--prefix", flags->prefixes,
                     "writer scope: may change assets at or under this FQN (repeatable)");
  create->add_option("--provenance", flags->provenances,
                     "writer scope: may replace edge sets whose provenance starts with this, "
                     "e.g. manifest:churn/ (repeatable)");
  create->add_option("--team", flags->teams,
                     "writer scope: may change this team's contacts and subscriptions "
                     "(repeatable)");
  AddCatalogFlags(create, &flags->catalog);
  create->callback([flags, exit_code] { *exit_code = RunCreate(*flags); });

  CLI::App* revoke = token->add_subcommand("revoke", "Revoke a token; its name stays taken");
  AddNameOption(revoke, flags.get());
  AddCatalogFlags(revoke, &flags->catalog);
  revoke->callback([flags, exit_code] { *exit_code = RunRevoke(*flags); });

  CLI::App* list = token->add_subcommand("list", "List tokens (never their secrets)");
  AddCatalogFlags(list, &flags->catalog);
  list->callback([flags, exit_code] { *exit_code = RunList(flags->catalog); });
}

}  // namespace linea::cli
