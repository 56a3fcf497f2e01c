// src/cli/completion.h: shell completion scripts for `linea`, generated from its CLI11 command
// tree (cli_tree.h), so a new subcommand or option completes without anyone editing a list.
// Each script completes subcommands at every level, then the options of the current subcommand;
// option values: the choices CLI11 documents, paths for path options (TakesPath), nothing for
// others (`--server URL`). Pure functions: `root` is only read.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace linea::cli {

// Bash: a `_linea` function registered with `complete -F _linea -o filenames linea`. It reads
// COMP_WORDS/COMP_CWORD and sets COMPREPLY; it needs no bash-completion package.
std::string BashCompletion(const CLI::App& root);

// Zsh: a `#compdef linea` file for $fpath (named `_linea`), built on `_arguments` with the help
// strings as descriptions; sourcing it instead registers it with `compdef`.
std::string ZshCompletion(const CLI::App& root);

// Fish: `complete -c linea …` lines with the help strings as descriptions, for
// ~/.config/fish/completions/linea.fish.
std::string FishCompletion(const CLI::App& root);

// The script for `shell` ("bash", "zsh" or "fish"); nullopt for any other shell.
std::optional<std::string> CompletionScript(const CLI::App& root, std::string_view shell);

}  // namespace linea::cli
