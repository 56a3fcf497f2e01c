#include "notify/url.h"

#include "common/strings.h"

namespace linea::notify {

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

std::string AssetUrl(std::string_view public_url, std::string_view fqn) {
  while (EndsWith(public_url, "/")) public_url.remove_suffix(1);
  return std::string(public_url) + "/assets/" + PercentEncode(fqn);
}

std::string ReportUrl(std::string_view public_url, std::string_view model,
                      std::string_view period) {
  while (EndsWith(public_url, "/")) public_url.remove_suffix(1);
  return std::string(public_url) + "/api/v1/quality/report/" + PercentEncode(model) +
         "?period=" + PercentEncode(period);
}

}  // namespace linea::notify
