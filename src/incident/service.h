// src/incident/service.h: incidents — open/acknowledge/resolve, frozen impact, routing to the
// affected teams, and the outbox rows each lifecycle event queues (issue #6).
//
// Every change is one catalog write carrying an IncidentWrite: the incident (with its timeline)
// and the new Delivery rows, so the outbox is written in the same transaction as the incident
// event.
//
// Routing of one incident event (one Delivery per recipient and contact):
//  - every team owning an affected model, dashboard or deployment (effective `team:` owners in
//    the frozen impact) — its message lists exactly that team's models, dashboards, deployments;
//  - the broken asset's effective `team:` owners — their message lists every affected model;
//  - subscribers (model/incident.h Subscription, `team:` or `user:`) of the broken asset, of any
//    affected model or dashboard/deployment (kind "asset"/"model"), or of the broken asset's or
//    an affected model's effective domain (kind "domain") — their message lists the affected
//    models that match (all of them when the match is the broken asset or its domain).
// A team appearing several ways gets one message (the union). `user:` owners and subscribers are
// recipients too: a catalog user's contacts are told exactly like a team's. Every recipient is
// reported (Recipient); one that cannot be told — a team or user without contacts, a name that
// is no catalog team or user — gets no Delivery and says why.
// Delivery.id = hex SHA-256 of "<incident id>|<event>[#<reminder n>]|<team>|<contact index>":
// the same (incident, team, channel, event) is never queued twice.
//
// The monthly quality digests (notify/digest.h; built by qualitydigest/) go through the same
// outbox: one Delivery per recipient and contact, event "quality.digest", incident_id
// DigestId(period) ("digest:2026-11"; no incident of that id exists), id = hex SHA-256 of
// "digest:<period>|quality.digest|<team>|<contact index>" — a digest is queued once per
// (period, team, channel), however often it is asked for.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "common/result.h"
#include "incident/incident_state.h"
#include "model/incident.h"
#include "notify/digest.h"
#include "notify/message.h"

namespace linea::incident {

struct ServiceOptions {
  // The UI base URL for links in messages (--public-url); "" = links are the FQN only.
  std::string public_url;
  // Current time in unix milliseconds. Default (empty): the system clock.
  std::function<int64_t()> clock_ms;
};

// One recipient of an incident event and what it is told.
struct Recipient {
  std::string recipient;              // "team:<name>" or "user:<name>"
  std::vector<std::string> channels;  // the contact types a message goes to, in contact order
  // Why it cannot be told ("no contacts", "not a catalog team", "not a catalog user");
  // "" when `channels` is not empty.
  std::string unreachable;
  notify::Notification message;  // what its message lists (idempotency key unset)
};

// One recipient's monthly quality digest, to queue.
struct RecipientDigest {
  std::string recipient;  // "team:<name>" or "user:<name>"
  notify::Digest digest;  // its team and idempotency key are set when queued
};

// What queueing digests did for one recipient.
struct DigestRecipient {
  std::string recipient;              // "team:<name>" or "user:<name>"
  std::vector<std::string> channels;  // its contact types, in contact order
  // Why it cannot be told ("no contacts", "not a catalog team", "not a catalog user");
  // "" when `channels` is not empty.
  std::string unreachable;
  size_t models = 0;          // the models its digest lists
  size_t queued = 0;          // deliveries queued now (would be, in a dry run)
  size_t already_queued = 0;  // deliveries of the same digest queued before (in any state)
  notify::Digest digest;      // what it is told (team set, idempotency key unset)
};

struct DigestOutcome {
  std::vector<DigestRecipient> recipients;  // in the order given
  size_t queued = 0;
  size_t already_queued = 0;
};

// The Delivery.incident_id of the digests of `period`: "digest:" + period.
std::string DigestId(std::string_view period);

struct OpenRequest {
  std::string asset;  // FQN (an alias resolves to its asset)
  std::string title;
  std::string description;
  std::string severity = "high";  // low | medium | high | critical; "" = high
  // Who opens it: the timeline's actor, checked and audited by the catalog.
  catalog::Writer writer = catalog::Writer::Local("linea incident open");
  // Compute the impact and the recipients, write nothing and queue nothing.
  bool dry_run = false;
};

struct OpenOutcome {
  model::Incident incident;
  bool created = false;     // false: the asset already had an unresolved incident; the open
                            // was added to its timeline ("reopened") and nothing was queued
  size_t deliveries = 0;    // rows queued
  std::vector<Recipient> recipients;  // of the opening (empty when not created)
};

struct Change {
  model::Incident incident;
  size_t deliveries = 0;
  std::vector<Recipient> recipients;
};

class IncidentService {
 public:
  // `catalog` and `state` (registered with it) must outlive the service.
  IncidentService(catalog::Catalog* catalog, IncidentState* state, ServiceOptions options = {});
  // Subscriptions added (`remove` false) or removed, in one catalog write. A scoped writer may
  // change only the subscriptions of its teams (catalog::WriteScope::teams).
  // Errors: kPermissionDenied, IncidentWrite::Validate()'s, the store's.
  Status ChangeSubscriptions(std::vector<model::Subscription> subscriptions, bool remove,
                             const catalog::Writer& writer);

  // Errors: kNotFound "unknown asset …" with candidates; kInvalidArgument for an empty title or
  // a severity outside low/medium/high/critical. With request.dry_run nothing is written: the
  // outcome is what an open would do (created false when the asset has an unresolved incident).
  Result<OpenOutcome> Open(const OpenRequest& request);
  // open → acknowledged. kNotFound for an unknown id; kFailedPrecondition when not open.
  Result<Change> Acknowledge(std::string_view id, const catalog::Writer& writer,
                             std::string_view note);
  // open|acknowledged → resolved. kInvalidArgument for an empty reason; kNotFound;
  // kFailedPrecondition when already resolved.
  Result<Change> Resolve(std::string_view id, const catalog::Writer& writer,
                         std::string_view reason);
  // Queues a reminder (event "incident.reminder", to the same recipients as the opening) for
  // every unresolved incident whose last timeline event is at least `interval_ms` old; adds a
  // "reminder" timeline event. Returns how many incidents were reminded.
  // kInvalidArgument when `interval_ms` is not positive.
  Result<size_t> QueueReminders(int64_t interval_ms);
  // Queues each digest to its recipient's contacts as they are now (one Delivery each, see
  // above), in one catalog write by `writer`; a delivery already queued for the same
  // (period, recipient, contact) is counted, not queued again. A recipient without contacts
  // is reported, with nothing queued. With `dry_run` nothing is written: the outcome is what
  // queueing would do. Errors: kInvalidArgument for a period that is not YYYY-MM or a
  // recipient that is neither team:<name> nor user:<name>; the write's.
  Result<DigestOutcome> QueueDigests(std::vector<RecipientDigest> digests,
                                     const catalog::Writer& writer, bool dry_run = false);

 private:
  int64_t Now() const;
  // The Delivery rows of `event` ("incident.opened", …) of `incident`, one per recipient and
  // contact, skipping rows already queued. `event_key` is `event`, "#<n>" appended for the
  // n-th reminder. `now` is their creation time. Every recipient is added to `recipients`
  // when given. REQUIRES: mu_ held.
  Result<std::vector<model::Delivery>> Queue(const model::Incident& incident,
                                             std::string_view event, std::string_view event_key,
                                             int64_t now,
                                             std::vector<Recipient>* recipients = nullptr) const;
  // Appends `event` to the timeline, queues `notify_event` and applies both. REQUIRES: mu_ held.
  Result<Change> Record(model::Incident incident, model::IncidentEvent event,
                        std::string_view notify_event, const catalog::Writer& writer);
  // One catalog write of `delta` (no lineage change) by `writer`.
  Status Write(model::IncidentDelta delta, const catalog::Writer& writer);
  catalog::Catalog* catalog_;
  IncidentState* state_;
  ServiceOptions options_;
  std::mutex mu_;  // one lifecycle change at a time (read → decide → apply)
};

}  // namespace linea::incident
