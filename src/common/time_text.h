// src/common/time_text.h: instants as text for people and JSON.
#pragma once

#include <cstdint>
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

}  // namespace linea
