// src/cli/man_page.h: the linea(1) man page, generated from the CLI11 command tree (cli_tree.h)
// so every subcommand, option and help string in it is the one the parser uses.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>

namespace linea::cli {

// A roff (man macros) page, section 1: NAME, SYNOPSIS, DESCRIPTION, OPTIONS, COMMANDS (every
// command path depth first, with its usage, help, options and positionals), EXIT STATUS,
// ENVIRONMENT, SEE ALSO. `version` goes in the page's footer. `root` is only read.
std::string ManPage(const CLI::App& root, std::string_view version);

// `text` safe as roff input: `\` is `\e`, `-` is `\-` (an ASCII minus, so `--db` copies
// right), characters beyond ASCII are `\[uXXXX]`, and a line starting with `.` or `'` starts
// with `\&`.
std::string RoffEscape(std::string_view text);

}  // namespace linea::cli
