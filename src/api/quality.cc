// Data quality: results, checks and their series (docs/quality.md; issue #18).
#include <map>

#include "api/api.h"
#include "codec/quality_json.h"
#include "model/fqn.h"
#include "quality/stability_report.h"
#include "qualitydigest/digest.h"

namespace linea::api {
namespace {

Json TransitionsJson(const std::vector<quality::Transition>& list) {
  Json out = Json::array();
  for (const quality::Transition& t : list) {
    Json j = {{"asset", t.result.asset},
              {"check", t.result.check},
              {"kind", t.result.kind},
              {"status", t.result.status},
              {"severity", t.check.severity}};
    if (!t.result.period.empty()) j["period"] = t.result.period;
    if (!t.result.message.empty()) j["message"] = t.result.message;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

Reply PostQualityResults(quality::QualityService& service, std::string_view body,
                         const std::string& source, const catalog::Writer& writer) {
  Result<Json> j = codec::ParseJson(body);
  if (!j.ok()) return Error(j.status());
  Result<std::vector<model::QualityResult>> results =
      codec::DecodeQualityResults(*j, source, writer.name);
  if (!results.ok()) return Error(results.status());
  if (results->size() > kMaxQualityResultsPerRequest) {
    return Error(InvalidArgumentError("results: " + std::to_string(results->size()) +
                                      " results in one request; send at most " +
                                      std::to_string(kMaxQualityResultsPerRequest)));
  }
  Result<quality::RecordOutcome> outcome = service.Record(std::move(*results), writer);
  if (!outcome.ok()) return Error(outcome.status());
  Json statuses = Json::array();
  for (const model::QualityResult& r : outcome->results) statuses.push_back(r.status);
  Reply reply = Ok({{"recorded", outcome->results.size()},
                    {"success", outcome->success},
                    {"warn", outcome->warn},
                    {"fail", outcome->fail},
                    {"aborted", outcome->aborted},
                    {"statuses", std::move(statuses)},
                    {"failed", TransitionsJson(outcome->failed)},
                    {"recovered", TransitionsJson(outcome->recovered)}});
  reply.created = !outcome->results.empty();
  return reply;
}

Reply GetQuality(const catalog::Catalog& c, const quality::QualityState& state,
                 std::string_view fqn, const QualityParams& p) {
  const std::string asset = c.Resolve(fqn);
  if (!c.KindOf(asset)) return Error(c.UnknownAsset(fqn));
  // Every series of the asset and of the assets under it (a table's columns), newest first.
  std::map<std::pair<std::string, std::string>, Json> series;
  std::vector<std::string> assets = {asset};
  for (const std::string& child : c.ChildNames(asset)) {
    assets.push_back(model::JoinFqn(asset, child));
  }
  for (const std::string& a : assets) {
    for (const model::QualityCheck& check : state.Checks(a)) {
      if (!p.check.empty() && check.name != p.check) continue;
      series[{check.asset, check.name}]["check"] = codec::EncodeQualityCheck(check);
    }
  }
  for (const std::string& a : assets) {
    for (const model::QualityResult& latest : state.Latest(a)) {
      if (!p.check.empty() && latest.check != p.check) continue;
      series[{latest.asset, latest.check}]["latest"] = codec::EncodeQualityResult(latest);
    }
  }
  Json list = Json::array();
  for (auto& [key, j] : series) {
    j["asset"] = key.first;
    j["name"] = key.second;
    if (p.history > 0 && j.contains("latest")) {
      store::ResultQuery q{
          .asset = key.first, .check = key.second, .since_ms = p.since_ms, .limit = p.history};
      Result<std::vector<model::QualityResult>> history = c.store().quality().ListResults(q);
      if (!history.ok()) return Error(history.status());
      Json h = Json::array();
      for (const model::QualityResult& r : *history) h.push_back(codec::EncodeQualityResult(r));
      j["history"] = std::move(h);
    }
    list.push_back(std::move(j));
  }
  return Ok({{"asset", asset}, {"series", std::move(list)}});
}

Reply ListQualityChecks(const quality::QualityState& state, std::string_view asset) {
  Json list = Json::array();
  for (const model::QualityCheck& check : state.Checks(asset)) {
    list.push_back(codec::EncodeQualityCheck(check));
  }
  return Ok({{"checks", std::move(list)}});
}

namespace {

Json ReportJson(const quality::StabilityReport& r) {
  Json features = Json::array();
  for (const quality::FeatureStability& f : r.features) {
    Json trends = Json::array();
    for (const quality::SeriesTrend& t : f.trends) {
      Json values = Json::array(), statuses = Json::array();
      for (const quality::ChartPoint& p : t.points) {
        values.push_back(p.value ? Json(*p.value) : Json());
        statuses.push_back(p.status);
      }
      Json j = {{"asset", t.asset},
                {"check", t.check},
                {"kind", t.kind},
                {"status", t.status},
                {"values", std::move(values)},
                {"statuses", std::move(statuses)}};
      if (!t.message.empty()) j["message"] = t.message;
      trends.push_back(std::move(j));
    }
    features.push_back({{"fqn", f.fqn},
                        {"status", f.status},
                        {"sources", f.sources},
                        {"trends", std::move(trends)}});
  }
  return {
      {"model", r.model},
      {"period", r.period},
      {"periods", r.periods},
      {"owners", r.owners},
      {"features_by_status",
       {{"fail", r.fail}, {"warn", r.warn}, {"success", r.success}, {"unmeasured", r.unmeasured}}},
      {"features", std::move(features)}};
}

}  // namespace

Reply StabilityReport(const catalog::Catalog& c, const quality::QualityState& state,
                      std::string_view model, std::string_view period, std::string_view format) {
  if (format != "html" && format != "json") {
    return Error(InvalidArgumentError("format: expected html or json"));
  }
  Result<quality::StabilityReport> report =
      c.ReadConsistent([&] { return quality::BuildStabilityReport(c, state, model, period); });
  if (!report.ok()) return Error(report.status());
  if (format == "json") return Ok(ReportJson(*report));
  Reply reply;
  reply.text = quality::RenderStabilityHtml(*report);
  reply.content_type = "text/html; charset=utf-8";
  return reply;
}

Reply QueueQualityDigests(const catalog::Catalog& c, const quality::QualityState& state,
                          incident::IncidentService& service, const DigestParams& p,
                          const catalog::Writer& writer) {
  Result<incident::DigestOutcome> outcome =
      qualitydigest::QueueDigests(c, state, service, p.period, p.team, writer, p.dry_run);
  if (!outcome.ok()) return Error(outcome.status());
  Json teams = Json::array();
  for (const incident::DigestRecipient& r : outcome->recipients) {
    Json j = {{"team", r.recipient},
              {"models", r.models},
              {"channels", r.channels},
              {"queued", r.queued},
              {"already_queued", r.already_queued}};
    if (!r.unreachable.empty()) j["unreachable"] = r.unreachable;
    if (p.dry_run) j["digest"] = notify::DigestWebhookBody(r.digest);
    teams.push_back(std::move(j));
  }
  return Ok({{"period", p.period},
             {"dry_run", p.dry_run},
             {"deliveries_queued", outcome->queued},
             {"already_queued", outcome->already_queued},
             {"teams", std::move(teams)}});
}

}  // namespace linea::api
