// src/ingest/openlineage/event_time.cc: ParseEventTime (declared in decode.h), the eventTime
// reader of OpenLineage events.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "ingest/openlineage/decode.h"

namespace linea::openlineage {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `n` digits at `*pos` into `*value`.
bool Digits(std::string_view s, size_t* pos, size_t n, int* value) {
  if (*pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *value = v;
  return true;
}

bool Expect(std::string_view s, size_t* pos, char c) {
  if (*pos >= s.size() || s[*pos] != c) return false;
  ++*pos;
  return true;
}

// Offset in minutes east of UTC from "Z", "+HH:MM", "+HHMM" or "+HH" at `*pos`, or 0 when the
// text ends there (no offset: UTC). False for anything else.
bool ParseOffset(std::string_view s, size_t* pos, int* minutes) {
  *minutes = 0;
  if (*pos == s.size()) return true;
  char c = s[*pos];
  if (c == 'Z' || c == 'z') return ++*pos == s.size();
  if (c != '+' && c != '-') return false;
  ++*pos;
  int hh = 0, mm = 0;
  if (!Digits(s, pos, 2, &hh)) return false;
  if (*pos < s.size()) {
    Expect(s, pos, ':');
    if (!Digits(s, pos, 2, &mm)) return false;
  }
  if (*pos != s.size() || hh > 23 || mm > 59) return false;
  *minutes = (c == '-' ? -1 : 1) * (hh * 60 + mm);
  return true;
}

std::optional<int64_t> ParseTime(std::string_view s) {
  size_t pos = 0;
  int year, month, day, hour, minute, second;
  if (!Digits(s, &pos, 4, &year) || !Expect(s, &pos, '-') || !Digits(s, &pos, 2, &month) ||
      !Expect(s, &pos, '-') || !Digits(s, &pos, 2, &day)) {
    return std::nullopt;
  }
  if (pos >= s.size() || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ')) return std::nullopt;
  ++pos;
  if (!Digits(s, &pos, 2, &hour) || !Expect(s, &pos, ':') || !Digits(s, &pos, 2, &minute) ||
      !Expect(s, &pos, ':') || !Digits(s, &pos, 2, &second)) {
    return std::nullopt;
  }
  int millis = 0;
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    ++pos;
    size_t start = pos;
    for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos) {
      if (pos - start < 3) millis = millis * 10 + (s[pos] - '0');
    }
    if (pos == start) return std::nullopt;
    for (size_t n = pos - start; n < 3; ++n) millis *= 10;
  }
  int offset = 0;
  if (!ParseOffset(s, &pos, &offset)) return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 ||
      minute > 59 || second > 60) {
    return std::nullopt;
  }
  int64_t seconds = DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second -
                    static_cast<int64_t>(offset) * 60;
  return seconds * 1000 + millis;
}

}  // namespace

Result<int64_t> ParseEventTime(std::string_view text) {
  std::optional<int64_t> ms = ParseTime(text);
  if (ms.has_value()) return *ms;
  std::string shown(text.substr(0, 64));
  if (text.size() > 64) shown += "…";
  return InvalidArgumentError(
      "expected an ISO-8601 date-time (e.g. 2024-10-16T16:53:47.366Z), got " +
      nlohmann::json(shown).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace linea::openlineage
