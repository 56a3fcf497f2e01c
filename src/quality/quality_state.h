// src/quality/quality_state.h: the data-quality domain in memory — the defined checks and the
// newest result of every series (asset, check) — kept in step with the catalog's writes
// (catalog/domain_write.h). The time series themselves stay in the store.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/domain_write.h"
#include "graph/impact.h"
#include "model/quality.h"
#include "store/quality_store.h"

namespace linea::quality {

class QualityState final : public catalog::DomainState {
 public:
  explicit QualityState(store::QualityStore& store) : store_(store) {}

  // The check `name` of `asset`; nullopt when none is defined.
  std::optional<model::QualityCheck> Check(std::string_view asset, std::string_view name) const;
  // Every defined check, ordered by (asset, name); `asset` "" = all, else only that asset's.
  std::vector<model::QualityCheck> Checks(std::string_view asset = {}) const;
  // The checks defined with `provenance`, ordered by (asset, name).
  std::vector<model::QualityCheck> ChecksOf(std::string_view provenance) const;
  // The newest result of each series of `asset`, ordered by check name.
  std::vector<model::QualityResult> Latest(std::string_view asset) const;
  // The newest result of the series; nullopt when it has none.
  std::optional<model::QualityResult> LatestOf(std::string_view asset,
                                               std::string_view check) const;

  // "check_failed" evidence for each series of `fqn` whose newest result is fail or warn
  // (fails first): what upstream ranks a suspect by.
  std::vector<graph::Evidence> EvidenceFor(std::string_view fqn) const;
  // Whether the series' newest result is "fail".
  bool NewestFails(std::string_view asset, std::string_view check) const;
  // Whether a series of `asset` has "fail" as its newest result.
  bool HasFailure(std::string_view asset) const;
  // Every asset with a series whose newest result is "fail", sorted.
  std::vector<std::string> AssetsWithFailures() const;
  // Number of defined checks and of series with results.
  std::pair<size_t, size_t> Counts() const;

  // After a committed write's quality part (QualityWrite::Publish).
  void Apply(const model::QualityDelta& delta);
  Status Reload() override;

 private:
  using Key = std::pair<std::string, std::string>;  // (asset, name)

  store::QualityStore& store_;
  mutable std::shared_mutex mu_;
  std::map<Key, model::QualityCheck> checks_;   // guarded by mu_
  std::map<Key, model::QualityResult> latest_;  // guarded by mu_
};

}  // namespace linea::quality
