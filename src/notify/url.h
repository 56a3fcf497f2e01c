// src/notify/url.h: the encodings notification channels need (the URL check of a contact is
// contacts/http_url.h).
#pragma once

#include <string>
#include <string_view>

namespace linea::notify {

// Percent-encodes every byte except the RFC 3986 unreserved characters [A-Za-z0-9-._~].
std::string PercentEncode(std::string_view text);

// The UI link to an asset: `public_url` (trailing '/' dropped) + "/assets/" + the
// percent-encoded FQN, e.g. "https://linea.example/assets/hive.geo.moves_daily".
std::string AssetUrl(std::string_view public_url, std::string_view fqn);

// The monthly stability report of a model (GET /api/v1/quality/report/{model}): `public_url`
// (trailing '/' dropped) + "/api/v1/quality/report/" + the percent-encoded FQN + "?period=" +
// `period`, e.g. "https://linea.example/api/v1/quality/report/mlflow.churn?period=2026-11".
std::string ReportUrl(std::string_view public_url, std::string_view model, std::string_view period);

}  // namespace linea::notify
