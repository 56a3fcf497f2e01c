// OpenLineage state of the catalog: last runs, aliases, evidence and the event log.
#include <algorithm>
#include <ctime>
#include <set>

#include "catalog/catalog.h"
#include "common/status_macros.h"

namespace linea::catalog {
namespace {

bool Failed(std::string_view state) { return state == "FAIL" || state == "ABORT"; }

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

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

Status Catalog::LoadRunState() {
  LINEA_ASSIGN_OR_RETURN(std::vector<model::RunRecord> runs, store_->ListRuns());
  LINEA_ASSIGN_OR_RETURN(std::vector<model::Alias> aliases, store_->ListAliases());
  std::unique_lock<std::shared_mutex> write(mu_);
  runs_.clear();
  aliases_.clear();
  aliases_by_target_.clear();
  for (model::RunRecord& r : runs) {
    std::string asset = r.asset;
    runs_.emplace(std::move(asset), std::move(r));
  }
  for (model::Alias& a : aliases) {
    aliases_by_target_.emplace(a.fqn, a.alias);
    aliases_.emplace(std::move(a.alias), std::move(a.fqn));
  }
  return Status();
}

void Catalog::ApplySideStateLocked(const model::Delta& delta) {
  for (const std::string& fqn : delta.delete_assets) {
    runs_.erase(fqn);
    auto [first, last] = aliases_by_target_.equal_range(fqn);
    for (auto it = first; it != last; ++it) aliases_.erase(it->second);
    aliases_by_target_.erase(first, last);
  }
  for (const model::Alias& a : delta.upsert_aliases) {
    auto old = aliases_.find(a.alias);
    if (old != aliases_.end()) {
      auto [first, last] = aliases_by_target_.equal_range(old->second);
      for (auto it = first; it != last; ++it) {
        if (it->second == a.alias) {
          aliases_by_target_.erase(it);
          break;
        }
      }
      aliases_.erase(old);
    }
    aliases_.emplace(a.alias, a.fqn);
    aliases_by_target_.emplace(a.fqn, a.alias);
  }
  for (const model::RunRecord& r : delta.upsert_runs) runs_[r.asset] = r;
  for (const model::Incident& i : delta.upsert_incidents) {
    if (i.state == "resolved") {
      auto it = unresolved_incidents_.find(i.asset);
      if (it != unresolved_incidents_.end() && it->second.id == i.id) unresolved_incidents_.erase(it);
    } else {
      unresolved_incidents_[i.asset] = {i.id, i.severity, i.state, i.title, i.opened_at};
    }
  }
}

std::optional<model::RunRecord> Catalog::LastRun(std::string_view fqn) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  auto it = runs_.find(std::string(fqn));
  if (it == runs_.end()) return std::nullopt;
  return it->second;
}

std::string Catalog::ResolveAlias(std::string_view fqn) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  auto it = aliases_.find(fqn);
  return it == aliases_.end() ? std::string(fqn) : it->second;
}

std::vector<std::string> Catalog::AliasesOf(std::string_view fqn) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  std::vector<std::string> out;
  auto [first, last] = aliases_by_target_.equal_range(fqn);
  for (auto it = first; it != last; ++it) out.push_back(it->second);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> Catalog::ProvenancesTouching(std::string_view fqn) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  std::set<std::string> out;
  std::optional<graph::AssetId> root = graph_->Find(fqn);
  if (!root) return {};
  std::vector<graph::AssetId> ids = {*root};
  for (graph::AssetId child : graph_->children(*root)) ids.push_back(child);
  for (graph::AssetId id : ids) {
    for (auto adjacency : {graph_->downstream(id), graph_->upstream(id)}) {
      for (const graph::Adjacent& a : adjacency) {
        for (std::string_view p : graph_->Witnesses(a.link)) out.emplace(p);
      }
    }
  }
  return {out.begin(), out.end()};
}

std::vector<graph::Evidence> Catalog::EvidenceFor(std::string_view fqn) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  return EvidenceLocked(fqn);
}

std::vector<graph::Evidence> Catalog::EvidenceLocked(std::string_view fqn) const {
  std::vector<graph::Evidence> out;
  if (auto open = unresolved_incidents_.find(fqn); open != unresolved_incidents_.end()) {
    const OpenIncident& i = open->second;
    out.push_back({"incident", "incident " + i.id + " (" + i.severity + ", " + i.state + "): " + i.title,
                   FormatMillis(i.opened_at)});
  }
  if (runs_.empty()) return out;
  auto it = runs_.find(std::string(fqn));
  if (it == runs_.end()) return out;
  const model::RunRecord& r = it->second;
  if (Failed(r.state)) {
    std::string detail = "run " + r.run_id + " of " + r.job + " ended " + r.state;
    if (!r.error_message.empty()) detail += ": " + r.error_message;
    out.push_back({"run_failed", std::move(detail), r.event_time});
  }
  if (!r.failed_assertions.empty()) {
    out.push_back({"check_failed", "failed assertions: " + Join(r.failed_assertions),
                   r.event_time});
  }
  return out;
}

Result<bool> Catalog::HasEvent(std::string_view hash) const { return store_->HasEvent(hash); }

Result<int64_t> Catalog::CountEvents() const { return store_->CountEvents(); }

Result<std::vector<std::pair<int64_t, model::RawEvent>>> Catalog::ListEvents(int64_t after,
                                                                             size_t limit) const {
  return store_->ListEvents(after, limit);
}

}  // namespace linea::catalog
