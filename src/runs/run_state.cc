#include "runs/run_state.h"

#include <algorithm>
#include <mutex>

#include "common/status_macros.h"

namespace linea::runs {
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

}  // namespace

Result<std::unique_ptr<RunState>> RunState::Load(store::RunStore& store) {
  std::unique_ptr<RunState> state(new RunState(store));
  LINEA_RETURN_IF_ERROR(state->Reload());
  return state;
}

Status RunState::Reload() {
  LINEA_ASSIGN_OR_RETURN(std::vector<model::RunRecord> runs, store_.ListRuns());
  LINEA_ASSIGN_OR_RETURN(std::vector<model::Alias> aliases, store_.ListAliases());
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

void RunState::LineageCommitted(const model::Delta& delta) {
  if (delta.delete_assets.empty()) return;
  std::unique_lock<std::shared_mutex> write(mu_);
  for (const std::string& fqn : delta.delete_assets) {
    runs_.erase(fqn);
    auto [first, last] = aliases_by_target_.equal_range(fqn);
    for (auto it = first; it != last; ++it) aliases_.erase(it->second);
    aliases_by_target_.erase(first, last);
  }
}

void RunState::Apply(const model::RunDelta& delta) {
  std::unique_lock<std::shared_mutex> write(mu_);
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
}

std::optional<model::RunRecord> RunState::LastRun(std::string_view fqn) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  auto it = runs_.find(std::string(fqn));
  if (it == runs_.end()) return std::nullopt;
  return it->second;
}

std::string RunState::ResolveAlias(std::string_view fqn) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  auto it = aliases_.find(fqn);
  return it == aliases_.end() ? std::string(fqn) : it->second;
}

std::optional<std::string> RunState::ResolveName(std::string_view fqn) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  auto it = aliases_.find(fqn);
  if (it == aliases_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> RunState::AliasesOf(std::string_view fqn) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  std::vector<std::string> out;
  auto [first, last] = aliases_by_target_.equal_range(fqn);
  for (auto it = first; it != last; ++it) out.push_back(it->second);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<graph::Evidence> RunState::EvidenceFor(std::string_view fqn) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  std::vector<graph::Evidence> out;
  auto it = runs_.find(std::string(fqn));
  if (it == runs_.end()) return out;
  const model::RunRecord& r = it->second;
  if (Failed(r.state)) {
    std::string detail = "run " + r.run_id + " of " + r.job + " ended " + r.state;
    if (!r.error_message.empty()) detail += ": " + r.error_message;
    out.push_back({"run_failed", std::move(detail), r.event_time});
  }
  if (!r.failed_assertions.empty()) {
    out.push_back(
        {"check_failed", "failed assertions: " + Join(r.failed_assertions), r.event_time});
  }
  return out;
}

std::vector<std::string> RunState::AssetsWithFailures() const {
  std::shared_lock<std::shared_mutex> read(mu_);
  std::vector<std::string> out;
  for (const auto& [fqn, r] : runs_) {
    if (Failed(r.state) || !r.failed_assertions.empty()) out.push_back(fqn);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<bool> RunState::HasEvent(std::string_view hash) const { return store_.HasEvent(hash); }

Result<int64_t> RunState::CountEvents() const { return store_.CountEvents(); }

Result<std::vector<std::pair<int64_t, model::RawEvent>>> RunState::ListEvents(int64_t after,
                                                                              size_t limit) const {
  return store_.ListEvents(after, limit);
}

}  // namespace linea::runs
