#include "incident/incident_state.h"

#include <ctime>
#include <mutex>

#include "common/status_macros.h"

namespace linea::incident {
namespace {

// Unix milliseconds as RFC 3339 UTC ("2026-11-28T10:00:00Z").
std::string FormatMillis(int64_t ms) {
  std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

Result<std::unique_ptr<IncidentState>> IncidentState::Load(store::IncidentStore& store) {
  std::unique_ptr<IncidentState> state(new IncidentState(store));
  LINEA_RETURN_IF_ERROR(state->Reload());
  return state;
}

Status IncidentState::Reload() {
  LINEA_ASSIGN_OR_RETURN(std::vector<model::Incident> all, store_.ListIncidents(""));
  std::unique_lock<std::shared_mutex> write(mu_);
  unresolved_.clear();
  // Newest first: the first unresolved incident seen for an asset is its current one.
  for (const model::Incident& i : all) {
    if (i.state == "resolved" || unresolved_.count(i.asset)) continue;
    unresolved_[i.asset] = {i.id, i.severity, i.state, i.title, i.opened_at};
  }
  return Status();
}

void IncidentState::Apply(const model::IncidentDelta& delta) {
  if (delta.upsert_incidents.empty()) return;
  std::unique_lock<std::shared_mutex> write(mu_);
  for (const model::Incident& i : delta.upsert_incidents) {
    if (i.state == "resolved") {
      auto it = unresolved_.find(i.asset);
      if (it != unresolved_.end() && it->second.id == i.id) unresolved_.erase(it);
    } else {
      unresolved_[i.asset] = {i.id, i.severity, i.state, i.title, i.opened_at};
    }
  }
}

std::optional<std::string> IncidentState::UnresolvedOn(std::string_view fqn) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  auto it = unresolved_.find(fqn);
  if (it == unresolved_.end()) return std::nullopt;
  return it->second.id;
}

std::vector<graph::Evidence> IncidentState::EvidenceFor(std::string_view fqn) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  auto it = unresolved_.find(fqn);
  if (it == unresolved_.end()) return {};
  const Unresolved& i = it->second;
  return {{"incident", "incident " + i.id + " (" + i.severity + ", " + i.state + "): " + i.title,
           FormatMillis(i.opened_at)}};
}

std::vector<std::string> IncidentState::AssetsWithIncidents() const {
  std::shared_lock<std::shared_mutex> read(mu_);
  std::vector<std::string> out;
  for (const auto& [fqn, unused] : unresolved_) out.push_back(fqn);
  return out;
}

Result<model::Incident> IncidentState::GetIncident(std::string_view id) const {
  LINEA_ASSIGN_OR_RETURN(std::optional<model::Incident> incident, store_.GetIncident(id));
  if (!incident) return NotFoundError("unknown incident " + std::string(id));
  return std::move(*incident);
}

Result<std::vector<model::Incident>> IncidentState::ListIncidents(std::string_view state) const {
  return store_.ListIncidents(state);
}

Result<std::vector<model::Delivery>> IncidentState::DeliveriesOf(
    std::string_view incident_id) const {
  return store_.DeliveriesOf(incident_id);
}

Result<std::vector<model::Delivery>> IncidentState::PendingDeliveries() const {
  return store_.PendingDeliveries();
}

Result<int64_t> IncidentState::CountPendingDeliveries() const {
  return store_.CountPendingDeliveries();
}

Result<std::vector<model::Subscription>> IncidentState::ListSubscriptions() const {
  return store_.ListSubscriptions();
}

}  // namespace linea::incident
