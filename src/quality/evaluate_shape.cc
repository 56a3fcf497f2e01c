// The schema and statistics judges of Evaluate (evaluate.h).
#include <cmath>
#include <map>
#include <string>

#include "common/strings.h"
#include "quality/check_kinds.h"
#include "quality/format.h"
#include "quality/internal/evaluate.h"
#include "quality/statistics.h"

namespace linea::quality::internal {
namespace {

// Earlier results a statistics metric needs before it is judged against their mean and σ.
constexpr size_t kMinStatisticsHistory = 3;

// "name:type" columns by lower-case name → (name as written, lower-case type), in name order.
std::map<std::string, std::pair<std::string, std::string>> ParseColumns(
    const std::vector<std::string>& columns) {
  std::map<std::string, std::pair<std::string, std::string>> out;
  for (const std::string& column : columns) {
    const size_t colon = column.find(':');
    const std::string name(Trim(column.substr(0, colon)));
    const std::string type =
        colon == std::string::npos ? "" : ToLower(Trim(column.substr(colon + 1)));
    out.emplace(ToLower(name), std::pair(name, type));
  }
  return out;
}

struct Deviation {
  std::string metric;
  double z = 0;
  double x = 0, mean = 0, sigma = 0;
};

}  // namespace

Verdict JudgeSchema(const Judging& j) {
  if (j.current.columns.empty()) return Aborted("the result carries no observed columns");
  const auto contract = ParseColumns(j.check.columns);
  const auto observed = ParseColumns(j.current.columns);
  std::vector<std::string> missing, retyped, extra;
  for (const auto& [key, column] : contract) {
    auto it = observed.find(key);
    if (it == observed.end()) {
      missing.push_back(column.first);
    } else if (it->second.second != column.second) {
      retyped.push_back(column.first + " (" + column.second + " → " + it->second.second + ")");
    }
  }
  for (const auto& [key, column] : observed) {
    if (!contract.count(key)) extra.push_back(column.first);
  }
  Verdict v{"success", static_cast<double>(missing.size() + retyped.size()),
            static_cast<double>(contract.size()),
            "fail on a contract column missing or retyped, warn on extra columns", ""};
  std::vector<std::string> parts;
  if (!missing.empty()) parts.push_back("missing columns: " + Join(missing, ", "));
  if (!retyped.empty()) parts.push_back("type changed: " + Join(retyped, ", "));
  if (!extra.empty()) parts.push_back("extra columns: " + Join(extra, ", "));
  if (!missing.empty() || !retyped.empty()) {
    v.status = "fail";
  } else if (!extra.empty()) {
    v.status = "warn";
  }
  v.message = parts.empty() ? "the " + std::to_string(contract.size()) +
                                  " contract columns are present with their types"
                            : Join(parts, "; ");
  return v;
}

Verdict JudgeStatistics(const Judging& j) {
  const double warn = Param(j.check, "warn"), fail = FailThreshold(j.check);
  const auto min = FindParam(j.check, "min"), max = FindParam(j.check, "max");
  std::string threshold =
      "warn ≥ " + FormatNumber(warn, 6) + "σ, fail ≥ " + FormatNumber(fail, 6) + "σ";
  if (min) threshold += "; min ≥ " + FormatNumber(*min, 6);
  if (max) threshold += "; max ≤ " + FormatNumber(*max, 6);

  // Fixed bounds need no history.
  auto observed_min = Metric(j.current, "min"), observed_max = Metric(j.current, "max");
  if (min && observed_min && *observed_min < *min) {
    return Verdict{
        "fail", observed_min, min, threshold,
        "min " + FormatNumber(*observed_min, 6) + " below the bound " + FormatNumber(*min, 6)};
  }
  if (max && observed_max && *observed_max > *max) {
    return Verdict{
        "fail", observed_max, max, threshold,
        "max " + FormatNumber(*observed_max, 6) + " above the bound " + FormatNumber(*max, 6)};
  }
  std::optional<Deviation> worst;
  bool any_metric = false;
  for (const std::string& metric : FindKind("statistics")->metrics) {
    const auto x = Metric(j.current, metric);
    if (!x) continue;
    any_metric = true;
    std::vector<double> past;
    for (const auto* r : j.reference) {
      if (auto value = Metric(*r, metric)) past.push_back(*value);
    }
    // σ of one or two earlier results flags noise as 5σ: judged from the third on.
    if (past.size() < kMinStatisticsHistory) continue;
    Deviation d{metric, 0, *x, *Mean(past), *SampleStdDev(past)};
    if (d.sigma > 0) {
      d.z = std::abs(d.x - d.mean) / d.sigma;
    } else if (std::abs(d.x - d.mean) > 1e-9 * std::max(1.0, std::abs(d.mean))) {
      d.z = HUGE_VAL;  // a constant reference changed
    }
    if (!worst || d.z > worst->z) worst = d;
  }
  if (!any_metric && !(min && observed_min) && !(max && observed_max)) {
    return Aborted("no statistics metric (min, max, mean, std, p25, p50, p75) to judge");
  }
  if (!worst) {
    Verdict v = Building(j, threshold);
    if (min || max) v.message = "within the bounds; " + v.message;
    return v;
  }
  Verdict v{Grade(worst->z, warn, fail), worst->z, worst->mean, threshold, ""};
  const std::string against = " the reference mean " + FormatNumber(worst->mean, 6);
  if (worst->sigma == 0) {
    v.message = worst->metric + " " + FormatNumber(worst->x, 6) +
                (worst->z == 0 ? " equals" : " differs from") + " the constant reference " +
                FormatNumber(worst->mean, 6) + PeriodsText(j.reference);
  } else {
    v.message = "worst: " + worst->metric + " " + FormatNumber(worst->x, 6) + " is " +
                FormatNumber(worst->z, 3) + "σ from" + against + " (σ " +
                FormatNumber(worst->sigma, 4) + ")" + PeriodsText(j.reference);
  }
  return v;
}

}  // namespace linea::quality::internal
