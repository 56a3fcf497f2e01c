#include "incident/outbox.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <limits>
#include <map>
#include <optional>
#include <random>

#include "contacts/contact.h"
#include "incident/incident_write.h"
#include "incident/internal/payload.h"
#include "incident/internal/routing.h"

namespace linea::incident {
namespace {

int64_t SystemMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A local reason not to send (missing contact, bad payload, render error): failed for good.
notify::DeliveryResult Refused(std::string error) {
  return {.delivered = false, .retriable = false, .error = std::move(error)};
}

}  // namespace

struct Outbox::Impl {
  Impl(catalog::Catalog* c, IncidentState* s, OutboxOptions o)
      : catalog(c),
        state(s),
        options(std::move(o)),
        sender(options.transport),
        rng(std::random_device{}()) {}

  int64_t Now() const { return options.clock_ms ? options.clock_ms() : SystemMillis(); }

  // Renders and sends one row; local problems come back as a non-retriable result.
  notify::DeliveryResult Deliver(const model::Delivery& d) const;
  // The message of `d` for `contact`: its payload decoded by its event (a digest or an
  // incident event) and rendered now. Errors: a malformed payload, Render()'s.
  Result<notify::OutgoingMessage> RenderPayload(const model::Contact& contact,
                                                const model::Delivery& d) const;
  // The row after an attempt that ended with `result` at `now`.
  model::Delivery Outcome(model::Delivery d, const notify::DeliveryResult& result, int64_t now);
  // Attempts `d` once and records the outcome through the catalog.
  Status Attempt(model::Delivery d);
  // A worker thread: claims due rows one at a time until stopping.
  void Work();
  // The first due row nobody works on, claimed; else nullopt and `*next_due` set to the
  // earliest future attempt (or INT64_MAX). REQUIRES: mu held.
  std::optional<model::Delivery> ClaimLocked(int64_t now, int64_t* next_due);

  catalog::Catalog* const catalog;
  IncidentState* const state;
  const OutboxOptions options;
  const notify::Sender sender;

  std::mutex mu;
  std::condition_variable cv;
  std::mt19937_64 rng;                      // guarded by mu (jitter)
  bool stopping = false;                    // guarded by mu
  uint64_t wakes = 0;                       // guarded by mu; bumped by Wake() and by each claim
  std::set<std::string> in_flight;          // guarded by mu: rows being attempted
  std::map<std::string, int64_t> deferred;  // guarded by mu: rows whose outcome could not be
                                            // recorded → not before this time
  std::vector<std::thread> workers;         // touched only by Start()/Stop()
  std::atomic<uint64_t> delivered{0}, retried{0}, failed{0};  // counters()
};

notify::DeliveryResult Outbox::Impl::Deliver(const model::Delivery& d) const {
  // A team's or a user's contacts as they are now: a changed contact list refuses the delivery.
  Result<std::vector<model::Contact>> contacts = internal::ContactsOf(*catalog, d.team);
  if (!contacts.ok()) {
    if (contacts.status().code() == StatusCode::kInvalidArgument) {
      return Refused(d.team + " has no contacts");
    }
    if (contacts.status().code() != StatusCode::kNotFound) {
      return {.retriable = true, .error = contacts.status().ToString()};
    }
    return Refused(d.team + " no longer exists");
  }
  if (d.contact_index < 0 || static_cast<size_t>(d.contact_index) >= contacts->size() ||
      (*contacts)[d.contact_index].type != d.channel) {
    return Refused("contact " + std::to_string(d.contact_index) + " (" + d.channel + ") of " +
                   d.team + " no longer exists");
  }
  const model::Contact& contact = (*contacts)[d.contact_index];
  if (Status valid = contacts::ValidateContact(contact, d.contact_index); !valid.ok()) {
    return Refused(valid.message());
  }
  Result<notify::OutgoingMessage> message = RenderPayload(contact, d);
  if (!message.ok()) return Refused(message.status().message());
  return sender.Send(*message);
}

Result<notify::OutgoingMessage> Outbox::Impl::RenderPayload(const model::Contact& contact,
                                                            const model::Delivery& d) const {
  if (d.event == notify::kDigestEvent) {
    Result<notify::Digest> digest = internal::DecodeDigestPayload(d.payload_json);
    if (!digest.ok()) return digest.status();
    return notify::Render(contact, *digest, options.render);
  }
  Result<notify::Notification> notification = internal::DecodePayload(d.payload_json);
  if (!notification.ok()) return notification.status();
  return notify::Render(contact, *notification, options.render);
}

model::Delivery Outbox::Impl::Outcome(model::Delivery d, const notify::DeliveryResult& result,
                                      int64_t now) {
  const int64_t before = d.attempts;
  d.attempts += 1;
  d.last_status = result.http_status;
  if (result.delivered) {
    d.state = "delivered";
    d.delivered_at = now;
    d.last_error.clear();
    return d;
  }
  d.last_error = result.error;
  if (!result.response.empty()) d.last_error += ": " + result.response;
  const int64_t give_up_at = d.created_at + options.give_up_after_ms;
  if (!result.retriable) {
    d.state = "failed";
  } else if (now >= give_up_at) {
    d.state = "failed";
    d.last_error = "gave up after " + std::to_string(d.attempts) + " attempts: " + d.last_error;
  } else {
    // Exponential backoff with full jitter: uniform in [1, min(cap, base · 2^before)].
    const int64_t cap = std::max<int64_t>(1, options.max_backoff_ms);
    int64_t window = std::max<int64_t>(1, options.base_backoff_ms);
    for (int64_t i = 0; i < before && window < cap; ++i) window *= 2;
    window = std::min(window, cap);
    int64_t delay;
    {
      std::lock_guard<std::mutex> lock(mu);
      delay = std::uniform_int_distribution<int64_t>(1, window)(rng);
    }
    d.next_attempt_at = std::min(now + delay, give_up_at);
  }
  return d;
}

Status Outbox::Impl::Attempt(model::Delivery d) {
  notify::DeliveryResult result = Deliver(d);
  model::IncidentDelta delta;
  delta.upsert_deliveries.push_back(Outcome(std::move(d), result, Now()));
  const std::string& now = delta.upsert_deliveries.back().state;
  ++(now == "delivered" ? delivered : now == "failed" ? failed : retried);
  IncidentWrite write(*state, std::move(delta));
  return catalog->Apply({}, &write).status();
}

std::optional<model::Delivery> Outbox::Impl::ClaimLocked(int64_t now, int64_t* next_due) {
  *next_due = std::numeric_limits<int64_t>::max();
  Result<std::vector<model::Delivery>> pending = state->PendingDeliveries();
  if (!pending.ok()) return std::nullopt;  // the store is unavailable: look again at the next poll
  for (model::Delivery& d : *pending) {
    if (in_flight.contains(d.id)) continue;
    int64_t due = d.next_attempt_at;
    if (auto it = deferred.find(d.id); it != deferred.end()) due = std::max(due, it->second);
    if (due > now) {
      *next_due = std::min(*next_due, due);
      continue;
    }
    deferred.erase(d.id);
    in_flight.insert(d.id);
    return std::move(d);
  }
  return std::nullopt;
}

void Outbox::Impl::Work() {
  std::unique_lock<std::mutex> lock(mu);
  while (!stopping) {
    const uint64_t seen = wakes;
    const int64_t now = Now();
    int64_t next_due = 0;
    if (std::optional<model::Delivery> d = ClaimLocked(now, &next_due)) {
      ++wakes;  // another idle worker may take the next due row meanwhile
      cv.notify_one();
      const std::string id = d->id;
      lock.unlock();
      Status recorded = Attempt(std::move(*d));
      lock.lock();
      in_flight.erase(id);
      if (!recorded.ok()) deferred[id] = Now() + std::max<int64_t>(1, options.poll_ms);
      continue;
    }
    int64_t wait_ms = std::max<int64_t>(1, options.poll_ms);
    if (next_due != std::numeric_limits<int64_t>::max()) {
      wait_ms = std::clamp<int64_t>(next_due - now, 1, wait_ms);
    }
    cv.wait_for(lock, std::chrono::milliseconds(wait_ms),
                [&] { return stopping || wakes != seen; });
  }
}

Outbox::Outbox(catalog::Catalog* catalog, IncidentState* state, OutboxOptions options)
    : impl_(std::make_unique<Impl>(catalog, state, std::move(options))) {}

Outbox::~Outbox() { Stop(); }

void Outbox::Start() {
  if (!impl_->workers.empty()) return;
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->stopping = false;
  }
  const int n = std::max(1, impl_->options.workers);
  for (int i = 0; i < n; ++i) impl_->workers.emplace_back([this] { impl_->Work(); });
}

void Outbox::Stop() {
  if (impl_->workers.empty()) return;
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->stopping = true;
  }
  impl_->cv.notify_all();
  for (std::thread& t : impl_->workers) t.join();
  impl_->workers.clear();
}

void Outbox::Wake() {
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    ++impl_->wakes;
  }
  impl_->cv.notify_all();
}

OutboxCounters Outbox::counters() const {
  return {impl_->delivered.load(), impl_->retried.load(), impl_->failed.load()};
}

size_t Outbox::RunOnce() {
  Result<std::vector<model::Delivery>> pending = impl_->state->PendingDeliveries();
  if (!pending.ok()) return 0;
  const int64_t now = impl_->Now();
  size_t attempted = 0;
  for (model::Delivery& d : *pending) {
    if (d.next_attempt_at > now) continue;
    impl_->Attempt(std::move(d)).IgnoreError();  // still pending: tried again next time
    ++attempted;
  }
  return attempted;
}

}  // namespace linea::incident
