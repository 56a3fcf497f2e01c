#include "quality/check_kinds.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "common/status_macros.h"
#include "common/strings.h"
#include "quality/format.h"

namespace linea::quality {
namespace {

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

// The alias of "fail" a kind accepts, or "".
std::string_view FailAlias(std::string_view kind) {
  if (kind == "statistics") return "k";
  if (kind == "freshness") return "max_lag_hours";
  return "";
}

std::vector<KindSpec> BuildTable() {
  const ParamSpec periods{"reference_periods", 6};
  auto ratio = [&](double warn, double fail) {
    return std::vector<ParamSpec>{{"fail", fail}, periods, {"warn", warn}};
  };
  return {
      {"freshness",
       {{"fail", 48}, {"max_lag_hours", std::nullopt}, periods, {"warn", 24}},
       {"lag_hours", "max_event_time_ms", "partition_present"}},
      {"volume", ratio(0.15, 0.30), {"row_count"}},
      {"schema", {periods}, {}},
      {"null_rate",
       {{"fail", 0.10}, {"max", std::nullopt}, periods, {"warn", 0.05}},
       {"null_count", "row_count"}},
      {"distinct", ratio(0.15, 0.30), {"distinct_count"}},
      {"statistics",
       {{"fail", 3},
        {"k", std::nullopt},
        {"max", std::nullopt},
        {"min", std::nullopt},
        periods,
        {"warn", 2}},
       {"min", "max", "mean", "std", "p25", "p50", "p75"}},
      {"drift", ratio(0.10, 0.25), {}},
      {"score_drift", ratio(0.10, 0.25), {}},
      {"assertion", {periods}, {}},
  };
}

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

Status ValidateKind(const model::QualityCheck& check) {
  if (FindKind(check.kind) != nullptr) return Status::OK();
  std::vector<std::pair<size_t, std::string>> ranked;  // (edit distance, kind), closest first
  for (const KindSpec& spec : CheckKindTable()) {
    const size_t distance = EditDistance(check.kind, spec.kind, 3);
    if (distance <= 3) ranked.emplace_back(distance, spec.kind);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> close;
  for (auto& [distance, kind] : ranked) close.push_back(std::move(kind));
  std::string message = "unknown check kind " + Quoted(check.kind);
  if (!close.empty()) message += "; did you mean " + Quoted(close.front()) + "?";
  return Status(StatusCode::kInvalidArgument, message, close);
}

Status ValidateParams(const model::QualityCheck& check, const KindSpec& spec) {
  std::vector<std::string> accepted;
  for (const ParamSpec& p : spec.params) accepted.push_back(p.key);
  for (const auto& [key, value] : check.params) {
    if (std::find(accepted.begin(), accepted.end(), key) == accepted.end()) {
      return InvalidArgumentError("param " + Quoted(key) + " is not accepted by a " +
                                  Quoted(check.kind) + " check (accepted: " + Join(accepted, ", ") +
                                  ")");
    }
    if (!std::isfinite(value))
      return InvalidArgumentError("param " + Quoted(key) + " is not finite");
    const bool threshold = key == "warn" || key == "fail" || key == FailAlias(check.kind);
    if (threshold && value < 0) {
      return InvalidArgumentError("param " + Quoted(key) + " must be ≥ 0, got " +
                                  FormatNumber(value, 6));
    }
  }
  return Status::OK();
}

Status ValidateThresholds(const model::QualityCheck& check) {
  const std::string_view alias = FailAlias(check.kind);
  if (!alias.empty() && check.params.count(std::string(alias)) && check.params.count("fail")) {
    return InvalidArgumentError("params " + Quoted(alias) +
                                " and \"fail\" both set the fail "
                                "threshold; give one");
  }
  const double periods = Param(check, "reference_periods");
  if (periods < 1 || periods > kMaxReferencePeriods || periods != std::floor(periods)) {
    return InvalidArgumentError("param \"reference_periods\" must be a whole number from 1 to " +
                                std::to_string(kMaxReferencePeriods) + ", got " +
                                FormatNumber(periods, 6));
  }
  const auto warn = FindParam(check, "warn");
  if (warn && !(*warn < FailThreshold(check))) {
    const std::string fail_key =
        alias.empty() || !check.params.count(std::string(alias)) ? "fail" : std::string(alias);
    return InvalidArgumentError("param \"warn\" (" + FormatNumber(*warn, 6) + ") must be below " +
                                Quoted(fail_key) + " (" + FormatNumber(FailThreshold(check), 6) +
                                ")");
  }
  const auto min = FindParam(check, "min"), max = FindParam(check, "max");
  if (check.kind == "null_rate" && max && (*max < 0 || *max > 1)) {
    return InvalidArgumentError("param \"max\" of a null_rate check is a share in [0, 1], got " +
                                FormatNumber(*max, 6));
  }
  if (min && max && *min > *max) {
    return InvalidArgumentError("param \"min\" (" + FormatNumber(*min, 6) + ") is above \"max\" (" +
                                FormatNumber(*max, 6) + ")");
  }
  return Status::OK();
}

Status ValidateColumns(const model::QualityCheck& check) {
  if (check.kind != "schema") {
    if (check.columns.empty()) return Status::OK();
    return InvalidArgumentError("columns apply only to \"schema\" checks, not " +
                                Quoted(check.kind));
  }
  if (check.columns.empty()) {
    return InvalidArgumentError("a \"schema\" check needs columns, one \"name:type\" each");
  }
  std::set<std::string> names;
  for (const std::string& column : check.columns) {
    const size_t colon = column.find(':');
    if (colon == std::string::npos || Trim(column.substr(0, colon)).empty() ||
        Trim(column.substr(colon + 1)).empty()) {
      return InvalidArgumentError("column " + Quoted(column) + " is not \"name:type\"");
    }
    if (!names.insert(ToLower(Trim(column.substr(0, colon)))).second) {
      return InvalidArgumentError("column " + Quoted(Trim(column.substr(0, colon))) +
                                  " appears twice");
    }
  }
  return Status::OK();
}

}  // namespace

const std::vector<KindSpec>& CheckKindTable() {
  static const std::vector<KindSpec> table = BuildTable();
  return table;
}

const KindSpec* FindKind(std::string_view kind) {
  for (const KindSpec& spec : CheckKindTable()) {
    if (spec.kind == kind) return &spec;
  }
  return nullptr;
}

Status ValidateCheck(const model::QualityCheck& check) {
  LINEA_RETURN_IF_ERROR(ValidateKind(check));
  LINEA_RETURN_IF_ERROR(ValidateParams(check, *FindKind(check.kind)));
  LINEA_RETURN_IF_ERROR(ValidateThresholds(check));
  if (check.severity != "high" && check.severity != "low") {
    return InvalidArgumentError("severity must be \"high\" or \"low\", got " +
                                Quoted(check.severity));
  }
  return ValidateColumns(check);
}

std::optional<double> FindParam(const model::QualityCheck& check, std::string_view key) {
  const KindSpec* spec = FindKind(check.kind);
  if (spec == nullptr) return std::nullopt;
  for (const ParamSpec& p : spec->params) {
    if (p.key != key) continue;
    auto it = check.params.find(p.key);
    if (it != check.params.end()) return it->second;
    return p.default_value;
  }
  return std::nullopt;
}

double Param(const model::QualityCheck& check, std::string_view key) {
  return FindParam(check, key).value_or(kNone);
}

double FailThreshold(const model::QualityCheck& check) {
  const std::string_view alias = FailAlias(check.kind);
  if (!alias.empty()) {
    if (auto value = FindParam(check, alias)) return *value;
  }
  return Param(check, "fail");
}

model::QualityCheck DefaultCheck(std::string_view asset, std::string_view kind) {
  model::QualityCheck check;
  check.asset = std::string(asset);
  check.name = std::string(kind);
  check.kind = std::string(kind);
  check.provenance = "default";
  return check;
}

}  // namespace linea::quality
