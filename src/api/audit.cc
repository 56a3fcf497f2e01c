// GET /api/v1/audit (docs/api.md "Audit log"): the audit log, newest first.
#include <cstdio>
#include <ctime>

#include "api/api.h"

namespace linea::api {
namespace {

// "2026-12-07T10:00:00.123Z".
std::string Rfc3339Millis(int64_t ms) {
  const int64_t seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char text[40];
  const size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(text + n, sizeof text - n, ".%03dZ", static_cast<int>(ms - seconds * 1000));
  return text;
}

Json EntryOf(const store::AuditRecord& r) {
  Json j = {{"id", r.id},     {"at", Rfc3339Millis(r.at_ms)}, {"actor", r.actor},
            {"role", r.role}, {"action", r.action},           {"outcome", r.outcome}};
  if (!r.error.empty()) j["error"] = r.error;
  j["provenances"] = r.provenances;
  j["provenances_total"] = r.provenances_total;
  j["assets"] = {
      {"added", r.assets_added}, {"changed", r.assets_changed}, {"removed", r.assets_removed}};
  j["edge_sets_replaced"] = r.edge_sets_replaced;
  j["edges_written"] = r.edges_written;
  j["teams_changed"] = r.teams_changed;
  if (!r.detail.empty()) j["detail"] = r.detail;
  return j;
}

}  // namespace

Reply ListAudit(const catalog::Catalog& c, const store::AuditFilter& filter) {
  store::AuditFilter one_more = filter;
  ++one_more.limit;  // tells whether a next page exists
  Result<std::vector<store::AuditRecord>> records = c.store().audit().List(one_more);
  if (!records.ok()) return Error(records.status());
  const bool more = records->size() > filter.limit;
  if (more) records->resize(filter.limit);
  Json entries = Json::array();
  for (const store::AuditRecord& r : *records) entries.push_back(EntryOf(r));
  Json out = {{"entries", std::move(entries)}};
  if (more && !records->empty()) out["next_cursor"] = std::to_string(records->back().id);
  return Ok(std::move(out));
}

}  // namespace linea::api
