// src/notify/signature.h: Standard Webhooks signing (https://www.standardwebhooks.com).
//
// The signed content is "<webhook-id>.<webhook-timestamp>.<body>"; the signature header is
// "v1," + base64(HMAC-SHA256(key, content)). The key bytes come from the contact's `secret`:
//   - "whsec_<base64>" (the Standard Webhooks secret format): the base64-decoded rest;
//   - anything else: the secret's own bytes, as written.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace linea::notify {

// The HMAC key of a contact secret (see above). kInvalidArgument when a "whsec_" secret is
// not valid base64.
Result<std::string> WebhookKey(std::string_view secret);

// The `webhook-signature` header value "v1,<base64>" for one message. kInvalidArgument for a
// bad "whsec_" secret.
Result<std::string> SignWebhook(std::string_view secret, std::string_view id, int64_t timestamp,
                                std::string_view body);

}  // namespace linea::notify
