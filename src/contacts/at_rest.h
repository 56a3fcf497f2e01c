// src/contacts/at_rest.h: contacts as the store keeps them — each credential-bearing field
// (redact.h IsCredentialField: url, secret, bot_token) sealed under the key ring
// (secrets/key_ring.h), every other field as it is. Without a key nothing is sealed.
#pragma once

#include <vector>

#include "common/result.h"
#include "model/asset.h"
#include "secrets/key_ring.h"

namespace linea::contacts {

// `contacts` with their credential-bearing fields sealed under the ring's current key (a value
// already sealed is kept). kInternal when encryption fails.
Result<std::vector<model::Contact>> SealContacts(const std::vector<model::Contact>& contacts,
                                                 const secrets::KeyRing& ring);

// `contacts` with their sealed fields opened. A field the ring cannot open (unknown key id,
// failed authentication) stays sealed: the contact then fails ValidateContact, which names the
// key id, so deliveries to it fail with that reason and answers show it redacted.
std::vector<model::Contact> OpenContacts(std::vector<model::Contact> contacts,
                                         const secrets::KeyRing& ring);

}  // namespace linea::contacts
