#include "generate/quality_history.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "common/time_text.h"
#include "model/fqn.h"

namespace linea::generate {
namespace {

constexpr int kBins = 24;
constexpr double kBinSpanSigmas = 4.0;

// SplitMix64: a small, well-mixed hash for per-column constants and noise.
uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t HashOf(const std::string& text, uint64_t seed) {
  uint64_t h = seed;
  for (unsigned char c : text) h = Mix(h ^ c);
  return h;
}

// A value in [0, 1) from a hash.
double Unit(uint64_t h) { return static_cast<double>(h >> 11) * 0x1.0p-53; }

double NormalCdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

bool ParseMonth(const std::string& text, int* year, int* month) {
  if (!IsMonth(text)) return false;
  *year = std::stoi(text.substr(0, 4));
  *month = std::stoi(text.substr(5, 2));
  return true;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

// 06:00 UTC on the first day after the month.
int64_t MeasuredAt(int year, int month) {
  const int next_year = month == 12 ? year + 1 : year;
  const unsigned next_month = month == 12 ? 1 : static_cast<unsigned>(month + 1);
  return (DaysFromCivil(next_year, next_month, 1) * 86400 + 6 * 3600) * 1000;
}

std::string TableOf(const std::string& column) {
  Result<model::Fqn> fqn = model::Fqn::Parse(column);
  return fqn.ok() && fqn->size() > 1 ? fqn->Prefix().ToString() : std::string();
}

// The column's own distribution: μ in [10, 1000), σ in [μ/20, μ/4).
struct ColumnShape {
  double mean, sd, null_rate;
};

ColumnShape ShapeOf(const std::string& column, uint64_t seed) {
  const uint64_t h = HashOf(column, seed);
  const double mean = 10 + 990 * Unit(Mix(h));
  return {mean, mean * (0.05 + 0.2 * Unit(Mix(h + 1))), 0.002 + 0.02 * Unit(Mix(h + 2))};
}

}  // namespace

QualityHistory GenerateQualityHistory(const model::Delta& mesh,
                                      const QualityHistoryOptions& options) {
  std::set<std::string> features;
  for (const model::Asset& a : mesh.upsert_assets) {
    if (a.kind == model::AssetKind::kFeature) features.insert(a.fqn);
  }
  std::set<std::string> columns;
  std::map<std::string, std::set<std::string>> models_of;  // column → models it feeds
  for (const model::EdgeSet& set : mesh.replace_edges) {
    for (const model::Edge& e : set.edges) {
      if (!features.contains(e.to)) continue;
      columns.insert(e.from);
      models_of[e.from].insert(TableOf(e.to));
    }
  }
  std::erase_if(columns, [](const std::string& c) { return TableOf(c).empty(); });

  QualityHistory out;
  out.drifted_column = options.drifted_column;
  if (out.drifted_column.empty()) {
    size_t best = 0;
    for (const std::string& c : columns) {
      if (c.find(".mart_") == std::string::npos) continue;
      if (models_of[c].size() > best) {
        best = models_of[c].size();
        out.drifted_column = c;
      }
    }
  }
  std::set<std::string> tables;
  for (const std::string& c : columns) tables.insert(TableOf(c));
  out.columns = columns.size();
  out.tables = tables.size();

  for (size_t p = 0; p < options.periods.size(); ++p) {
    int year = 0, month = 0;
    if (!ParseMonth(options.periods[p], &year, &month)) continue;
    const int64_t at = MeasuredAt(year, month);
    const bool last = p + 1 == options.periods.size();
    auto noise = [&](const std::string& key, int salt) {  // a factor in [0.98, 1.02)
      return 0.98 + 0.04 * Unit(Mix(HashOf(key, options.seed) + p * 131 + salt));
    };
    for (const std::string& table : tables) {
      model::QualityResult r{.asset = table,
                             .check = "volume",
                             .kind = "volume",
                             .timestamp_ms = at,
                             .period = options.periods[p]};
      r.metrics = {{"row_count", std::round(options.rows * noise(table, 7))}};
      r.source = "generate";
      out.results.push_back(std::move(r));
    }
    for (const std::string& column : columns) {
      const ColumnShape shape = ShapeOf(column, options.seed);
      const double rows = std::round(options.rows * noise(TableOf(column), 7));
      const double nulls = std::round(rows * shape.null_rate * noise(column, 3));
      // The sample's own wobble (±0.02σ), and the drift in the last period.
      const double shift = (noise(column, 5) - 1.0) +
                           (last && column == out.drifted_column ? options.drift_sigma : 0.0);
      model::Distribution d;
      for (int b = 0; b <= kBins; ++b) {
        d.edges.push_back(shape.mean +
                          shape.sd * (-kBinSpanSigmas + 2 * kBinSpanSigmas * b / kBins));
      }
      const double values = rows - nulls;
      for (int b = 0; b < kBins; ++b) {
        // Bins are standard-normal intervals; the first and last take the tails.
        const double lo = b == 0 ? -INFINITY : -kBinSpanSigmas + 2 * kBinSpanSigmas * b / kBins;
        const double hi =
            b + 1 == kBins ? INFINITY : -kBinSpanSigmas + 2 * kBinSpanSigmas * (b + 1) / kBins;
        d.counts.push_back(std::round(values * (NormalCdf(hi - shift) - NormalCdf(lo - shift))));
      }
      d.missing = nulls;
      model::QualityResult drift{.asset = column,
                                 .check = "drift",
                                 .kind = "drift",
                                 .timestamp_ms = at,
                                 .period = options.periods[p]};
      drift.distribution = std::move(d);
      drift.metrics = {{"row_count", rows}, {"null_count", nulls}};
      drift.source = "generate";
      model::QualityResult nulls_result{.asset = column,
                                        .check = "null_rate",
                                        .kind = "null_rate",
                                        .timestamp_ms = at,
                                        .period = options.periods[p]};
      nulls_result.metrics = {{"null_count", nulls}, {"row_count", rows}};
      nulls_result.source = "generate";
      out.results.push_back(std::move(drift));
      out.results.push_back(std::move(nulls_result));
    }
  }
  return out;
}

}  // namespace linea::generate
