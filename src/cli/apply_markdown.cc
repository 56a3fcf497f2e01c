#include "cli/apply_markdown.h"

#include <string_view>

#include "cli/backend.h"

namespace linea::cli {
namespace {

// `text` with the characters Markdown would read as markup escaped, and '<' '>' as entities
// (GitHub drops unknown HTML tags such as "<name>").
std::string Escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      if (std::string_view("\\`*_[]#|").find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
  }
  return out;
}

// `text` as inline code; a backtick inside is fenced by a longer run.
std::string Code(const std::string& text) {
  const std::string fence = text.find('`') == std::string::npos ? "`" : "`` ";
  return fence + text + (fence == "`" ? "`" : " ``");
}

std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string PlanMarkdown(const api::Json& plan) {
  const bool dry_run = plan.value("dry_run", false);
  const api::Json models = plan.value("models", api::Json::array());
  size_t changed = 0;
  for (const api::Json& m : models) changed += m.value("changed", false) ? 1 : 0;
  std::string out = "### linea apply" + std::string(dry_run ? " (dry run)" : "") + ": ";
  out += std::to_string(changed) + " of " + Plural(models.size(), "model", "models") + " " +
         (dry_run ? "would change" : "changed") + "\n";
  for (const api::Json& m : models) {
    const bool model_changed = m.value("changed", false);
    const std::string verb = !model_changed ? "unchanged" : dry_run ? "would change" : "applied";
    out += "\n#### " + Code(m.value("model", "")) + " — " + verb + ", " +
           Plural(m.value("features", size_t{0}), "feature", "features") + " (" +
           Code(m.value("file", "")) + ")\n";
    const api::Json diff = m.value("diff", api::Json::array());
    if (diff.empty()) continue;
    out += "\n```diff\n";
    for (const api::Json& line : diff) out += line.get<std::string>() + "\n";
    out += "```\n";
  }
  const api::Json warnings = plan.value("warnings", api::Json::array());
  if (!warnings.empty()) {
    out += "\n**" + Plural(warnings.size(), "warning", "warnings") + "**\n\n";
    for (const api::Json& w : warnings) out += "- " + Escaped(ProblemLine(w)) + "\n";
  }
  return out;
}

std::string ProblemsMarkdown(const api::Json& error_body) {
  const api::Json error = error_body.value("error", api::Json::object());
  const api::Json details = error.value("details", api::Json::object());
  const api::Json problems =
      details.is_object() ? details.value("problems", api::Json::array()) : api::Json::array();
  std::string out = "### linea apply: nothing applied";
  if (!problems.empty()) out += " — " + Plural(problems.size(), "problem", "problems");
  out += "\n\n";
  for (const api::Json& p : problems) {
    const std::string where = p.value("file", "") + ":" + std::to_string(p.value("line", 0));
    const std::string line = ProblemLine(p);
    out += "- " + Code(where) + ": " +
           Escaped(line.substr(std::min(line.size(), where.size() + 2))) + "\n";
  }
  if (!problems.empty()) out += "\n";
  out += Escaped(error.value("message", "")) + "\n";
  return out;
}

}  // namespace linea::cli
