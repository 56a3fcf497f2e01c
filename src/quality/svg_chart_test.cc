#include "quality/svg_chart.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>

namespace linea::quality {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// A tiny well-formedness check: every start tag is closed in order (no DTD, no CDATA in ours).
bool BalancedTags(const std::string& xml) {
  std::vector<std::string> open;
  const std::regex tag(R"(<(/?)([a-zA-Z]+)[^<>]*?(/?)>)");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), tag); it != std::sregex_iterator();
       ++it) {
    const auto& m = *it;
    if (m[3] == "/") continue;  // <x/>
    if (m[1] == "/") {
      if (open.empty() || open.back() != m[2]) return false;
      open.pop_back();
    } else {
      open.push_back(m[2]);
    }
  }
  return open.empty();
}

std::vector<ChartPoint> Psi12() {
  return {{"2025-12", 0.02, "success"}, {"2026-01", 0.03, "success"},
          {"2026-02", 0.05, "success"}, {"2026-03", std::nullopt, "aborted"},
          {"2026-04", 0.04, "success"}, {"2026-05", 0.06, "success"},
          {"2026-06", 0.08, "success"}, {"2026-07", 0.12, "warn"},
          {"2026-08", 0.11, "warn"},    {"2026-09", 0.18, "warn"},
          {"2026-10", 0.27, "fail"},    {"2026-11", 0.31, "fail"}};
}

TEST(SvgChartTest, DotsByStatusThresholdsAndEscapedTitle) {
  ChartOptions options{"PSI of <mart>.score & \"x\"", "PSI", 0.10, 0.25};
  const std::string svg = LineChartSvg(Psi12(), options);
  EXPECT_EQ(Count(svg, "<circle"), 11u);  // 12 points, one gap
  EXPECT_EQ(Count(svg, "fill=\"#2e7d32\""), 6u);
  EXPECT_EQ(Count(svg, "fill=\"#f9a825\""), 3u);
  EXPECT_EQ(Count(svg, "fill=\"#c62828\""), 2u);
  EXPECT_EQ(Count(svg, "stroke-dasharray"), 2u);  // warn and fail lines
  EXPECT_THAT(svg, HasSubstr("PSI of &lt;mart&gt;.score &amp; &quot;x&quot;"));
  EXPECT_THAT(svg, Not(HasSubstr("<mart>")));
  EXPECT_EQ(Count(svg, "<path"), 1u);
  EXPECT_EQ(Count(svg, " M"), 1u);  // the gap starts a second sub-path: "M… L… M… L…"
  EXPECT_THAT(svg, HasSubstr(">2025-12</text>"));
  EXPECT_THAT(svg, HasSubstr(">2026-11</text>"));
  EXPECT_TRUE(BalancedTags(svg));

  const std::string path = ::testing::TempDir() + "quality_chart.svg";
  std::ofstream(path) << svg;
  if (std::system("command -v xmllint >/dev/null 2>&1") == 0) {
    EXPECT_EQ(std::system(("xmllint --noout " + path).c_str()), 0);
  }
}

TEST(SvgChartTest, ThresholdsOutsideTheRangeAreNotDrawn) {
  ChartOptions options{"rows", "", 0.10, 0.25};
  const std::string svg = LineChartSvg({{"a", 1000, "success"}, {"b", 1200, "warn"}}, options);
  EXPECT_EQ(Count(svg, "stroke-dasharray"), 0u);
  EXPECT_TRUE(BalancedTags(svg));
  const std::string big =
      LineChartSvg({{"a", 1e6, ""}, {"b", 1.04e6, ""}, {"c", 7.2e5, "fail"}}, ChartOptions{"rows"});
  EXPECT_THAT(big, HasSubstr(">1.1M</text>"));
  EXPECT_THAT(big, HasSubstr(">700k</text>"));
}

TEST(SvgChartTest, TheYRangeCoversYMinAndYMaxSoThresholdsShow) {
  // PSI noise around 0.001: without a range the chart spans the noise and the 0.25 line is out
  // of it; with y 0…0.25 the line is drawn and the ticks start at 0.
  const std::vector<ChartPoint> noise = {{"a", 0.001, "success"}, {"b", 0.002, "success"}};
  EXPECT_EQ(Count(LineChartSvg(noise, ChartOptions{"psi", "", 0.10, 0.25}), "stroke-dasharray"),
            0u);
  ChartOptions ranged{"psi", "", 0.10, 0.25};
  ranged.y_min = 0.0;
  ranged.y_max = 0.25;
  const std::string svg = LineChartSvg(noise, ranged);
  EXPECT_EQ(Count(svg, "stroke-dasharray"), 2u);
  EXPECT_THAT(svg, HasSubstr(">0</text>"));
  EXPECT_TRUE(BalancedTags(svg));
}

TEST(SvgChartTest, SparklineHasNoAxesOrText) {
  ChartOptions options{"spark", "", 0.10, 0.25, 120, 24, true};
  const std::string svg = LineChartSvg(Psi12(), options);
  EXPECT_EQ(Count(svg, "<text"), 0u);
  EXPECT_EQ(Count(svg, "<circle"), 11u);
  EXPECT_EQ(Count(svg, "stroke-dasharray"), 2u);
  EXPECT_EQ(Count(svg, "<title>spark</title>"), 1u);
  EXPECT_TRUE(BalancedTags(svg));
}

TEST(SvgChartTest, EmptyAndAllMissingSeriesStillRender) {
  EXPECT_TRUE(BalancedTags(LineChartSvg({}, ChartOptions{"none"})));
  const std::string svg = LineChartSvg({{"a", std::nullopt, "aborted"}}, ChartOptions{"gap"});
  EXPECT_EQ(Count(svg, "<circle"), 0u);
  EXPECT_TRUE(BalancedTags(svg));
}

TEST(SvgChartTest, NiceTicks) {
  EXPECT_THAT(NiceTicks(0.02, 0.31), ElementsAre(0.0, 0.1, 0.2, 0.30000000000000004, 0.4));
  EXPECT_THAT(NiceTicks(1000, 1200), ElementsAre(1000, 1050, 1100, 1150, 1200));
  EXPECT_THAT(NiceTicks(5, 5), ElementsAre(4.5, 4.75, 5, 5.25, 5.5));  // ±10 %
}

TEST(SvgChartTest, XmlEscape) { EXPECT_EQ(XmlEscape("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&apos;"); }

}  // namespace
}  // namespace linea::quality
