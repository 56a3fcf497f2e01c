// src/quality/service.h: data-quality checks and results through the catalog's write path —
// results judged against their series' history (evaluate.h) and recorded, checks defined as
// code and replaced per provenance (issue #18, docs/quality.md).
//
// What happens next with a result — a fail opening an incident, a recovery resolving it — is
// the App's policy (app/), fed by RecordOutcome.
//
// Thread safety: every method may be called from any thread; Record() and ReplaceChecks() are
// serialized (a result's history includes every result recorded before it).
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/result.h"
#include "common/time_text.h"
#include "model/quality.h"
#include "quality/check_plan.h"
#include "quality/history_cache.h"
#include "quality/quality_state.h"

namespace linea::quality {

// A series whose newest result changed between failing and not failing.
struct Transition {
  model::QualityResult result;  // the newest result of the series after the write
  model::QualityCheck check;    // the check it was judged by
};

struct RecordOutcome {
  // The results as stored, in the order given: status, value, reference, threshold and message
  // as judged.
  std::vector<model::QualityResult> results;
  size_t success = 0, warn = 0, fail = 0, aborted = 0;
  // Series whose newest result is now "fail" and was not before (or had none).
  std::vector<Transition> failed;
  // Series whose newest result was "fail" and now is "success" or "warn".
  std::vector<Transition> recovered;
};

class QualityService {
 public:
  // Called after every successful Record() with its outcome (the App's incident policy);
  // runs on the recording thread, after the write, outside the service's lock.
  using RecordedFn = std::function<void(const RecordOutcome&)>;

  // Default bound of the history cache: about 400,000 drift results of 24 bins.
  static constexpr size_t kDefaultHistoryCacheBytes = size_t{512} << 20;

  // `catalog` and `state` (registered with it) must outlive the service. The newest results of
  // the series judged lately are kept in memory, up to about `history_cache_bytes`
  // (history_cache.h; 0 = none: every history is read from the store).
  QualityService(catalog::Catalog* catalog, QualityState* state, RecordedFn on_recorded = {},
                 size_t history_cache_bytes = kDefaultHistoryCacheBytes)
      : catalog_(catalog),
        state_(state),
        on_recorded_(std::move(on_recorded)),
        cache_(history_cache_bytes),
        cache_enabled_(history_cache_bytes > 0) {}

  // Judges `results` and records them in one catalog write. Each result's series is (asset,
  // check); its check is the one defined for the series, else DefaultCheck(asset, kind) —
  // `check` "" is the kind. A result whose status is "aborted" stays aborted, an "assertion"
  // keeps the status its source reported; every other result is judged by Evaluate() against
  // the series' history before its timestamp (the store's, and the earlier results of the
  // same call): its check's reference_periods newest results, or — for a check a model's
  // manifest defines when that model has a training window (training_window.h) — the
  // window's results, the message saying so. Evaluate() sets status, value, reference,
  // threshold and message (a message the source sent is kept after linea's). Results are
  // judged oldest first.
  // Errors: QualityWrite::Validate()'s (400/404 material, naming results[i]), the writer's
  // scope (kPermissionDenied), the store's. On an error nothing is recorded.
  Result<RecordOutcome> Record(std::vector<model::QualityResult> results,
                               const catalog::Writer& writer);

  // Makes the checks of `provenance` exactly `checks` (PlanChecks(), check_plan.h): new ones
  // are added, changed ones replaced, the provenance's checks not listed removed (their
  // results stay). With `dry_run` nothing is written, but unknown assets are still errors.
  // Errors: PlanChecks()'s, QualityWrite::Validate()'s, the writer's scope, the store's.
  Result<ChecksOutcome> ReplaceChecks(const std::string& provenance,
                                      std::vector<model::QualityCheck> checks,
                                      const catalog::Writer& writer, bool dry_run = false);

  // Removes the results measured before `before_ms`; returns how many. Errors: the store's.
  Result<int64_t> PruneResults(int64_t before_ms);

 private:
  // The series' history before `r` (newest first, at most `wanted`): the stored results —
  // from the cache, else read (into `read`, which owns them) — merged with `earlier` (this
  // call's, oldest first). The pointers stay valid until the cache or `read` changes.
  Result<std::vector<const model::QualityResult*>> HistoryOf(
      const model::QualityResult& r, size_t wanted,
      const std::vector<const model::QualityResult*>& earlier,
      std::vector<model::QualityResult>& read);

  // The history of `r` within a model's training window (`window`): the stored results and
  // `earlier` whose month (ResultMonth) lies in it, measured before `r`, newest first, at most
  // 1000 — the reference of a check the model's manifest defines (training_window.h).
  Result<std::vector<const model::QualityResult*>> WindowHistoryOf(
      const model::QualityResult& r, const MonthRange& window,
      const std::vector<const model::QualityResult*>& earlier,
      std::vector<model::QualityResult>& read);

  Result<RecordOutcome> RecordLocked(std::vector<model::QualityResult> results,
                                     const catalog::Writer& writer);

  catalog::Catalog* catalog_;
  QualityState* state_;
  RecordedFn on_recorded_;
  std::mutex mu_;       // serializes Record(), ReplaceChecks() and PruneResults()
  HistoryCache cache_;  // guarded by mu_
  const bool cache_enabled_;
};

}  // namespace linea::quality
