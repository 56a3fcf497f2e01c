#include "cli/man_page.h"

#include <cstdio>
#include <sstream>

#include "cli/cli_tree.h"

namespace linea::cli {
namespace {

// The code point of the UTF-8 sequence at text[*i], advancing *i past it (a stray byte is
// taken as itself).
unsigned NextCodePoint(std::string_view text, size_t* i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned c = byte(*i);
  const int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  if (*i + extra >= text.size()) return byte((*i)++);  // cut short: the byte itself
  unsigned code = extra ? c & (0x3F >> extra) : c;
  for (int k = 1; k <= extra; ++k) code = (code << 6) | (byte(*i + k) & 0x3F);
  *i += 1 + extra;
  return code;
}

struct ManEnv {
  const char* name;
  const char* meaning;
};

// The environment the CLI reads (src/cli/backend.cc, cli_context.cc, query_commands.cc;
// src/secrets/key_source.cc).
constexpr ManEnv kManEnvironment[] = {
    {"LINEA_URL", "The server catalog commands ask when neither --server nor --db is given."},
    {"LINEA_TOKEN", "The API token sent to the server when --token is not given."},
    {"LINEA_BUSY_TIMEOUT_MS",
     "How long a write waits for another process's lock on the catalog file, in milliseconds "
     "(default 5000)."},
    {"LINEA_SECRET_KEY",
     "The key (base64 of 32 bytes) sealing contact secrets in the catalog file when "
     "--secret-key-file is not given."},
    {"COLUMNS", "The width impact and upstream fit their text to (else the terminal's)."},
};

std::string CommandLine(const std::vector<std::string>& path) {
  std::string out = "linea";
  for (const std::string& p : path) out += " " + p;
  return out;
}

// "One of: a, b. Default: 3. Repeatable. Required." — what the tree knows beyond the help;
// "" when nothing.
std::string OptionFacts(const CLI::Option& option) {
  std::string facts;
  const std::vector<std::string> choices = OptionChoices(option);
  if (!choices.empty()) {
    facts += " One of:";
    for (size_t i = 0; i < choices.size(); ++i) facts += (i ? ", " : " ") + choices[i];
    facts += ".";
  }
  if (TakesValue(option) && !option.get_default_str().empty()) {
    facts += " Default: " + option.get_default_str() + ".";
  }
  if (Repeatable(option)) facts += " Repeatable.";
  if (option.get_required()) facts += " Required.";
  return facts;
}

void WriteManOption(const CLI::Option& option, std::ostream& out) {
  out << ".TP\n";
  std::string names;
  for (const std::string& name : OptionNames(option)) {
    names += (names.empty() ? "" : ", ") + std::string("\\fB") + RoffEscape(name) + "\\fR";
  }
  if (!option.nonpositional()) names = "\\fI" + RoffEscape(ValueName(option)) + "\\fR";
  if (option.nonpositional() && TakesValue(option)) {
    names += " \\fI" + RoffEscape(ValueName(option)) + "\\fR";
  }
  out << names << "\n" << RoffEscape(option.get_description()) << "\n";
  const std::string facts = OptionFacts(option);
  if (!facts.empty())
    out << (option.get_description().empty() ? "" : ".br\n") << RoffEscape(facts.substr(1)) << "\n";
}

void WriteManCommand(const CommandNode& node, std::ostream& out) {
  const CLI::App& app = *node.app;
  const std::vector<const CLI::App*> subs = Subcommands(app);
  out << ".SS \"" << RoffEscape(CommandLine(node.path)) << "\"\n";
  out << ".B " << RoffEscape(CommandLine(node.path)) << "\n";
  if (!subs.empty()) out << ".I command\n";
  for (const CLI::Option* p : Positionals(app)) {
    out << ".I " << RoffEscape(ValueName(*p)) << (Repeatable(*p) ? "\\&..." : "") << "\n";
  }
  out << "[\\fIoptions\\fR]\n.PP\n" << RoffEscape(app.get_description()) << "\n";
  if (!subs.empty()) {
    std::string names;
    for (const CLI::App* sub : subs) names += (names.empty() ? "" : ", ") + sub->get_name();
    out << ".PP\nCommands: " << RoffEscape(names) << ".\n";
  }
  for (const CLI::Option* p : Positionals(app)) WriteManOption(*p, out);
  for (const CLI::Option* o : NamedOptions(app)) WriteManOption(*o, out);
}

constexpr const char* kManExitStatus = R"(.SH "EXIT STATUS"
.TP
.B 0
Success.
.TP
.B 1
A store or runtime failure: a corrupt, locked, read\-only or newer\-schema catalog file, an
unreachable server.
.TP
.B 2
Invalid input: bad flags, malformed files, unknown names.
.PP
Errors are one line on standard error starting with \(lq\fBlinea:\fR\(rq; unknown names come with
"did you mean" candidates.
)";

constexpr const char* kManSeeAlso = R"(.SH "SEE ALSO"
.BR bash (1),
.BR zsh (1),
.BR fish (1)
.PP
\fBlinea completion bash\fR|\fBzsh\fR|\fBfish\fR prints shell completions.
The documentation in the source tree: docs/cli.md (every command), docs/server.md,
docs/api.md, docs/catalog.md, docs/manifest.md, docs/security.md.
)";

}  // namespace

std::string RoffEscape(std::string_view text) {
  std::string out;
  bool line_start = true;
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    line_start = c == '\n';
    if (static_cast<unsigned char>(c) >= 0x80) {
      char code[16];
      std::snprintf(code, sizeof(code), "\\[u%04X]", NextCodePoint(text, &i));
      out += code;
      continue;
    }
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
    ++i;
  }
  return out;
}

std::string ManPage(const CLI::App& root, std::string_view version) {
  std::string summary = root.get_description().substr(0, root.get_description().find('\n'));
  if (summary.rfind("linea: ", 0) == 0) summary = summary.substr(7);
  if (!summary.empty() && summary.back() == '.') summary.pop_back();
  std::ostringstream out;
  out << ".\\\" linea(1), generated by `linea man` from the command definitions.\n"
      << ".TH LINEA 1 \"\" \"" << RoffEscape(version) << "\" \"User Commands\"\n"
      << ".SH NAME\nlinea \\- " << RoffEscape(summary) << "\n"
      << ".SH SYNOPSIS\n.B linea\n.I command\n[\\fIsubcommand\\fR] [\\fIoptions\\fR] "
         "[\\fIarguments\\fR]\n"
      << ".SH DESCRIPTION\n"
      << RoffEscape(root.get_description()) << "\n.PP\n"
      << "Commands that read or write the catalog take \\fB\\-\\-db\\fR \\fIFILE\\fR (a SQLite "
         "file) or \\fB\\-\\-server\\fR \\fIURL\\fR (a running \\fBlinea serve\\fR); "
         "\\fB\\-\\-json\\fR prints the API's JSON. Every command has \\fB\\-\\-help\\fR.\n"
      << ".SH OPTIONS\n";
  for (const CLI::Option* o : NamedOptions(root)) WriteManOption(*o, out);
  out << ".SH COMMANDS\n";
  const std::vector<CommandNode> tree = CommandTree(root);
  for (size_t i = 1; i < tree.size(); ++i) WriteManCommand(tree[i], out);
  out << kManExitStatus << ".SH ENVIRONMENT\n";
  for (const ManEnv& env : kManEnvironment) {
    out << ".TP\n.B " << RoffEscape(env.name) << "\n" << RoffEscape(env.meaning) << "\n";
  }
  out << kManSeeAlso;
  return out.str();
}

}  // namespace linea::cli
