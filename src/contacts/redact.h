// src/contacts/redact.h: a contact as a caller who may not administer sees it — the one
// redaction every answer that shows contacts uses (teams, catalog export, impact, incidents).
//
// Credential-bearing fields are "url" (a Slack, MS Teams or Mattermost incoming-webhook URL is
// itself the credential; a generic webhook URL may carry user:password, a token in its path
// (Discord, Zapier), its query or its fragment), "secret" (webhook signing) and "bot_token"
// (telegram). Redacted:
//   url        its origin and the marker: "https://hooks.slack.com/[redacted]" (userinfo,
//              path, query and fragment dropped); the origin alone when nothing followed it;
//              "[redacted]" when it is no http(s) URL (e.g. a value sealed under an unknown key)
//   secret, bot_token   "[redacted]"
// Other fields (email address, chat_id, username) are kept. The form is stable: the same
// contact always redacts to the same text.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "model/asset.h"

namespace linea::contacts {

inline constexpr std::string_view kRedacted = "[redacted]";

// True for "url", "secret" and "bot_token".
bool IsCredentialField(std::string_view field);

// `url` as described above.
std::string RedactUrl(std::string_view url);

// `contact` with every credential-bearing field redacted.
model::Contact RedactContact(const model::Contact& contact);

// kInvalidArgument "<field> is redacted …" when a credential-bearing field holds a redaction
// (exactly "[redacted]", or a URL ending in "/[redacted]"): a redacted export imported back
// must not replace the stored secrets with the marker. OK otherwise.
Status CheckNotRedacted(const model::Contact& contact);

}  // namespace linea::contacts
