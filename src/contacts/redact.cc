#include "contacts/redact.h"

#include <algorithm>

#include "common/strings.h"
#include "contacts/http_url.h"

namespace linea::contacts {
namespace {

const std::string kUrlMarker = "/" + std::string(kRedacted);

bool IsRedaction(std::string_view field, std::string_view value) {
  if (value == kRedacted) return true;
  return field == "url" && EndsWith(value, kUrlMarker);
}

}  // namespace

bool IsCredentialField(std::string_view field) {
  return field == "url" || field == "secret" || field == "bot_token";
}

std::string RedactUrl(std::string_view url) {
  if (!IsHttpUrl(url)) return std::string(kRedacted);
  const size_t scheme_end = url.find("://") + 3;
  std::string_view rest = url.substr(scheme_end);
  const size_t authority_end = std::min(rest.find_first_of("/?#"), rest.size());
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view after = rest.substr(authority_end);
  const size_t at = authority.rfind('@');
  const bool had_userinfo = at != std::string_view::npos;
  if (had_userinfo) authority.remove_prefix(at + 1);
  std::string origin = ToLower(url.substr(0, scheme_end)) + std::string(authority);
  if (!had_userinfo && (after.empty() || after == "/")) return origin;
  return origin + kUrlMarker;
}

model::Contact RedactContact(const model::Contact& contact) {
  model::Contact out = contact;
  for (auto& [field, value] : out.fields) {
    if (field == "url") {
      value = RedactUrl(value);
    } else if (IsCredentialField(field)) {
      value = std::string(kRedacted);
    }
  }
  return out;
}

Status CheckNotRedacted(const model::Contact& contact) {
  for (const auto& [field, value] : contact.fields) {
    if (IsCredentialField(field) && IsRedaction(field, value)) {
      return InvalidArgumentError(
          field + " is redacted (\"" + value +
          "\"): a redacted export cannot restore secrets; export with --include-secrets as an "
          "admin, or set the contact again");
    }
  }
  return Status::OK();
}

}  // namespace linea::contacts
