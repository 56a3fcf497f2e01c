#include "ingest/openlineage/ingester.h"

#include <algorithm>
#include <unordered_set>

#include "common/status_macros.h"
#include "common/zstd.h"
#include "ingest/openlineage/projector.h"
#include "ingest/openlineage/quality_facets.h"
#include "runs/run_write.h"

namespace linea::openlineage {
namespace {

// zstd's fastest regular level: ct_CLL_8's 21 KB become 3.0 KB in 16 µs, against 2.6 KB in 27 µs
// at level 1. Either takes one 4 KiB page of the log, so the smaller frame would buy nothing.
constexpr int kLogCompressionLevel = -1;
// A body compressed against its keyframe is kept when it is at most this fraction of the
// event's JSON, or at most kSmallFrame bytes (a frame's own overhead is about 20); a larger one
// (the job's events changed) is compressed plainly instead: a miss of the keyframe.
constexpr size_t kMaxKeyframeRatio = 16;
constexpr size_t kSmallFrame = 64;

}  // namespace

size_t BatchResult::retriable() const {
  size_t n = 0;
  for (const BatchFailure& f : failures) n += f.retriable ? 1 : 0;
  return n;
}

std::string BatchResult::status() const {
  if (failures.empty()) return "success";
  return successful == 0 ? "failure" : "partial_success";
}

Result<EventOutcome> Ingester::IngestText(std::string_view json,
                                          const catalog::Writer& writer) {
  // Counted while decoding, so that a leader may wait for this event to join its batch.
  ++decoding_;
  Result<DecodedEvent> decoded = DecodeEventText(json);
  if (!decoded.ok()) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      --decoding_;
    }
    joined_.notify_one();
    ++rejected_;
    return decoded.status();
  }
  Pending pending{.event = &*decoded, .writer = &writer};
  MakeLogEntry(pending);
  Submit({&pending}, /*decoding=*/true);
  RememberKeyframe(pending);
  Result<EventOutcome>& outcome = *pending.result;
  Count(outcome);
  if (on_applied_ && outcome.ok() && !outcome->duplicate) on_applied_(*outcome);
  return std::move(outcome);
}

void Ingester::MakeLogEntry(Pending& pending) {
  const DecodedEvent& decoded = *pending.event;
  const OlEvent& e = decoded.event;
  model::RawEvent& raw = pending.raw;
  raw.hash = decoded.hash;
  raw.event_type = e.event_type;
  if (e.event_class != EventClass::kDataset) raw.job = e.job.namespace_ + "/" + e.job.name;
  raw.run_id = e.run_id;
  raw.event_time_ms = e.event_time_ms;
  // `body` stays empty: the entry is only written.
  if (!raw.job.empty()) {
    pending.keyframe_key = raw.job + "\n" + raw.event_type;
    std::shared_ptr<const Keyframe> keyframe;
    {
      std::lock_guard<std::mutex> lock(keyframes_mu_);
      auto it = keyframes_.find(pending.keyframe_key);
      if (it != keyframes_.end()) keyframe = it->second;
    }
    if (keyframe != nullptr && keyframe->hash != raw.hash) {
      std::string frame = keyframe->prefix.Compress(decoded.canonical);
      if (frame.size() <= std::max(decoded.canonical.size() / kMaxKeyframeRatio, kSmallFrame)) {
        raw.body_zstd = std::move(frame);
        raw.base = keyframe->hash;
        return;
      }
      ++keyframe->misses;
    }
  }
  raw.body_zstd = ZstdCompress(decoded.canonical, kLogCompressionLevel);
  pending.whole = true;
}

void Ingester::RememberKeyframe(const Pending& pending) {
  if (pending.keyframe_key.empty() || !pending.whole || !pending.result.has_value() ||
      !pending.result->ok() || (*pending.result)->duplicate) {
    return;
  }
  {
    std::lock_guard<std::mutex> lock(keyframes_mu_);
    auto it = keyframes_.find(pending.keyframe_key);
    if (it != keyframes_.end() && it->second->misses <= kKeyframeMisses) return;
  }
  // Copied outside the lock; of two callers racing here the later wins.
  auto keyframe = std::make_shared<const Keyframe>(pending.event->hash, pending.event->canonical,
                                                   kLogCompressionLevel);
  const size_t bytes = keyframe->prefix.content().size();
  std::lock_guard<std::mutex> lock(keyframes_mu_);
  std::shared_ptr<const Keyframe>& slot = keyframes_[pending.keyframe_key];
  if (slot != nullptr) keyframe_bytes_ -= slot->prefix.content().size();
  slot = std::move(keyframe);
  keyframe_bytes_ += bytes;
  if (keyframe_bytes_ > kKeyframeBudget) {
    keyframes_.clear();
    keyframe_bytes_ = 0;
  }
}

void Ingester::Submit(const std::vector<Pending*>& pending, bool decoding) {
  const WaiterRef me = std::make_shared<Waiter>();
  std::unique_lock<std::mutex> lock(mu_);
  for (Pending* p : pending) {
    p->waiter = me;
    queue_.push_back(p);
  }
  if (decoding) {
    --decoding_;
    if (leading_) {
      // The leader may be waiting for this event (LeadOneBatch's commit delay). It is woken
      // without mu_ held: woken, it preempts this caller, and must not find mu_ taken.
      lock.unlock();
      joined_.notify_one();
      lock.lock();
    }
  }
  for (;;) {
    bool all_done = true;
    for (const Pending* p : pending) all_done = all_done && p->done;
    if (all_done) return;
    if (leading_) {
      me->wake.wait(lock);
      continue;
    }
    // Lead one batch, then hand over to the caller whose event is next, so no caller leads
    // other callers' batches for long.
    leading_ = true;
    std::vector<WaiterRef> wake = LeadOneBatch(lock);
    leading_ = false;
    if (!queue_.empty()) wake.push_back(queue_.front()->waiter);
    all_done = true;
    for (const Pending* p : pending) all_done = all_done && p->done;
    // Woken without mu_ held, so they do not block on it at once. Each was done or chosen
    // under mu_, which it reads under mu_ before waiting: no wakeup is lost.
    lock.unlock();
    for (const WaiterRef& w : wake) {
      if (w != me) w->wake.notify_one();
    }
    if (all_done) return;
    lock.lock();
  }
}

std::vector<Ingester::WaiterRef> Ingester::LeadOneBatch(std::unique_lock<std::mutex>& lock) {
  // Group commit's commit delay: events still being decoded join this batch if they are
  // queued within kJoinWait, so the batch's one commit serves them too.
  joined_.wait_for(lock, kJoinWait,
                   [this] { return decoding_ == 0 || queue_.size() >= kMaxBatch; });
  const size_t n = std::min(queue_.size(), kMaxBatch);
  std::vector<Pending*> batch(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
  queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
  lock.unlock();
  RunBatch(batch);
  lock.lock();
  std::vector<WaiterRef> done;
  for (Pending* p : batch) {
    p->done = true;
    // Consecutive events share a waiter.
    if (done.empty() || done.back() != p->waiter) done.push_back(p->waiter);
  }
  return done;
}

void Ingester::RunBatch(const std::vector<Pending*>& batch) {
  Result<std::unique_ptr<catalog::Catalog::WriteBatch>> write = catalog_->BeginBatch();
  if (!write.ok()) {
    for (Pending* p : batch) p->result = write.status();
    return;
  }
  for (Pending* p : batch) p->result = IngestInBatch(*p, **write);
  Status committed = (*write)->Commit();
  if (committed.ok()) return;
  // Nothing of the batch remains, duplicates of its own events included.
  for (Pending* p : batch) {
    if (p->result->ok()) p->result = committed;
  }
}

Result<EventOutcome> Ingester::IngestInBatch(Pending& pending,
                                             catalog::Catalog::WriteBatch& batch) {
  const DecodedEvent& decoded = *pending.event;
  EventOutcome outcome;
  outcome.hash = decoded.hash;
  LINEA_ASSIGN_OR_RETURN(bool seen, runs_->HasEvent(decoded.hash));
  if (seen) {
    outcome.duplicate = true;
    return outcome;
  }
  LINEA_ASSIGN_OR_RETURN(Projection projection,
                         ProjectEvent(decoded.event, *catalog_, *runs_, namespaces_));
  projection.runs.append_events.push_back(std::move(pending.raw));
  outcome.stale = projection.stale;
  for (const model::RunRecord& run : projection.runs.upsert_runs) {
    if (run.asset == run.job) {
      outcome.job = run.job;
      outcome.run_id = run.run_id;
      outcome.state = run.state;
      outcome.error_message = run.error_message;
    }
  }
  if (outcome.state == "FAIL" || outcome.state == "ABORT") {
    for (const model::RunRecord& run : projection.runs.upsert_runs) {
      if (run.asset != run.job && run.job == outcome.job && run.run_id == outcome.run_id &&
          run.state == outcome.state) {
        outcome.failed_outputs.push_back(run.asset);
      }
    }
  }
  for (const model::RunRecord& run : projection.runs.upsert_runs) {
    if (run.quality_json.empty() || run.asset == run.job) continue;
    std::vector<model::QualityResult> results =
        QualityResultsOf(run.asset, run.quality_json, run.event_time_ms, run.job);
    for (model::QualityResult& r : results) outcome.quality_results.push_back(std::move(r));
  }
  outcome.datasets = projection.datasets;
  outcome.column_edges = projection.column_edges;
  runs::RunWrite run_part(*runs_, std::move(projection.runs));
  LINEA_ASSIGN_OR_RETURN(catalog::ApplyStats stats,
                         batch.Apply(std::move(projection.delta), &run_part, pending.writer));
  outcome.assets_upserted = stats.assets_upserted;
  return outcome;
}

BatchResult Ingester::IngestAll(const std::vector<std::string>& events,
                                const catalog::Writer& writer,
                                const std::function<void(size_t)>& on_event) {
  BatchResult result;
  result.received = events.size();
  auto fail = [&](size_t index, const Status& s) {
    result.failures.push_back({index, s.message(), s.code(), s.code() == StatusCode::kUnavailable});
  };
  // Decoded a chunk at a time, so a huge backfill neither holds every decoded event nor waits
  // long between progress reports.
  constexpr size_t kChunk = 4 * kMaxBatch;
  for (size_t first = 0; first < events.size(); first += kChunk) {
    const size_t last = std::min(events.size(), first + kChunk);
    std::vector<std::optional<DecodedEvent>> decoded(last - first);
    std::vector<Pending> pending(last - first);
    std::vector<Pending*> queued;
    for (size_t i = first; i < last; ++i) {
      Result<DecodedEvent> d = DecodeEventText(events[i]);
      if (!d.ok()) {
        pending[i - first].result = d.status();
        continue;
      }
      decoded[i - first] = std::move(*d);
      pending[i - first].event = &*decoded[i - first];
      pending[i - first].writer = &writer;
      MakeLogEntry(pending[i - first]);
      queued.push_back(&pending[i - first]);
    }
    if (!queued.empty()) Submit(queued);
    // Of the chunk's logged events, the last of each job and event type decides its keyframe.
    std::unordered_set<std::string> settled;
    for (auto it = queued.rbegin(); it != queued.rend(); ++it) {
      const Pending& p = **it;
      if (!p.result->ok() || !settled.insert(p.keyframe_key).second) continue;
      RememberKeyframe(p);
    }
    for (size_t i = first; i < last; ++i) {
      const Result<EventOutcome>& outcome = *pending[i - first].result;
      Count(outcome);
      if (outcome.ok()) {
        ++result.successful;
        result.duplicates += outcome->duplicate ? 1 : 0;
        result.column_edges += outcome->column_edges;
        if (on_applied_ && !outcome->duplicate) on_applied_(*outcome);
      } else {
        fail(i, outcome.status());
      }
      if (on_event) on_event(i);
    }
  }
  return result;
}

}  // namespace linea::openlineage
