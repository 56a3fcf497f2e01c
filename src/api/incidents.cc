// Incidents and subscriptions (docs/api.md "Notifications"; issue #6).
#include "api/api.h"

namespace linea::api {
namespace {

Json TimelineJson(const model::Incident& i) {
  Json out = Json::array();
  for (const model::IncidentEvent& e : i.timeline) {
    Json j = {{"at", e.at}, {"type", e.type}, {"actor", e.actor}};
    if (!e.note.empty()) j["note"] = e.note;
    out.push_back(std::move(j));
  }
  return out;
}

// The frozen impact, its teams' contacts redacted for everyone (contacts/redact.h): incidents
// opened before redaction froze them in full.
Json ImpactOf(const model::Incident& i) {
  Json impact = Json::parse(i.impact_json, nullptr, /*allow_exceptions=*/false);
  if (impact.is_discarded()) return Json::object();
  if (auto teams = impact.find("teams"); teams != impact.end() && teams->is_array()) {
    for (Json& team : *teams) {
      if (team.is_object() && team.contains("contacts")) {
        team["contacts"] = codec::RedactContactsJson(team["contacts"]);
      }
    }
  }
  return impact;
}

// {"id", "asset", "title", "description", "severity", "state", "resolution"?, "opened_at",
//  "updated_at"} — the summary shown in lists.
Json SummaryJson(const model::Incident& i) {
  Json j = {{"id", i.id},           {"asset", i.asset},       {"title", i.title},
            {"severity", i.severity}, {"state", i.state},     {"opened_at", i.opened_at},
            {"updated_at", i.updated_at}};
  if (!i.description.empty()) j["description"] = i.description;
  if (!i.resolution.empty()) j["resolution"] = i.resolution;
  return j;
}

// `with_outcome`: the receiver's answer too ("last_status", "last_error": the error and
// response text, e.g. what an internal service said). Without it, "outcome_hidden": true
// marks a delivery whose answer was withheld.
Json DeliveryJson(const model::Delivery& d, bool with_outcome) {
  Json j = {{"id", d.id},           {"team", d.team},         {"channel", d.channel},
            {"event", d.event},     {"state", d.state},       {"attempts", d.attempts},
            {"created_at", d.created_at}};
  if (d.delivered_at) j["delivered_at"] = d.delivered_at;
  if (d.state == "pending") j["next_attempt_at"] = d.next_attempt_at;
  if (!with_outcome) {
    if (d.last_status || !d.last_error.empty()) j["outcome_hidden"] = true;
    return j;
  }
  if (d.last_status) j["last_status"] = d.last_status;
  if (!d.last_error.empty()) j["last_error"] = d.last_error;
  return j;
}

Result<Json> ObjectBody(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return Json::object();
  Result<Json> j = codec::ParseJson(body);
  if (!j.ok()) return j.status();
  if (!j->is_object()) return InvalidArgumentError("body: expected a JSON object");
  return j;
}

// The string field `key` of `j`, "" when absent; kInvalidArgument when not a string.
Result<std::string> StringField(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::string();
  if (!it->is_string()) return InvalidArgumentError(std::string(key) + ": expected a string");
  return it->get<std::string>();
}

// Every recipient of an event, told or not: {"recipient", "channels", "notified", "unreachable"
// (when not), "models", "dashboards", "deployments"} — the lists are what its message names.
Json RecipientsJson(const std::vector<incident::Recipient>& recipients) {
  Json out = Json::array();
  for (const incident::Recipient& r : recipients) {
    Json models = Json::array();
    for (const notify::AffectedModel& m : r.message.models) models.push_back(m.fqn);
    Json j = {{"recipient", r.recipient},           {"channels", r.channels},
              {"notified", r.unreachable.empty()},  {"models", std::move(models)},
              {"dashboards", r.message.dashboards}, {"deployments", r.message.deployments}};
    if (!r.unreachable.empty()) j["unreachable"] = r.unreachable;
    out.push_back(std::move(j));
  }
  return out;
}

Reply ChangeReply(const Result<incident::Change>& change) {
  if (!change.ok()) return Error(change.status());
  Json j = SummaryJson(change->incident);
  j["deliveries_queued"] = change->deliveries;
  j["recipients"] = RecipientsJson(change->recipients);
  return Ok(std::move(j));
}

Reply GetIncidentLocked(const incident::IncidentState& incidents, std::string_view id,
                        bool delivery_outcomes) {
  Result<model::Incident> i = incidents.GetIncident(id);
  if (!i.ok()) return Error(i.status());
  Result<std::vector<model::Delivery>> deliveries = incidents.DeliveriesOf(id);
  if (!deliveries.ok()) return Error(deliveries.status());
  Json j = SummaryJson(*i);
  j["reminders"] = i->reminders;
  j["timeline"] = TimelineJson(*i);
  j["impact"] = ImpactOf(*i);
  Json list = Json::array();
  for (const model::Delivery& d : *deliveries) list.push_back(DeliveryJson(d, delivery_outcomes));
  j["deliveries"] = std::move(list);
  return Ok(std::move(j));
}

}  // namespace

Reply OpenIncident(incident::IncidentService& service, std::string_view body,
                   const catalog::Writer& writer) {
  Result<Json> j = ObjectBody(body);
  if (!j.ok()) return Error(j.status());
  incident::OpenRequest request;
  request.writer = writer;
  for (auto [key, field] : {std::pair{"asset", &request.asset}, std::pair{"title", &request.title},
                            std::pair{"description", &request.description},
                            std::pair{"severity", &request.severity}}) {
    Result<std::string> value = StringField(*j, key);
    if (!value.ok()) return Error(value.status());
    if (!value->empty()) *field = std::move(*value);
  }
  if (request.asset.empty()) return Error(InvalidArgumentError("asset: required"));
  if (j->contains("dry_run") && !(*j)["dry_run"].is_null()) {
    if (!(*j)["dry_run"].is_boolean()) {
      return Error(InvalidArgumentError("dry_run: expected true or false"));
    }
    request.dry_run = (*j)["dry_run"].get<bool>();
  }
  Result<incident::OpenOutcome> opened = service.Open(request);
  if (!opened.ok()) return Error(opened.status());
  Json out = SummaryJson(opened->incident);
  if (request.dry_run) {
    out["dry_run"] = true;
    if (opened->incident.id.empty()) out.erase("id");  // nothing was opened
  }
  out["created"] = opened->created;
  out["deliveries_queued"] = opened->deliveries;
  out["impact"] = ImpactOf(opened->incident);
  out["recipients"] = RecipientsJson(opened->recipients);
  Reply reply = Ok(std::move(out));
  reply.created = opened->created;
  return reply;
}

Reply AcknowledgeIncident(incident::IncidentService& service, std::string_view id,
                          std::string_view body, const catalog::Writer& writer) {
  Result<Json> j = ObjectBody(body);
  if (!j.ok()) return Error(j.status());
  Result<std::string> note = StringField(*j, "note");
  if (!note.ok()) return Error(note.status());
  return ChangeReply(service.Acknowledge(id, writer, *note));
}

Reply ResolveIncident(incident::IncidentService& service, std::string_view id,
                      std::string_view body, const catalog::Writer& writer) {
  Result<Json> j = ObjectBody(body);
  if (!j.ok()) return Error(j.status());
  Result<std::string> reason = StringField(*j, "reason");
  if (!reason.ok()) return Error(reason.status());
  return ChangeReply(service.Resolve(id, writer, *reason));
}

Reply GetIncident(const catalog::Catalog& c, const incident::IncidentState& incidents,
                  std::string_view id, bool delivery_outcomes) {
  // The incident and its deliveries from one state (the outbox updates deliveries meanwhile).
  return c.ReadConsistent([&] { return GetIncidentLocked(incidents, id, delivery_outcomes); });
}

Reply ListIncidents(const incident::IncidentState& incidents, std::string_view state) {
  if (!state.empty() && state != "open" && state != "acknowledged" && state != "resolved") {
    return Error(InvalidArgumentError("state: expected open, acknowledged or resolved"));
  }
  Result<std::vector<model::Incident>> all = incidents.ListIncidents(state);
  if (!all.ok()) return Error(all.status());
  Json list = Json::array();
  for (const model::Incident& i : *all) list.push_back(SummaryJson(i));
  return Ok({{"incidents", std::move(list)}});
}

Reply PutSubscriptions(incident::IncidentService& service, std::string_view body, bool remove,
                       const catalog::Writer& writer) {
  Result<Json> parsed = codec::ParseJson(body);
  if (!parsed.ok()) return Error(parsed.status());
  Json list = parsed->is_object() && parsed->contains("subscriptions") ? (*parsed)["subscriptions"]
              : parsed->is_array()                                     ? *parsed
                                                                       : Json::array({*parsed});
  if (!list.is_array()) return Error(InvalidArgumentError("subscriptions: expected an array"));
  std::vector<model::Subscription> subscriptions;
  for (size_t n = 0; n < list.size(); ++n) {
    std::string at = "subscriptions[" + std::to_string(n) + "]";
    const Json& s = list[n];
    if (!s.is_object()) return Error(InvalidArgumentError(at + ": expected an object"));
    model::Subscription sub;
    Result<std::string> subscriber = StringField(s, "subscriber");
    if (!subscriber.ok()) return Error(subscriber.status().WithPrefix(at));
    sub.subscriber = *subscriber;
    for (const char* kind : {"asset", "domain", "model"}) {
      Result<std::string> target = StringField(s, kind);
      if (!target.ok()) return Error(target.status().WithPrefix(at));
      if (target->empty()) continue;
      if (!sub.kind.empty()) {
        return Error(InvalidArgumentError(at + ": follow one of asset, domain, model"));
      }
      sub.kind = kind;
      sub.target = *target;
    }
    if (sub.subscriber.empty() || sub.kind.empty()) {
      return Error(InvalidArgumentError(at + ": needs subscriber and one of asset, domain, model"));
    }
    subscriptions.push_back(std::move(sub));
  }
  size_t n = list.size();
  Status changed = service.ChangeSubscriptions(std::move(subscriptions), remove, writer);
  if (!changed.ok()) return Error(changed);
  return Ok({{remove ? "removed" : "subscribed", n}});
}

Reply ListSubscriptions(const incident::IncidentState& incidents) {
  Result<std::vector<model::Subscription>> all = incidents.ListSubscriptions();
  if (!all.ok()) return Error(all.status());
  Json list = Json::array();
  for (const model::Subscription& s : *all) {
    list.push_back({{"subscriber", s.subscriber}, {s.kind, s.target}});
  }
  return Ok({{"subscriptions", std::move(list)}});
}

}  // namespace linea::api
