#include "incident/service.h"

#include <chrono>
#include <map>
#include <set>

#include "common/status_macros.h"
#include "common/time_text.h"
#include "incident/incident_write.h"
#include "incident/internal/ids.h"
#include "incident/internal/payload.h"
#include "incident/internal/routing.h"
#include "notify/url.h"

namespace linea::incident {
namespace {

bool IsSeverity(std::string_view s) {
  return s == "low" || s == "medium" || s == "high" || s == "critical";
}

std::string TeamName(std::string_view owner) { return std::string(owner.substr(5)); }

bool IsUser(std::string_view recipient) { return recipient.rfind("user:", 0) == 0; }

int64_t LastEventAt(const model::Incident& incident) {
  return incident.timeline.empty() ? incident.updated_at : incident.timeline.back().at;
}

// The name a message gives its recipient: the bare team name, or "user:<name>".
std::string Addressee(std::string_view recipient) {
  return IsUser(recipient) ? std::string(recipient) : TeamName(recipient);
}

// The stored contacts of `recipient` ("team:x" or "user:x"). Empty, with `*unreachable` saying
// why, when it has none or is no catalog team or user. Errors: the store's; kInvalidArgument
// for a recipient of neither form.
Result<std::vector<model::Contact>> ReachableContacts(const catalog::Catalog& catalog,
                                                      std::string_view recipient,
                                                      std::string* unreachable) {
  unreachable->clear();
  Result<std::vector<model::Contact>> stored = internal::ContactsOf(catalog, recipient);
  if (!stored.ok()) {
    if (stored.status().code() != StatusCode::kNotFound) return stored.status();
    *unreachable = IsUser(recipient) ? "not a catalog user" : "not a catalog team";
    return std::vector<model::Contact>{};
  }
  if (stored->empty()) *unreachable = "no contacts";
  return stored;
}

}  // namespace

IncidentService::IncidentService(catalog::Catalog* catalog, IncidentState* state,
                                 ServiceOptions options)
    : catalog_(catalog), state_(state), options_(std::move(options)) {}

Status IncidentService::Write(model::IncidentDelta delta, const catalog::Writer& writer) {
  IncidentWrite write(*state_, std::move(delta));
  return catalog_->Apply({}, &write, &writer).status();
}

Status IncidentService::ChangeSubscriptions(std::vector<model::Subscription> subscriptions,
                                            bool remove, const catalog::Writer& writer) {
  model::IncidentDelta delta;
  (remove ? delta.delete_subscriptions : delta.upsert_subscriptions) = std::move(subscriptions);
  return Write(std::move(delta), writer);
}

int64_t IncidentService::Now() const {
  if (options_.clock_ms) return options_.clock_ms();
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<OpenOutcome> IncidentService::Open(const OpenRequest& request) {
  if (request.title.empty()) return InvalidArgumentError("an incident needs a title");
  const std::string severity = request.severity.empty() ? "high" : request.severity;
  if (!IsSeverity(severity)) {
    return InvalidArgumentError("severity must be low, medium, high or critical, not \"" +
                                severity + "\"");
  }
  const std::string fqn = catalog_->Resolve(request.asset);
  std::optional<catalog::AssetSummary> root = catalog_->Summary(fqn);
  if (!root) return catalog_->UnknownAsset(request.asset);

  std::lock_guard<std::mutex> lock(mu_);
  const int64_t now = Now();
  if (std::optional<std::string> id = state_->UnresolvedOn(fqn)) {
    LINEA_ASSIGN_OR_RETURN(model::Incident incident, state_->GetIncident(*id));
    if (request.dry_run) return OpenOutcome{std::move(incident), false, 0, {}};
    incident.timeline.push_back({now, "reopened", request.writer.name, request.title});
    incident.updated_at = now;
    model::IncidentDelta delta;
    delta.upsert_incidents.push_back(incident);
    LINEA_RETURN_IF_ERROR(Write(std::move(delta), request.writer));
    return OpenOutcome{std::move(incident), false, 0, {}};
  }

  LINEA_ASSIGN_OR_RETURN(graph::ImpactReport report, catalog_->Impact(fqn, {}));
  model::Incident incident;
  incident.id = request.dry_run ? "" : internal::NewIncidentId();
  incident.asset = fqn;
  incident.title = request.title;
  incident.description = request.description;
  incident.severity = severity;
  incident.state = "open";
  incident.opened_at = now;
  incident.updated_at = now;
  incident.impact_json = internal::FreezeImpact(report, *root);
  incident.timeline.push_back({now, "opened", request.writer.name, request.title});
  OpenOutcome outcome;
  LINEA_ASSIGN_OR_RETURN(
      std::vector<model::Delivery> deliveries,
      Queue(incident, "incident.opened", "incident.opened", now, &outcome.recipients));
  if (request.dry_run) {
    outcome.incident = std::move(incident);
    return outcome;
  }
  outcome.deliveries = deliveries.size();
  model::IncidentDelta delta;
  delta.upsert_incidents.push_back(incident);
  delta.upsert_deliveries = std::move(deliveries);
  LINEA_RETURN_IF_ERROR(Write(std::move(delta), request.writer));
  outcome.incident = std::move(incident);
  outcome.created = true;
  return outcome;
}

Result<Change> IncidentService::Acknowledge(std::string_view id, const catalog::Writer& writer,
                                            std::string_view note) {
  std::lock_guard<std::mutex> lock(mu_);
  LINEA_ASSIGN_OR_RETURN(model::Incident incident, state_->GetIncident(id));
  if (incident.state != "open") {
    return FailedPreconditionError("incident " + incident.id + " is " + incident.state +
                                   ", not open");
  }
  incident.state = "acknowledged";
  return Record(std::move(incident), {Now(), "acknowledged", writer.name, std::string(note)},
                "incident.acknowledged", writer);
}

Result<Change> IncidentService::Resolve(std::string_view id, const catalog::Writer& writer,
                                        std::string_view reason) {
  if (reason.empty()) return InvalidArgumentError("resolving an incident needs a reason");
  std::lock_guard<std::mutex> lock(mu_);
  LINEA_ASSIGN_OR_RETURN(model::Incident incident, state_->GetIncident(id));
  if (incident.state == "resolved") {
    return FailedPreconditionError("incident " + incident.id + " is already resolved");
  }
  incident.state = "resolved";
  incident.resolution = std::string(reason);
  return Record(std::move(incident), {Now(), "resolved", writer.name, std::string(reason)},
                "incident.resolved", writer);
}

Result<size_t> IncidentService::QueueReminders(int64_t interval_ms) {
  if (interval_ms <= 0) return InvalidArgumentError("the reminder interval must be positive");
  std::lock_guard<std::mutex> lock(mu_);
  const int64_t now = Now();
  LINEA_ASSIGN_OR_RETURN(std::vector<model::Incident> incidents, state_->ListIncidents(""));
  model::IncidentDelta delta;
  size_t reminded = 0;
  for (model::Incident& incident : incidents) {
    if (incident.state == "resolved" || now - LastEventAt(incident) < interval_ms) continue;
    incident.reminders += 1;
    incident.timeline.push_back({now, "reminder", "scheduler", ""});
    incident.updated_at = now;
    const std::string key = "incident.reminder#" + std::to_string(incident.reminders);
    LINEA_ASSIGN_OR_RETURN(std::vector<model::Delivery> deliveries,
                           Queue(incident, "incident.reminder", key, now));
    for (model::Delivery& d : deliveries) delta.upsert_deliveries.push_back(std::move(d));
    delta.upsert_incidents.push_back(std::move(incident));
    ++reminded;
  }
  static const catalog::Writer kScheduler =
      catalog::Writer::System("scheduler", "incident reminders");
  if (reminded > 0) LINEA_RETURN_IF_ERROR(Write(std::move(delta), kScheduler));
  return reminded;
}

Result<Change> IncidentService::Record(model::Incident incident, model::IncidentEvent event,
                                       std::string_view notify_event,
                                       const catalog::Writer& writer) {
  const int64_t now = event.at;
  incident.timeline.push_back(std::move(event));
  incident.updated_at = now;
  std::vector<Recipient> recipients;
  LINEA_ASSIGN_OR_RETURN(std::vector<model::Delivery> deliveries,
                         Queue(incident, notify_event, notify_event, now, &recipients));
  const size_t queued = deliveries.size();
  model::IncidentDelta delta;
  delta.upsert_incidents.push_back(incident);
  delta.upsert_deliveries = std::move(deliveries);
  LINEA_RETURN_IF_ERROR(Write(std::move(delta), writer));
  return Change{std::move(incident), queued, std::move(recipients)};
}

Result<std::vector<model::Delivery>> IncidentService::Queue(
    const model::Incident& incident, std::string_view event, std::string_view event_key,
    int64_t now, std::vector<Recipient>* recipients) const {
  std::optional<notify::EventType> type = notify::ParseEventType(event);
  if (!type) return InternalError("unknown incident event " + std::string(event));
  LINEA_ASSIGN_OR_RETURN(internal::FrozenImpact impact,
                         internal::ParseFrozenImpact(incident.impact_json));
  LINEA_ASSIGN_OR_RETURN(std::vector<model::Subscription> subscriptions,
                         state_->ListSubscriptions());
  LINEA_ASSIGN_OR_RETURN(std::vector<model::Delivery> existing,
                         state_->DeliveriesOf(incident.id));
  std::set<std::string> queued;
  for (const model::Delivery& d : existing) queued.insert(d.id);

  notify::Notification base;
  base.type = *type;
  base.incident = {incident.id, incident.asset, incident.title, incident.severity, incident.state};
  base.url = options_.public_url.empty() ? incident.asset
                                         : notify::AssetUrl(options_.public_url, incident.asset);
  std::vector<model::Delivery> out;
  for (internal::Recipient& r : internal::Route(impact, subscriptions)) {
    Recipient report{.recipient = r.team};
    LINEA_ASSIGN_OR_RETURN(std::vector<model::Contact> contacts,
                           ReachableContacts(*catalog_, r.team, &report.unreachable));
    notify::Notification n = base;
    n.team = Addressee(r.team);
    n.models = std::move(r.models);
    n.dashboards = std::move(r.dashboards);
    n.deployments = std::move(r.deployments);
    for (size_t i = 0; i < contacts.size(); ++i) {
      report.channels.push_back(contacts[i].type);
      model::Delivery d;
      d.id = internal::DeliveryId(incident.id, event_key, r.team, static_cast<int>(i));
      if (queued.contains(d.id)) continue;
      d.incident_id = incident.id;
      d.event = std::string(event);
      d.team = r.team;
      d.contact_index = static_cast<int>(i);
      d.channel = contacts[i].type;
      d.state = "pending";
      d.created_at = now;
      d.next_attempt_at = now;
      n.idempotency_key = d.id;
      d.payload_json = internal::EncodePayload(n);
      queued.insert(d.id);
      out.push_back(std::move(d));
    }
    if (recipients) {
      n.idempotency_key.clear();
      report.message = std::move(n);
      recipients->push_back(std::move(report));
    }
  }
  return out;
}

Result<DigestOutcome> IncidentService::QueueDigests(std::vector<RecipientDigest> digests,
                                                    const catalog::Writer& writer, bool dry_run) {
  for (const RecipientDigest& r : digests) {
    if (!IsMonth(r.digest.period)) {
      return InvalidArgumentError("period: expected a month YYYY-MM, not \"" + r.digest.period +
                                  "\"");
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  const int64_t now = Now();
  std::map<std::string, std::set<std::string>> queued;  // by digest id: delivery ids
  DigestOutcome outcome;
  model::IncidentDelta delta;
  for (RecipientDigest& r : digests) {
    const std::string digest_id = DigestId(r.digest.period);
    if (!queued.contains(digest_id)) {
      LINEA_ASSIGN_OR_RETURN(std::vector<model::Delivery> existing,
                             state_->DeliveriesOf(digest_id));
      std::set<std::string>& ids = queued[digest_id];
      for (const model::Delivery& d : existing) ids.insert(d.id);
    }
    std::set<std::string>& ids = queued[digest_id];
    DigestRecipient report{.recipient = r.recipient, .models = r.digest.models.size()};
    LINEA_ASSIGN_OR_RETURN(std::vector<model::Contact> contacts,
                           ReachableContacts(*catalog_, r.recipient, &report.unreachable));
    r.digest.team = Addressee(r.recipient);
    for (size_t i = 0; i < contacts.size(); ++i) {
      report.channels.push_back(contacts[i].type);
      model::Delivery d;
      d.id =
          internal::DeliveryId(digest_id, notify::kDigestEvent, r.recipient, static_cast<int>(i));
      if (ids.contains(d.id)) {
        ++report.already_queued;
        continue;
      }
      d.incident_id = digest_id;
      d.event = std::string(notify::kDigestEvent);
      d.team = r.recipient;
      d.contact_index = static_cast<int>(i);
      d.channel = contacts[i].type;
      d.state = "pending";
      d.created_at = now;
      d.next_attempt_at = now;
      r.digest.idempotency_key = d.id;
      d.payload_json = internal::EncodeDigestPayload(r.digest);
      ids.insert(d.id);
      delta.upsert_deliveries.push_back(std::move(d));
      ++report.queued;
    }
    r.digest.idempotency_key.clear();
    report.digest = std::move(r.digest);
    outcome.queued += report.queued;
    outcome.already_queued += report.already_queued;
    outcome.recipients.push_back(std::move(report));
  }
  if (!dry_run && !delta.upsert_deliveries.empty()) {
    LINEA_RETURN_IF_ERROR(Write(std::move(delta), writer));
  }
  return outcome;
}

std::string DigestId(std::string_view period) { return "digest:" + std::string(period); }

}  // namespace linea::incident
