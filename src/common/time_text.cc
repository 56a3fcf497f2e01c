#include "common/time_text.h"

#include <cstdio>
#include <ctime>

namespace linea {

std::string UtcText(int64_t unix_ms) {
  // Floor division: an instant before 1970 still names the second it lies in.
  std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000 - (unix_ms % 1000 < 0 ? 1 : 0));
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  const size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::string(text, n);
}

std::string UtcMonth(int64_t unix_ms) { return UtcText(unix_ms).substr(0, 7); }

bool IsMonth(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  const int month = (text[5] - '0') * 10 + (text[6] - '0');
  return month >= 1 && month <= 12;
}

std::vector<std::string> MonthsEndingWith(std::string_view last, int count) {
  if (!IsMonth(last) || count < 1) return {};
  int year = std::stoi(std::string(last.substr(0, 4)));
  int month = std::stoi(std::string(last.substr(5, 2)));
  std::vector<std::string> out(static_cast<size_t>(count));
  for (int i = count - 1; i >= 0; --i) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d", year, month);
    out[static_cast<size_t>(i)] = text;
    if (--month == 0) {
      month = 12;
      --year;
    }
  }
  return out;
}

int64_t MonthStartMs(std::string_view month) {
  std::tm tm{};
  tm.tm_year = std::stoi(std::string(month.substr(0, 4))) - 1900;
  tm.tm_mon = std::stoi(std::string(month.substr(5, 2))) - 1;
  tm.tm_mday = 1;
  return static_cast<int64_t>(timegm(&tm)) * 1000;
}

std::string NextMonth(std::string_view month) {
  int year = std::stoi(std::string(month.substr(0, 4)));
  int m = std::stoi(std::string(month.substr(5, 2))) + 1;
  if (m == 13) {
    m = 1;
    ++year;
  }
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d", year, m);
  return text;
}

std::optional<MonthRange> ParseMonthRange(std::string_view text) {
  const size_t dots = text.find("..");
  MonthRange range;
  range.first = std::string(text.substr(0, dots));
  range.last = dots == std::string_view::npos ? range.first : std::string(text.substr(dots + 2));
  if (!IsMonth(range.first) || !IsMonth(range.last) || range.last < range.first) {
    return std::nullopt;
  }
  return range;
}

}  // namespace linea
