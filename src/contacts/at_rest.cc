#include "contacts/at_rest.h"

#include "contacts/redact.h"

namespace linea::contacts {

Result<std::vector<model::Contact>> SealContacts(const std::vector<model::Contact>& contacts,
                                                 const secrets::KeyRing& ring) {
  std::vector<model::Contact> out = contacts;
  if (!ring.has_key()) return out;
  for (model::Contact& contact : out) {
    for (auto& [field, value] : contact.fields) {
      if (!IsCredentialField(field) || secrets::IsSealed(value)) continue;
      Result<std::string> sealed = ring.Seal(value);
      if (!sealed.ok()) return sealed.status();
      value = std::move(*sealed);
    }
  }
  return out;
}

std::vector<model::Contact> OpenContacts(std::vector<model::Contact> contacts,
                                         const secrets::KeyRing& ring) {
  for (model::Contact& contact : contacts) {
    for (auto& [field, value] : contact.fields) {
      if (!secrets::IsSealed(value)) continue;
      Result<std::string> plain = ring.Open(value);
      if (plain.ok()) value = std::move(*plain);
    }
  }
  return contacts;
}

}  // namespace linea::contacts
