#include "quality/quality_write.h"

#include <algorithm>
#include <set>

#include "common/status_macros.h"
#include "model/fqn.h"
#include "quality/check_kinds.h"

namespace linea::quality {
namespace {

bool Known(const auto& names, std::string_view name) {
  return std::find_if(std::begin(names), std::end(names),
                      [&](const char* n) { return name == n; }) != std::end(names);
}

std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

Status QualityWrite::Validate(const catalog::FutureCatalog& future) {
  std::set<std::string, std::less<>> seen;
  auto resolve = [&](std::string* fqn, const std::string& what) -> Status {
    Result<std::string> canonical = model::CanonicalFqn(*fqn);
    if (!canonical.ok()) return canonical.status().WithPrefix(what);
    *fqn = std::move(*canonical);
    if (!future.KindOf(*fqn)) {
      return NotFoundError(what + ": unknown asset " + *fqn, future.Suggest(*fqn));
    }
    if (seen.insert(*fqn).second) asset_domains_.emplace_back(*fqn, future.DomainOf(*fqn));
    return Status();
  };
  for (auto& [asset, name] : delta_.delete_checks) {
    LINEA_RETURN_IF_ERROR(resolve(&asset, "check " + name));
  }
  for (model::QualityCheck& c : delta_.upsert_checks) {
    LINEA_RETURN_IF_ERROR(resolve(&c.asset, "check " + c.name));
    LINEA_RETURN_IF_ERROR(ValidateCheck(c).WithPrefix("check " + c.name + " on " + c.asset));
  }
  for (size_t i = 0; i < delta_.append_results.size(); ++i) {
    model::QualityResult& r = delta_.append_results[i];
    const std::string what = "results[" + std::to_string(i) + "]";
    LINEA_RETURN_IF_ERROR(resolve(&r.asset, what));
    if (r.check.empty()) return InvalidArgumentError(what + ": no check name");
    if (!Known(model::kCheckKinds, r.kind)) {
      return InvalidArgumentError(what + ": unknown kind \"" + r.kind + "\"");
    }
    if (!Known(model::kQualityStatuses, r.status)) {
      return InvalidArgumentError(what + ": status must be success, warn, fail or aborted, not \"" +
                                  r.status + "\"");
    }
    if (r.timestamp_ms <= 0) return InvalidArgumentError(what + ": no timestamp");
  }
  return Status();
}

Status QualityWrite::Write(store::Store& store, store::WriteTxn& txn) {
  if (delta_.empty()) return Status();
  return store.quality().Write(txn, delta_);
}

void QualityWrite::Publish() { state_.Apply(delta_); }

Status QualityWrite::CheckWriter(const catalog::Writer& writer) const {
  if (!writer.scope) return Status();
  for (const auto& [fqn, domain] : asset_domains_) {
    if (catalog::ScopeCoversAsset(*writer.scope, fqn, domain)) continue;
    return PermissionDeniedError("token " + writer.name + " may not record quality of " + fqn +
                                 (domain.empty() ? " (no domain)" : " (domain " + domain + ")") +
                                 ": not in its scope");
  }
  return Status();
}

std::string QualityWrite::AuditDetail() const {
  std::vector<std::string> parts;
  if (!delta_.upsert_checks.empty()) {
    parts.push_back(Plural(delta_.upsert_checks.size(), "check", "checks") + " defined");
  }
  if (!delta_.delete_checks.empty()) {
    parts.push_back(Plural(delta_.delete_checks.size(), "check", "checks") + " removed");
  }
  if (!delta_.append_results.empty()) {
    size_t failed = std::count_if(delta_.append_results.begin(), delta_.append_results.end(),
                                  [](const model::QualityResult& r) { return r.status == "fail"; });
    std::string text = Plural(delta_.append_results.size(), "result", "results");
    if (failed > 0) text += " (" + std::to_string(failed) + " fail)";
    parts.push_back(std::move(text));
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

}  // namespace linea::quality
