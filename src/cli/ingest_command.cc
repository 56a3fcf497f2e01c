// `linea ingest sql-log FILE [--format text|csv|jsonl] [--dialect hive|spark|postgres]`:
// lineage from SQL query logs, written through the catalog of --db, or sent to POST
// /api/v1/sql/log of a server (--server), so both print the same. (`ingest openlineage` lives
// in openlineage_command.cc.)
#include <unistd.h>

#include <cstdio>

#include "cli/backend.h"
#include "cli/cli_context.h"
#include "cli/cli_tree.h"
#include "cli/commands.h"
#include "cli/text_table.h"
#include "codec/json_codec.h"
#include "ingest/querylog/ingest.h"

namespace linea::cli {
namespace {

struct SqlLogFlags {
  CatalogFlags catalog;
  std::string file;
  std::string format = "text";
  std::string dialect = "hive";
  std::string default_database = "default";
  std::string service;
  bool strict = false;
};

// The summary of api::IngestSqlLog, the same for a local catalog and a server.
void PrintSummary(const codec::Json& s) {
  auto count = [&s](const char* key, std::string_view noun) {
    return CountOf(s[key].get<size_t>(), noun);
  };
  std::cout << count("records", "record") << ", " << count("statements", "statement") << ": "
            << s["parsed"] << " parsed, " << s["failed"] << " failed\n";
  for (const auto& [reason, n] : s["failed_by_reason"].items()) {
    std::cout << "  failed: " << n << " × " << reason << "\n";
  }
  std::cout << count("with_lineage", "statement") << " with lineage, "
            << count("edges_written", "edge") << " written, " << count("assets_discovered", "asset")
            << " discovered";
  if (s["rejected"] != 0) std::cout << ", " << count("rejected", "statement") << " rejected";
  std::cout << "\n";
  if (s["problems"].empty()) return;
  std::cout << "problems:\n";
  for (const codec::Json& p : s["problems"]) {
    std::cout << "  line " << p["line"] << " (record " << p["record"] << ") \""
              << p["text"].get<std::string>()
              << "\": " << (p["kind"] == "rejected" ? "rejected: " : "")
              << p["error"].get<std::string>() << "\n";
  }
  if (s["problems_omitted"] != 0) std::cout << "  … and " << s["problems_omitted"] << " more\n";
}

int RunSqlLog(const SqlLogFlags& flags) {
  if (!querylog::ParseLogFormat(flags.format)) {
    return ReportError(InvalidArgumentError("--format: expected text, csv or jsonl"));
  }
  if (!sql::ParseDialect(flags.dialect)) {
    return ReportError(InvalidArgumentError("--dialect: expected hive, spark or postgres"));
  }
  Result<std::string> text = ReadInput(flags.file);
  if (!text.ok()) return ReportError(text.status());
  api::SqlLogParams params{.format = flags.format,
                           .dialect = flags.dialect,
                           .default_database = flags.default_database,
                           .service = flags.service,
                           .strict = flags.strict,
                           .file = flags.file};
  Result<std::unique_ptr<Backend>> backend = Backend::Open(flags.catalog, true);
  if (!backend.ok()) return ReportError(backend.status(), kExitRuntime);
  api::Reply reply;
  if (app::App* app = (*backend)->local_app()) {
    // Locally the ingest runs here, with a progress bar on a terminal.
    std::function<void(size_t, size_t)> progress;
    if (isatty(STDERR_FILENO) && !flags.catalog.json) {
      progress = [](size_t done, size_t total) { DrawProgress(done, total, "records"); };
    }
    reply = api::IngestSqlLog(app->catalog(), *text, params, catalog::Writer::Local(CommandName()),
                              progress);
  } else {
    server::ApiRequest request{.method = "POST", .path = "/api/v1/sql/log"};
    request.query = {{"format", params.format},
                     {"dialect", params.dialect},
                     {"default_database", params.default_database},
                     {"file", params.file}};
    if (!params.service.empty()) request.query.emplace("service", params.service);
    if (params.strict) request.query.emplace("strict", "true");
    request.body = std::move(*text);
    request.content_type = "text/plain";
    reply = (*backend)->Call(request);
  }
  if (!reply.ok()) return ReportReply(reply);
  return EmitReply(flags.catalog, reply.body, PrintSummary);
}

}  // namespace

void RegisterIngest(CLI::App& app, int* exit_code) {
  CLI::App* ingest = app.add_subcommand("ingest", "Fill the catalog from lineage sources");
  ingest->require_subcommand(1);
  auto flags = std::make_shared<SqlLogFlags>();
  CLI::App* cmd = ingest->add_subcommand(
      "sql-log", "Parse a SQL query log (HiveQL, Spark SQL, PostgreSQL) into column lineage");
  cmd->add_option("file", flags->file, "the log (- for stdin)")->required();
  cmd->add_option("--format", flags->format, "text (one script), csv or jsonl")
      ->check(Choices({"text", "csv", "jsonl"}))
      ->capture_default_str();
  cmd->add_option("--dialect", flags->dialect, "hive, spark or postgres")
      ->check(Choices({"hive", "spark", "postgres"}))
      ->capture_default_str();
  cmd->add_option("--default-database", flags->default_database,
                  "database of unqualified names (a record's `database` wins)")
      ->capture_default_str();
  cmd->add_option("--service", flags->service,
                  "catalog service of the tables (default hive; postgres for --dialect postgres)");
  cmd->add_flag("--strict", flags->strict,
                "reject statements naming unknown tables/columns instead of creating them");
  AddCatalogFlags(cmd, &flags->catalog);
  cmd->callback([flags, exit_code] { *exit_code = RunSqlLog(*flags); });
  RegisterIngestOpenLineage(ingest, exit_code);
  RegisterIngestConnectors(ingest, exit_code);
}

}  // namespace linea::cli
