// src/cli/cli_tree.h: reading the `linea` command tree (CLI::App) for generators that describe it
// — shell completions (completion.h) and the man page (man_page.h) — so that what they list is
// always what the parser accepts. Hidden options and subcommands (CLI11's empty group) are left
// out everywhere.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace linea::cli {

// A validator that names the values an option takes — for --help (`TEXT:{hive,spark,postgres}`,
// as CLI::IsMember shows them), completions and the man page — and accepts anything: the
// command keeps checking the value with its own message. Use it where a command validates an
// enum itself; use CLI::IsMember where CLI11 may reject the value.
CLI::Validator Choices(std::vector<std::string> values);

// The values CLI11 documents for `option` (a Choices or IsMember validator: `{a,b,c}` in its
// type name), in their order; empty when it documents none.
std::vector<std::string> OptionChoices(const CLI::Option& option);

// True when `option` takes a value (`--depth 3`); false for a flag (`--json`).
bool TakesValue(const CLI::Option& option);

// True when the value of `option` is a file or directory path, so completions offer paths:
// options named -f/--file, -o/--output, --db, --config, --schema, --connectors, --data-dir or
// --*-file / --*-dir, and positionals named file/files/path. `--server` (a URL) is not.
bool TakesPath(const CLI::Option& option);

// True when `option` may be given more than once (`--contact A --contact B`, `files…`).
bool Repeatable(const CLI::Option& option);

// The visible subcommands of `app`, in registration order.
std::vector<const CLI::App*> Subcommands(const CLI::App& app);

// The visible named options of `app` (help and version flags included), in order.
std::vector<const CLI::Option*> NamedOptions(const CLI::App& app);

// The positionals of `app`, in order.
std::vector<const CLI::Option*> Positionals(const CLI::App& app);

// Every name of `option`: "-f", "--file" (short names first); empty for a positional.
std::vector<std::string> OptionNames(const CLI::Option& option);

// `app` and every visible subcommand below it, depth first, each with its path of names
// below the root: {} for the root, {"ingest", "sql-log"} for `linea ingest sql-log`.
struct CommandNode {
  const CLI::App* app;
  std::vector<std::string> path;
};
std::vector<CommandNode> CommandTree(const CLI::App& root);

// The placeholder of a value: "DIALECT" for `--dialect`, "FILE" for a path option, the
// positional's name upper-cased ("FQN").
std::string ValueName(const CLI::Option& option);

}  // namespace linea::cli
