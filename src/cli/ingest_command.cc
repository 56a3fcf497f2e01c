// `linea ingest sql-log FILE [--format text|csv|jsonl] [--dialect hive|spark|postgres]`:
// lineage from SQL query logs, written through the catalog. (`ingest openlineage` lives in
// openlineage_command.cc.)
#include <unistd.h>

#include <cstdio>

#include "cli/cli_context.h"
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

void PrintSummary(const querylog::IngestSummary& s) {
  std::cout << "records " << s.records << ", statements " << s.statements << ": " << s.parsed
            << " parsed, " << s.failed << " failed\n";
  for (const auto& [reason, n] : s.failed_by_reason) {
    std::cout << "  failed: " << n << " × " << reason << "\n";
  }
  std::cout << s.with_lineage << " statements with lineage, " << s.edges_written
            << " edges written, " << s.assets_discovered << " assets discovered";
  if (s.rejected) std::cout << ", " << s.rejected << " statements rejected";
  std::cout << "\n";
  if (s.problems.empty()) return;
  std::cout << "problems:\n";
  for (const querylog::Problem& p : s.problems) {
    std::cout << "  line " << p.line << " (record " << p.record << ") \"" << p.text
              << "\": " << (p.kind == querylog::Problem::Kind::kRejected ? "rejected: " : "")
              << p.error << "\n";
  }
  if (s.problems_omitted) std::cout << "  … and " << s.problems_omitted << " more\n";
}

codec::Json SummaryJson(const querylog::IngestSummary& s) {
  codec::Json problems = codec::Json::array();
  for (const querylog::Problem& p : s.problems) {
    problems.push_back({{"kind", querylog::ProblemKindName(p.kind)},
                        {"record", p.record},
                        {"line", p.line},
                        {"text", p.text},
                        {"error", p.error}});
  }
  return {{"records", s.records},
          {"statements", s.statements},
          {"parsed", s.parsed},
          {"failed", s.failed},
          {"failed_by_reason", s.failed_by_reason},
          {"with_lineage", s.with_lineage},
          {"edges_written", s.edges_written},
          {"assets_discovered", s.assets_discovered},
          {"rejected", s.rejected},
          {"problems", std::move(problems)},
          {"problems_omitted", s.problems_omitted}};
}

int RunSqlLog(const SqlLogFlags& flags) {
  std::optional<querylog::LogFormat> format = querylog::ParseLogFormat(flags.format);
  if (!format) return ReportError(InvalidArgumentError("--format: expected text, csv or jsonl"));
  std::optional<sql::Dialect> dialect = sql::ParseDialect(flags.dialect);
  if (!dialect) return ReportError(InvalidArgumentError("--dialect: expected hive, spark or postgres"));
  Result<std::string> text = ReadInput(flags.file);
  if (!text.ok()) return ReportError(text.status());
  Result<std::vector<querylog::QueryRecord>> records = querylog::ReadQueryLog(*text, *format);
  if (!records.ok()) return ReportError(records.status().WithPrefix(flags.file));
  Result<std::unique_ptr<app::App>> app = OpenApp(flags.catalog, true);
  if (!app.ok()) return ReportError(app.status(), kExitRuntime);
  querylog::IngestOptions options;
  options.analyze.dialect = *dialect;
  options.analyze.default_database = flags.default_database;
  options.catalog.strict = flags.strict;
  options.catalog.service = !flags.service.empty()              ? flags.service
                            : *dialect == sql::Dialect::kPostgres ? "postgres"
                                                                  : "hive";
  if (isatty(STDERR_FILENO) && !flags.catalog.json) options.progress = [](size_t done, size_t total) { DrawProgress(done, total, "records"); };
  Result<querylog::IngestSummary> summary = querylog::IngestQueryLog((*app)->catalog(), *records, options);
  if (!summary.ok()) return ReportError(summary.status(), kExitRuntime);
  if (flags.catalog.json) {
    std::cout << SummaryJson(*summary).dump(2) << "\n";
  } else {
    PrintSummary(*summary);
  }
  return kExitOk;
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
      ->capture_default_str();
  cmd->add_option("--dialect", flags->dialect, "hive, spark or postgres")->capture_default_str();
  cmd->add_option("--default-database", flags->default_database,
                  "database of unqualified names (a record's `database` wins)")
      ->capture_default_str();
  cmd->add_option("--service", flags->service,
                  "catalog service of the tables (default hive; postgres for --dialect postgres)");
  cmd->add_flag("--strict", flags->strict,
                "reject statements naming unknown tables/columns instead of creating them");
  cmd->add_option("--db", flags->catalog.db, "SQLite catalog file")->capture_default_str();
  AddSecretKeyFlag(cmd, &flags->catalog);
  cmd->add_flag("--json", flags->catalog.json, "the summary as JSON");
  cmd->callback([flags, exit_code] { *exit_code = RunSqlLog(*flags); });
  RegisterIngestOpenLineage(ingest, exit_code);
  RegisterIngestConnectors(ingest, exit_code);
}

}  // namespace linea::cli
