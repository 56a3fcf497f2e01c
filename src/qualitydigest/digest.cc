#include "qualitydigest/digest.h"

#include <algorithm>
#include <map>
#include <string>

#include "common/status_macros.h"
#include "common/time_text.h"
#include "quality/stability_report.h"

namespace linea::qualitydigest {
namespace {

constexpr size_t kModelsPerPage = 1000;

int Rank(std::string_view status) {  // worse is higher, as in the report
  if (status == "fail") return 4;
  if (status == "aborted") return 3;
  if (status == "warn") return 2;
  if (status == "success") return 1;
  return 0;
}

bool IsRecipient(std::string_view owner) {
  return (owner.starts_with("team:") || owner.starts_with("user:")) && owner.size() > 5;
}

// "team:x", "user:x" or a bare team name "x" as a recipient the catalog holds.
Result<std::string> KnownRecipient(const catalog::Catalog& catalog, std::string_view text) {
  const bool prefixed = text.starts_with("team:") || text.starts_with("user:");
  const std::string recipient = prefixed ? std::string(text) : "team:" + std::string(text);
  const std::string_view name = std::string_view(recipient).substr(5);
  if (name.empty()) {
    return InvalidArgumentError("team: expected team:<name>, user:<name> or a team name, not \"" +
                                std::string(text) + "\"");
  }
  if (recipient.starts_with("user:")) {
    LINEA_RETURN_IF_ERROR(catalog.GetUser(name).status());
  } else {
    LINEA_RETURN_IF_ERROR(catalog.GetTeam(name).status());
  }
  return recipient;
}

// A failing or warning feature with the message of its first series of the same status.
notify::DigestFeature FeatureOf(const quality::FeatureStability& f) {
  notify::DigestFeature out{.fqn = f.fqn, .status = f.status};
  for (const quality::SeriesTrend& t : f.trends) {
    if (t.status != f.status) continue;
    out.source = t.asset;
    out.check = t.check;
    out.message = t.message;
    break;
  }
  return out;
}

notify::DigestModel ModelOf(const quality::StabilityReport& r) {
  notify::DigestModel m{.fqn = r.model,
                        .status = r.fail > 0   ? "fail"
                                  : r.warn > 0 ? "warn"
                                               : "success",
                        .fail = r.fail,
                        .warn = r.warn,
                        .success = r.success,
                        .unmeasured = r.unmeasured};
  for (const quality::FeatureStability& f : r.features) {  // failing first, then warning
    if (Rank(f.status) >= Rank("warn")) m.features.push_back(FeatureOf(f));
  }
  return m;
}

}  // namespace

Result<std::vector<incident::RecipientDigest>> BuildDigests(const catalog::Catalog& catalog,
                                                            const quality::QualityState& state,
                                                            std::string_view period,
                                                            std::string_view recipient) {
  if (!IsMonth(period)) {
    return InvalidArgumentError("period: expected a month YYYY-MM, not \"" + std::string(period) +
                                "\"");
  }
  std::string only;
  if (!recipient.empty()) {
    LINEA_ASSIGN_OR_RETURN(only, KnownRecipient(catalog, recipient));
  }
  catalog::SearchQuery filter{
      .kind = model::AssetKind::kModel, .owner = only, .limit = kModelsPerPage};
  std::map<std::string, std::vector<notify::DigestModel>> by_recipient;
  std::string cursor;
  do {
    catalog::AssetPage page = catalog.ListAssets(filter, cursor);
    for (const catalog::AssetSummary& summary : page.assets) {
      if (std::none_of(summary.owners.begin(), summary.owners.end(), IsRecipient)) continue;
      Result<quality::StabilityReport> report = catalog.ReadConsistent(
          [&] { return quality::BuildStabilityReport(catalog, state, summary.fqn, period); });
      if (!report.ok()) {
        if (report.status().code() == StatusCode::kNotFound) continue;  // deleted meanwhile
        return report.status();
      }
      if (report->unmeasured == report->features.size()) continue;
      notify::DigestModel model = ModelOf(*report);
      for (const std::string& owner : report->owners) {
        if (IsRecipient(owner) && (only.empty() || owner == only)) {
          by_recipient[owner].push_back(model);
        }
      }
    }
    cursor = page.next_cursor;
  } while (!cursor.empty());

  std::vector<incident::RecipientDigest> out;
  for (auto& [owner, models] : by_recipient) {
    std::stable_sort(models.begin(), models.end(),
                     [](const notify::DigestModel& a, const notify::DigestModel& b) {
                       return Rank(a.status) > Rank(b.status);
                     });  // listed by FQN: within a status too
    incident::RecipientDigest digest{.recipient = owner};
    digest.digest.period = std::string(period);
    digest.digest.models = std::move(models);
    out.push_back(std::move(digest));
  }
  return out;
}

Result<incident::DigestOutcome> QueueDigests(const catalog::Catalog& catalog,
                                             const quality::QualityState& state,
                                             incident::IncidentService& service,
                                             std::string_view period, std::string_view recipient,
                                             const catalog::Writer& writer, bool dry_run) {
  LINEA_ASSIGN_OR_RETURN(std::vector<incident::RecipientDigest> digests,
                         BuildDigests(catalog, state, period, recipient));
  return service.QueueDigests(std::move(digests), writer, dry_run);
}

}  // namespace linea::qualitydigest
