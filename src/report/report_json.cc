#include "report/report_json.h"

namespace linea::report {
namespace {

Json Root(const std::string& fqn, model::AssetKind kind) {
  Json j;
  j["fqn"] = fqn;
  j["kind"] = model::KindName(kind);
  return j;
}

Json Reached(const graph::ReachedAsset& r, bool with_features) {
  Json j;
  j["fqn"] = r.fqn;
  j["kind"] = model::KindName(r.kind);
  j["distance"] = r.distance;
  if (with_features) j["features"] = r.features;
  j["path"] = r.path;
  j["path_edges"] = r.path_edges;
  j["owners"] = r.owners;
  j["domain"] = r.domain;
  return j;
}

Json ReachedList(const std::vector<graph::ReachedAsset>& list, bool with_features) {
  Json out = Json::array();
  for (const graph::ReachedAsset& r : list) out.push_back(Reached(r, with_features));
  return out;
}

}  // namespace

Json EncodeImpact(const graph::ImpactReport& report, bool redact_secrets) {
  Json j;
  j["root"] = Root(report.root_fqn, report.root_kind);
  j["models"] = ReachedList(report.models, true);
  j["dashboards"] = ReachedList(report.dashboards, false);
  j["deployments"] = ReachedList(report.deployments, false);
  Json assets = Json::array();
  for (const graph::ReachedAsset& r : report.assets) {
    assets.push_back({{"fqn", r.fqn},
                      {"kind", model::KindName(r.kind)},
                      {"distance", r.distance},
                      {"path", r.path},
                      {"path_edges", r.path_edges}});
  }
  j["assets"] = std::move(assets);
  Json counts = Json::object();
  for (const auto& [kind, n] : report.counts) counts[kind] = n;
  j["counts"] = std::move(counts);
  Json teams = Json::array();
  for (const graph::TeamImpact& t : report.teams) {
    Json tj;
    tj["team"] = t.team;
    Json contacts = Json::array();
    for (const model::Contact& c : t.contacts) {
      contacts.push_back(codec::EncodeContact(c, redact_secrets));
    }
    tj["contacts"] = std::move(contacts);
    tj["models"] = t.models;
    tj["dashboards"] = t.dashboards;
    tj["deployments"] = t.deployments;
    tj["owns_root"] = t.owns_root;
    teams.push_back(std::move(tj));
  }
  j["teams"] = std::move(teams);
  j["truncated"] = report.truncated;
  return j;
}

Json EncodeUpstream(const graph::UpstreamReport& report) {
  Json j;
  j["root"] = Root(report.root_fqn, report.root_kind);
  Json sources = Json::array();
  for (const graph::UpstreamSource& s : report.sources) {
    Json sj = Reached(s.asset, false);
    Json evidence = Json::array();
    for (const graph::Evidence& e : s.evidence) {
      Json ej;
      ej["type"] = e.type;
      ej["detail"] = e.detail;
      if (!e.at.empty()) ej["at"] = e.at;
      evidence.push_back(std::move(ej));
    }
    sj["evidence"] = std::move(evidence);
    sources.push_back(std::move(sj));
  }
  j["sources"] = std::move(sources);
  j["truncated"] = report.truncated;
  return j;
}

Json EncodeSearch(const catalog::SearchResults& results) {
  Json list = Json::array();
  for (const catalog::SearchHit& h : results.results) {
    Json j;
    j["fqn"] = h.fqn;
    j["kind"] = model::KindName(h.kind);
    j["name"] = h.name;
    j["score"] = static_cast<double>(static_cast<int64_t>(h.score * 10000 + 0.5)) / 10000;
    j["domain"] = h.domain;
    j["owners"] = h.owners;
    list.push_back(std::move(j));
  }
  Json out;
  out["results"] = std::move(list);
  out["total"] = results.total;
  return out;
}

}  // namespace linea::report
