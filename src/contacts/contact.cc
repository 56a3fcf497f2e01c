#include "contacts/contact.h"

#include <cctype>
#include <nlohmann/json.hpp>
#include <string>

#include "common/base64.h"
#include "common/status_macros.h"
#include "common/strings.h"
#include "contacts/http_url.h"
#include "contacts/redact.h"
#include "secrets/key_ring.h"

namespace linea::contacts {
namespace {

constexpr std::string_view kKnownTypes = "webhook, slack, msteams, mattermost, telegram, email";

// `text` as a JSON string literal: quoted, control characters escaped.
std::string Quote(std::string_view text) {
  return nlohmann::json(std::string(text))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The value of a field; empty when absent.
std::string_view Field(const model::Contact& contact, const std::string& name) {
  auto it = contact.fields.find(name);
  return it == contact.fields.end() ? std::string_view() : std::string_view(it->second);
}

Status Missing(std::string_view field) {
  return InvalidArgumentError("missing field \"" + std::string(field) + "\"");
}

Status CheckUrl(const model::Contact& contact) {
  std::string_view url = Field(contact, "url");
  if (url.empty()) return Missing("url");
  if (!IsHttpUrl(url)) return InvalidArgumentError("url " + Quote(url) + " is not an http(s) URL");
  return Status::OK();
}

Status CheckWebhook(const model::Contact& contact) {
  if (Status s = CheckUrl(contact); !s.ok()) return s;
  std::string_view secret = Field(contact, "secret");
  if (StartsWith(secret, "whsec_") && !Base64Decode(secret.substr(6)).has_value()) {
    return InvalidArgumentError("secret starts with \"whsec_\" but the rest is not valid base64");
  }
  return Status::OK();
}

bool IsValidChatId(std::string_view id) {
  if (StartsWith(id, "@")) {
    if (id.size() < 2) return false;
    for (char c : id.substr(1)) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
    }
    return true;
  }
  if (StartsWith(id, "-")) id.remove_prefix(1);
  if (id.empty() || id.size() > 18) return false;  // fits an int64 (Telegram ids are < 2^52)
  for (char c : id) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Status CheckTelegram(const model::Contact& contact) {
  std::string_view token = Field(contact, "bot_token");
  std::string_view chat_id = Field(contact, "chat_id");
  if (token.empty()) return Missing("bot_token");
  if (chat_id.empty()) return Missing("chat_id");
  for (char c : token) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != ':' && c != '_' && c != '-') {
      return InvalidArgumentError("bot_token may hold only letters, digits, ':', '_' and '-'");
    }
  }
  if (!IsValidChatId(chat_id)) {
    return InvalidArgumentError("chat_id " + Quote(chat_id) +
                                " is not a numeric chat id or an @channel name");
  }
  return Status::OK();
}

Status CheckEmail(const model::Contact& contact) {
  std::string_view address = Field(contact, "address");
  if (address.empty()) return Missing("address");
  if (!IsValidEmailAddress(address)) {
    return InvalidArgumentError("address " + Quote(address) + " is not a valid email address");
  }
  return Status::OK();
}

// A field still sealed after loading: its key is not configured (at_rest.h OpenContacts).
Status CheckNotSealed(const model::Contact& contact) {
  for (const auto& [field, value] : contact.fields) {
    if (!secrets::IsSealed(value)) continue;
    return InvalidArgumentError(field + " is encrypted under key " + secrets::SealedKeyId(value) +
                                ", which this process cannot decrypt (configure the key with "
                                "LINEA_SECRET_KEY or --secret-key-file)");
  }
  return Status::OK();
}

Status CheckFields(const model::Contact& contact) {
  const std::string& type = contact.type;
  LINEA_RETURN_IF_ERROR(CheckNotSealed(contact));
  LINEA_RETURN_IF_ERROR(CheckNotRedacted(contact));
  if (type == "webhook") return CheckWebhook(contact);
  if (type == "slack" || type == "msteams" || type == "mattermost") return CheckUrl(contact);
  if (type == "telegram") return CheckTelegram(contact);
  if (type == "email") return CheckEmail(contact);
  return InvalidArgumentError("unknown type; expected one of " + std::string(kKnownTypes));
}

Status CheckWithPrefix(const model::Contact& contact, const std::string& label) {
  if (contact.type.empty()) return InvalidArgumentError(label + ": missing field \"type\"");
  return CheckFields(contact).WithPrefix(label + " (" + contact.type + ")");
}

}  // namespace

Status ValidateContact(const model::Contact& contact, size_t index) {
  return CheckWithPrefix(contact, "contact " + std::to_string(index));
}

Status CheckContact(const model::Contact& contact) { return CheckWithPrefix(contact, "contact"); }

bool IsValidEmailAddress(std::string_view address) {
  constexpr std::string_view kForbidden = "<>()[],;:\"\\";
  for (unsigned char c : address) {
    if (c <= 0x20 || c >= 0x7F || kForbidden.find(static_cast<char>(c)) != std::string_view::npos) {
      return false;
    }
  }
  size_t at = address.find('@');
  if (at == std::string_view::npos || at == 0 ||
      address.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  std::string_view domain = address.substr(at + 1);
  if (domain.find('.') == std::string_view::npos) return false;
  return !StartsWith(domain, ".") && !EndsWith(domain, ".") &&
         domain.find("..") == std::string_view::npos;
}

}  // namespace linea::contacts
