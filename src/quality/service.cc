#include "quality/service.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>

#include "common/status_macros.h"
#include "model/fqn.h"
#include "quality/check_kinds.h"
#include "quality/evaluate.h"
#include "quality/quality_write.h"

namespace linea::quality {
namespace {

using SeriesKey = std::pair<std::string, std::string>;  // (asset, check)

bool Failing(const model::QualityResult& r) { return r.status == "fail"; }

// Removes the results measured before a time, inside the write's transaction.
class PruneWrite final : public catalog::DomainWrite {
 public:
  explicit PruneWrite(int64_t before_ms) : before_ms_(before_ms) {}
  Status Validate(const catalog::FutureCatalog&) override { return Status(); }
  Status Write(store::Store& store, store::WriteTxn& txn) override {
    LINEA_ASSIGN_OR_RETURN(removed_, store.quality().PruneResults(txn, before_ms_));
    return Status();
  }
  // The newest result of a series stays in memory until a restart even when pruned.
  void Publish() override {}
  int64_t removed() const { return removed_; }

 private:
  int64_t before_ms_;
  int64_t removed_ = 0;
};

}  // namespace

Result<std::vector<model::QualityResult>> QualityService::HistoryOf(
    const model::QualityResult& r, const model::QualityCheck& check,
    const std::vector<const model::QualityResult*>& earlier) const {
  const size_t wanted = static_cast<size_t>(std::max(1.0, Param(check, "reference_periods")));
  store::ResultQuery query{
      .asset = r.asset, .check = r.check, .before_ms = r.timestamp_ms, .limit = wanted};
  LINEA_ASSIGN_OR_RETURN(std::vector<model::QualityResult> history,
                         catalog_->store().quality().ListResults(query));
  for (const model::QualityResult* e : earlier) {
    if (e->timestamp_ms >= r.timestamp_ms) continue;
    // The call's own result replaces a stored one of the same instant and period.
    std::erase_if(history, [&](const model::QualityResult& h) {
      return h.timestamp_ms == e->timestamp_ms && h.period == e->period;
    });
    history.push_back(*e);
  }
  std::stable_sort(history.begin(), history.end(),
                   [](const auto& a, const auto& b) { return a.timestamp_ms > b.timestamp_ms; });
  if (history.size() > wanted) history.resize(wanted);
  return history;
}

Result<RecordOutcome> QualityService::Record(std::vector<model::QualityResult> results,
                                             const catalog::Writer& writer) {
  Result<RecordOutcome> outcome = [&] {
    std::lock_guard<std::mutex> lock(mu_);
    return RecordLocked(std::move(results), writer);
  }();
  if (outcome.ok() && on_recorded_) on_recorded_(*outcome);
  return outcome;
}

Result<RecordOutcome> QualityService::RecordLocked(std::vector<model::QualityResult> results,
                                                   const catalog::Writer& writer) {
  std::vector<model::QualityCheck> checks(results.size());
  for (size_t i = 0; i < results.size(); ++i) {
    model::QualityResult& r = results[i];
    const std::string what = "results[" + std::to_string(i) + "]";
    Result<std::string> canonical = model::CanonicalFqn(r.asset);
    if (!canonical.ok()) return canonical.status().WithPrefix(what + ".asset");
    r.asset = catalog_->Resolve(*canonical);
    if (r.check.empty()) r.check = r.kind;
    if (r.check.empty()) return InvalidArgumentError(what + ": neither check nor kind given");
    std::optional<model::QualityCheck> defined = state_->Check(r.asset, r.check);
    if (defined) {
      if (!r.kind.empty() && r.kind != defined->kind) {
        return InvalidArgumentError(what + ".kind: check " + r.check + " on " + r.asset + " is a " +
                                    defined->kind + " check, not " + r.kind);
      }
      r.kind = defined->kind;
      checks[i] = std::move(*defined);
    } else {
      checks[i] = DefaultCheck(r.asset, r.kind);
      checks[i].name = r.check;
    }
    if (std::find(std::begin(model::kCheckKinds), std::end(model::kCheckKinds), r.kind) ==
        std::end(model::kCheckKinds)) {
      return InvalidArgumentError(what + ": unknown kind \"" + r.kind + "\"");
    }
    if (r.status.empty()) r.status = "success";  // judged below unless an assertion
  }

  std::vector<size_t> order(results.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return results[a].timestamp_ms < results[b].timestamp_ms;
  });
  std::map<SeriesKey, std::vector<const model::QualityResult*>> earlier;
  for (size_t i : order) {
    model::QualityResult& r = results[i];
    std::vector<const model::QualityResult*>& series = earlier[{r.asset, r.check}];
    if (r.status != "aborted" && r.kind != "assertion" && r.timestamp_ms > 0) {
      LINEA_ASSIGN_OR_RETURN(std::vector<model::QualityResult> history,
                             HistoryOf(r, checks[i], series));
      Verdict verdict = Evaluate(checks[i], r, history);
      r.status = verdict.status;
      r.value = verdict.value;
      r.reference = verdict.reference;
      r.threshold = verdict.threshold;
      r.message = r.message.empty() ? verdict.message : verdict.message + "; " + r.message;
    }
    series.push_back(&r);
  }

  // The newest result of each series before the write, for the transitions.
  std::map<SeriesKey, std::optional<model::QualityResult>> before;
  for (const model::QualityResult& r : results) {
    auto [it, inserted] = before.try_emplace({r.asset, r.check});
    if (inserted) it->second = state_->LatestOf(r.asset, r.check);
  }

  model::QualityDelta delta;
  delta.append_results = results;
  QualityWrite write(*state_, std::move(delta));
  LINEA_RETURN_IF_ERROR(catalog_->Apply(model::Delta{}, &write, &writer).status());

  RecordOutcome outcome;
  outcome.results = write.delta().append_results;
  for (const model::QualityResult& r : outcome.results) {
    if (r.status == "success") ++outcome.success;
    if (r.status == "warn") ++outcome.warn;
    if (r.status == "fail") ++outcome.fail;
    if (r.status == "aborted") ++outcome.aborted;
  }
  for (const auto& [key, previous] : before) {
    std::optional<model::QualityResult> now = state_->LatestOf(key.first, key.second);
    if (!now) continue;
    const bool was_failing = previous && Failing(*previous);
    std::optional<model::QualityCheck> check = state_->Check(key.first, key.second);
    Transition t{*now, check ? *check : DefaultCheck(now->asset, now->kind)};
    if (!check) t.check.name = now->check;
    if (Failing(*now) && !was_failing)
      outcome.failed.push_back(std::move(t));
    else if (was_failing && (now->status == "success" || now->status == "warn")) {
      outcome.recovered.push_back(std::move(t));
    }
  }
  return outcome;
}

Result<ChecksOutcome> QualityService::ReplaceChecks(const std::string& provenance,
                                                    std::vector<model::QualityCheck> checks,
                                                    const catalog::Writer& writer, bool dry_run) {
  std::lock_guard<std::mutex> lock(mu_);
  for (model::QualityCheck& c : checks) {
    Result<std::string> canonical = model::CanonicalFqn(c.asset);
    if (!canonical.ok()) return canonical.status().WithPrefix("check on " + c.asset);
    c.asset = catalog_->Resolve(*canonical);
  }
  LINEA_ASSIGN_OR_RETURN(ChecksPlan plan, PlanChecks(*state_, provenance, std::move(checks)));
  if (dry_run) {
    for (const model::QualityCheck& c : plan.delta.upsert_checks) {
      if (!catalog_->KindOf(c.asset)) {
        return catalog_->UnknownAsset(c.asset).WithPrefix("check " + c.name);
      }
    }
    return plan.outcome;
  }
  if (plan.delta.empty()) return plan.outcome;
  QualityWrite write(*state_, std::move(plan.delta));
  LINEA_RETURN_IF_ERROR(catalog_->Apply(model::Delta{}, &write, &writer).status());
  return plan.outcome;
}

Result<int64_t> QualityService::PruneResults(int64_t before_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  PruneWrite prune(before_ms);
  LINEA_RETURN_IF_ERROR(catalog_->Apply(model::Delta{}, &prune).status());
  return prune.removed();
}

}  // namespace linea::quality
