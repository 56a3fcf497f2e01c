// Evaluate (evaluate.h): the dispatch, what the judges share, and the judges of counts, null
// rates and freshness. Schema and statistics: evaluate_shape.cc; drift: evaluate_drift.cc.
#include "quality/evaluate.h"

#include <cmath>

#include "quality/check_kinds.h"
#include "quality/format.h"
#include "quality/internal/evaluate.h"
#include "quality/statistics.h"

namespace linea::quality {
namespace internal {

std::optional<double> Metric(const model::QualityResult& result, std::string_view name) {
  for (const auto& [key, value] : result.metrics) {
    if (key == name && std::isfinite(value)) return value;
  }
  return std::nullopt;
}

std::string Grade(double x, double warn, double fail) {
  if (Reaches(x, fail)) return "fail";
  if (Reaches(x, warn)) return "warn";
  return "success";
}

std::string RatioThreshold(double warn, double fail) {
  return "warn ≥ " + FormatFixed(warn) + ", fail ≥ " + FormatFixed(fail);
}

std::string PeriodsText(const std::vector<const model::QualityResult*>& reference) {
  const size_t n = reference.size();
  std::string text = " of " + std::to_string(n) + (n == 1 ? " period" : " periods");
  const std::string& newest = reference.front()->period;
  const std::string& oldest = reference.back()->period;
  if (newest == oldest && !newest.empty()) return text + " (" + newest + ")";
  if (!newest.empty() && !oldest.empty()) text += " (" + oldest + " … " + newest + ")";
  return text;
}

Verdict Building(const Judging& j, std::string threshold) {
  Verdict v{"success", std::nullopt, std::nullopt, std::move(threshold), ""};
  v.message = "first measurement: the reference is being built (up to " +
              FormatNumber(Param(j.check, "reference_periods")) + " periods)";
  return v;
}

Verdict Aborted(std::string reason) {
  return Verdict{"aborted", std::nullopt, std::nullopt, "", std::move(reason)};
}

Verdict JudgeCount(const Judging& j, std::string_view metric) {
  const std::string name(metric);
  auto count_of = [&](const model::QualityResult& r) {
    auto m = Metric(r, name);
    return m ? m : r.value;
  };
  const double warn = Param(j.check, "warn"), fail = Param(j.check, "fail");
  const std::string threshold = RatioThreshold(warn, fail) + " off the reference median";
  const std::optional<double> x = count_of(j.current);
  if (!x) return Aborted("no " + name + " metric or value to judge");
  std::vector<double> counts;
  for (const auto* r : j.reference) {
    if (auto c = count_of(*r)) counts.push_back(*c);
  }
  Verdict v = Building(j, threshold);
  v.value = x;
  if (counts.empty()) return v;
  const double m = *Median(counts);
  v.reference = m;
  const double deviation = m != 0 ? std::abs(*x - m) / m : (*x == 0 ? 0 : HUGE_VAL);
  v.status = Grade(deviation, warn, fail);
  const std::string change = m != 0 ? (*x >= m ? "+" : "-") + FormatPercent(deviation) : "";
  v.message = name + " " + FormatNumber(*x, 6) + (m != 0 ? ": " + change + " from" : " against") +
              " the reference median " + FormatNumber(m, 6) + PeriodsText(j.reference);
  return v;
}

Verdict JudgeNullRate(const Judging& j) {
  auto rate_of = [](const model::QualityResult& r) -> std::optional<double> {
    auto nulls = Metric(r, "null_count"), rows = Metric(r, "row_count");
    if (!nulls || !rows) return r.value;
    // Counts beyond 2^53 are no exact integers (and beyond 2^63 no int64_t at all).
    constexpr double kMaxCount = 9007199254740992.0;
    if (!(*nulls <= kMaxCount) || !(*rows <= kMaxCount)) return std::nullopt;
    auto rate = NullRate(static_cast<int64_t>(*nulls), static_cast<int64_t>(*rows));
    return rate.ok() ? std::optional(*rate) : std::nullopt;
  };
  const std::optional<double> rate = rate_of(j.current);
  if (!rate)
    return Aborted(
        "no null_count and row_count metrics (null_count ≤ row_count) or value to judge");
  if (auto max = FindParam(j.check, "max")) {
    const bool over = *rate > *max;
    return Verdict{over ? "fail" : "success", rate, std::nullopt, "fail > " + FormatFixed(*max),
                   "null rate " + FormatPercent(*rate) + (over ? " above" : " within") +
                       " the maximum " + FormatPercent(*max)};
  }
  const double warn = Param(j.check, "warn"), fail = Param(j.check, "fail");
  const std::string threshold = RatioThreshold(warn, fail) + " above the reference median";
  std::vector<double> rates;
  for (const auto* r : j.reference) {
    if (auto past = rate_of(*r)) rates.push_back(*past);
  }
  Verdict v = Building(j, threshold);
  v.value = rate;
  if (rates.empty()) return v;
  const double m = *Median(rates);
  v.reference = m;
  const bool all_null = *rate == 1 && m < 1;
  v.status = all_null ? "fail" : Grade(*rate - m, warn, fail);
  v.message = (all_null ? "all values null: null rate " : "null rate ") + FormatPercent(*rate) +
              " against the reference median " + FormatPercent(m) + PeriodsText(j.reference);
  return v;
}

Verdict JudgeFreshness(const Judging& j) {
  const double warn = Param(j.check, "warn"), fail = FailThreshold(j.check);
  const std::string threshold =
      "warn ≥ " + FormatNumber(warn, 6) + " h, fail ≥ " + FormatNumber(fail, 6) + " h";
  auto present = Metric(j.current, "partition_present");
  if (present && *present == 0) {
    const std::string period = j.current.period.empty() ? "" : " " + j.current.period;
    return Verdict{"fail", std::nullopt, std::nullopt, threshold,
                   "expected partition" + period + " missing"};
  }
  std::optional<double> lag = Metric(j.current, "lag_hours");
  if (auto newest = Metric(j.current, "max_event_time_ms"); !lag && newest) {
    lag = (static_cast<double>(j.current.timestamp_ms) - *newest) / 3.6e6;
  }
  if (!lag) lag = j.current.value;
  if (!lag) {
    if (present)
      return Verdict{"success", std::nullopt, std::nullopt, threshold, "partition present"};
    return Aborted("no lag_hours, max_event_time_ms, partition_present or value to judge");
  }
  return Verdict{Grade(*lag, warn, fail), lag, std::nullopt, threshold,
                 "newest data " + FormatNumber(*lag, 3) + " h old"};
}

}  // namespace internal

Verdict Evaluate(const model::QualityCheck& check, const model::QualityResult& current,
                 const std::vector<model::QualityResult>& history) {
  std::vector<const model::QualityResult*> pointers;
  pointers.reserve(history.size());
  for (const model::QualityResult& r : history) pointers.push_back(&r);
  return EvaluateAgainst(check, current, pointers);
}

Verdict EvaluateAgainst(const model::QualityCheck& check, const model::QualityResult& current,
                        std::span<const model::QualityResult* const> history) {
  if (current.status == "aborted") {
    Verdict v =
        internal::Aborted(current.message.empty() ? "the check could not run" : current.message);
    v.value = current.value;
    v.reference = current.reference;
    v.threshold = current.threshold;
    return v;
  }
  if (FindKind(check.kind) == nullptr)
    return internal::Aborted("unknown check kind \"" + check.kind + "\"");
  internal::Judging j{check, current, {}};
  const double periods = Param(check, "reference_periods");
  for (const model::QualityResult* r : history) {
    if (static_cast<double>(j.reference.size()) >= periods) break;
    if (r->status != "aborted") j.reference.push_back(r);
  }
  const std::string& kind = check.kind;
  if (kind == "volume") return internal::JudgeCount(j, "row_count");
  if (kind == "distinct") return internal::JudgeCount(j, "distinct_count");
  if (kind == "null_rate") return internal::JudgeNullRate(j);
  if (kind == "freshness") return internal::JudgeFreshness(j);
  if (kind == "schema") return internal::JudgeSchema(j);
  if (kind == "statistics") return internal::JudgeStatistics(j);
  if (kind == "drift" || kind == "score_drift") return internal::JudgeDrift(j);
  // assertion: the source's status, kept.
  if (current.status == "success" || current.status == "warn" || current.status == "fail") {
    return Verdict{current.status, current.value, current.reference, current.threshold,
                   current.message};
  }
  return internal::Aborted("assertion result without a status (success, warn or fail): \"" +
                           current.status + "\"");
}

}  // namespace linea::quality
