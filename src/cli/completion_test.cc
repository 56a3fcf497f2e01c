// Completions and the man page over the real `linea` tree (RegisterCommands): every command
// path and every option in it appears in every script and in the page, so a new subcommand
// needs no edit here or in the generators.
#include "cli/completion.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/cli_tree.h"
#include "cli/commands.h"
#include "cli/man_page.h"

namespace linea::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// `text` contains `needle`; a failure names the needle only (the scripts are long).
::testing::AssertionResult Has(const std::string& text, const std::string& needle) {
  if (text.find(needle) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "missing: " << needle;
}

std::string Joined(const std::vector<std::string>& path, const std::string& sep) {
  std::string out;
  for (const std::string& p : path) out += (out.empty() ? "" : sep) + p;
  return out;
}

std::string ZshFunctionOf(const std::vector<std::string>& path) {
  std::string name = "_linea";
  for (const std::string& p : path) name += "_" + p;
  for (char& c : name) c = c == '-' ? '_' : c;
  return name;
}

std::string RoffDashes(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '-' ? std::string("\\-") : std::string(1, c);
  return out;
}

class CompletionTest : public ::testing::Test {
 protected:
  void SetUp() override { RegisterCommands(app_, &exit_code_); }

  // Every command path, option and subcommand of the tree is in each generated text.
  void ExpectWholeTree() {
    const std::string bash = BashCompletion(app_), zsh = ZshCompletion(app_),
                      fish = FishCompletion(app_), man = ManPage(app_, "linea test");
    for (const CommandNode& node : CommandTree(app_)) {
      const std::string path = Joined(node.path, " ");
      SCOPED_TRACE("linea " + path);
      std::vector<std::string> subs, opts;
      for (const CLI::App* sub : Subcommands(*node.app)) subs.push_back(sub->get_name());
      for (const CLI::Option* o : NamedOptions(*node.app)) {
        for (const std::string& name : OptionNames(*o)) opts.push_back(name);
      }
      EXPECT_TRUE(Has(bash, "'linea" + (path.empty() ? "" : " " + path) +
                                "')\n      _linea_subs='" + Joined(subs, " ") +
                                "'\n      _linea_opts='" + Joined(opts, " ") + "'\n"));
      EXPECT_TRUE(Has(zsh, "\n" + ZshFunctionOf(node.path) + "() {\n"));
      if (!node.path.empty()) {
        EXPECT_TRUE(Has(man, ".SS \"linea " + RoffDashes(path) + "\"\n"));
        const std::vector<std::string> parent(node.path.begin(), node.path.end() - 1);
        EXPECT_TRUE(Has(fish, "-n '__linea_using " + Joined(parent, " ") + "' -a '" +
                                  node.path.back() + "' -d "));
        EXPECT_TRUE(Has(zsh, "'" + node.path.back() + ":"));
      }
      for (const CLI::Option* o : NamedOptions(*node.app)) {
        for (const std::string& name : OptionNames(*o)) {
          EXPECT_TRUE(Has(zsh, (Repeatable(*o) ? "'*" : ")") + name));
          EXPECT_TRUE(Has(man, "\\fB" + RoffDashes(name) + "\\fR"));
        }
        std::string fish_names;
        for (const std::string& n : o->get_snames()) fish_names += "-s '" + n + "' ";
        for (const std::string& n : o->get_lnames()) fish_names += "-l '" + n + "' ";
        EXPECT_TRUE(Has(fish, "complete -c linea -n '__linea_using " + path + "' " + fish_names));
      }
    }
  }

  CLI::App app_{"", "linea"};
  int exit_code_ = 0;
};

TEST_F(CompletionTest, EveryCommandAndOptionIsInEveryScriptAndTheManPage) {
  ASSERT_GE(CommandTree(app_).size(), 40u);  // the tree really is the whole CLI
  ExpectWholeTree();
}

TEST_F(CompletionTest, ANewSubcommandAppearsWithoutEditingTheGenerators) {
  CLI::App* sub = app_.add_subcommand("frobnicate", "Frobnicate the catalog");
  std::string widget, file;
  sub->add_option("--widget", widget, "which widget")->check(Choices({"knob", "lever"}));
  CLI::App* nested = sub->add_subcommand("twiddle-all", "Twiddle every knob");
  nested->add_option("-i,--input-file", file, "where knobs are listed");
  ExpectWholeTree();
  const std::string bash = BashCompletion(app_);
  EXPECT_TRUE(Has(bash, "frobnicate"));
  EXPECT_TRUE(Has(bash,
                  "'linea frobnicate --widget')\n"
                  "      COMPREPLY=($(compgen -W 'knob lever' -- \"$cur\"))"));
  EXPECT_TRUE(Has(bash,
                  "'linea frobnicate twiddle-all -i'|"
                  "'linea frobnicate twiddle-all --input-file')\n"
                  "      COMPREPLY=($(compgen -f -- \"$cur\"))"));
  EXPECT_TRUE(Has(ZshCompletion(app_), "'(--widget)--widget=[which widget]:WIDGET:(knob lever)'"));
  EXPECT_TRUE(Has(FishCompletion(app_),
                  "complete -c linea -n '__linea_using frobnicate' -l 'widget' -x -a "
                  "'knob lever' -d 'which widget'\n"));
  EXPECT_TRUE(Has(ManPage(app_, "v"), ".SS \"linea frobnicate twiddle\\-all\"\n"));
}

TEST_F(CompletionTest, KnownOptionsOfImpact) {
  const std::string bash = BashCompletion(app_);
  EXPECT_TRUE(Has(bash,
                  "    'linea impact')\n      _linea_subs=''\n      _linea_opts='-h "
                  "--help --depth --max-nodes --direct-only --wide --db --server "
                  "--token --json --secret-key-file --kinds --domain'\n"));
  EXPECT_TRUE(Has(bash, "    'linea impact --db')\n      COMPREPLY=($(compgen -f"));
  EXPECT_THAT(bash, ::testing::Not(HasSubstr("'linea impact --server')")));  // no completion
}

TEST(CliTreeTest, ChoicesNameValuesWithoutCheckingThem) {
  CLI::App app;
  std::string dialect = "hive", shell;
  CLI::Option* d = app.add_option("--dialect", dialect)->check(Choices({"hive", "spark"}));
  CLI::Option* s = app.add_option("--shell", shell)->check(CLI::IsMember({"bash", "zsh"}));
  EXPECT_THAT(OptionChoices(*d), ElementsAre("hive", "spark"));
  EXPECT_THAT(OptionChoices(*s), ElementsAre("bash", "zsh"));
  EXPECT_EQ(d->get_type_name(), "TEXT:{hive,spark}");  // as --help shows it
  app.parse("--dialect oracle", false);                // the command checks, with its message
  EXPECT_EQ(dialect, "oracle");
}

TEST(CliTreeTest, WhichOptionsTakePaths) {
  CLI::App app;
  std::string v;
  bool flag = false;
  std::vector<std::string> files;
  EXPECT_TRUE(TakesPath(*app.add_option("-f,--file", v)));
  EXPECT_TRUE(TakesPath(*app.add_option("-o,--output", v)));
  EXPECT_TRUE(TakesPath(*app.add_option("--db", v)));
  EXPECT_TRUE(TakesPath(*app.add_option("--config", v)));
  EXPECT_TRUE(TakesPath(*app.add_option("--new-key-file", v)));
  EXPECT_TRUE(TakesPath(*app.add_option("files", files)));
  EXPECT_FALSE(TakesPath(*app.add_option("--server", v)));
  EXPECT_FALSE(TakesPath(*app.add_option("fqn", v)));
  CLI::Option* json = app.add_flag("--json", flag);
  EXPECT_FALSE(TakesValue(*json));
  EXPECT_FALSE(TakesPath(*json));
  EXPECT_TRUE(Repeatable(*app.get_option("files")));
  EXPECT_FALSE(Repeatable(*app.get_option("--db")));
}

TEST(CompletionScriptTest, KnowsThreeShells) {
  CLI::App app{"", "linea"};
  EXPECT_TRUE(CompletionScript(app, "bash"));
  EXPECT_TRUE(CompletionScript(app, "zsh"));
  EXPECT_TRUE(CompletionScript(app, "fish"));
  EXPECT_FALSE(CompletionScript(app, "tcsh"));
  EXPECT_FALSE(CompletionScript(app, "Bash"));
}

TEST(RoffEscapeTest, EscapesWhatRoffWouldInterpret) {
  EXPECT_EQ(RoffEscape(".hidden\n'quote"), "\\&.hidden\n\\&'quote");
  EXPECT_EQ(RoffEscape("a\\b --db"), "a\\eb \\-\\-db");
  EXPECT_EQ(RoffEscape("x … → y"), "x \\[u2026] \\[u2192] y");
  EXPECT_EQ(RoffEscape("mid.dot 'mid"), "mid.dot 'mid");
  EXPECT_EQ(RoffEscape("\xE2"), "\\[u00E2]");  // a cut sequence stays one character
  EXPECT_THAT(RoffEscape(""), IsEmpty());
}

}  // namespace
}  // namespace linea::cli
