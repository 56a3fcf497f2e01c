// End-to-end: `linea completion bash|zsh|fish` and `linea man` from the real binary. The bash
// script is sourced by a real bash that completes typed words; zsh and fish scripts are
// syntax-checked, and the man page rendered by groff, when those programs are installed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <sstream>

#include "tests/testing/cli_runner.h"

namespace linea {
namespace {

using testing::CliResult;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::RunLinea;
using ::testing::UnorderedElementsAre;

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs `command` with /bin/sh; returns its exit code and stdout+stderr.
CliResult Sh(const std::string& command) {
  CliResult r;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) r.out.append(buf, n);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

bool Installed(const std::string& program) {
  return Sh("command -v " + program + " >/dev/null").exit_code == 0;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The top-level commands as `linea --help` lists them (CLI11's own listing of the tree).
std::vector<std::string> HelpCommands() {
  std::vector<std::string> names;
  bool in_section = false;
  for (const std::string& line : Lines(RunLinea({"--help"}).out)) {
    if (line.rfind("Subcommands:", 0) == 0) {
      in_section = true;
    } else if (in_section && line.size() > 2 && line[0] == ' ') {
      names.push_back(line.substr(2, line.find(' ', 2) - 2));
    } else if (in_section && !line.empty()) {
      in_section = false;
    }
  }
  return names;
}

class CompletionE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshTestDir();
    CliResult r = RunLinea({"completion", "bash"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.err, IsEmpty());
    bash_ = r.out;
    testing::WriteFile(dir_ + "/linea.bash", bash_);
  }

  // COMPREPLY after sourcing the script in a clean bash and completing `words` (the last one
  // is the word under the cursor), as bash does on TAB.
  std::vector<std::string> Complete(const std::vector<std::string>& words) {
    std::string command =
        "cd " + ShellQuote(dir_) +
        " && bash --norc --noprofile -c 'source ./linea.bash; COMP_WORDS=(\"$@\"); "
        "COMP_CWORD=$(($# - 1)); _linea; printf \"%s\\n\" \"${COMPREPLY[@]}\"' _";
    for (const std::string& w : words) command += " " + ShellQuote(w);
    CliResult r = Sh(command);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    std::vector<std::string> lines = Lines(r.out);
    if (lines.size() == 1 && lines[0].empty()) lines.clear();  // printf of an empty array
    return lines;
  }

  std::string dir_, bash_;
};

TEST_F(CompletionE2eTest, BashScriptNamesEveryCommandAndImpactsOptions) {
  const std::vector<std::string> commands = HelpCommands();
  ASSERT_GE(commands.size(), 20u);
  for (const char* name : {"impact", "upstream", "ingest", "completion", "man"}) {
    EXPECT_THAT(commands, ::testing::Contains(name));
  }
  std::string root_subs;
  for (const std::string& name : commands) root_subs += (root_subs.empty() ? "" : " ") + name;
  EXPECT_THAT(bash_, HasSubstr("    'linea')\n      _linea_subs='" + root_subs + "'\n"));
  EXPECT_THAT(bash_, HasSubstr("    'linea impact')\n      _linea_subs=''\n      _linea_opts='-h "
                               "--help --depth --max-nodes --direct-only --wide --db --server "
                               "--token --json --secret-key-file --kinds --domain'\n"));
  EXPECT_THAT(bash_, HasSubstr("complete -F _linea -o filenames linea\n"));
}

TEST_F(CompletionE2eTest, RealBashCompletesCommandsOptionsAndValues) {
  testing::WriteFile(dir_ + "/catalog.db", "");
  EXPECT_THAT(Complete({"linea", "imp"}), ElementsAre("import", "impact"));
  EXPECT_THAT(Complete({"linea", "impa"}), ElementsAre("impact"));
  EXPECT_THAT(Complete({"linea", "impact", "--de"}), ElementsAre("--depth"));
  EXPECT_THAT(Complete({"linea", "impact", "--d"}),
              ElementsAre("--depth", "--direct-only", "--db", "--domain"));
  EXPECT_THAT(Complete({"linea", "impact", "--db", "cat"}), ElementsAre("catalog.db"));
  EXPECT_THAT(Complete({"linea", "impact", "--server", ""}), IsEmpty());  // a URL
  EXPECT_THAT(Complete({"linea", "team", "s"}), ElementsAre("show", "set"));
  EXPECT_THAT(Complete({"linea", "team", "show", "--j"}), ElementsAre("--json"));
  EXPECT_THAT(Complete({"linea", "ingest", "sql-log", "q.log", "--dialect", ""}),
              ElementsAre("hive", "spark", "postgres"));
  EXPECT_THAT(Complete({"linea", "sql-lineage", "--dialect", "s"}), ElementsAre("spark"));
  EXPECT_THAT(Complete({"linea", "apply", "-f", "ca"}), ElementsAre("catalog.db"));
  EXPECT_THAT(Complete({"linea", "completion", ""}), ElementsAre("bash", "zsh", "fish"));
  // A value that is also a command name stays a value: `show` is --description's text here.
  EXPECT_THAT(Complete({"linea", "team", "set", "--description", "show", "--j"}),
              ElementsAre("--json"));
}

TEST_F(CompletionE2eTest, ZshScriptParses) {
  if (!Installed("zsh")) GTEST_SKIP() << "zsh is not installed: zsh -n not run";
  CliResult script = RunLinea({"completion", "zsh"});
  ASSERT_EQ(script.exit_code, 0);
  EXPECT_THAT(script.out, ::testing::StartsWith("#compdef linea\n"));
  testing::WriteFile(dir_ + "/_linea", script.out);
  CliResult r = Sh("zsh -n " + ShellQuote(dir_ + "/_linea"));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_THAT(r.out, IsEmpty());
}

TEST_F(CompletionE2eTest, FishScriptParses) {
  if (!Installed("fish")) GTEST_SKIP() << "fish is not installed: fish -n not run";
  CliResult script = RunLinea({"completion", "fish"});
  ASSERT_EQ(script.exit_code, 0);
  EXPECT_THAT(script.out,
              HasSubstr("complete -c linea -n '__linea_using impact' -l 'depth' -x -d "));
  testing::WriteFile(dir_ + "/linea.fish", script.out);
  CliResult r = Sh("fish --no-config -n " + ShellQuote(dir_ + "/linea.fish"));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_THAT(r.out, IsEmpty());
}

TEST_F(CompletionE2eTest, UnknownShellIsExit2WithOneLine) {
  CliResult r = RunLinea({"completion", "tcsh"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "linea: unknown shell \"tcsh\" (expected bash, zsh or fish)\n");
  EXPECT_THAT(r.out, IsEmpty());
}

TEST_F(CompletionE2eTest, ManPageListsEveryCommandAndRendersCleanly) {
  CliResult r = RunLinea({"man"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string& man = r.out;
  EXPECT_THAT(man, HasSubstr("\n.TH LINEA 1 "));
  const size_t commands = man.find("\n.SH COMMANDS\n");
  ASSERT_NE(commands, std::string::npos);
  for (const std::string& name : HelpCommands()) {
    std::string roff;
    for (char c : name) roff += c == '-' ? std::string("\\-") : std::string(1, c);
    EXPECT_NE(man.find(".SS \"linea " + roff + "\"\n", commands), std::string::npos) << name;
  }
  EXPECT_THAT(man, HasSubstr(".SS \"linea impact\"\n"));
  EXPECT_THAT(man, HasSubstr("\\fB\\-\\-depth\\fR \\fIDEPTH\\fR\n"));
  EXPECT_THAT(man, HasSubstr(".SS \"linea ingest sql\\-log\"\n"));  // nested
  for (const char* section : {".SH NAME\n", ".SH SYNOPSIS\n", ".SH DESCRIPTION\n",
                              ".SH \"EXIT STATUS\"\n", ".SH ENVIRONMENT\n", ".SH \"SEE ALSO\"\n"}) {
    EXPECT_THAT(man, HasSubstr(section));
  }
  for (const char* env :
       {"LINEA_URL", "LINEA_TOKEN", "LINEA_BUSY_TIMEOUT_MS", "LINEA_SECRET_KEY"}) {
    EXPECT_THAT(man, HasSubstr(".B " + std::string(env) + "\n"));
  }
  for (const std::string& line : Lines(man)) {
    if (line.find("[u") != std::string::npos) continue;
    for (unsigned char c : line) ASSERT_LT(c, 0x80) << line;  // non-ASCII goes as \[uXXXX]
  }
  if (!Installed("groff")) GTEST_SKIP() << "groff is not installed: the page was not rendered";
  testing::WriteFile(dir_ + "/linea.1", man);
  CliResult rendered = Sh("groff -man -Tutf8 -ww -z " + ShellQuote(dir_ + "/linea.1"));
  EXPECT_EQ(rendered.exit_code, 0);
  EXPECT_THAT(rendered.out, IsEmpty());  // no warnings
}

}  // namespace
}  // namespace linea
