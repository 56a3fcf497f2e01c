// `linea completion bash|zsh|fish` and `linea man`: shell completions and the man page, both
// generated from the command tree they are registered in (completion.h, man_page.h).
#include "cli/cli_context.h"
#include "cli/cli_tree.h"
#include "cli/commands.h"
#include "cli/completion.h"
#include "cli/man_page.h"

namespace linea::cli {
namespace {

// Prints the script for `shell`; an unknown shell is one `linea:` line and kExitInvalid.
int RunCompletion(const CLI::App& root, const std::string& shell) {
  std::optional<std::string> script = CompletionScript(root, shell);
  if (!script) {
    std::cerr << "linea: unknown shell \"" << shell << "\" (expected bash, zsh or fish)\n";
    return kExitInvalid;
  }
  std::cout << *script;
  return kExitOk;
}

}  // namespace

void RegisterCompletion(CLI::App& app, int* exit_code) {
  auto shell = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "completion", "Print a shell completion script (bash, zsh or fish) to stdout");
  cmd->add_option("shell", *shell, "bash, zsh or fish")
      ->required()
      ->check(Choices({"bash", "zsh", "fish"}));
  cmd->footer(
      "  linea completion bash > ~/.local/share/bash-completion/completions/linea\n"
      "  linea completion zsh > \"${fpath[1]}/_linea\"\n"
      "  linea completion fish > ~/.config/fish/completions/linea.fish");
  const CLI::App* root = &app;
  cmd->callback([root, shell, exit_code] { *exit_code = RunCompletion(*root, *shell); });
}

void RegisterMan(CLI::App& app, int* exit_code) {
  CLI::App* cmd = app.add_subcommand("man", "Print the linea(1) man page (roff) to stdout");
  cmd->footer("  linea man > linea.1 && man ./linea.1");
  const CLI::App* root = &app;
  cmd->callback([root, exit_code] {
    std::cout << ManPage(*root, "linea " LINEA_VERSION);
    *exit_code = kExitOk;
  });
}

}  // namespace linea::cli
