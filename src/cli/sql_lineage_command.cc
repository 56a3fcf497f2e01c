// `linea sql-lineage` (docs/api.md "SQL lineage"): table- and column-level lineage of a SQL script,
// printed as JSON (--json) or as a readable listing. Reads no catalog and writes nothing.
// Exit 2 when a flag or the --schema file is bad, or when any statement failed to parse (each
// failure is also one `linea: FILE:LINE:COL: message` line on stderr); else 0.
#include "cli/cli_context.h"
#include "cli/cli_tree.h"
#include "cli/commands.h"
#include "codec/json_codec.h"
#include "common/strings.h"
#include "sql/lineage.h"
#include "sql_json/sql_json.h"

namespace linea::cli {
namespace {

using codec::Json;

struct SqlLineageFlags {
  std::string dialect = "hive";
  std::string default_database = "default";
  std::string schema_file;
  std::vector<std::string> vars;  // k=v
  bool json = false;
  std::string input;  // FILE or "-"
};

// Reads `{"tables": {"db.table": ["col", …]}}`; names are lower-cased. Errors are
// kInvalidArgument prefixed with the file name.
Result<sql::MapSchema> LoadSchema(const std::string& path) {
  Result<std::string> text = ReadInput(path);
  if (!text.ok()) return text.status();
  Result<Json> json = codec::ParseJson(*text);
  if (!json.ok()) return json.status().WithPrefix(path);
  return sql_json::DecodeSqlSchema(*json, path, /*require_tables_key=*/true);
}

// Builds AnalyzeOptions from the flags (schema is owned by the caller).
Result<sql::AnalyzeOptions> MakeOptions(const SqlLineageFlags& flags) {
  sql::AnalyzeOptions options;
  std::optional<sql::Dialect> dialect = sql::ParseDialect(ToLower(flags.dialect));
  if (!dialect) {
    return InvalidArgumentError("unknown dialect \"" + flags.dialect +
                                "\" (expected hive, spark or postgres)");
  }
  options.dialect = *dialect;
  if (flags.default_database.empty()) return InvalidArgumentError("empty --default-database");
  options.default_database = ToLower(flags.default_database);
  for (const std::string& var : flags.vars) {
    size_t eq = var.find('=');
    if (eq == std::string::npos || eq == 0) {
      return InvalidArgumentError("--var \"" + var + "\": expected NAME=VALUE");
    }
    options.variables[var.substr(0, eq)] = var.substr(eq + 1);
  }
  return options;
}

std::string JoinOr(const std::vector<std::string>& items, const char* none) {
  return items.empty() ? none : Join(items, ", ");
}

// The readable listing: per statement its kind, `targets ← sources`, one line per column,
// then indirect columns, warnings and the error.
void PrintStatement(const sql::StatementLineage& s) {
  std::cout << "[" << s.index << "] " << s.kind << " (line " << s.line << ")\n";
  if (s.error) {
    std::cout << "  error at " << s.error->line << ":" << s.error->column << ": "
              << s.error->message << "\n";
    return;
  }
  if (!s.targets.empty()) {
    std::cout << "  " << Join(s.targets, ", ") << " ← " << JoinOr(s.sources, "(no source)") << "\n";
  } else if (!s.sources.empty()) {
    std::cout << "  reads " << Join(s.sources, ", ") << "\n";
  }
  for (const sql::ColumnLineage& c : s.columns) {
    std::cout << "    " << c.target << " ← " << Join(c.sources, ", ") << "\n";
  }
  if (!s.indirect.empty()) std::cout << "  indirect: " << Join(s.indirect, ", ") << "\n";
  for (const std::string& w : s.warnings) std::cout << "  warning: " << w << "\n";
}

int RunSqlLineage(const SqlLineageFlags& flags) {
  Result<sql::AnalyzeOptions> options = MakeOptions(flags);
  if (!options.ok()) return ReportError(options.status(), kExitInvalid);
  sql::MapSchema schema;
  if (!flags.schema_file.empty()) {
    Result<sql::MapSchema> loaded = LoadSchema(flags.schema_file);
    if (!loaded.ok()) return ReportError(loaded.status(), kExitInvalid);
    schema = std::move(*loaded);
    options->schema = &schema;
  }
  Result<std::string> script = ReadInput(flags.input);
  if (!script.ok()) return ReportError(script.status(), kExitInvalid);

  std::vector<sql::StatementLineage> result = sql::AnalyzeScript(*script, *options);
  size_t failed = 0;
  for (const sql::StatementLineage& s : result) {
    if (!flags.json) PrintStatement(s);
    if (!s.error) continue;
    ++failed;
    std::cerr << "linea: " << flags.input << ":" << s.error->line << ":" << s.error->column << ": "
              << s.error->message << "\n";
  }
  if (flags.json) {
    std::cout << sql_json::EncodeSqlLineage(result).dump(2) << "\n";  // the API's shape
  } else {
    std::cout << result.size() << " statement" << (result.size() == 1 ? "" : "s") << ", " << failed
              << " failed\n";
  }
  return failed > 0 ? kExitInvalid : kExitOk;
}

}  // namespace

void RegisterSqlLineage(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<SqlLineageFlags>();
  CLI::App* cmd = app.add_subcommand(
      "sql-lineage", "Table and column lineage of a SQL script (HiveQL, Spark SQL, PostgreSQL)");
  cmd->add_option("file", flags->input, "SQL script (- = stdin)")->required();
  cmd->add_option("--dialect", flags->dialect, "hive, spark or postgres")
      ->check(Choices({"hive", "spark", "postgres"}))
      ->capture_default_str();
  cmd->add_option("--default-database", flags->default_database,
                  "database of unqualified tables until a USE")
      ->capture_default_str();
  cmd->add_option("--schema", flags->schema_file,
                  "JSON file {\"tables\": {\"db.table\": [\"col\", …]}} (columns in table order)");
  cmd->add_option("--var", flags->vars, "NAME=VALUE for ${NAME} / ${hivevar:NAME} (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_flag("--json", flags->json, "machine-readable JSON on stdout");
  cmd->callback([flags, exit_code] { *exit_code = RunSqlLineage(*flags); });
}

}  // namespace linea::cli
