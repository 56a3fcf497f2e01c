// src/incident/outbox.h: the background sender of the durable outbox.
//
// Pending Delivery rows (store) — incident events and monthly quality digests, told apart by
// their event — are rendered at send time (notify::Render) and sent
// (notify::Sender) by a few worker threads, so a receiver that hangs blocks only its own
// delivery. After each attempt the row is updated through the catalog: delivered; failed for
// good (a 4xx other than 429, a malformed URL, a target address the sender's policy denies —
// notify/address_policy.h —, a contact that no longer exists or validates);
// or rescheduled with exponential backoff and full jitter (base · 2^attempts, capped) until
// `give_up_after_ms` after its creation, when it is marked failed. The idempotency key
// (Delivery.id) is the webhook-id, so a row re-sent after a crash between sending and recording
// is recognisable by the receiver. A restart loads the pending rows again: nothing is lost.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "catalog/catalog.h"
#include "incident/incident_state.h"
#include "notify/render.h"
#include "notify/sender.h"

namespace linea::incident {

struct OutboxOptions {
  notify::SenderOptions transport;
  notify::RenderOptions render;
  int workers = 4;
  int64_t base_backoff_ms = 2000;
  int64_t max_backoff_ms = 10 * 60 * 1000;
  int64_t give_up_after_ms = 24 * 60 * 60 * 1000;
  // How often the pending rows are re-read when nothing wakes the sender.
  int64_t poll_ms = 1000;
  // Current time in unix milliseconds. Default (empty): the system clock.
  std::function<int64_t()> clock_ms;
};

// Delivery attempts since the outbox was made, by their outcome.
struct OutboxCounters {
  uint64_t delivered = 0;  // the receiver took it
  uint64_t retried = 0;    // failed, another attempt scheduled
  uint64_t failed = 0;     // failed for good (refused, gave up)
};

class Outbox {
 public:
  // `catalog` and `state` (registered with it) must outlive the outbox.
  Outbox(catalog::Catalog* catalog, IncidentState* state, OutboxOptions options);
  ~Outbox();  // Stop()s
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;

  // Starts the worker threads. Idempotent.
  void Start();
  // Stops taking new rows and joins the workers (an attempt in flight finishes first).
  void Stop();
  // New rows were queued: look now instead of at the next poll.
  void Wake();
  // Attempts every row due now once, on the calling thread; returns how many were attempted.
  // For tests and one-shot use; do not mix with Start().
  size_t RunOnce();
  // The attempts so far, by outcome (the server's /metrics).
  OutboxCounters counters() const;

 private:
  // …implementation-defined members…
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace linea::incident
