// src/notify/internal/compose.h: the human-readable message text shared by the chat and
// e-mail channels, assembled as sections of lines and marked up per channel.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "notify/digest.h"
#include "notify/message.h"

namespace linea::notify::internal {

// How one channel marks up text. `escape` makes user text safe (e.g. Slack's &amp;),
// `escape_code` does the same inside a code span; `link` renders a URL with a label.
struct Markup {
  std::string (*escape)(std::string_view text);
  std::string (*escape_code)(std::string_view text);
  std::string_view code;  // placed on both sides of an FQN, e.g. "`"; may be empty
  std::string_view bold;  // placed on both sides of the headline, e.g. "*"; may be empty
  std::string_view bullet;
  std::string (*link)(std::string_view url, std::string_view label);
};

// Plain text: no escaping, no markup; links as "label: url".
const Markup& PlainMarkup();
// Slack mrkdwn: &, <, > escaped; `code`, *bold*, <url|label>.
const Markup& SlackMarkup();
// Mattermost Markdown: punctuation backslash-escaped; `code`, **bold**, [label](url).
const Markup& MattermostMarkup();

// Caps for channels whose messages have hard size limits; the rest is summarized as
// "…and N more". Default: no cap.
struct ComposeLimits {
  size_t max_models = SIZE_MAX;
  size_t max_names = SIZE_MAX;  // per list: features, dashboards, deployments; a digest
                                // model's failing and warning features
};

// The message, one entry per section; each section is a list of lines. Sections in order:
// headline (bold), details, affected models (heading, then per model a bullet line with its
// FQN and indented "features:" and "path:" lines), other assets, link. Empty sections are left
// out. Every model shown names its features and its path; the link is Notification::url.
std::vector<std::vector<std::string>> ComposeSections(const Notification& notification,
                                                      const Markup& markup,
                                                      const ComposeLimits& limits = {});

// A digest's message. Sections in order: headline (bold: "Quality digest for <period>: team
// <team>") with the models by status; the models (per model a bullet line with its FQN,
// status and feature counts, one indented line per failing or warning feature — its name in
// the model, status, worst series and message — and its "Stability report" link when it has
// a url). Empty sections are left out.
std::vector<std::vector<std::string>> ComposeDigestSections(const Digest& digest,
                                                            const Markup& markup,
                                                            const ComposeLimits& limits = {});

// Sections joined: lines by "\n", sections by a blank line.
std::string JoinSections(const std::vector<std::vector<std::string>>& sections);

// `text` cut to at most `max_bytes` bytes at a UTF-8 character boundary, ending in "…" when cut.
std::string TruncateUtf8(std::string_view text, size_t max_bytes);

}  // namespace linea::notify::internal
