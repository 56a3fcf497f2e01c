// src/sql/lineage.cc: AnalyzeScript — lexes statement by statement, parses, resolves, and keeps
// the script state (USE database, SET variables, tables created earlier in the script).
#include "sql/lineage.h"

#include <exception>
#include <string>

#include "sql/lexer.h"
#include "sql/parser.h"
#include "sql/resolver.h"

namespace linea::sql {
namespace {

constexpr size_t kMaxRetainedTokens = 1 << 14;  // ~400 KB of tokens kept per thread at most
// A SET value may not grow past this through ${...} (SET a=${a}${a} doubles it each time).
constexpr size_t kMaxVariableValue = 64 * 1024;

std::string LowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string KindName(StatementKind kind) {
  switch (kind) {
    case StatementKind::kSelect:
      return "select";
    case StatementKind::kInsert:
      return "insert";
    case StatementKind::kCreateTableAs:
      return "create_table_as";
    case StatementKind::kCreateView:
      return "create_view";
    case StatementKind::kCreateTable:
      return "create_table";
    case StatementKind::kMerge:
      return "merge";
    case StatementKind::kUpdate:
      return "update";
    case StatementKind::kDelete:
      return "delete";
    case StatementKind::kUse:
      return "use";
    case StatementKind::kSet:
      return "set";
    case StatementKind::kDrop:
      return "drop";
    case StatementKind::kAlter:
      return "alter";
    case StatementKind::kOther:
      return "other";
  }
  return "other";
}

// The kind a statement that failed to parse was probably meant to be, from its first word.
std::string GuessKind(const Token& first) {
  switch (first.kw) {
    case Kw::kSelect:
    case Kw::kWith:
    case Kw::kValues:
      return "select";
    case Kw::kInsert:
    case Kw::kFrom:
      return "insert";
    case Kw::kMerge:
      return "merge";
    case Kw::kUpdate:
      return "update";
    case Kw::kDelete:
      return "delete";
    case Kw::kUse:
      return "use";
    case Kw::kSet:
      return "set";
    case Kw::kDrop:
      return "drop";
    case Kw::kAlter:
      return "alter";
    default:
      return "other";
  }
}

// State carried from one statement of a script to the next.
struct ScriptState {
  std::string database;
  VariableMap variables;
  size_t set_substituted_bytes = 0;  // what SET values took from ${...}, bounded per script
  TableColumns local_tables;
  TempObjects temp_objects;
};

// First schema of a PostgreSQL search_path value ("a, public" -> "a").
std::string FirstSchema(std::string_view value) {
  std::string first(value.substr(0, value.find(',')));
  std::string out;
  for (char c : first) {
    if (c != '"' && c != '\'' && c != ' ' && c != '\t') out.push_back(c);
  }
  return LowerCopy(out);
}

// SET search_path (PostgreSQL) or SET [hivevar:]k=v, which defines ${k}.
void ApplySet(const Statement& s, Dialect dialect, ScriptState* state,
              std::vector<std::string>* warnings) {
  if (s.set_key.empty() || !s.set_assigns) return;
  if (dialect == Dialect::kPostgres && LowerCopy(s.set_key) == "search_path") {
    std::string schema = FirstSchema(s.set_value);
    if (!schema.empty()) state->database = schema;
    return;
  }
  const bool substitutes = s.set_value.find("${") != std::string::npos;
  const size_t script_left = kMaxSubstitutedScriptBytes -
                             std::min(state->set_substituted_bytes, kMaxSubstitutedScriptBytes);
  bool too_large = false;
  std::string value = SubstituteVariables(
      s.set_value, state->variables,
      substitutes ? std::min(kMaxVariableValue, script_left) : kMaxVariableValue, &too_large);
  if (too_large) {
    warnings->push_back(substitutes && script_left < kMaxVariableValue
                            ? "SET values of this script took more than 16 MiB from ${...}: " +
                                  s.set_key + " not set"
                            : "value of " + s.set_key + " longer than " +
                                  std::to_string(kMaxVariableValue) + " bytes: not set");
    return;
  }
  if (substitutes) state->set_substituted_bytes += value.size();
  state->variables[s.set_key] = std::move(value);
}

// Applies `s` to the script state; a problem doing so becomes a warning of the statement.
void UpdateState(const Statement& s, const ResolvedStatement& r, Dialect dialect,
                 ScriptState* state, std::vector<std::string>* warnings) {
  switch (s.kind) {
    case StatementKind::kUse:
      state->database = s.target.back();
      return;
    case StatementKind::kSet:
      ApplySet(s, dialect, state, warnings);
      return;
    case StatementKind::kDrop:
      for (const Name& name : s.drop_names) {
        state->local_tables.erase(QualifyTable(name, state->database));
        state->temp_objects.erase(QualifyTable(name, state->database));
      }
      return;
    case StatementKind::kAlter: {
      if (s.rename_to.empty()) return;
      auto temp = state->temp_objects.find(QualifyTable(s.target, state->database));
      if (temp != state->temp_objects.end()) {
        TempObject moved = std::move(temp->second);
        state->temp_objects.erase(temp);
        state->temp_objects[QualifyTable(s.rename_to, state->database)] = std::move(moved);
        return;
      }
      auto it = state->local_tables.find(QualifyTable(s.target, state->database));
      if (it == state->local_tables.end()) return;
      std::vector<std::string> columns = std::move(it->second);
      state->local_tables.erase(it);
      state->local_tables[QualifyTable(s.rename_to, state->database)] = std::move(columns);
      return;
    }
    default:
      break;
  }
  if (r.created_columns) {
    state->local_tables[QualifyTable(s.target, state->database)] = *r.created_columns;
  }
  for (auto& [name, temp] : r.temp_objects) state->temp_objects[name] = std::move(temp);
}

SqlError MakeError(const LineIndex& lines, uint32_t offset, std::string message) {
  return SqlError{lines.Line(offset), lines.Column(offset), std::move(message)};
}

// Parses and resolves one lexed statement into *out.
void AnalyzeStatement(std::string_view script, const LexedStatement& lexed,
                      const AnalyzeOptions& options, const LineIndex& lines, ScriptState* state,
                      StatementLineage* out) {
  ParseOptions parse_options;
  parse_options.dialect = options.dialect;
  parse_options.max_depth = options.max_depth > 0 ? options.max_depth : 1;
  Result<std::unique_ptr<Statement>> parsed = ParseStatement(script, lexed.tokens, parse_options);
  if (!parsed.ok()) {
    out->kind = GuessKind(lexed.tokens.front());
    out->error = MakeError(lines, static_cast<uint32_t>(parsed.status().offset().value_or(0)),
                           parsed.status().message());
    return;
  }
  const Statement& s = **parsed;
  out->kind = KindName(s.kind);
  ResolveContext context;
  context.dialect = options.dialect;
  context.default_database = state->database;
  context.schema = options.schema;
  context.local_tables = &state->local_tables;
  context.temp_objects = &state->temp_objects;
  ResolvedStatement r = Resolve(s, context);
  UpdateState(s, r, options.dialect, state, &r.warnings);
  out->sources = std::move(r.sources);
  out->targets = std::move(r.targets);
  out->columns = std::move(r.columns);
  out->indirect = std::move(r.indirect);
  out->warnings = std::move(r.warnings);
}

}  // namespace

std::optional<Dialect> ParseDialect(std::string_view name) {
  std::string lower = LowerCopy(name);
  if (lower == "hive" || lower == "hiveql") return Dialect::kHive;
  if (lower == "spark" || lower == "sparksql" || lower == "spark-sql") return Dialect::kSpark;
  if (lower == "postgres" || lower == "postgresql" || lower == "greenplum") {
    return Dialect::kPostgres;
  }
  return std::nullopt;
}

std::string_view DialectName(Dialect dialect) {
  switch (dialect) {
    case Dialect::kHive:
      return "hive";
    case Dialect::kSpark:
      return "spark";
    case Dialect::kPostgres:
      return "postgres";
  }
  return "hive";
}

std::vector<StatementLineage> AnalyzeScript(std::string_view script,
                                            const AnalyzeOptions& options) {
  std::vector<StatementLineage> result;
  LineIndex lines(script);
  Lexer lexer(script, options.dialect);
  ScriptState state;
  state.database = options.default_database.empty() ? "default" : options.default_database;
  state.variables = options.variables;
  if (options.session) state.temp_objects = *options.session;
  // Reused across calls on this thread: a fresh token buffer per call costs more than parsing
  // a short statement. Not state in the API sense: it is cleared before every statement.
  thread_local LexedStatement lexed;
  while (lexer.Next(state.variables, &lexed)) {
    StatementLineage st;
    st.index = result.size();
    st.line = lines.Line(lexed.begin);
    if (lexed.end > lexed.begin) {
      st.text = std::string(script.substr(lexed.begin, lexed.end - lexed.begin));
    }
    try {
      AnalyzeStatement(script, lexed, options, lines, &state, &st);
    } catch (const std::exception& e) {  // a bug, never user error: keep the script going
      StatementLineage failed;
      failed.index = st.index;
      failed.line = st.line;
      failed.kind = "other";
      failed.text = std::move(st.text);
      failed.error = MakeError(lines, lexed.begin, std::string("internal error: ") + e.what());
      st = std::move(failed);
    }
    result.push_back(std::move(st));
  }
  if (lexed.tokens.capacity() > kMaxRetainedTokens) lexed.tokens = std::vector<Token>();
  if (options.session) *options.session = std::move(state.temp_objects);
  return result;
}

}  // namespace linea::sql
