#include "codec/quality_json.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "common/status_macros.h"
#include "common/time_text.h"

namespace linea::codec {
namespace {

std::string At(const std::string& path, const char* key) { return path + "." + key; }

Result<std::string> OptString(const Json& j, const char* key, const std::string& path) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::string();
  if (!it->is_string()) return InvalidArgumentError(At(path, key) + ": expected a string");
  return it->get<std::string>();
}

Result<double> Number(const Json& v, const std::string& path) {
  if (v.is_number()) {
    double d = v.get<double>();
    if (std::isfinite(d)) return d;
  }
  if (v.is_string()) {  // OpenMetadata's testResultValue carries numbers as strings
    const std::string& s = v.get_ref<const std::string&>();
    double d = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (ec == std::errc() && end == s.data() + s.size() && std::isfinite(d)) return d;
  }
  return InvalidArgumentError(path + ": expected a finite number");
}

Result<std::vector<double>> Numbers(const Json& j, const char* key, const std::string& path) {
  std::vector<double> out;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return out;
  if (!it->is_array()) return InvalidArgumentError(At(path, key) + ": expected an array");
  for (size_t i = 0; i < it->size(); ++i) {
    LINEA_ASSIGN_OR_RETURN(double d,
                           Number((*it)[i], At(path, key) + "[" + std::to_string(i) + "]"));
    out.push_back(d);
  }
  return out;
}

Result<std::vector<std::string>> Strings(const Json& j, const char* key, const std::string& path) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return out;
  if (!it->is_array()) return InvalidArgumentError(At(path, key) + ": expected an array");
  for (size_t i = 0; i < it->size(); ++i) {
    if (!(*it)[i].is_string()) {
      return InvalidArgumentError(At(path, key) + "[" + std::to_string(i) + "]: expected a string");
    }
    out.push_back((*it)[i].get<std::string>());
  }
  return out;
}

Result<std::string> DecodeStatus(const Json& j, const std::string& path) {
  LINEA_ASSIGN_OR_RETURN(std::string status, OptString(j, "status", path));
  std::string key = "status";
  if (status.empty()) {
    LINEA_ASSIGN_OR_RETURN(status, OptString(j, "testCaseStatus", path));
    key = "testCaseStatus";
  }
  std::string lower = status;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower.empty() || lower == "success" || lower == "warn" || lower == "fail" ||
      lower == "aborted") {
    return lower;
  }
  if (lower == "failed") return std::string("fail");
  if (lower == "warning") return std::string("warn");
  return InvalidArgumentError(path + "." + key + ": \"" + status +
                              "\" is not a status (success, warn, fail, aborted)");
}

Result<model::Distribution> DecodeDistribution(const Json& j, const std::string& path) {
  model::Distribution d;
  if (!j.is_object()) return InvalidArgumentError(path + ": expected an object");
  LINEA_ASSIGN_OR_RETURN(d.edges, Numbers(j, "edges", path));
  LINEA_ASSIGN_OR_RETURN(d.counts, Numbers(j, "counts", path));
  LINEA_ASSIGN_OR_RETURN(d.categories, Strings(j, "categories", path));
  if (auto it = j.find("quantiles"); it != j.end() && !it->is_null()) {
    if (!it->is_array()) return InvalidArgumentError(At(path, "quantiles") + ": expected an array");
    for (size_t i = 0; i < it->size(); ++i) {
      const std::string at = At(path, "quantiles") + "[" + std::to_string(i) + "]";
      const Json& q = (*it)[i];
      if (!q.is_array() || q.size() != 2) {
        return InvalidArgumentError(at + ": expected [p, value]");
      }
      LINEA_ASSIGN_OR_RETURN(double p, Number(q[0], at + "[0]"));
      LINEA_ASSIGN_OR_RETURN(double v, Number(q[1], at + "[1]"));
      if (p < 0 || p > 1) return InvalidArgumentError(at + "[0]: p must lie in [0, 1]");
      d.quantiles.emplace_back(p, v);
    }
  }
  if (auto it = j.find("missing"); it != j.end() && !it->is_null()) {
    LINEA_ASSIGN_OR_RETURN(d.missing, Number(*it, At(path, "missing")));
  }
  for (size_t i = 0; i < d.counts.size(); ++i) {
    if (d.counts[i] < 0) {
      return InvalidArgumentError(At(path, "counts") + "[" + std::to_string(i) +
                                  "]: a count cannot be negative");
    }
  }
  if (d.missing < 0) return InvalidArgumentError(At(path, "missing") + ": cannot be negative");
  if (!d.edges.empty() && !d.categories.empty()) {
    return InvalidArgumentError(path + ": either edges (numeric) or categories, not both");
  }
  if (!d.edges.empty() && d.edges.size() != d.counts.size() + 1) {
    return InvalidArgumentError(path + ": " + std::to_string(d.edges.size()) + " edges need " +
                                std::to_string(d.edges.size() - 1) + " counts, not " +
                                std::to_string(d.counts.size()));
  }
  if (!d.categories.empty() && d.categories.size() != d.counts.size()) {
    return InvalidArgumentError(path + ": " + std::to_string(d.categories.size()) +
                                " categories need as many counts, not " +
                                std::to_string(d.counts.size()));
  }
  if (d.edges.empty() && d.categories.empty() && !d.counts.empty()) {
    return InvalidArgumentError(path + ": counts need edges or categories");
  }
  if (!std::is_sorted(d.edges.begin(), d.edges.end())) {
    return InvalidArgumentError(At(path, "edges") + ": must be ascending");
  }
  return d;
}

Result<std::vector<std::pair<std::string, double>>> DecodeMetrics(const Json& j,
                                                                  const std::string& path) {
  std::vector<std::pair<std::string, double>> out;
  if (auto it = j.find("metrics"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) return InvalidArgumentError(At(path, "metrics") + ": expected an object");
    for (auto m = it->begin(); m != it->end(); ++m) {
      LINEA_ASSIGN_OR_RETURN(double v, Number(m.value(), At(path, "metrics") + "." + m.key()));
      out.emplace_back(m.key(), v);
    }
  }
  if (auto it = j.find("testResultValue"); it != j.end() && !it->is_null()) {
    const std::string list = At(path, "testResultValue");
    if (!it->is_array()) return InvalidArgumentError(list + ": expected an array");
    for (size_t i = 0; i < it->size(); ++i) {
      const std::string at = list + "[" + std::to_string(i) + "]";
      const Json& m = (*it)[i];
      if (!m.is_object() || !m.contains("name") || !m["name"].is_string()) {
        return InvalidArgumentError(at + ": expected {\"name\", \"value\"}");
      }
      LINEA_ASSIGN_OR_RETURN(double v, Number(m.value("value", Json()), at + ".value"));
      out.emplace_back(m["name"].get<std::string>(), v);
    }
  }
  return out;
}

}  // namespace

Result<model::QualityResult> DecodeQualityResult(const Json& j, const std::string& path) {
  if (!j.is_object()) return InvalidArgumentError(path + ": expected an object");
  model::QualityResult r;
  LINEA_ASSIGN_OR_RETURN(r.asset, OptString(j, "asset", path));
  if (r.asset.empty()) return InvalidArgumentError(At(path, "asset") + ": required");
  LINEA_ASSIGN_OR_RETURN(r.check, OptString(j, "check", path));
  LINEA_ASSIGN_OR_RETURN(r.kind, OptString(j, "kind", path));
  auto ts = j.find("timestamp");
  if (ts == j.end() || !ts->is_number_integer() || ts->get<int64_t>() <= 0) {
    return InvalidArgumentError(At(path, "timestamp") +
                                ": required, unix milliseconds (a positive integer)");
  }
  r.timestamp_ms = ts->get<int64_t>();
  LINEA_ASSIGN_OR_RETURN(r.period, OptString(j, "period", path));
  if (r.period.empty()) {
    LINEA_ASSIGN_OR_RETURN(r.period, OptString(j, "partition", path));
  }
  LINEA_ASSIGN_OR_RETURN(r.status, DecodeStatus(j, path));
  if (auto it = j.find("value"); it != j.end() && !it->is_null()) {
    LINEA_ASSIGN_OR_RETURN(double v, Number(*it, At(path, "value")));
    r.value = v;
  }
  LINEA_ASSIGN_OR_RETURN(r.message, OptString(j, "message", path));
  if (r.message.empty()) {
    LINEA_ASSIGN_OR_RETURN(r.message, OptString(j, "result", path));
  }
  LINEA_ASSIGN_OR_RETURN(r.metrics, DecodeMetrics(j, path));
  if (auto it = j.find("distribution"); it != j.end() && !it->is_null()) {
    LINEA_ASSIGN_OR_RETURN(r.distribution, DecodeDistribution(*it, At(path, "distribution")));
  }
  LINEA_ASSIGN_OR_RETURN(r.columns, Strings(j, "columns", path));
  LINEA_ASSIGN_OR_RETURN(r.source, OptString(j, "source", path));
  return r;
}

Result<std::vector<model::QualityResult>> DecodeQualityResults(const Json& json,
                                                               const std::string& source,
                                                               const std::string& provenance) {
  const Json* list = &json;
  std::string path = "results";
  if (json.is_object()) {
    auto it = json.find("results");
    if (it == json.end()) return InvalidArgumentError("results: required");
    list = &*it;
  }
  if (!list->is_array()) return InvalidArgumentError(path + ": expected an array of results");
  std::vector<model::QualityResult> out;
  out.reserve(list->size());
  for (size_t i = 0; i < list->size(); ++i) {
    LINEA_ASSIGN_OR_RETURN(model::QualityResult r,
                           DecodeQualityResult((*list)[i], path + "[" + std::to_string(i) + "]"));
    if (r.source.empty()) r.source = source;
    r.provenance = provenance;
    out.push_back(std::move(r));
  }
  return out;
}

Json EncodeQualityResult(const model::QualityResult& r) {
  Json j = {{"asset", r.asset},
            {"check", r.check},
            {"kind", r.kind},
            {"timestamp", r.timestamp_ms},
            {"time", UtcText(r.timestamp_ms)},
            {"status", r.status}};
  if (!r.period.empty()) j["period"] = r.period;
  if (r.value) j["value"] = *r.value;
  if (r.reference) j["reference"] = *r.reference;
  if (!r.threshold.empty()) j["threshold"] = r.threshold;
  if (!r.message.empty()) j["message"] = r.message;
  if (!r.metrics.empty()) {
    Json m = Json::object();
    for (const auto& [name, value] : r.metrics) m[name] = value;
    j["metrics"] = std::move(m);
  }
  const model::Distribution& d = r.distribution;
  if (!d.empty() || d.missing > 0) {
    Json dist = Json::object();
    if (!d.edges.empty()) dist["edges"] = d.edges;
    if (!d.categories.empty()) dist["categories"] = d.categories;
    if (!d.counts.empty()) dist["counts"] = d.counts;
    if (!d.quantiles.empty()) {
      Json q = Json::array();
      for (const auto& [p, v] : d.quantiles) q.push_back({p, v});
      dist["quantiles"] = std::move(q);
    }
    if (d.missing > 0) dist["missing"] = d.missing;
    j["distribution"] = std::move(dist);
  }
  if (!r.columns.empty()) j["columns"] = r.columns;
  if (!r.source.empty()) j["source"] = r.source;
  if (!r.provenance.empty()) j["provenance"] = r.provenance;
  return j;
}

Json EncodeQualityCheck(const model::QualityCheck& c) {
  Json j = {{"asset", c.asset}, {"name", c.name}, {"kind", c.kind}, {"severity", c.severity}};
  if (!c.params.empty()) {
    Json p = Json::object();
    for (const auto& [key, value] : c.params) p[key] = value;
    j["params"] = std::move(p);
  }
  if (!c.columns.empty()) j["columns"] = c.columns;
  if (!c.description.empty()) j["description"] = c.description;
  if (!c.provenance.empty()) j["provenance"] = c.provenance;
  return j;
}

}  // namespace linea::codec
