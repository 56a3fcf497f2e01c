// src/notify/digest.h: the content of one monthly quality digest, independent of the channel.
//
// A Digest tells one team how stable the features of its models were in one month (issue #18):
// per model the features by status, the failing and warning ones with their worst series'
// message, and a link to the model's stability report. Who gets which Digest (and whether at
// all) is decided elsewhere; this library renders and delivers one (render.h).
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace linea::notify {

// The event name of a digest: the webhook body's "type" and the outbox row's event.
inline constexpr std::string_view kDigestEvent = "quality.digest";

// A feature that failed or warned in the digest's month.
struct DigestFeature {
  std::string fqn;
  std::string status;   // "fail", "aborted" (counted as failing) or "warn"
  std::string source;   // the asset of its worst series: a column (or table) it reads
  std::string check;    // that series' check name, e.g. "drift"
  std::string message;  // that series' result message for the month, e.g. "PSI 0.88 over …"
};

// One model of the team with at least one feature measured in the month.
struct DigestModel {
  std::string fqn;
  std::string status;  // the worst of its features: "fail", "warn" or "success"
  // Features by status in the month ("aborted" counts as fail; unmeasured: no result).
  size_t fail = 0, warn = 0, success = 0, unmeasured = 0;
  std::vector<DigestFeature> features;  // the failing ones first, then the warning ones
  // The model's stability report for the month; "" = Render() builds it from
  // RenderOptions::public_url (ReportUrl() in notify/url.h), or leaves the link out without one.
  std::string url;
};

struct Digest {
  std::string team;    // the bare team name, or "user:<name>" for a user (like Notification)
  std::string period;  // the month, "YYYY-MM"
  std::vector<DigestModel> models;  // failing first, then warning, then stable; by FQN within
  // Stable per (period, team, channel): the same key on every retry. Sent as the webhook
  // `webhook-id` and used in the e-mail Message-ID. Printable ASCII, no spaces.
  std::string idempotency_key;
};

// The webhook body of docs/api.md "Notifications":
// {"type": "quality.digest", "team", "period", "models": [{"fqn", "status", "fail", "warn",
//  "success", "unmeasured", "features": [{"fqn", "status", "source", "check", "message"}],
//  "url"}]}; a model's "url" is left out when it is "".
nlohmann::json DigestWebhookBody(const Digest& digest);

}  // namespace linea::notify
