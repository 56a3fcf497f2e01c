#include "ingest/openlineage/quality_facets.h"

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>

#include "model/fqn.h"

namespace linea::openlineage {
namespace {

using Json = nlohmann::json;

std::optional<double> NumberAt(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

model::QualityResult Result(const std::string& asset, const std::string& kind, int64_t at,
                            const std::string& job) {
  model::QualityResult r;
  r.asset = asset;
  r.check = kind;
  r.kind = kind;
  r.timestamp_ms = at;
  r.source = "openlineage";
  r.provenance = "openlineage:" + job;
  return r;
}

void ColumnResults(const std::string& column, const Json& m, std::optional<double> rows, int64_t at,
                   const std::string& job, std::vector<model::QualityResult>* out) {
  if (std::optional<double> nulls = NumberAt(m, "nullCount"); nulls && rows && *rows > 0) {
    model::QualityResult r = Result(column, "null_rate", at, job);
    r.metrics = {{"null_count", *nulls}, {"row_count", *rows}};
    out->push_back(std::move(r));
  }
  if (std::optional<double> distinct = NumberAt(m, "distinctCount")) {
    model::QualityResult r = Result(column, "distinct", at, job);
    r.metrics = {{"distinct_count", *distinct}};
    out->push_back(std::move(r));
  }
  std::vector<std::pair<double, double>> quantiles;
  if (auto q = m.find("quantiles"); q != m.end() && q->is_object()) {
    for (auto it = q->begin(); it != q->end(); ++it) {
      char* end = nullptr;
      const double p = std::strtod(it.key().c_str(), &end);
      if (end == it.key().c_str() || *end != '\0' || p < 0 || p > 1 || !it->is_number()) continue;
      quantiles.emplace_back(p, it->get<double>());
    }
    std::sort(quantiles.begin(), quantiles.end());
  }
  model::QualityResult stats = Result(column, "statistics", at, job);
  for (const char* key : {"min", "max"}) {
    if (std::optional<double> v = NumberAt(m, key)) stats.metrics.emplace_back(key, *v);
  }
  std::optional<double> sum = NumberAt(m, "sum"), count = NumberAt(m, "count");
  if (sum && count && *count > 0) stats.metrics.emplace_back("mean", *sum / *count);
  for (auto [p, name] : {std::pair{0.25, "p25"}, {0.5, "p50"}, {0.75, "p75"}}) {
    for (const auto& [q, v] : quantiles) {
      if (q == p) stats.metrics.emplace_back(name, v);
    }
  }
  if (!stats.metrics.empty()) out->push_back(std::move(stats));
  if (quantiles.size() >= 3) {
    model::QualityResult drift = Result(column, "drift", at, job);
    drift.distribution.quantiles = std::move(quantiles);
    // Quantiles describe the non-null values only: the nulls take part in PSI through the
    // row count (quality/psi.h QuantilesToBins), so without one they are left out.
    if (rows && *rows > 0) {
      drift.distribution.missing = NumberAt(m, "nullCount").value_or(0);
      drift.metrics = {{"row_count", *rows}};
    }
    out->push_back(std::move(drift));
  }
}

}  // namespace

std::vector<model::QualityResult> QualityResultsOf(const std::string& fqn,
                                                   const std::string& quality_json,
                                                   int64_t event_time_ms, const std::string& job) {
  std::vector<model::QualityResult> out;
  const Json facets = Json::parse(quality_json, nullptr, /*allow_exceptions=*/false);
  if (!facets.is_object() || event_time_ms <= 0) return out;
  if (auto metrics = facets.find("dataQualityMetrics");
      metrics != facets.end() && metrics->is_object()) {
    std::optional<double> rows = NumberAt(*metrics, "rowCount");
    if (rows) {
      model::QualityResult r = Result(fqn, "volume", event_time_ms, job);
      r.metrics = {{"row_count", *rows}};
      if (std::optional<double> bytes = NumberAt(*metrics, "bytes")) {
        r.metrics.emplace_back("bytes", *bytes);
      }
      out.push_back(std::move(r));
    }
    if (auto columns = metrics->find("columnMetrics");
        columns != metrics->end() && columns->is_object()) {
      for (auto it = columns->begin(); it != columns->end(); ++it) {
        if (!it->is_object() || it.key().empty()) continue;
        ColumnResults(model::JoinFqn(fqn, it.key()), *it, rows, event_time_ms, job, &out);
      }
    }
  }
  if (auto assertions = facets.find("dataQualityAssertions");
      assertions != facets.end() && assertions->is_object()) {
    auto list = assertions->find("assertions");
    if (list != assertions->end() && list->is_array()) {
      for (const Json& a : *list) {
        if (!a.is_object() || !a.contains("assertion") || !a["assertion"].is_string() ||
            a["assertion"].get<std::string>().empty()) {
          continue;
        }
        const std::string column = a.value("column", std::string());
        model::QualityResult r = Result(column.empty() ? fqn : model::JoinFqn(fqn, column),
                                        "assertion", event_time_ms, job);
        r.check = a["assertion"].get<std::string>();
        r.status = a.value("success", true) ? "success" : "fail";
        r.message = "reported by " + job;
        out.push_back(std::move(r));
      }
    }
  }
  return out;
}

}  // namespace linea::openlineage
