// `linea serve` (the HTTP API over a local catalog) and `linea demo` (the demo mesh served on
// loopback with ready-to-paste commands).
#include <pthread.h>
#include <signal.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <thread>

#include "app/connector_types.h"
#include "cli/cli_context.h"
#include "cli/commands.h"
#include "common/status_macros.h"
#include "common/strings.h"
#include "common/time_text.h"
#include "generate/mesh.h"
#include "generate/quality_history.h"
#include "notify/address_policy.h"
#include "quality/stability_report.h"
#include "secrets/key_ring.h"
#include "server/http_server.h"

namespace linea::cli {
namespace {

struct ServeFlags {
  CatalogFlags catalog;
  std::string listen = "127.0.0.1:8686";
  bool no_auth = false;
  bool require_auth_for_reads = false;
  size_t max_body_mib = 32;
  int threads = 16;
  double header_timeout_s = 10;
  double request_timeout_s = 60;
  double shutdown_grace_s = 10;
  size_t max_connections_per_client = 64;
  size_t max_connections = 4096;
  // RATE[/BURST] requests per second (server::ParseRateLimit); the defaults and why:
  // docs/security.md#rate-limits.
  std::string rate_limit_per_token = "1000/2000";
  std::string rate_limit_per_address = "100/200";
  bool quiet = false;
  std::vector<std::string> namespace_map;  // OpenLineage NAMESPACE=SERVICE
  std::string connectors;                  // --connectors FILE
  // Incidents and notifications.
  std::string public_url;
  bool auto_incidents = false;
  bool no_deliveries = false;
  std::string smtp_url, smtp_from, smtp_user, smtp_password;
  std::vector<std::string> notify_allow;  // CIDRs HTTP(S) notifications may reach anyway
  std::string telegram_api_base = "https://api.telegram.org";
  double reminder_hours = 4;
  int64_t retry_base_ms = 2000;
  int64_t delivery_timeout_ms = 30000;
  int64_t audit_retention_days = 365;  // 0 = keep forever
  int64_t quality_retention_days = 730;  // 0 = keep forever
  int quality_digest_day = 1;            // 1-28; 0 = no scheduled digests
};

// Longest audit retention accepted: a hundred years (keeps its milliseconds far from overflow).
constexpr int64_t kMaxRetentionDays = 36500;

// Blocks SIGINT/SIGTERM in this thread and so in every thread started after it; returns the set
// for sigwait. Call before any thread exists.
sigset_t BlockStopSignals() {
  // A shell starts background jobs with SIGINT ignored; an ignored signal is never delivered,
  // not even to sigwait, so restore the default disposition first.
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

// Stops `server` when SIGINT/SIGTERM arrives: in-flight requests get the shutdown grace to
// finish, then Run() returns. A second signal exits at once (what a committed write has
// already reached the SQLite WAL; an uncommitted one is rolled back at the next open).
void StopOnSignal(sigset_t set, server::HttpServer* server, int64_t grace_ms) {
  std::thread([set, server, grace_ms] {
    int sig = 0;
    sigwait(&set, &sig);
    std::cerr << "linea: " << (sig == SIGINT ? "SIGINT" : "SIGTERM")
              << " received, finishing in-flight requests (at most " << grace_ms / 1000.0
              << " s; signal again to exit now)\n";
    server->Stop();
    sigwait(&set, &sig);
    std::cerr << "linea: second signal, exiting now\n";
    std::_Exit(kExitRuntime);
  }).detach();
}

// How `linea serve` runs: the server's options and the app's (the services behind it).
struct ServeSetup {
  server::ServerOptions server;
  app::AppOptions app;
  bool deliver_notifications = true;
  std::vector<connectors::ConnectorConfig> connectors;
};

Result<ServeSetup> SetupOf(const ServeFlags& flags) {
  ServeSetup setup;
  server::ServerOptions& options = setup.server;
  LINEA_RETURN_IF_ERROR(server::ParseListen(flags.listen, &options.host, &options.port));
  options.no_auth = flags.no_auth;
  options.require_auth_for_reads = flags.require_auth_for_reads;
  options.max_body_bytes = flags.max_body_mib << 20;
  options.threads = flags.threads;
  if (flags.header_timeout_s <= 0 || flags.request_timeout_s <= 0 || flags.shutdown_grace_s < 0) {
    return InvalidArgumentError(
        "--header-timeout and --request-timeout must be > 0, --shutdown-grace ≥ 0");
  }
  options.header_timeout_ms = static_cast<int64_t>(flags.header_timeout_s * 1000);
  options.request_timeout_ms = static_cast<int64_t>(flags.request_timeout_s * 1000);
  options.shutdown_grace_ms = static_cast<int64_t>(flags.shutdown_grace_s * 1000);
  options.max_connections_per_client = flags.max_connections_per_client;
  options.max_connections = flags.max_connections;
  LINEA_RETURN_IF_ERROR(server::ParseRateLimit("--rate-limit-per-token", flags.rate_limit_per_token,
                                               &options.rate_limit_per_token));
  LINEA_RETURN_IF_ERROR(server::ParseRateLimit(
      "--rate-limit-per-address", flags.rate_limit_per_address, &options.rate_limit_per_address));
  options.access_log = !flags.quiet;
  app::AppOptions& app = setup.app;
  for (const std::string& entry : flags.namespace_map) {
    LINEA_RETURN_IF_ERROR(app.namespaces.Add(entry).WithPrefix("--namespace-map"));
  }
  app.public_url = flags.public_url;
  app.auto_incidents = flags.auto_incidents;
  app.outbox.transport.smtp_url = flags.smtp_url;
  app.outbox.transport.smtp_user = flags.smtp_user;
  app.outbox.transport.smtp_password = flags.smtp_password;
  app.outbox.transport.total_timeout_ms = flags.delivery_timeout_ms;
  Result<std::vector<notify::Cidr>> allow = notify::ParseCidrs(flags.notify_allow);
  if (!allow.ok()) return allow.status().WithPrefix("--notify-allow");
  app.outbox.transport.allowed_targets = *std::move(allow);
  app.outbox.render.smtp_from = flags.smtp_from;
  app.outbox.render.telegram_api_base = flags.telegram_api_base;
  app.outbox.base_backoff_ms = flags.retry_base_ms;
  app.reminder_interval_ms = static_cast<int64_t>(flags.reminder_hours * 3600 * 1000);
  if (flags.audit_retention_days < 0 || flags.audit_retention_days > kMaxRetentionDays) {
    return InvalidArgumentError("--audit-retention-days: expected 0 (keep forever) to " +
                                std::to_string(kMaxRetentionDays) + ", got " +
                                std::to_string(flags.audit_retention_days));
  }
  app.audit_retention_days = flags.audit_retention_days;
  if (flags.quality_retention_days < 0 || flags.quality_retention_days > kMaxRetentionDays) {
    return InvalidArgumentError("--quality-retention-days: expected 0 (keep forever) to " +
                                std::to_string(kMaxRetentionDays) + ", got " +
                                std::to_string(flags.quality_retention_days));
  }
  app.quality_retention_days = flags.quality_retention_days;
  if (flags.quality_digest_day < 0 || flags.quality_digest_day > 28) {
    return InvalidArgumentError(
        "--quality-digest-day: expected a day of the month from 1 to 28 (0 = no digests), got " +
        std::to_string(flags.quality_digest_day));
  }
  app.quality_digest_day = flags.quality_digest_day;
  setup.deliver_notifications = !flags.no_deliveries;
  if (!flags.connectors.empty()) {
    LINEA_ASSIGN_OR_RETURN(setup.connectors,
                           connectors::LoadConnectorConfigs(flags.connectors,
                                                            app::ConnectorTypes(), false));
    for (const connectors::ConnectorConfig& c : setup.connectors) {
      LINEA_RETURN_IF_ERROR(app::MakeConnectorSource(c).status());  // its own keys, checked now
    }
  }
  if (flags.retry_base_ms < 1 || flags.delivery_timeout_ms < 100) {
    return InvalidArgumentError("--retry-base-ms must be ≥ 1 and --delivery-timeout-ms ≥ 100");
  }
  return setup;
}

// Serves `app` until SIGINT/SIGTERM, with its background work (outbox, reminders, token
// reloads). `banner` is printed once the socket is bound.
int Serve(app::App& app, const ServeSetup& setup, const std::function<void(int port)>& banner) {
  sigset_t signals = BlockStopSignals();
  Result<std::unique_ptr<server::HttpServer>> server =
      server::HttpServer::Start(app, setup.server);
  if (!server.ok()) return ReportError(server.status());
  if (!setup.connectors.empty()) app.EnableConnectors(setup.connectors);
  app.StartBackground(setup.deliver_notifications);
  StopOnSignal(signals, server->get(), setup.server.shutdown_grace_ms);
  banner((*server)->port());
  (*server)->Run();
  app.StopBackground();  // after serving ended: a delivery in flight finishes first
  std::cerr << "linea: stopped\n";
  return kExitOk;
}

// Startup warnings about contact secrets (docs/security.md "Secrets at rest"): no key (they
// are stored in plain text), or values sealed under keys this process lacks (deliveries to
// those contacts fail; answers show them redacted).
void WarnAboutSecrets(const catalog::Catalog& catalog, const CatalogFlags& flags) {
  Result<std::shared_ptr<const secrets::KeyRing>> ring = ConfiguredKeyRing(flags);
  if (ring.ok() && !(*ring)->has_key()) {
    std::cerr << "linea: warning: no secret key (LINEA_SECRET_KEY or --secret-key-file): contact "
                 "URLs, webhook secrets and bot tokens are stored in plain text\n";
  }
  std::set<std::string> unknown;
  size_t sealed = 0;
  auto count = [&](const std::vector<model::Contact>& contacts) {
    for (const model::Contact& contact : contacts) {
      for (const auto& [field, value] : contact.fields) {
        if (!secrets::IsSealed(value)) continue;
        ++sealed;
        unknown.insert(secrets::SealedKeyId(value));
      }
    }
  };
  for (const model::Team& team : catalog.ListTeams()) count(team.contacts);
  for (const model::User& user : catalog.ListUsers()) count(user.contacts);
  if (sealed == 0) return;
  std::cerr << "linea: warning: " << CountOf(sealed, "contact secret") << " encrypted under key "
            << Join(std::vector<std::string>(unknown.begin(), unknown.end()), ", ")
            << ", which is not configured: deliveries to those contacts fail\n";
}

int RunServe(const ServeFlags& flags) {
  Result<ServeSetup> setup = SetupOf(flags);
  if (!setup.ok()) return ReportError(setup.status());
  const server::ServerOptions& options = setup->server;
  if (options.no_auth && !server::IsLoopback(options.host)) {
    return ReportError(InvalidArgumentError("--no-auth is only allowed on a loopback address "
                                            "(127.0.0.1, ::1), not " + options.host));
  }
  Result<std::unique_ptr<app::App>> app = OpenApp(flags.catalog, true, setup->app);
  if (!app.ok()) return ReportError(app.status(), kExitRuntime);
  WarnAboutSecrets((*app)->catalog(), flags.catalog);
  catalog::CatalogStats stats = (*app)->catalog().stats();
  return Serve(**app, *setup, [&](int port) {
    std::cerr << "linea: serving " << flags.catalog.db << " (" << stats.assets << " assets, "
              << stats.links << " links) on http://" << options.host << ":" << port
              << (options.no_auth ? " without auth" : "");
    if (!setup->connectors.empty()) {
      std::cerr << ", pulling " << setup->connectors.size() << " connector"
                << (setup->connectors.size() == 1 ? "" : "s") << " on schedule";
    }
    std::cerr << "\n";
  });
}

struct DemoFlags {
  std::string listen = "127.0.0.1:8686";
  std::string data_dir = "data";
};

// The banner's lines on the demo's drifted column: its incident, its series, the stability
// report of a model that reads it. "" when no quality check fails.
std::string DemoQualityLines(app::App& app, const std::string& url) {
  std::vector<std::string> failing = app.quality().AssetsWithFailures();
  if (failing.empty()) return "";
  const std::string& column = failing.front();
  std::string model;
  if (Result<graph::ImpactReport> impact = app.catalog().Impact(column, {}); impact.ok()) {
    if (!impact->models.empty()) model = impact->models.front().fqn;
  }
  std::string lines =
      "  # Last month a mart column drifted. A quality check failed and opened an incident\n"
      "  # for the teams of every model that reads it:\n"
      "  build/linea incident list --server " +
      url +
      "\n"
      "  build/linea quality show " +
      column + " --server " + url + "\n\n";
  if (!model.empty()) {
    lines +=
        "  # The monthly feature-stability report of a model reading it (open it in a browser):\n"
        "  " +
        url + "/api/v1/quality/report/" + model + "\n\n";
  }
  return lines;
}

void PrintDemoBanner(const std::string& url, const std::string& db,
                     const std::string& quality_lines) {
  std::cout << "linea demo: serving the demo mesh (" << db << ") at " << url << "\n"
            << "10 domains, 500 Hive tables (raw → ods → aggregates → marts), ~10,000 columns,\n"
            << "100 ML models with ~3,000 features, 20 dashboards, 40 teams.\n\n"
            << "Open " << url << "/ in a browser: search, lineage, impact, upstream, incidents.\n\n"
            << "Or try, in another terminal:\n\n"
            << "  # Which models, dashboards and teams break when this raw column breaks?\n"
            << "  build/linea impact hive.raw_geo.trip_segments.cell_id --server " << url << "\n\n"
            << "  # The same answer as the API's JSON:\n"
            << "  curl -s " << url << "/api/v1/impact/hive.raw_geo.trip_segments.cell_id"
            << " | python3 -m json.tool | head -40\n\n"
            << "  # A model degraded: which upstream sources could be the cause?\n"
            << "  build/linea upstream mlflow_b2c.churn_scoring --server " << url << "\n\n"
            << "  # Find features named like \"arpu\", typo-tolerant:\n"
            << "  build/linea search arpu --kind feature --server " << url << "\n\n"
            << quality_lines
            << "Incidents opened here queue their notifications but send none: the demo teams'\n"
            << "e-mail addresses and chat hooks are made up (linea serve --smtp-url … sends).\n\n"
            << "Stop with Ctrl-C. The API is described at " << url << "/api/v1/openapi.json\n"
            << std::flush;
}

int RunDemo(const DemoFlags& flags) {
  ServeFlags serve;
  serve.listen = flags.listen;
  serve.no_auth = true;
  serve.quiet = true;
  serve.no_deliveries = true;  // the mesh's contacts are made up: nothing could be delivered
  Result<ServeSetup> setup = SetupOf(serve);
  if (!setup.ok()) return ReportError(setup.status());
  const server::ServerOptions& options = setup->server;
  if (!server::IsLoopback(options.host)) {
    return ReportError(InvalidArgumentError("linea demo serves without auth, so only on a "
                                            "loopback address, not " + options.host));
  }
  std::filesystem::create_directories(flags.data_dir);
  CatalogFlags catalog_flags;
  catalog_flags.db = flags.data_dir + "/demo.db";
  bool fresh = !std::filesystem::exists(catalog_flags.db);
  Result<std::unique_ptr<app::App>> app = OpenApp(catalog_flags, true, setup->app);
  if (!app.ok()) return ReportError(app.status(), kExitRuntime);
  if (fresh) {
    std::cerr << "linea demo: generating the demo mesh into " << catalog_flags.db << "\n";
    const catalog::Writer demo_writer = catalog::Writer::Local("linea demo");
    model::Delta mesh = generate::GenerateMesh({.scale = generate::Scale::kDemo});
    generate::QualityHistoryOptions history;
    history.periods = MonthsEndingWith(quality::PreviousMonth((*app)->NowMs()), 12);
    generate::QualityHistory measured = generate::GenerateQualityHistory(mesh, history);
    Result<catalog::ApplyStats> applied =
        (*app)->catalog().Apply(std::move(mesh), nullptr, &demo_writer);
    if (!applied.ok()) return ReportError(applied.status());
    // A year of monthly profiles of every column that feeds a model; one mart column drifts
    // in the last month: its fail opens an incident for the teams of the models reading it.
    std::cerr << "linea demo: recording " << CountOf(measured.results.size(), "quality result")
              << " (" << history.periods.front() << " … " << history.periods.back() << ")\n";
    Result<quality::RecordOutcome> recorded =
        (*app)->quality_service().Record(std::move(measured.results), demo_writer);
    if (!recorded.ok()) return ReportError(recorded.status());
  }
  return Serve(**app, *setup, [&](int port) {
    std::string host = options.host.find(':') != std::string::npos ? "[" + options.host + "]"
                                                                   : options.host;
    const std::string url = "http://" + host + ":" + std::to_string(port);
    PrintDemoBanner(url, catalog_flags.db, DemoQualityLines(**app, url));
  });
}

}  // namespace

void RegisterServe(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ServeFlags>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the HTTP/JSON API over a catalog file");
  cmd->add_option("--db", flags->catalog.db, "SQLite catalog file")->capture_default_str();
  AddSecretKeyFlag(cmd, &flags->catalog);
  cmd->add_option("--listen", flags->listen, "HOST:PORT (port 0 picks a free one)")
      ->capture_default_str();
  cmd->add_option("--connectors", flags->connectors,
                  "connector configs to pull on their schedules (docs/connectors.md)");
  cmd->add_flag("--no-auth", flags->no_auth, "accept requests without tokens (loopback only)");
  cmd->add_flag("--require-auth-for-reads", flags->require_auth_for_reads,
                "reads need a reader token too");
  cmd->add_option("--max-body-mib", flags->max_body_mib, "larger request bodies get 413")
      ->capture_default_str();
  cmd->add_option("--threads", flags->threads, "worker threads")->capture_default_str();
  cmd->add_option("--header-timeout", flags->header_timeout_s,
                  "seconds for a request's headers to arrive (408 after)")
      ->capture_default_str();
  cmd->add_option("--request-timeout", flags->request_timeout_s,
                  "seconds for a whole request, body included, to arrive (408 after)")
      ->capture_default_str();
  cmd->add_option("--shutdown-grace", flags->shutdown_grace_s,
                  "seconds in-flight requests get to finish after SIGTERM/SIGINT")
      ->capture_default_str();
  cmd->add_option("--max-connections-per-client", flags->max_connections_per_client,
                  "open connections per client address (429 beyond; 0 = no cap)")
      ->capture_default_str();
  cmd->add_option("--max-connections", flags->max_connections,
                  "open connections in all (503 beyond; 0 = no cap)")
      ->capture_default_str();
  cmd->add_option("--rate-limit-per-token", flags->rate_limit_per_token,
                  "RATE[/BURST] requests per second per token (429 beyond; 0 = no limit)")
      ->capture_default_str();
  cmd->add_option("--rate-limit-per-address", flags->rate_limit_per_address,
                  "RATE[/BURST] requests per second per client address (IPv6: per /64) without "
                  "a valid token (429 beyond; 0 = no limit)")
      ->capture_default_str();
  cmd->add_flag("--quiet", flags->quiet, "no access log on stderr");
  cmd->add_option("--namespace-map", flags->namespace_map,
                  "OpenLineage NAMESPACE=SERVICE, e.g. hive://hms-prod:9083=hive_prod (repeatable)");
  cmd->add_option("--public-url", flags->public_url,
                  "base URL of the UI, for links in notifications");
  cmd->add_flag("--auto-incidents", flags->auto_incidents,
                "an OpenLineage FAIL/ABORT opens an incident on the run's outputs");
  cmd->add_flag("--no-deliveries", flags->no_deliveries,
                "queue notifications but do not send them (another server sends)");
  cmd->add_option("--notify-allow", flags->notify_allow,
                  "CIDR that webhook/chat notifications may reach although it is loopback, "
                  "private, link-local, … e.g. 10.20.0.0/16 (repeatable; default: none)");
  cmd->add_option("--smtp-url", flags->smtp_url, "SMTP server for e-mail, e.g. smtp://mail:25");
  cmd->add_option("--smtp-from", flags->smtp_from, "sender address of e-mail notifications");
  cmd->add_option("--smtp-user", flags->smtp_user, "SMTP AUTH user");
  cmd->add_option("--smtp-password", flags->smtp_password, "SMTP AUTH password");
  cmd->add_option("--telegram-api-base", flags->telegram_api_base, "Telegram Bot API base URL")
      ->capture_default_str();
  cmd->add_option("--reminder-hours", flags->reminder_hours,
                  "remind affected teams of unresolved incidents this often (0 = never)")
      ->capture_default_str();
  cmd->add_option("--retry-base-ms", flags->retry_base_ms,
                  "first retry delay of a failed delivery (doubles, with jitter, up to 10 min)")
      ->capture_default_str();
  cmd->add_option("--delivery-timeout-ms", flags->delivery_timeout_ms,
                  "time allowed for one delivery attempt")
      ->capture_default_str();
  cmd->add_option("--audit-retention-days", flags->audit_retention_days,
                  "remove audit log records older than this (0 = keep forever)")
      ->capture_default_str();
  cmd->add_option("--quality-retention-days", flags->quality_retention_days,
                  "remove quality results measured longer ago than this (0 = keep forever)")
      ->capture_default_str();
  cmd->add_option("--quality-digest-day", flags->quality_digest_day,
                  "from this day of each month (1-28, UTC) send the previous month's quality "
                  "digest to the teams owning measured models, once (0 = never)")
      ->capture_default_str();
  cmd->callback([flags, exit_code] { *exit_code = RunServe(*flags); });
}

void RegisterDemo(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<DemoFlags>();
  CLI::App* cmd = app.add_subcommand(
      "demo", "Generate the demo mesh (once) and serve it without auth on loopback");
  cmd->add_option("--listen", flags->listen, "loopback HOST:PORT")->capture_default_str();
  cmd->add_option("--data-dir", flags->data_dir, "where demo.db lives")->capture_default_str();
  cmd->callback([flags, exit_code] { *exit_code = RunDemo(*flags); });
}

}  // namespace linea::cli
