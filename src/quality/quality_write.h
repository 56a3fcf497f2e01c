// src/quality/quality_write.h: the quality part of a catalog write (catalog/domain_write.h) —
// checks defined or deleted, results appended — validated against the catalog as the write
// leaves it, written in the write's transaction, then applied to the QualityState.
#pragma once

#include <string>
#include <vector>

#include "catalog/domain_write.h"
#include "model/quality.h"
#include "quality/quality_state.h"

namespace linea::quality {

class QualityWrite final : public catalog::DomainWrite {
 public:
  QualityWrite(QualityState& state, model::QualityDelta delta)
      : state_(state), delta_(std::move(delta)) {}

  // Checks: ValidateCheck() (check_kinds.h) and an existing asset. Results: an existing
  // asset, a check name, a known kind and status, a timestamp. FQNs are made canonical.
  // Errors: kInvalidArgument, kNotFound (unknown asset, with candidates).
  Status Validate(const catalog::FutureCatalog& future) override;
  Status Write(store::Store& store, store::WriteTxn& txn) override;
  void Publish() override;
  // A scoped writer defines checks and reports results only on the assets of its scope
  // (catalog::WriteScope::domains / fqn_prefixes).
  Status CheckWriter(const catalog::Writer& writer) const override;
  // "2 checks defined, 1 removed, 240 results (3 fail)".
  std::string AuditDetail() const override;

  const model::QualityDelta& delta() const { return delta_; }
  // The delta, moved out: after the write was applied (or abandoned).
  model::QualityDelta TakeDelta() && { return std::move(delta_); }

 private:
  QualityState& state_;
  model::QualityDelta delta_;
  // The effective domain of every asset the delta names, recorded by Validate().
  std::vector<std::pair<std::string, std::string>> asset_domains_;
};

}  // namespace linea::quality
