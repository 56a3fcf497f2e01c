#include "notify/internal/compose.h"

#include <cstdint>

#include "common/strings.h"

namespace linea::notify::internal {
namespace {

std::string Identity(std::string_view text) { return std::string(text); }

std::string SlackEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
  return out;
}

std::string MarkdownEscape(std::string_view text) {
  constexpr std::string_view kSpecial = "\\`*_[]<>#|~";
  std::string out;
  for (char c : text) {
    if (kSpecial.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// Markdown code spans take no escapes; a backtick would end the span, so it becomes a quote.
std::string MarkdownCodeEscape(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '`') c = '\'';
  }
  return out;
}

std::string PlainLink(std::string_view url, std::string_view label) {
  return std::string(label) + ": " + std::string(url);
}
std::string SlackLink(std::string_view url, std::string_view label) {
  return "<" + SlackEscape(url) + "|" + SlackEscape(label) + ">";
}
std::string MarkdownLink(std::string_view url, std::string_view label) {
  return "[" + MarkdownEscape(label) + "](" + std::string(url) + ")";
}

class Composer {
 public:
  Composer(const Markup& markup, const ComposeLimits& limits) : m_(markup), limits_(limits) {}

  // Plain user text, escaped.
  std::string Text(std::string_view text) const { return m_.escape(text); }
  // An FQN or name in a code span.
  std::string Code(std::string_view name) const {
    return std::string(m_.code) + m_.escape_code(name) + std::string(m_.code);
  }
  // Names in code spans, comma-separated, capped at max_names.
  std::string Names(const std::vector<std::string>& names) const {
    std::string out;
    for (size_t i = 0; i < names.size() && i < limits_.max_names; ++i) {
      out += (i ? ", " : "") + Code(names[i]);
    }
    if (names.size() > limits_.max_names) {
      out += " (+" + std::to_string(names.size() - limits_.max_names) + " more)";
    }
    return out;
  }

  std::vector<std::string> Headline(const Notification& n) const {
    std::string asset = Code(n.incident.asset);
    std::string text;
    switch (n.type) {
      case EventType::kOpened:
        text = "Incident opened: " + asset + Text(" is broken");
        break;
      case EventType::kAcknowledged:
        text = "Incident acknowledged: " + asset;
        break;
      case EventType::kResolved:
        text = "Incident resolved: " + asset;
        break;
      case EventType::kReminder:
        text = "Reminder: incident on " + asset + Text(" is still " + n.incident.state);
        break;
    }
    std::string details = "severity " + n.incident.severity + ", state " + n.incident.state +
                          ", incident " + n.incident.id;
    if (!n.incident.title.empty()) details = n.incident.title + " (" + details + ")";
    return {std::string(m_.bold) + text + std::string(m_.bold), Text(details)};
  }

  std::vector<std::string> Models(const Notification& n) const {
    size_t count = n.models.size();
    std::string heading =
        "Team " + n.team + ": " +
        (count == 0 ? "no affected models"
                    : std::to_string(count) + " affected model" + (count == 1 ? "" : "s"));
    std::vector<std::string> lines = {Text(heading)};
    for (size_t i = 0; i < count && i < limits_.max_models; ++i) {
      const AffectedModel& model = n.models[i];
      lines.push_back(std::string(m_.bullet) + Code(model.fqn));
      if (!model.features.empty()) lines.push_back("  features: " + Names(model.features));
      if (!model.path.empty()) lines.push_back("  path: " + Code(Join(model.path, " → ")));
    }
    if (count > limits_.max_models) {
      lines.push_back(Text("…and " + std::to_string(count - limits_.max_models) +
                           " more affected models (see the link)"));
    }
    return lines;
  }

  std::vector<std::string> Others(const Notification& n) const {
    std::vector<std::string> lines;
    if (!n.dashboards.empty()) lines.push_back("Dashboards: " + Names(n.dashboards));
    if (!n.deployments.empty()) lines.push_back("Deployments: " + Names(n.deployments));
    return lines;
  }

  std::vector<std::string> Link(const Notification& n) const {
    if (n.url.empty()) return {};
    return {m_.link(n.url, "Open in linea")};
  }

  // ---- A digest.
  std::vector<std::string> DigestHeadline(const Digest& d) const {
    const std::string who = d.team.starts_with("user:") ? d.team : "team " + d.team;
    size_t failing = 0, warning = 0;
    for (const DigestModel& m : d.models) {
      failing += m.status == "fail";
      warning += m.status == "warn";
    }
    const size_t count = d.models.size();
    std::string summary = count == 0 ? std::string("no model with measured features")
                                     : std::to_string(count) + (count == 1 ? " model" : " models") +
                                           " with measured features: " + std::to_string(failing) +
                                           " failing, " + std::to_string(warning) + " warning, " +
                                           std::to_string(count - failing - warning) + " stable";
    return {std::string(m_.bold) + Text("Quality digest for " + d.period + ": " + who) +
                std::string(m_.bold),
            Text(summary)};
  }

  std::vector<std::string> DigestModels(const Digest& d) const {
    std::vector<std::string> lines;
    for (size_t i = 0; i < d.models.size() && i < limits_.max_models; ++i) {
      const DigestModel& m = d.models[i];
      lines.push_back(std::string(m_.bullet) + Code(m.fqn) +
                      Text(": " + m.status + " (" + std::to_string(m.fail) + " fail, " +
                           std::to_string(m.warn) + " warn, " + std::to_string(m.success) +
                           " success, " + std::to_string(m.unmeasured) + " unmeasured)"));
      for (size_t f = 0; f < m.features.size() && f < limits_.max_names; ++f) {
        lines.push_back(FeatureLine(m, m.features[f]));
      }
      if (m.features.size() > limits_.max_names) {
        lines.push_back("  " +
                        Text("…and " + std::to_string(m.features.size() - limits_.max_names) +
                             " more failing or warning features (see the report)"));
      }
      if (!m.url.empty()) lines.push_back("  " + m_.link(m.url, "Stability report"));
    }
    if (d.models.size() > limits_.max_models) {
      lines.push_back(
          Text("…and " + std::to_string(d.models.size() - limits_.max_models) + " more models"));
    }
    return lines;
  }

 private:
  // "  fail: `name` — drift on `source`: message": the feature by its name within the model.
  std::string FeatureLine(const DigestModel& m, const DigestFeature& f) const {
    std::string_view name = f.fqn;
    if (name.size() > m.fqn.size() + 1 && name.starts_with(m.fqn) && name[m.fqn.size()] == '.') {
      name.remove_prefix(m.fqn.size() + 1);
    }
    std::string line = "  " + Text(f.status + ": ") + Code(name);
    if (!f.source.empty()) line += Text(" — " + f.check + " on ") + Code(f.source);
    if (!f.message.empty()) line += Text(": " + f.message);
    return line;
  }

  const Markup& m_;
  const ComposeLimits& limits_;
};

}  // namespace

const Markup& PlainMarkup() {
  static const Markup kMarkup{&Identity, &Identity, "", "", "- ", &PlainLink};
  return kMarkup;
}

const Markup& SlackMarkup() {
  static const Markup kMarkup{&SlackEscape, &SlackEscape, "`", "*", "• ", &SlackLink};
  return kMarkup;
}

const Markup& MattermostMarkup() {
  static const Markup kMarkup{&MarkdownEscape, &MarkdownCodeEscape, "`", "**", "- ", &MarkdownLink};
  return kMarkup;
}

std::vector<std::vector<std::string>> ComposeSections(const Notification& notification,
                                                      const Markup& markup,
                                                      const ComposeLimits& limits) {
  Composer c(markup, limits);
  std::vector<std::vector<std::string>> sections = {c.Headline(notification),
                                                    c.Models(notification), c.Others(notification),
                                                    c.Link(notification)};
  std::erase_if(sections, [](const auto& lines) { return lines.empty(); });
  return sections;
}

std::vector<std::vector<std::string>> ComposeDigestSections(const Digest& digest,
                                                            const Markup& markup,
                                                            const ComposeLimits& limits) {
  Composer c(markup, limits);
  std::vector<std::vector<std::string>> sections = {c.DigestHeadline(digest),
                                                    c.DigestModels(digest)};
  std::erase_if(sections, [](const auto& lines) { return lines.empty(); });
  return sections;
}

std::string JoinSections(const std::vector<std::vector<std::string>>& sections) {
  std::string out;
  for (const auto& lines : sections) {
    if (!out.empty()) out += "\n\n";
    out += Join(lines, "\n");
  }
  return out;
}

std::string TruncateUtf8(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  constexpr std::string_view kEllipsis = "…";
  if (max_bytes < kEllipsis.size()) return "";
  size_t cut = max_bytes - kEllipsis.size();
  // Back up over continuation bytes (10xxxxxx) so a multi-byte character is not split.
  while (cut > 0 && (static_cast<uint8_t>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + std::string(kEllipsis);
}

}  // namespace linea::notify::internal
