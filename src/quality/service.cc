#include "quality/service.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <tuple>
#include <unordered_map>

#include "common/status_macros.h"
#include "common/time_text.h"
#include "model/fqn.h"
#include "quality/check_kinds.h"
#include "quality/evaluate.h"
#include "quality/quality_write.h"
#include "quality/training_window.h"

namespace linea::quality {
namespace {

// Adds to `history` (newest first) the results of this call measured before `r` that `keep`
// accepts, each replacing a stored one of the same instant and period; newest first after.
template <typename Keep>
void MergeEarlier(const model::QualityResult& r,
                  const std::vector<const model::QualityResult*>& earlier, Keep keep,
                  std::vector<const model::QualityResult*>& history) {
  bool added = false;
  for (const model::QualityResult* e : earlier) {
    if (e->timestamp_ms >= r.timestamp_ms || !keep(*e)) continue;
    std::erase_if(history, [&](const model::QualityResult* h) {
      return h->timestamp_ms == e->timestamp_ms && h->period == e->period;
    });
    history.push_back(e);
    added = true;
  }
  if (added) {
    std::stable_sort(history.begin(), history.end(), [](const auto* a, const auto* b) {
      return a->timestamp_ms > b->timestamp_ms;
    });
  }
}

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

Result<std::vector<const model::QualityResult*>> QualityService::HistoryOf(
    const model::QualityResult& r, size_t wanted,
    const std::vector<const model::QualityResult*>& earlier,
    std::vector<model::QualityResult>& read) {
  store::QualityStore& store = catalog_->store().quality();
  std::optional<std::vector<const model::QualityResult*>> history;
  if (cache_enabled_) {
    history = cache_.Find(r.asset, r.check, r.timestamp_ms, wanted);
    // A series not held, or held too short for r (its check now compares with more results):
    // its newest results, then the cache knows unless r is older than them. A held series that
    // cannot answer for a result older than its newest (a late one): read only that.
    const std::optional<int64_t> held =
        history ? std::nullopt : cache_.NewestHeldMs(r.asset, r.check);
    if (!history && (!held || *held < r.timestamp_ms)) {
      const size_t keep = wanted + 1;
      LINEA_ASSIGN_OR_RETURN(
          std::vector<model::QualityResult> newest,
          store.ListResults({.asset = r.asset, .check = r.check, .limit = keep}));
      cache_.Load(r.asset, r.check, std::move(newest), keep);
      history = cache_.Find(r.asset, r.check, r.timestamp_ms, wanted);
    }
  }
  if (!history) {
    store::ResultQuery query{
        .asset = r.asset, .check = r.check, .before_ms = r.timestamp_ms, .limit = wanted};
    LINEA_ASSIGN_OR_RETURN(read, store.ListResults(query));
    history.emplace();
    for (const model::QualityResult& h : read) history->push_back(&h);
  }
  MergeEarlier(
      r, earlier, [](const model::QualityResult&) { return true; }, *history);
  if (history->size() > wanted) history->resize(wanted);
  return std::move(*history);
}

Result<std::vector<const model::QualityResult*>> QualityService::WindowHistoryOf(
    const model::QualityResult& r, const MonthRange& window,
    const std::vector<const model::QualityResult*>& earlier,
    std::vector<model::QualityResult>& read) {
  // A month's results are measured in it or soon after (a period closed, then profiled).
  constexpr int64_t kLateMeasurementMs = 31LL * 24 * 3600 * 1000;
  const int64_t window_end = MonthStartMs(NextMonth(window.last)) + kLateMeasurementMs;
  store::ResultQuery query{.asset = r.asset,
                           .check = r.check,
                           .since_ms = MonthStartMs(window.first),
                           .before_ms = std::min(r.timestamp_ms, window_end),
                           .limit = static_cast<size_t>(kMaxReferencePeriods)};
  LINEA_ASSIGN_OR_RETURN(read, catalog_->store().quality().ListResults(query));
  auto in_window = [&](const model::QualityResult& h) { return window.Contains(ResultMonth(h)); };
  std::vector<const model::QualityResult*> history;
  for (const model::QualityResult& h : read) {
    if (in_window(h)) history.push_back(&h);
  }
  MergeEarlier(r, earlier, in_window, history);
  const size_t most = static_cast<size_t>(kMaxReferencePeriods);
  if (history.size() > most) history.resize(most);
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
    auto what = [i] { return "results[" + std::to_string(i) + "]"; };
    Result<std::string> canonical = model::CanonicalFqn(r.asset);
    if (!canonical.ok()) return canonical.status().WithPrefix(what() + ".asset");
    r.asset = catalog_->Resolve(*canonical);
    if (r.check.empty()) r.check = r.kind;
    if (r.check.empty()) return InvalidArgumentError(what() + ": neither check nor kind given");
    std::optional<model::QualityCheck> defined = state_->Check(r.asset, r.check);
    if (defined) {
      if (!r.kind.empty() && r.kind != defined->kind) {
        return InvalidArgumentError(what() + ".kind: check " + r.check + " on " + r.asset +
                                    " is a " + defined->kind + " check, not " + r.kind);
      }
      r.kind = defined->kind;
      checks[i] = std::move(*defined);
    } else {
      checks[i] = DefaultCheck(r.asset, r.kind);
      checks[i].name = r.check;
    }
    if (std::find(std::begin(model::kCheckKinds), std::end(model::kCheckKinds), r.kind) ==
        std::end(model::kCheckKinds)) {
      return InvalidArgumentError(what() + ": unknown kind \"" + r.kind + "\"");
    }
    if (r.status.empty()) r.status = "success";  // judged below unless an assertion
  }

  std::vector<size_t> order(results.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return results[a].timestamp_ms < results[b].timestamp_ms;
  });
  // Per result: how many earlier results its check compares with.
  std::vector<size_t> wanted(results.size());
  for (size_t i = 0; i < results.size(); ++i) {
    wanted[i] = static_cast<size_t>(std::max(1.0, Param(checks[i], "reference_periods")));
  }
  // Each result's series, numbered in order of first appearance; `first` holds the first
  // result of each.
  std::unordered_map<std::string, size_t> series_of;
  std::vector<size_t> series_index(results.size()), first;
  for (size_t i = 0; i < results.size(); ++i) {
    std::string key = results[i].asset;
    key.push_back('\0');  // no FQN holds a NUL
    key += results[i].check;
    auto [it, inserted] = series_of.try_emplace(std::move(key), first.size());
    if (inserted) first.push_back(i);
    series_index[i] = it->second;
  }
  std::vector<std::vector<const model::QualityResult*>> earlier(first.size());
  std::map<std::string, std::optional<TrainingWindow>> windows;  // by model
  std::vector<model::QualityResult> read;
  for (size_t i : order) {
    model::QualityResult& r = results[i];
    std::vector<const model::QualityResult*>& series = earlier[series_index[i]];
    if (r.status != "aborted" && r.kind != "assertion" && r.timestamp_ms > 0) {
      const model::QualityCheck& check = checks[i];
      const std::optional<TrainingWindow>* window = nullptr;
      if (std::string m = TrainingWindowModel(*catalog_, check); !m.empty()) {
        auto [it, inserted] = windows.try_emplace(m);
        if (inserted) it->second = ModelTrainingWindow(*catalog_, m);
        window = &it->second;
      }
      std::vector<const model::QualityResult*> history;
      std::string note;  // how the reference was chosen, when not the previous periods
      bool windowed = false;
      if (window && *window && (*window)->months) {
        const TrainingWindow& w = **window;
        LINEA_ASSIGN_OR_RETURN(history, WindowHistoryOf(r, *w.months, series, read));
        windowed = !history.empty();
        if (windowed) {
          note = "reference: the training window " + w.months->ToString() + " of " + w.model;
        } else {
          note = "the training window " + w.months->ToString() + " of " + w.model +
                 " holds no results: judged against the previous periods";
        }
      } else if (window && *window) {
        note = (*window)->problem + ": judged against the previous periods";
      }
      if (history.empty()) {
        LINEA_ASSIGN_OR_RETURN(history, HistoryOf(r, wanted[i], series, read));
      }
      Verdict verdict;
      if (windowed) {
        model::QualityCheck judged = check;  // every result of the window is the reference
        judged.params["reference_periods"] = static_cast<double>(history.size());
        verdict = EvaluateAgainst(judged, r, history);
      } else {
        verdict = EvaluateAgainst(check, r, history);
      }
      if (!note.empty()) verdict.message += "; " + note;
      r.status = verdict.status;
      r.value = verdict.value;
      r.reference = verdict.reference;
      r.threshold = verdict.threshold;
      r.message = r.message.empty() ? verdict.message : verdict.message + "; " + r.message;
    }
    series.push_back(&r);
  }

  // Whether each series' newest result failed before the write, for the transitions.
  std::vector<char> failed_before(first.size());
  for (size_t s = 0; s < first.size(); ++s) {
    failed_before[s] = state_->NewestFails(results[first[s]].asset, results[first[s]].check);
  }

  model::QualityDelta delta;
  delta.append_results = std::move(results);
  QualityWrite write(*state_, std::move(delta));
  LINEA_RETURN_IF_ERROR(catalog_->Apply(model::Delta{}, &write, &writer).status());

  RecordOutcome outcome;
  outcome.results = std::move(write).TakeDelta().append_results;
  if (cache_enabled_) {
    for (size_t i = 0; i < outcome.results.size(); ++i) {
      cache_.Add(outcome.results[i], wanted[i] + 1);
    }
  }
  for (const model::QualityResult& r : outcome.results) {
    if (r.status == "success") ++outcome.success;
    if (r.status == "warn") ++outcome.warn;
    if (r.status == "fail") ++outcome.fail;
    if (r.status == "aborted") ++outcome.aborted;
  }
  // The series that turned failing or stopped failing, by (asset, check).
  std::vector<size_t> by_key(first.size());
  std::iota(by_key.begin(), by_key.end(), 0);
  auto key_of = [&](size_t s) {
    const model::QualityResult& r = outcome.results[first[s]];
    return std::tie(r.asset, r.check);
  };
  std::sort(by_key.begin(), by_key.end(),
            [&](size_t a, size_t b) { return key_of(a) < key_of(b); });
  for (size_t s : by_key) {
    const auto [asset, check_name] = key_of(s);
    const bool fails_now = state_->NewestFails(asset, check_name);
    if (fails_now == static_cast<bool>(failed_before[s])) continue;
    std::optional<model::QualityResult> now = state_->LatestOf(asset, check_name);
    if (!now) continue;
    if (!fails_now && now->status != "success" && now->status != "warn") continue;  // aborted
    std::optional<model::QualityCheck> check = state_->Check(asset, check_name);
    Transition t{*now, check ? *check : DefaultCheck(now->asset, now->kind)};
    if (!check) t.check.name = now->check;
    (fails_now ? outcome.failed : outcome.recovered).push_back(std::move(t));
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
  cache_.DropBefore(before_ms);
  return prune.removed();
}

}  // namespace linea::quality
