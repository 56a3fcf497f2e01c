// src/quality/format.h: numbers as people read them in verdicts, bin labels and charts.
#pragma once

#include <string>

namespace linea::quality {

// `v` with up to `significant` significant digits and no trailing zeros: 1000 → "1000",
// 0.1234567 → "0.1235", 2.5e-07 → "2.5e-07"; "inf", "-inf", "nan" for the non-finite.
std::string FormatNumber(double v, int significant = 4);

// `v` with exactly `decimals` decimals when that is exact to 1e-9, else FormatNumber(v, 6):
// 0.1 → "0.10", 0.125 → "0.125" (decimals = 2). For thresholds of ratios.
std::string FormatFixed(double v, int decimals = 2);

// `v` rounded to `decimals` decimals: 0.274653 → "0.27" (decimals = 2).
std::string FormatRounded(double v, int decimals = 2);

// `share` (0.153) as a percentage with one decimal: "15.3 %".
std::string FormatPercent(double share);

}  // namespace linea::quality
