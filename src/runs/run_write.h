// src/runs/run_write.h: the run part of a catalog write (catalog/domain_write.h) — aliases, last
// runs and logged events — validated against the catalog as the write leaves it, written in the
// write's transaction, then applied to the RunState.
#pragma once

#include "catalog/domain_write.h"
#include "model/run.h"
#include "runs/run_state.h"

namespace linea::runs {

class RunWrite final : public catalog::DomainWrite {
 public:
  RunWrite(RunState& state, model::RunDelta delta) : state_(state), delta_(std::move(delta)) {}

  const model::RunDelta& delta() const { return delta_; }

  // Aliases: canonical, listed once, not themselves assets, pointing at an asset. Runs:
  // canonical asset FQNs that exist, listed once, known states (START, RUNNING, COMPLETE, FAIL,
  // ABORT, OTHER). Events: a hash; a base only with a compressed body.
  // Errors: kInvalidArgument, kNotFound (with candidates), kAlreadyExists.
  Status Validate(const catalog::FutureCatalog& future) override;
  Status Write(store::Store& store, store::WriteTxn& txn) override;
  void Publish() override;

 private:
  RunState& state_;
  model::RunDelta delta_;
};

}  // namespace linea::runs
