#include "cli/cli_tree.h"

#include <algorithm>
#include <cctype>

namespace linea::cli {
namespace {

bool TreeEndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool VisibleOption(const CLI::Option* option) { return !option->get_group().empty(); }

}  // namespace

CLI::Validator Choices(std::vector<std::string> values) {
  std::string description = "{";
  for (size_t i = 0; i < values.size(); ++i) description += (i ? "," : "") + values[i];
  description += "}";
  CLI::Validator validator([](std::string&) { return std::string(); }, description, "choices");
  return validator;
}

std::vector<std::string> OptionChoices(const CLI::Option& option) {
  const std::string type = option.get_type_name();
  const size_t open = type.find('{');
  const size_t close = type.find('}', open);
  std::vector<std::string> values;
  if (open == std::string::npos || close == std::string::npos) return values;
  std::string current;
  for (size_t i = open + 1; i <= close; ++i) {
    if (type[i] == ',' || i == close) {
      if (!current.empty()) values.push_back(current);
      current.clear();
    } else if (!std::isspace(static_cast<unsigned char>(type[i]))) {
      current += type[i];
    }
  }
  return values;
}

bool TakesValue(const CLI::Option& option) { return option.get_expected_max() > 0; }

bool TakesPath(const CLI::Option& option) {
  if (!TakesValue(option)) return false;
  if (option.get_positional() && option.get_lnames().empty() && option.get_snames().empty()) {
    const std::string& name = option.get_name(true);
    return name == "file" || name == "files" || name == "path";
  }
  for (const std::string& s : option.get_snames()) {
    if (s == "f" || s == "o") return true;
  }
  static const char* const kPathNames[] = {"file",   "output",     "db",      "config",
                                           "schema", "connectors", "data-dir"};
  for (const std::string& l : option.get_lnames()) {
    if (std::find(std::begin(kPathNames), std::end(kPathNames), l) != std::end(kPathNames)) {
      return true;
    }
    if (TreeEndsWith(l, "-file") || TreeEndsWith(l, "-dir")) return true;
  }
  return false;
}

bool Repeatable(const CLI::Option& option) {
  return option.get_expected_max() > 1 ||
         option.get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll;
}

std::vector<const CLI::App*> Subcommands(const CLI::App& app) {
  return app.get_subcommands(
      [](const CLI::App* sub) { return !sub->get_name().empty() && !sub->get_group().empty(); });
}

std::vector<const CLI::Option*> NamedOptions(const CLI::App& app) {
  return app.get_options(
      [](const CLI::Option* o) { return VisibleOption(o) && o->nonpositional(); });
}

std::vector<const CLI::Option*> Positionals(const CLI::App& app) {
  return app.get_options(
      [](const CLI::Option* o) { return VisibleOption(o) && !o->nonpositional(); });
}

std::vector<std::string> OptionNames(const CLI::Option& option) {
  std::vector<std::string> names;
  for (const std::string& s : option.get_snames()) names.push_back("-" + s);
  for (const std::string& l : option.get_lnames()) names.push_back("--" + l);
  return names;
}

std::vector<CommandNode> CommandTree(const CLI::App& root) {
  std::vector<CommandNode> nodes = {{&root, {}}};
  for (size_t i = 0; i < nodes.size(); ++i) {
    std::vector<CommandNode> children;
    for (const CLI::App* sub : Subcommands(*nodes[i].app)) {
      std::vector<std::string> path = nodes[i].path;
      path.push_back(sub->get_name());
      children.push_back({sub, std::move(path)});
    }
    nodes.insert(nodes.begin() + static_cast<long>(i) + 1, children.begin(), children.end());
  }
  return nodes;
}

std::string ValueName(const CLI::Option& option) {
  std::string name = option.nonpositional()
                         ? (option.get_lnames().empty() ? "VALUE" : option.get_lnames().front())
                         : option.get_name(true);
  if (option.nonpositional() && TakesPath(option)) name = "file";
  std::string upper;
  for (char c : name) upper += c == '-' ? '_' : static_cast<char>(std::toupper(c));
  return upper;
}

}  // namespace linea::cli
