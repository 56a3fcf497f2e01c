// src/common/time_text.h: instants as text for people and JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace linea {

// `unix_ms` as RFC 3339 UTC with second precision, e.g. "2026-11-30T06:00:00Z".
std::string UtcText(int64_t unix_ms);

// The UTC month of `unix_ms`, "YYYY-MM".
std::string UtcMonth(int64_t unix_ms);

// Whether `text` is a month "YYYY-MM" (01-12).
bool IsMonth(std::string_view text);

// The `count` months ending with `last` ("YYYY-MM"), oldest first: ("2026-02", 3) →
// ["2025-12", "2026-01", "2026-02"]. Empty when `last` is not a month or count < 1.
std::vector<std::string> MonthsEndingWith(std::string_view last, int count);

// The first instant of the month "YYYY-MM" (UTC), unix ms. REQUIRES: IsMonth(month).
int64_t MonthStartMs(std::string_view month);

// The month after "YYYY-MM". REQUIRES: IsMonth(month).
std::string NextMonth(std::string_view month);

// An inclusive range of months.
struct MonthRange {
  std::string first, last;  // "YYYY-MM", first <= last
  bool Contains(std::string_view month) const { return first <= month && month <= last; }
  // "2026-01..2026-06", or "2026-03" for one month.
  std::string ToString() const { return first == last ? first : first + ".." + last; }
};

// "YYYY-MM..YYYY-MM" (first ≤ last) or one month "YYYY-MM"; nullopt for anything else.
std::optional<MonthRange> ParseMonthRange(std::string_view text);

}  // namespace linea
