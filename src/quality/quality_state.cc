#include "quality/quality_state.h"

#include <algorithm>
#include <mutex>
#include <set>

#include "common/status_macros.h"
#include "common/time_text.h"

namespace linea::quality {
namespace {

// "drift on hive.mart.t.c failed: PSI 0.31 against 0.00 (warn ≥ 0.10, fail ≥ 0.25), 2026-11"
std::string EvidenceDetail(const model::QualityResult& r) {
  std::string text =
      "check " + r.check + " (" + r.kind + ") " + (r.status == "fail" ? "failed" : "warned");
  if (!r.period.empty()) text += " for " + r.period;
  if (!r.message.empty()) text += ": " + r.message;
  if (!r.threshold.empty()) text += " [" + r.threshold + "]";
  return text;
}

}  // namespace

std::optional<model::QualityCheck> QualityState::Check(std::string_view asset,
                                                       std::string_view name) const {
  std::shared_lock<std::shared_mutex> lock(mu_);
  auto it = checks_.find(Key(asset, name));
  if (it == checks_.end()) return std::nullopt;
  return it->second;
}

std::vector<model::QualityCheck> QualityState::Checks(std::string_view asset) const {
  std::shared_lock<std::shared_mutex> lock(mu_);
  std::vector<model::QualityCheck> out;
  auto it = asset.empty() ? checks_.begin() : checks_.lower_bound(Key(asset, ""));
  for (; it != checks_.end() && (asset.empty() || it->first.first == asset); ++it) {
    out.push_back(it->second);
  }
  return out;
}

std::vector<model::QualityCheck> QualityState::ChecksOf(std::string_view provenance) const {
  std::shared_lock<std::shared_mutex> lock(mu_);
  std::vector<model::QualityCheck> out;
  for (const auto& [key, check] : checks_) {
    if (check.provenance == provenance) out.push_back(check);
  }
  return out;
}

std::vector<model::QualityResult> QualityState::Latest(std::string_view asset) const {
  std::shared_lock<std::shared_mutex> lock(mu_);
  std::vector<model::QualityResult> out;
  for (auto it = latest_.lower_bound(Key(asset, ""));
       it != latest_.end() && it->first.first == asset; ++it) {
    out.push_back(it->second);
  }
  return out;
}

std::optional<model::QualityResult> QualityState::LatestOf(std::string_view asset,
                                                           std::string_view check) const {
  std::shared_lock<std::shared_mutex> lock(mu_);
  auto it = latest_.find(Key(asset, check));
  if (it == latest_.end()) return std::nullopt;
  return it->second;
}

std::vector<graph::Evidence> QualityState::EvidenceFor(std::string_view fqn) const {
  std::vector<graph::Evidence> fails, warns;
  for (const model::QualityResult& r : Latest(fqn)) {
    if (r.status != "fail" && r.status != "warn") continue;
    graph::Evidence e{"check_failed", EvidenceDetail(r), UtcText(r.timestamp_ms)};
    (r.status == "fail" ? fails : warns).push_back(std::move(e));
  }
  for (graph::Evidence& e : warns) fails.push_back(std::move(e));
  return fails;
}

bool QualityState::NewestFails(std::string_view asset, std::string_view check) const {
  std::shared_lock<std::shared_mutex> lock(mu_);
  auto it = latest_.find(Key(asset, check));
  return it != latest_.end() && it->second.status == "fail";
}

bool QualityState::HasFailure(std::string_view asset) const {
  std::shared_lock<std::shared_mutex> lock(mu_);
  for (auto it = latest_.lower_bound(Key(asset, "")); it != latest_.end() && it->first.first == asset;
       ++it) {
    if (it->second.status == "fail") return true;
  }
  return false;
}

std::vector<std::string> QualityState::AssetsWithFailures() const {
  std::shared_lock<std::shared_mutex> lock(mu_);
  std::vector<std::string> out;
  for (const auto& [key, r] : latest_) {
    if (r.status == "fail" && (out.empty() || out.back() != key.first)) out.push_back(key.first);
  }
  return out;
}

std::pair<size_t, size_t> QualityState::Counts() const {
  std::shared_lock<std::shared_mutex> lock(mu_);
  return {checks_.size(), latest_.size()};
}

void QualityState::Apply(const model::QualityDelta& delta) {
  std::unique_lock<std::shared_mutex> lock(mu_);
  for (const auto& [asset, name] : delta.delete_checks) checks_.erase(Key(asset, name));
  for (const model::QualityCheck& c : delta.upsert_checks) checks_[Key(c.asset, c.name)] = c;
  for (const model::QualityResult& r : delta.append_results) {
    auto [it, inserted] = latest_.try_emplace(Key(r.asset, r.check), r);
    // A late measurement of an earlier period does not replace the newest one.
    if (!inserted && r.timestamp_ms >= it->second.timestamp_ms) it->second = r;
  }
}

Status QualityState::Reload() {
  LINEA_ASSIGN_OR_RETURN(std::vector<model::QualityCheck> checks, store_.ListChecks());
  LINEA_ASSIGN_OR_RETURN(std::vector<model::QualityResult> latest, store_.LatestResults());
  std::unique_lock<std::shared_mutex> lock(mu_);
  checks_.clear();
  latest_.clear();
  for (model::QualityCheck& c : checks) {
    Key key(c.asset, c.name);
    checks_.emplace(std::move(key), std::move(c));
  }
  for (model::QualityResult& r : latest) {
    Key key(r.asset, r.check);
    latest_.emplace(std::move(key), std::move(r));
  }
  return Status();
}

}  // namespace linea::quality
