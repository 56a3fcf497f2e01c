#include "server/internal/request_target.h"

#include "common/status_macros.h"
#include "common/strings.h"

namespace linea::server::internal {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Result<std::string> PercentDecode(std::string_view text, bool plus_is_space,
                                  std::string_view what) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      const bool complete = i + 2 < text.size();
      const int hi = complete ? HexValue(text[i + 1]) : -1;
      const int lo = complete ? HexValue(text[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        return InvalidArgumentError("malformed percent-encoding in " + std::string(what) +
                                    " at byte " + std::to_string(i));
      }
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += plus_is_space && c == '+' ? ' ' : c;
    }
  }
  if (size_t bad = Utf8ErrorOffset(out); bad != std::string::npos) {
    return InvalidArgumentError(std::string(what) +
                                " is not valid UTF-8 after percent-decoding"
                                " (byte " +
                                std::to_string(bad) + " of the decoded text)");
  }
  if (out.find('\0') != std::string::npos) {
    return InvalidArgumentError(std::string(what) + " holds a NUL byte");
  }
  return out;
}

Result<RequestTarget> ParseRequestTarget(std::string_view target) {
  if (target.empty() || target.front() != '/') {
    return InvalidArgumentError("request target must start with '/'");
  }
  const size_t q = target.find('?');
  RequestTarget out;
  LINEA_ASSIGN_OR_RETURN(out.path, PercentDecode(target.substr(0, q), false, "path"));
  if (q == std::string_view::npos) return out;
  std::string_view query = target.substr(q + 1);
  while (!query.empty()) {
    const size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    std::string_view key = pair.substr(0, eq);
    std::string_view value = eq == std::string_view::npos ? "" : pair.substr(eq + 1);
    LINEA_ASSIGN_OR_RETURN(std::string k, PercentDecode(key, true, "query parameter name"));
    LINEA_ASSIGN_OR_RETURN(std::string v, PercentDecode(value, true, "query parameter " + k));
    out.query.emplace(std::move(k), std::move(v));
  }
  return out;
}

}  // namespace linea::server::internal
