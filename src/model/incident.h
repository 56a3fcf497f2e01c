// src/model/incident.h: incidents, their notification outbox and subscriptions (issue #6).
//
// An incident freezes the impact of a broken asset at the moment it was opened; every
// lifecycle event (opened, acknowledged, resolved, reminder) queues one Delivery per affected
// team and contact in the same transaction (the durable outbox).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace linea::model {

// One line of an incident's timeline.
struct IncidentEvent {
  int64_t at = 0;     // unix milliseconds
  std::string type;   // "opened", "reopened" (another open on the same asset), "acknowledged",
                      // "resolved", "reminder"
  std::string actor;  // token name, "cli", "openlineage", "scheduler"
  std::string note;   // free text (title of a repeated open, the resolve reason, …)

  bool operator==(const IncidentEvent&) const = default;
};

struct Incident {
  std::string id;        // "inc-" + 12 hex digits, unique
  std::string asset;     // the broken asset's FQN
  std::string title;
  std::string description;
  std::string severity;  // "low", "medium", "high", "critical"
  std::string state;     // "open", "acknowledged", "resolved"
  std::string resolution;  // the resolve reason; "" unless resolved
  int64_t opened_at = 0;   // unix milliseconds
  int64_t updated_at = 0;  // unix milliseconds of the last timeline event
  int reminders = 0;       // reminders sent so far
  std::string impact_json;  // the impact report (docs/api.md impact JSON) frozen at opening
  std::vector<IncidentEvent> timeline;  // oldest first

  bool operator==(const Incident&) const = default;
};

// One message to one contact of one team for one incident event: an outbox row.
struct Delivery {
  std::string id;           // idempotency key: hex SHA-256 of incident|event|team|contact
  std::string incident_id;
  std::string event;        // "incident.opened", "incident.acknowledged", "incident.resolved",
                            // "incident.reminder"
  std::string team;         // "team:x" or "user:x" (the subscriber or owner told)
  int contact_index = 0;    // index into the team's contacts at queue time
  std::string channel;      // the contact's type: "webhook", "slack", "email", …
  std::string state;        // "pending", "delivered", "failed"
  int attempts = 0;
  int64_t created_at = 0;       // unix milliseconds
  int64_t next_attempt_at = 0;  // unix milliseconds; meaningful while pending
  int64_t delivered_at = 0;     // unix milliseconds; 0 unless delivered
  int last_status = 0;          // HTTP (or SMTP) status of the last attempt; 0 = none
  std::string last_error;       // last attempt's error or response excerpt
  std::string payload_json;     // the notify::Notification as JSON, rendered at send time

  bool operator==(const Delivery&) const = default;
};

// `subscriber` ("team:x" or "user:x") follows `target`: an asset FQN (kind "asset"), a domain
// name (kind "domain") or a model FQN (kind "model"), and is told when it is broken or impacted.
struct Subscription {
  std::string subscriber;
  std::string kind;    // "asset", "domain", "model"
  std::string target;

  bool operator==(const Subscription&) const = default;
  auto operator<=>(const Subscription&) const = default;
};

// The incident part of a catalog write (incident/): applied inside the write's store
// transaction, after its lineage delta.
struct IncidentDelta {
  // Each incident replaces the stored one of the same id (with its timeline). Incidents are
  // not deleted with their asset: they are history.
  std::vector<Incident> upsert_incidents;
  // Each delivery replaces the stored one of the same id (outbox rows and their attempts).
  std::vector<Delivery> upsert_deliveries;
  std::vector<Subscription> delete_subscriptions;
  std::vector<Subscription> upsert_subscriptions;

  bool empty() const {
    return upsert_incidents.empty() && upsert_deliveries.empty() &&
           delete_subscriptions.empty() && upsert_subscriptions.empty();
  }
};

}  // namespace linea::model
