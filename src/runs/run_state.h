// src/runs/run_state.h: what OpenLineage adds to the catalog, in memory — each asset's last run
// and the aliases (a storage path or symlink name → the asset it is) — with the event log read
// from the store.
//
// Kept in step with the catalog through catalog/domain_write.h: RunWrite carries a write's run
// part, LineageCommitted() forgets the runs and aliases of deleted assets, Reload() rebuilds
// from the store after a failed batch. Register it with Catalog::AddDomain().
//
// Thread safety: all methods may be called concurrently.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "catalog/domain_write.h"
#include "common/result.h"
#include "graph/impact.h"
#include "model/run.h"
#include "store/run_store.h"

namespace linea::runs {

class RunState final : public catalog::DomainState {
 public:
  // Loads runs and aliases from `store`, which must outlive the RunState.
  static Result<std::unique_ptr<RunState>> Load(store::RunStore& store);

  // The last run recorded for `fqn`; nullopt when none.
  std::optional<model::RunRecord> LastRun(std::string_view fqn) const;
  // The asset `fqn` names: the alias target when `fqn` is an alias, else `fqn` itself.
  std::string ResolveAlias(std::string_view fqn) const;
  // Aliases pointing at `fqn`, sorted.
  std::vector<std::string> AliasesOf(std::string_view fqn) const;
  // Evidence that `fqn` may be a cause: its last run failed or aborted ("run_failed"), data
  // quality assertions failed in its last run ("check_failed"). Empty when none.
  std::vector<graph::Evidence> EvidenceFor(std::string_view fqn) const;
  // Every asset whose EvidenceFor() is not empty, sorted (the lineage view's status colours).
  std::vector<std::string> AssetsWithFailures() const;

  // The event log (store reads).
  Result<bool> HasEvent(std::string_view hash) const;
  Result<int64_t> CountEvents() const;
  Result<std::vector<std::pair<int64_t, model::RawEvent>>> ListEvents(int64_t after,
                                                                      size_t limit) const;

  // Applies a committed run part (RunWrite::Publish()).
  void Apply(const model::RunDelta& delta);

  // ---- catalog::DomainState
  void LineageCommitted(const model::Delta& delta) override;
  std::optional<std::string> ResolveName(std::string_view fqn) const override;
  Status Reload() override;

 private:
  explicit RunState(store::RunStore& store) : store_(store) {}

  store::RunStore& store_;
  mutable std::shared_mutex mu_;
  // Last run per asset FQN, alias → asset, asset → its aliases; guarded by mu_.
  std::unordered_map<std::string, model::RunRecord> runs_;
  std::map<std::string, std::string, std::less<>> aliases_;
  std::multimap<std::string, std::string, std::less<>> aliases_by_target_;
};

}  // namespace linea::runs
