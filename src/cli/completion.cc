#include "cli/completion.h"

namespace linea::cli {

std::optional<std::string> CompletionScript(const CLI::App& root, std::string_view shell) {
  if (shell == "bash") return BashCompletion(root);
  if (shell == "zsh") return ZshCompletion(root);
  if (shell == "fish") return FishCompletion(root);
  return std::nullopt;
}

}  // namespace linea::cli
