#include "runs/run_write.h"

#include <set>

#include "common/status_macros.h"
#include "model/fqn.h"

namespace linea::runs {
namespace {

Status Canonicalize(std::string* fqn, std::string_view what) {
  Result<std::string> canonical = model::CanonicalFqn(*fqn);
  if (!canonical.ok()) return canonical.status().WithPrefix(what);
  *fqn = std::move(*canonical);
  return Status();
}

}  // namespace

Status RunWrite::Validate(const catalog::FutureCatalog& future) {
  static const std::set<std::string, std::less<>> kStates = {"START", "RUNNING", "COMPLETE",
                                                             "FAIL",  "ABORT",   "OTHER"};
  std::set<std::string> seen;
  for (model::Alias& a : delta_.upsert_aliases) {
    LINEA_RETURN_IF_ERROR(Canonicalize(&a.alias, "alias"));
    LINEA_RETURN_IF_ERROR(Canonicalize(&a.fqn, "alias target"));
    std::string label = "alias " + a.alias + " -> " + a.fqn;
    if (!seen.insert(a.alias).second) return InvalidArgumentError(label + ": alias listed twice");
    if (future.KindOf(a.alias)) return AlreadyExistsError(label + ": " + a.alias + " is an asset");
    if (!future.KindOf(a.fqn)) {
      return NotFoundError(label + ": unknown asset " + a.fqn, future.Suggest(a.fqn));
    }
  }
  seen.clear();
  for (model::RunRecord& r : delta_.upsert_runs) {
    LINEA_RETURN_IF_ERROR(Canonicalize(&r.asset, "run record"));
    std::string label = "run record of " + r.asset;
    if (!seen.insert(r.asset).second) return InvalidArgumentError(label + " listed twice");
    if (!future.KindOf(r.asset)) {
      return NotFoundError(label + ": unknown asset", future.Suggest(r.asset));
    }
    if (!kStates.contains(r.state)) {
      return InvalidArgumentError(label + ": unknown run state \"" + r.state + "\"");
    }
  }
  for (const model::RawEvent& e : delta_.append_events) {
    if (e.hash.empty()) return InvalidArgumentError("raw event without a hash");
    if (!e.base.empty() && e.body_zstd.empty()) {
      return InvalidArgumentError("raw event " + e.hash + " has a base but no compressed body");
    }
  }
  return Status();
}

Status RunWrite::Write(store::Store& store, store::WriteTxn& txn) {
  if (delta_.empty()) return Status();
  return store.runs().Write(txn, delta_);
}

void RunWrite::Publish() { state_.Apply(delta_); }

}  // namespace linea::runs
