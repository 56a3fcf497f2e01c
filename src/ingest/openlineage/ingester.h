// src/ingest/openlineage/ingester.h: OpenLineage events → event log + catalog.
//
// Each event: decode → skip when its hash is already logged (replays change nothing) →
// project against the current catalog → one catalog write carrying the projection's lineage
// delta and, as its run part (runs/run_write.h), the aliases, runs and the raw event. Projection reads what the previous event wrote, so events are applied one after
// another, but not one store transaction each: group commit. Callers enqueue their decoded
// events; one of the waiting callers at a time leads a batch — every event queued so far, up
// to kMaxBatch — through one Catalog::WriteBatch, and each caller gets its own outcome once
// that batch is committed. A bad event fails alone; when the batch's commit fails, every event
// of it fails with the store's error (kUnavailable, retriable). One Ingester per catalog.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "catalog/catalog.h"
#include "common/result.h"
#include "common/zstd.h"
#include "ingest/openlineage/decode.h"
#include "ingest/openlineage/naming.h"
#include "model/quality.h"
#include "runs/run_state.h"

namespace linea::openlineage {

struct EventOutcome {
  std::string hash;
  bool duplicate = false;  // already logged: nothing changed
  bool stale = false;      // logged, but older than the recorded run (see projector.h)
  size_t datasets = 0;
  size_t column_edges = 0;
  size_t assets_upserted = 0;
  // The run (RunEvents): job FQN, run id, state ("COMPLETE", "FAIL", …), errorMessage.
  std::string job;
  std::string run_id;
  std::string state;
  std::string error_message;
  // Datasets whose last run became FAIL or ABORT with this event: the outputs, and inputs a
  // check job (dbt test) recorded quality for. Auto-incidents open on them.
  std::vector<std::string> failed_outputs;
  // The datasets' dataQualityMetrics / dataQualityAssertions as quality results
  // (quality_facets.h), on the FQNs they resolved to; recorded by the App's policy.
  std::vector<model::QualityResult> quality_results;
};

// One failed element of a batch.
struct BatchFailure {
  size_t index = 0;
  std::string reason;      // the error message
  StatusCode code = StatusCode::kInvalidArgument;
  bool retriable = false;  // kUnavailable (locked store, …): sending it again may succeed
};

// The OpenLineage batch response summary.
struct BatchResult {
  size_t received = 0;
  size_t successful = 0;  // duplicates count as successful
  size_t duplicates = 0;
  size_t column_edges = 0;
  std::vector<BatchFailure> failures;
  size_t retriable() const;
  // "success" (none failed), "partial_success" or "failure" (all failed).
  std::string status() const;
};

// Events since the ingester was made, by what became of them.
struct IngestCounters {
  uint64_t applied = 0;     // written (not duplicates)
  uint64_t duplicates = 0;  // already logged: nothing changed
  uint64_t rejected = 0;    // refused: malformed, out of scope, the store failed
};

class Ingester {
 public:
  // Most events one batch (one store transaction) carries.
  static constexpr size_t kMaxBatch = 256;
  // How long a leader waits for events other callers are still decoding (IngestText) before
  // it starts a batch without them.
  static constexpr std::chrono::microseconds kJoinWait{250};

  using OutcomeFn = std::function<void(const EventOutcome&)>;
  // `catalog` and `runs` (registered with it) must outlive the ingester. `on_applied`
  // (optional) sees the outcome of every applied, non-duplicate event, after its commit and
  // outside the ingester's locks (the composition root opens auto-incidents with it).
  Ingester(catalog::Catalog* catalog, runs::RunState* runs, NamespaceMap namespaces,
           OutcomeFn on_applied = nullptr)
      : catalog_(catalog),
        runs_(runs),
        namespaces_(std::move(namespaces)),
        on_applied_(std::move(on_applied)) {}

  // One event as JSON text, written by `writer` (scope-checked and audited per event); returns
  // once it is committed. Errors: DecodeEventText's, ProjectEvent's, the catalog's.
  Result<EventOutcome> IngestText(std::string_view json, const catalog::Writer& writer);
  // Each element of `events` (JSON texts, e.g. from SplitEvents) on its own: good events are
  // applied in order, bad ones listed; `on_event` (optional) is called after each with its
  // index.
  BatchResult IngestAll(const std::vector<std::string>& events, const catalog::Writer& writer,
                        const std::function<void(size_t)>& on_event = nullptr);

  // What became of the events of both calls so far (the server's /metrics).
  IngestCounters counters() const {
    return {applied_.load(), duplicates_.load(), rejected_.load()};
  }

 private:
  // One Submit() call waiting: woken when one of its events is done or when it should lead.
  // Shared, so that a leader can wake it after releasing mu_ (a woken caller then does not
  // block on mu_ at once) while the caller may already have returned.
  struct Waiter {
    std::condition_variable wake;
  };
  using WaiterRef = std::shared_ptr<Waiter>;
  // An event waiting for its batch; `result` is set when `done`.
  struct Pending {
    const DecodedEvent* event = nullptr;
    const catalog::Writer* writer = nullptr;  // outlives the wait
    WaiterRef waiter;     // set by Submit()
    model::RawEvent raw;  // the log entry of `event`, body compressed (moved into the batch)
    // The keyframe the entry belongs to ("<job>\n<event type>"; "" for a DatasetEvent) and
    // whether it was compressed whole (not against that keyframe).
    std::string keyframe_key;
    bool whole = false;
    std::optional<Result<EventOutcome>> result;
    bool done = false;
  };

  // The event later events of one job and event type are compressed against in the log (see
  // model::RawEvent::base): the last one of them logged without a base.
  struct Keyframe {
    Keyframe(std::string hash, std::string canonical, int level)
        : hash(std::move(hash)), prefix(std::move(canonical), level) {}
    std::string hash;
    ZstdPrefix prefix;
    // Events of its job and type since it was made that were too unlike it to use it. Past
    // kKeyframeMisses the next one replaces it; fewer are not worth a new prefix (a job that
    // alternates between two shapes of event keeps one of them).
    mutable std::atomic<uint32_t> misses = 0;
  };
  static constexpr uint32_t kKeyframeMisses = 4;
  // Keyframes kept at most, in bytes of their events (about 3,000 of ct_CLL_8's size); past it
  // all are dropped and each job's next event becomes its keyframe again.
  static constexpr size_t kKeyframeBudget = size_t{64} << 20;

  // `pending`'s log entry for its event: the body compressed against the keyframe of its job
  // and event type when that keyframe is similar enough, plainly otherwise. Thread-safe.
  void MakeLogEntry(Pending& pending);
  // After `pending` is done: a logged event without a base becomes its job's keyframe.
  void RememberKeyframe(const Pending& pending);

  // Enqueues `pending` in order and returns once each is done, leading batches while no one
  // else does. Only the callers whose events a batch finished, and the caller whose event is
  // next in the queue (to lead), are woken after it.
  // `decoding`: the caller was counted in decoding_ (IngestText), uncounted here.
  void Submit(const std::vector<Pending*>& pending, bool decoding = false);
  // Takes up to kMaxBatch events off the queue, runs them as one batch and marks them done;
  // returns their callers, to be woken once mu_ is released. REQUIRES: `lock` holds mu_ and
  // this caller leads; mu_ is released while the batch runs.
  std::vector<WaiterRef> LeadOneBatch(std::unique_lock<std::mutex>& lock);
  void RunBatch(const std::vector<Pending*>& batch);
  // Projects `pending`'s event and applies it inside `batch`.
  Result<EventOutcome> IngestInBatch(Pending& pending, catalog::Catalog::WriteBatch& batch);

  catalog::Catalog* catalog_;
  runs::RunState* runs_;
  NamespaceMap namespaces_;
  OutcomeFn on_applied_;
  std::mutex mu_;
  std::deque<Pending*> queue_;  // GUARDED_BY(mu_)
  // IngestText callers not yet queued. Incremented without mu_ (a leader only waits longer
  // for it), decremented under mu_ with joined_ notified, so no leader misses the decrement.
  std::atomic<size_t> decoding_ = 0;
  // The counters() of the events ingested; counted as each call returns.
  std::atomic<uint64_t> applied_ = 0, duplicates_ = 0, rejected_ = 0;
  void Count(const Result<EventOutcome>& outcome) {
    if (!outcome.ok()) {
      ++rejected_;
    } else {
      ++(outcome->duplicate ? duplicates_ : applied_);
    }
  }
  std::condition_variable joined_;  // a decoding caller queued its event or failed
  bool leading_ = false;        // GUARDED_BY(mu_): some caller runs a batch

  std::mutex keyframes_mu_;
  // By "<job>\n<event type>". GUARDED_BY(keyframes_mu_), as is keyframe_bytes_.
  std::unordered_map<std::string, std::shared_ptr<const Keyframe>> keyframes_;
  size_t keyframe_bytes_ = 0;
};

}  // namespace linea::openlineage
