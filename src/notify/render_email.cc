// The e-mail renderer: a text/plain UTF-8 RFC 5322 message (see render.h).
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "common/strings.h"
#include "contacts/contact.h"
#include "common/base64.h"
#include "notify/internal/compose.h"
#include "notify/internal/formats.h"

namespace linea::notify::internal {
namespace {

constexpr size_t kMaxSubjectBytes = 200;
constexpr size_t kMaxLineBytes = 990;     // RFC 5322 allows 998 before CRLF
constexpr size_t kEncodedWordBytes = 45;  // 60 base64 chars: the word stays under 75

struct Mailbox {
  std::string name;     // display name, may be empty
  std::string address;  // bare local@domain
};

// "a@b.c" or "Name <a@b.c>"; nullopt when the address is not valid.
std::optional<Mailbox> ParseMailbox(std::string_view text) {
  text = Trim(text);
  Mailbox box;
  if (EndsWith(text, ">") && text.find('<') != std::string_view::npos) {
    size_t open = text.rfind('<');
    box.name = std::string(Trim(text.substr(0, open)));
    text = text.substr(open + 1, text.size() - open - 2);
  }
  for (char& c : box.name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  }
  if (!contacts::IsValidEmailAddress(text)) return std::nullopt;
  box.address = std::string(text);
  return box;
}

bool IsPrintableAscii(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c >= 0x7F) return false;
  }
  return true;
}

bool IsAscii(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

// Header text: as-is when printable ASCII, else RFC 2047 "=?UTF-8?B?…?=" words, folded.
std::string EncodeHeaderText(std::string_view text) {
  if (IsPrintableAscii(text)) return std::string(text);
  std::string out;
  while (!text.empty()) {
    size_t cut = std::min(text.size(), kEncodedWordBytes);
    while (cut < text.size() && cut > 0 && (static_cast<uint8_t>(text[cut]) & 0xC0) == 0x80) --cut;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64Encode(text.substr(0, cut)) + "?=";
    text.remove_prefix(cut);
  }
  return out;
}

std::string FormatMailbox(const Mailbox& box) {
  if (box.name.empty()) return box.address;
  std::string name;
  if (IsPrintableAscii(box.name)) {
    name = "\"";
    for (char c : box.name)
      name += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    name += "\"";
  } else {
    name = EncodeHeaderText(box.name);
  }
  return name + " <" + box.address + ">";
}

// RFC 5322 date-time in UTC, e.g. "Tue, 03 Feb 2026 10:00:00 +0000".
std::string FormatDate(int64_t unix_seconds) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

// `text` as a Message-ID local part: [A-Za-z0-9_-] kept, any other byte as "=XX".
std::string MessageIdPart(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'=', kHex[c >> 4], kHex[c & 0xF]};
    }
  }
  return out;
}

// Text lines joined by CRLF, each at most kMaxLineBytes (longer ones are broken at a UTF-8
// character boundary); other control characters but tab become spaces.
std::string CrlfText(std::string_view text) {
  std::string out;
  for (std::string line : Split(text, '\n')) {
    for (char& c : line) {
      if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F) c = ' ';
    }
    std::string_view rest = line;
    do {
      size_t cut = std::min(rest.size(), kMaxLineBytes);
      while (cut < rest.size() && cut > 0 && (static_cast<uint8_t>(rest[cut]) & 0xC0) == 0x80) {
        --cut;
      }
      out += std::string(rest.substr(0, cut)) + "\r\n";
      rest.remove_prefix(cut);
    } while (!rest.empty());
  }
  return out;
}

std::string Subject(const std::vector<std::vector<std::string>>& sections) {
  std::string subject = "[linea] " + sections.front().front();
  for (char& c : subject) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  }
  return TruncateUtf8(subject, kMaxSubjectBytes);
}

}  // namespace

Result<OutgoingMessage> RenderEmail(const model::Contact& contact, const Content& content,
                                    const RenderOptions& options, int64_t now) {
  std::optional<Mailbox> from = ParseMailbox(options.smtp_from);
  if (!from) {
    return FailedPreconditionError("email: the sender address (--smtp-from) \"" +
                                   options.smtp_from + "\" is missing or not valid");
  }
  auto sections = content.compose(PlainMarkup(), ComposeLimits{});
  OutgoingMessage out;
  out.kind = Transport::kSmtp;
  out.from = from->address;
  out.to = FieldOf(contact, "address");
  out.subject = Subject(sections);
  std::string id_part = !content.idempotency_key.empty()
                            ? content.idempotency_key
                            : content.fallback_id + "." + std::to_string(now);
  std::string domain = out.from.substr(out.from.find('@') + 1);
  std::string text = JoinSections(sections);
  out.body = "From: " + FormatMailbox(*from) + "\r\n" + "To: " + out.to + "\r\n" +
             "Subject: " + EncodeHeaderText(out.subject) + "\r\n" + "Date: " + FormatDate(now) +
             "\r\n" + "Message-ID: <linea." + MessageIdPart(id_part) + "@" + domain + ">\r\n" +
             "MIME-Version: 1.0\r\n" + "Content-Type: text/plain; charset=utf-8\r\n" +
             "Content-Transfer-Encoding: " + (IsAscii(text) ? "7bit" : "8bit") + "\r\n" +
             "Auto-Submitted: auto-generated\r\n" + "\r\n" + CrlfText(text);
  return out;
}

}  // namespace linea::notify::internal
