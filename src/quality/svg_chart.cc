#include "quality/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "quality/format.h"

namespace linea::quality {
namespace {

constexpr const char* kLineColour = "#455a64";
constexpr const char* kAxisColour = "#9e9e9e";
constexpr const char* kTextColour = "#37474f";

std::string Num(double v) {  // a coordinate: 1 decimal is enough for a pixel
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

struct Frame {  // the plot area in pixels and the y range it shows
  double left, right, top, bottom, y_lo, y_hi;
  double X(size_t i, size_t n) const {
    return n <= 1 ? (left + right) / 2 : left + (right - left) * static_cast<double>(i) / (n - 1);
  }
  double Y(double v) const { return bottom - (v - y_lo) / (y_hi - y_lo) * (bottom - top); }
  bool Shows(double v) const { return v >= y_lo && v <= y_hi; }
};

std::string Text(double x, double y, const std::string& text, const char* anchor, int size,
                 const char* extra = "") {
  return "<text x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" text-anchor=\"" + anchor +
         "\" font-size=\"" + std::to_string(size) + "\" fill=\"" + kTextColour + "\"" + extra +
         ">" + XmlEscape(text) + "</text>\n";
}

std::string Line(double x1, double y1, double x2, double y2, const char* colour,
                 const char* extra = "") {
  return "<line x1=\"" + Num(x1) + "\" y1=\"" + Num(y1) + "\" x2=\"" + Num(x2) + "\" y2=\"" +
         Num(y2) + "\" stroke=\"" + colour + "\" stroke-width=\"1\"" + extra + "/>\n";
}

// A tick label that fits the margin: 1100000 → "1.1M", 25000 → "25k", 0.25 → "0.25".
std::string TickLabel(double v) {
  const double a = std::abs(v);
  if (a >= 1e9) return FormatNumber(v / 1e9, 4) + "G";
  if (a >= 1e6) return FormatNumber(v / 1e6, 4) + "M";
  if (a >= 1e4) return FormatNumber(v / 1e3, 4) + "k";
  return FormatNumber(v, 4);
}

std::string Axes(const Frame& f, const std::vector<double>& ticks) {
  std::string svg = Line(f.left, f.top, f.left, f.bottom, kAxisColour);
  svg += Line(f.left, f.bottom, f.right, f.bottom, kAxisColour);
  for (double t : ticks) {
    const double y = f.Y(t);
    svg += Line(f.left - 3, y, f.right, y, "#eceff1");
    svg += Text(f.left - 5, y + 3, TickLabel(t), "end", 9);
  }
  return svg;
}

// The first and last labels, and those between that fit (about 6 px per character), centred
// under their points (the margins leave room for half a label).
std::string XLabels(const Frame& f, const std::vector<ChartPoint>& points) {
  const size_t n = points.size();
  size_t widest = 1;
  for (const auto& p : points) widest = std::max(widest, p.label.size());
  const double room = n > 1 ? (f.right - f.left) / (n - 1) : f.right - f.left;
  const size_t every =
      std::max<size_t>(1, static_cast<size_t>(std::ceil((widest * 6.0 + 8) / room)));
  std::string svg;
  for (size_t i = 0; i < n; ++i) {
    const bool last = i + 1 == n;
    if (i % every != 0 && !last) continue;
    if (!last && i != 0 && n - 1 - i < every) continue;  // would crowd the last label
    svg += Text(f.X(i, n), f.bottom + 12, points[i].label, "middle", 9);
  }
  return svg;
}

std::string Threshold(const Frame& f, std::optional<double> value, const char* name,
                      const char* colour, bool labelled) {
  if (!value || !f.Shows(*value)) return "";
  const double y = f.Y(*value);
  std::string svg = Line(f.left, y, f.right, y, colour, " stroke-dasharray=\"4 3\"");
  if (labelled) svg += Text(f.left + 3, y - 2, name, "start", 8);
  return svg;
}

std::string Series(const Frame& f, const std::vector<ChartPoint>& points, bool sparkline) {
  std::string path, dots;
  bool pen_down = false;
  const size_t n = points.size();
  for (size_t i = 0; i < n; ++i) {
    if (!points[i].value || !std::isfinite(*points[i].value)) {
      pen_down = false;
      continue;
    }
    const double x = f.X(i, n), y = f.Y(*points[i].value);
    path += (pen_down ? " L" : " M") + Num(x) + " " + Num(y);
    pen_down = true;
    dots += "<circle cx=\"" + Num(x) + "\" cy=\"" + Num(y) + "\" r=\"" + (sparkline ? "2" : "3") +
            "\" fill=\"" + StatusColour(points[i].status) + "\"><title>" +
            XmlEscape(points[i].label + ": " + FormatNumber(*points[i].value, 4) +
                      (points[i].status.empty() ? "" : " (" + points[i].status + ")")) +
            "</title></circle>\n";
  }
  std::string svg;
  if (!path.empty()) {
    svg = "<path d=\"" + path.substr(1) + "\" fill=\"none\" stroke=\"" + kLineColour +
          "\" stroke-width=\"1.5\" stroke-linejoin=\"round\"/>\n";
  }
  return svg + dots;
}

}  // namespace

const char* StatusColour(const std::string& status) {
  if (status == "success") return "#2e7d32";
  if (status == "warn") return "#f9a825";
  if (status == "fail") return "#c62828";
  if (status == "aborted") return "#9e9e9e";
  return kLineColour;
}

std::string XmlEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::vector<double> NiceTicks(double lo, double hi) {
  if (!(hi > lo)) {
    const double pad = lo == 0 ? 1 : std::abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  double step = std::pow(10.0, std::floor(std::log10((hi - lo) / 10)));
  static constexpr double kMantissas[] = {1, 2, 2.5, 5};
  for (int i = 0;; ++i) {  // 1, 2, 2.5, 5 × 10^k, ascending until ≤ 5 ticks
    const double s = step * kMantissas[i % 4] * std::pow(10.0, i / 4);
    const double first = std::floor(lo / s + 1e-9) * s, last = std::ceil(hi / s - 1e-9) * s;
    const int count = static_cast<int>(std::lround((last - first) / s)) + 1;
    if (count > 5) continue;
    std::vector<double> ticks;
    for (int k = 0; k < count; ++k) ticks.push_back(first + k * s == 0 ? 0.0 : first + k * s);
    if (count >= 3) return ticks;
    ticks.insert(ticks.begin(), first - s);  // a lone step: one more tick below
    return ticks;
  }
}

std::string LineChartSvg(const std::vector<ChartPoint>& points, const ChartOptions& options) {
  const double w = options.width, h = options.height;
  double lo = HUGE_VAL, hi = -HUGE_VAL;
  for (const auto& p : points) {
    if (p.value && std::isfinite(*p.value))
      lo = std::min(lo, *p.value), hi = std::max(hi, *p.value);
  }
  if (lo > hi) lo = hi = 0;
  if (options.y_min) lo = std::min(lo, *options.y_min);
  if (options.y_max) hi = std::max(hi, *options.y_max);
  const std::vector<double> ticks = NiceTicks(lo, hi);
  const bool axes = !options.sparkline;
  Frame f{axes ? 46.0 : 3.0,
          w - (axes ? 24.0 : 3.0),
          axes ? 20.0 : 3.0,
          h - (axes ? 18.0 : 3.0),
          axes ? ticks.front() : (lo < hi ? lo : ticks.front()),
          axes ? ticks.back() : (lo < hi ? hi : ticks.back())};
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                    std::to_string(options.width) + "\" height=\"" +
                    std::to_string(options.height) + "\" viewBox=\"0 0 " +
                    std::to_string(options.width) + " " + std::to_string(options.height) +
                    "\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n";
  svg += "<title>" + XmlEscape(options.title) + "</title>\n";
  svg += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  if (axes) {
    svg += Text(4, 13, options.title, "start", 11, " font-weight=\"bold\"");
    if (!options.y_label.empty()) {
      const std::string rotate =
          " transform=\"rotate(-90 10 " + Num((f.top + f.bottom) / 2) + ")\"";
      svg += Text(10, (f.top + f.bottom) / 2, options.y_label, "middle", 9, rotate.c_str());
    }
    svg += Axes(f, ticks) + XLabels(f, points);
  }
  svg += Threshold(f, options.warn, "warn", StatusColour("warn"), axes);
  svg += Threshold(f, options.fail, "fail", StatusColour("fail"), axes);
  svg += Series(f, points, options.sparkline);
  return svg + "</svg>\n";
}

}  // namespace linea::quality
