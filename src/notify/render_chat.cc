// Slack, Microsoft Teams, Mattermost and Telegram renderers (see render.h for the formats).
#include <string>
#include <vector>

#include "common/strings.h"
#include "notify/internal/compose.h"
#include "notify/internal/formats.h"

namespace linea::notify::internal {
namespace {

using Json = nlohmann::json;
using Sections = std::vector<std::vector<std::string>>;

constexpr ComposeLimits kChatLimits{.max_models = 20, .max_names = 25};
constexpr size_t kSlackTextBytes = 39000;       // Slack truncates text past 40,000 characters
constexpr size_t kSlackSectionBytes = 3000;     // section text limit
constexpr size_t kSlackMaxBlocks = 50;          // blocks per message
constexpr size_t kMattermostTextBytes = 16000;  // posts hold at most 16,383 characters
constexpr size_t kTelegramTextBytes = 4096;     // sendMessage text: 1-4096 characters

OutgoingMessage JsonPost(std::string url, const Json& body) {
  OutgoingMessage out;
  out.url = std::move(url);
  out.headers = {{"Content-Type", "application/json"}};
  out.body = DumpJson(body);
  return out;
}

Json SlackSection(const std::string& mrkdwn) {
  return {{"type", "section"},
          {"text", {{"type", "mrkdwn"}, {"text", TruncateUtf8(mrkdwn, kSlackSectionBytes)}}}};
}

// One section block per composed section, split at line boundaries to fit Slack's limit.
Json SlackBlocks(const Sections& sections) {
  Json blocks = Json::array();
  for (const auto& lines : sections) {
    std::string chunk;
    for (const std::string& line : lines) {
      if (!chunk.empty() && chunk.size() + 1 + line.size() > kSlackSectionBytes) {
        blocks.push_back(SlackSection(chunk));
        chunk.clear();
      }
      chunk += (chunk.empty() ? "" : "\n") + line;
    }
    if (!chunk.empty()) blocks.push_back(SlackSection(chunk));
  }
  if (blocks.size() > kSlackMaxBlocks) blocks.erase(blocks.begin() + kSlackMaxBlocks, blocks.end());
  return blocks;
}

Json TeamsTextBlocks(const Sections& sections) {
  Json body = Json::array();
  for (size_t s = 0; s < sections.size(); ++s) {
    for (size_t l = 0; l < sections[s].size(); ++l) {
      Json block = {{"type", "TextBlock"}, {"text", sections[s][l]}, {"wrap", true}};
      if (s == 0 && l == 0) {
        block["size"] = "Medium";
        block["weight"] = "Bolder";
      } else if (l == 0) {
        block["spacing"] = "Medium";
      } else {
        block["spacing"] = "None";
      }
      body.push_back(std::move(block));
    }
  }
  return body;
}

}  // namespace

OutgoingMessage RenderSlack(const model::Contact& contact, const Content& content) {
  Sections sections = content.compose(SlackMarkup(), kChatLimits);
  Json body = {{"text", TruncateUtf8(JoinSections(sections), kSlackTextBytes)},
               {"blocks", SlackBlocks(sections)}};
  return JsonPost(FieldOf(contact, "url"), body);
}

OutgoingMessage RenderTeams(const model::Contact& contact, const Content& content) {
  Json card = {{"type", "AdaptiveCard"},
               {"$schema", "http://adaptivecards.io/schemas/adaptive-card.json"},
               {"version", "1.4"},
               {"body", TeamsTextBlocks(content.compose(PlainMarkup(), kChatLimits))}};
  if (!content.link.empty()) {
    card["actions"] = {
        {{"type", "Action.OpenUrl"}, {"title", "Open in linea"}, {"url", content.link}}};
  }
  Json body = {{"type", "message"},
               {"attachments",
                {{{"contentType", "application/vnd.microsoft.card.adaptive"},
                  {"contentUrl", nullptr},
                  {"content", std::move(card)}}}}};
  return JsonPost(FieldOf(contact, "url"), body);
}

OutgoingMessage RenderMattermost(const model::Contact& contact, const Content& content) {
  std::string text = JoinSections(content.compose(MattermostMarkup(), kChatLimits));
  Json body = {{"text", TruncateUtf8(text, kMattermostTextBytes)}};
  if (const std::string& username = FieldOf(contact, "username"); !username.empty()) {
    body["username"] = username;
  }
  return JsonPost(FieldOf(contact, "url"), body);
}

OutgoingMessage RenderTelegram(const model::Contact& contact, const Content& content,
                               const RenderOptions& options) {
  std::string_view base = options.telegram_api_base;
  while (EndsWith(base, "/")) base.remove_suffix(1);
  const std::string& chat_id = FieldOf(contact, "chat_id");
  std::string text = JoinSections(content.compose(PlainMarkup(), kChatLimits));
  Json body = {{"chat_id", StartsWith(chat_id, "@") ? Json(chat_id) : Json(std::stoll(chat_id))},
               {"text", TruncateUtf8(text, kTelegramTextBytes)}};
  return JsonPost(std::string(base) + "/bot" + FieldOf(contact, "bot_token") + "/sendMessage",
                  body);
}

}  // namespace linea::notify::internal
