// src/contacts/contact.h: what a team's contact may hold — shared by the catalog, which refuses an
// invalid contact on write, and notify/, which renders and sends to valid ones.
//
// Known contact types and their fields (extra fields are ignored):
//   webhook     url, secret (optional; "whsec_<base64>" or raw bytes, see signature.h)
//   slack       url (incoming webhook)
//   msteams     url (incoming webhook / workflow)
//   mattermost  url (incoming webhook), username (optional)
//   telegram    bot_token, chat_id (numeric id or "@channel")
//   email       address
#pragma once

#include <cstddef>
#include <string_view>

#include "common/status.h"
#include "model/asset.h"

namespace linea::contacts {

// OK when `contact` can be rendered and sent. Otherwise kInvalidArgument naming the contact by
// its position in the list, its type and the field, e.g.
//   contact 2 (slack): url "ftp://x" is not an http(s) URL
//   contact 0 (email): missing field "address"
//   contact 1 (pager): unknown type; expected one of webhook, slack, msteams, mattermost,
//   telegram, email
// An empty field counts as missing. Secrets (webhook secret, bot token) are never echoed.
// Also refused: a field still sealed under a key this process lacks (at_rest.h), naming the
// key id ("contact 0 (slack): url is encrypted under key 1a2b3c4d, which this process cannot
// decrypt …"), and a credential-bearing field holding a redaction (redact.h).
Status ValidateContact(const model::Contact& contact, size_t index);

// The checks of ValidateContact with messages prefixed "contact (<type>)" instead, for callers
// that have no list position.
Status CheckContact(const model::Contact& contact);

// local@domain: one '@', a non-empty local part, a domain with a dot that neither starts nor
// ends it and no empty label; printable ASCII without spaces or any of "<>()[],;:\"\\".
bool IsValidEmailAddress(std::string_view address);

}  // namespace linea::contacts
