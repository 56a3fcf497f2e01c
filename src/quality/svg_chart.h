// src/quality/svg_chart.h: small line charts as SVG text, for the monthly feature-stability
// report (a trend of PSI, null rate or volume over the last periods). No library: the SVG is
// self-contained — inline attributes, no external CSS or fonts — and valid XML.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace linea::quality {

struct ChartPoint {
  std::string label;            // the x label, e.g. the period "2026-11"
  std::optional<double> value;  // nullopt: a gap in the line (no measurement), no dot
  std::string status;           // colours the dot: success, warn, fail, aborted ("" = neutral)
};

struct ChartOptions {
  std::string title;
  std::string y_label;
  std::optional<double> warn, fail;  // dashed horizontal lines, drawn when inside the y range
  int width = 360, height = 120;
  bool sparkline = false;  // only the line, dots and thresholds: no axes, labels or title
  // The y range covers these too (e.g. 0 and the fail threshold), so that noise around a
  // small value is not blown up to the chart's full height.
  std::optional<double> y_min, y_max;
};

// The chart of `points` in order, left to right: a line through the values (broken at gaps),
// one <circle> per point with a value, filled by status (success #2e7d32 green, warn #f9a825
// amber, fail #c62828 red, aborted #9e9e9e grey, else #455a64), warn/fail lines, and — unless a
// sparkline — a y axis with 3–5 round ticks (labelled 25k, 1.1M past 10,000), x labels (the first
// and last at least) and the title. The y range is that of the values, widened to round ticks. All
// text is XML-escaped.
std::string LineChartSvg(const std::vector<ChartPoint>& points, const ChartOptions& options);

// The colour a status paints its dot with (above).
const char* StatusColour(const std::string& status);

// `text` with & < > " ' escaped for XML text and attribute values.
std::string XmlEscape(const std::string& text);

// 3–5 round tick values covering [lo, hi] (a step of 1, 2, 2.5 or 5 × 10^k); lo == hi is
// widened around the value.
std::vector<double> NiceTicks(double lo, double hi);

}  // namespace linea::quality
