#include "server/router.h"

#include <time.h>

#include <charconv>
#include <ctime>
#include <optional>

#include "common/status_macros.h"
#include "common/strings.h"
#include "quality/stability_report.h"
#include "server/openapi.h"

namespace linea::server {
namespace {


// "/api/v1/incidents/{id}/ack" → prefix "/api/v1/incidents/", suffix "/ack".
RoutePattern ParsePattern(const std::string& pattern) {
  const size_t open = pattern.find('{');
  if (open == std::string::npos) return {pattern, "", false};
  return {pattern.substr(0, open), pattern.substr(pattern.find('}', open) + 1), true};
}

const std::string* Param(const ApiRequest& r, const char* key) {
  auto it = r.query.find(key);
  return it == r.query.end() ? nullptr : &it->second;
}

// Every value of a repeatable query parameter, in request order.
std::vector<std::string> Params(const ApiRequest& r, const char* key) {
  std::vector<std::string> out;
  for (auto [it, end] = r.query.equal_range(key); it != end; ++it) out.push_back(it->second);
  return out;
}

template <typename T>
Status ParseNumber(const ApiRequest& r, const char* key, T* out) {
  const std::string* v = Param(r, key);
  if (!v) return Status();
  T parsed{};
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), parsed);
  if (ec != std::errc() || end != v->data() + v->size()) {
    return InvalidArgumentError(std::string(key) + ": expected a non-negative integer, got \"" +
                                *v + "\"");
  }
  *out = parsed;
  return Status();
}

Status ParseBool(const ApiRequest& r, const char* key, bool* out) {
  const std::string* v = Param(r, key);
  if (!v) return Status();
  if (*v == "true" || *v == "1" || v->empty()) {
    *out = true;
  } else if (*v == "false" || *v == "0") {
    *out = false;
  } else {
    return InvalidArgumentError(std::string(key) + ": expected true or false, got \"" + *v + "\"");
  }
  return Status();
}

Status ParseKind(const std::string& text, const char* key, model::AssetKind* out) {
  std::optional<model::AssetKind> kind = model::ParseKind(text);
  if (!kind) return InvalidArgumentError(std::string(key) + ": unknown kind \"" + text + "\"");
  *out = *kind;
  return Status();
}

Result<api::WalkParams> WalkParamsOf(const ApiRequest& r) {
  api::WalkParams p;
  LINEA_RETURN_IF_ERROR(ParseNumber(r, "depth", &p.depth));
  LINEA_RETURN_IF_ERROR(ParseNumber(r, "max_nodes", &p.max_nodes));
  if (const std::string* kinds = Param(r, "kinds"); kinds && !kinds->empty()) {
    for (const std::string& k : Split(*kinds, ',')) {
      model::AssetKind kind;
      LINEA_RETURN_IF_ERROR(ParseKind(std::string(Trim(k)), "kinds", &kind));
      p.kinds.push_back(kind);
    }
  }
  if (const std::string* domain = Param(r, "domain")) p.domain = *domain;
  LINEA_RETURN_IF_ERROR(ParseBool(r, "direct_only", &p.direct_only));
  return p;
}

Result<catalog::SearchQuery> FilterOf(const ApiRequest& r, const char* text_key) {
  catalog::SearchQuery q;
  if (const std::string* text = text_key ? Param(r, text_key) : nullptr) q.text = *text;
  if (const std::string* kind = Param(r, "kind"); kind && !kind->empty()) {
    model::AssetKind k;
    LINEA_RETURN_IF_ERROR(ParseKind(*kind, "kind", &k));
    q.kind = k;
  }
  if (const std::string* domain = Param(r, "domain")) q.domain = *domain;
  if (const std::string* owner = Param(r, "owner")) q.owner = *owner;
  LINEA_RETURN_IF_ERROR(ParseNumber(r, "limit", &q.limit));
  LINEA_RETURN_IF_ERROR(ParseNumber(r, "offset", &q.offset));
  if (q.limit == 0 || q.limit > 1000) {
    return InvalidArgumentError("limit: expected 1 to 1000, got " + std::to_string(q.limit));
  }
  return q;
}

// Unix milliseconds from "2026-12-07" (midnight UTC), "2026-12-07T10:00:00Z" (optionally with
// fractional seconds; UTC when the "Z" is left out) or a number of unix milliseconds.
std::optional<int64_t> ParseInstant(const std::string& text) {
  if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos) {
    int64_t ms = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return ms;
  }
  std::tm tm{};
  const char* rest = strptime(text.c_str(), "%Y-%m-%d", &tm);
  if (!rest || rest - text.c_str() != 10) return std::nullopt;  // exactly YYYY-MM-DD
  int millis = 0;
  if (*rest == 'T') {
    const char* time = rest + 1;
    rest = strptime(time, "%H:%M:%S", &tm);
    if (!rest || rest - time != 8) return std::nullopt;
    if (*rest == '.') {
      const char* digits = ++rest;
      for (; *rest >= '0' && *rest <= '9'; ++rest) {
        if (rest - digits < 3) millis = millis * 10 + (*rest - '0');
      }
      if (rest == digits) return std::nullopt;
      for (auto n = rest - digits; n < 3; ++n) millis *= 10;
    }
    if (*rest == 'Z') ++rest;
  }
  if (*rest != '\0') return std::nullopt;
  const std::tm given = tm;
  const std::time_t seconds = timegm(&tm);
  // timegm() normalizes 2026-02-30 into March: refuse dates that do not exist.
  if (tm.tm_mday != given.tm_mday || tm.tm_mon != given.tm_mon || tm.tm_hour != given.tm_hour) {
    return std::nullopt;
  }
  return static_cast<int64_t>(seconds) * 1000 + millis;
}

Status ParseInstantParam(const ApiRequest& r, const char* key, int64_t* out) {
  const std::string* v = Param(r, key);
  if (!v) return Status();
  std::optional<int64_t> ms = ParseInstant(*v);
  if (!ms) {
    return InvalidArgumentError(std::string(key) +
                                ": expected an RFC 3339 date or date-time (2026-12-07, "
                                "2026-12-07T10:00:00Z) or unix milliseconds, got \"" +
                                *v + "\"");
  }
  *out = *ms;
  return Status();
}

// GET /api/v1/audit's query: actor, outcome, action, since, until, limit (1 to 1000, default
// 100), cursor (a next_cursor of the previous page).
Result<store::AuditFilter> AuditFilterOf(const ApiRequest& r) {
  store::AuditFilter f;
  if (const std::string* actor = Param(r, "actor")) f.actor = *actor;
  if (const std::string* outcome = Param(r, "outcome")) f.outcome = *outcome;
  if (const std::string* action = Param(r, "action")) f.action = *action;
  LINEA_RETURN_IF_ERROR(ParseInstantParam(r, "since", &f.since_ms));
  LINEA_RETURN_IF_ERROR(ParseInstantParam(r, "until", &f.until_ms));
  LINEA_RETURN_IF_ERROR(ParseNumber(r, "limit", &f.limit));
  if (f.limit == 0 || f.limit > 1000) {
    return InvalidArgumentError("limit: expected 1 to 1000, got " + std::to_string(f.limit));
  }
  if (const std::string* cursor = Param(r, "cursor")) {
    int64_t id = 0;
    auto [end, ec] = std::from_chars(cursor->data(), cursor->data() + cursor->size(), id);
    if (ec != std::errc() || end != cursor->data() + cursor->size() || id <= 0) {
      return InvalidArgumentError("cursor: expected a next_cursor of a previous page, got \"" +
                                  *cursor + "\"");
    }
    f.before_id = id;
  }
  return f;
}

}  // namespace

bool RoutePattern::Match(std::string_view path, std::string* arg) const {
  arg->clear();
  if (!has_param) return path == prefix;
  if (path.size() <= prefix.size() + suffix.size()) return false;
  if (!path.starts_with(prefix) || !path.ends_with(suffix)) return false;
  std::string_view middle = path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
  if (middle.find_first_of("\r\n") != std::string_view::npos) return false;
  arg->assign(middle);
  return true;
}

const std::vector<Router::Route>& Router::Table() {
  static const std::vector<Route> kTable = {
      {{"GET", "/healthz", Access::kPublic}, &Router::Health},
      {{"GET", "/metrics", Access::kPublic}, &Router::Metrics},
      {{"GET", "/api/v1/openapi.json", Access::kPublic}, &Router::OpenApi},
      {{"GET", "/api/v1/whoami", Access::kPublic}, &Router::WhoAmI},
      {{"GET", "/api/v1/catalog", Access::kRead}, &Router::GetCatalog},
      {{"PUT", "/api/v1/catalog", Access::kWrite}, &Router::PutCatalog},
      {{"GET", "/api/v1/assets", Access::kRead}, &Router::ListAssets},
      {{"GET", "/api/v1/browse", Access::kRead}, &Router::Browse},
      {{"GET", "/api/v1/assets/{fqn}", Access::kRead}, &Router::GetAsset},
      {{"DELETE", "/api/v1/assets/{fqn}", Access::kWrite}, &Router::DeleteAsset},
      {{"GET", "/api/v1/teams", Access::kRead}, &Router::ListTeams},
      {{"PUT", "/api/v1/teams", Access::kWrite}, &Router::PutTeams},
      {{"GET", "/api/v1/teams/{name}", Access::kRead}, &Router::GetTeam},
      {{"GET", "/api/v1/users", Access::kRead}, &Router::ListUsers},
      {{"PUT", "/api/v1/users", Access::kWrite}, &Router::PutUsers},
      {{"GET", "/api/v1/users/{name}", Access::kRead}, &Router::GetUser},
      {{"PUT", "/api/v1/lineage/edges", Access::kWrite}, &Router::ReplaceEdges},
      // OpenMetadata's lineage by name (docs/compat.md), before /api/v1/lineage/{fqn}, which
      // would take "table/name/x" for an FQN.
      {{"GET", "/api/v1/lineage/table/name/{fqn}", Access::kRead}, &Router::OpenMetadataLineage},
      {{"GET", "/api/v1/lineage/topic/name/{fqn}", Access::kRead}, &Router::OpenMetadataLineage},
      {{"GET", "/api/v1/lineage/dashboard/name/{fqn}", Access::kRead},
       &Router::OpenMetadataLineage},
      {{"GET", "/api/v1/lineage/pipeline/name/{fqn}", Access::kRead}, &Router::OpenMetadataLineage},
      {{"GET", "/api/v1/lineage/mlmodel/name/{fqn}", Access::kRead}, &Router::OpenMetadataLineage},
      // Before /api/v1/lineage/{fqn}, which would take "x/layout" for an FQN.
      {{"GET", "/api/v1/lineage/{fqn}/layout", Access::kRead}, &Router::LineageLayout},
      {{"GET", "/api/v1/lineage/{fqn}", Access::kRead}, &Router::LineageGraph},
      {{"GET", "/api/v1/impact/{fqn}", Access::kRead}, &Router::Impact},
      {{"GET", "/api/v1/upstream/{fqn}", Access::kRead}, &Router::Upstream},
      {{"GET", "/api/v1/search", Access::kRead}, &Router::Search},
      {{"POST", "/api/v1/manifests", Access::kWrite}, &Router::PostManifests},
      {{"POST", "/api/v1/sql/lineage", Access::kRead}, &Router::SqlLineage},
      {{"POST", "/api/v1/sql/log", Access::kWrite}, &Router::IngestSqlLog},
      {{"POST", "/api/v1/lineage", Access::kWrite}, &Router::PostLineageEvent},
      {{"GET", "/api/v1/lineage", Access::kRead}, &Router::MarquezLineage},
      {{"POST", "/api/v1/lineage/batch", Access::kWrite}, &Router::PostLineageBatch},
      {{"GET", "/api/v1/incidents", Access::kRead}, &Router::ListIncidents},
      {{"POST", "/api/v1/incidents", Access::kWrite}, &Router::OpenIncident},
      {{"GET", "/api/v1/incidents/{id}", Access::kRead}, &Router::GetIncident},
      {{"POST", "/api/v1/incidents/{id}/ack", Access::kWrite}, &Router::AcknowledgeIncident},
      {{"POST", "/api/v1/incidents/{id}/resolve", Access::kWrite}, &Router::ResolveIncident},
      {{"GET", "/api/v1/subscriptions", Access::kRead}, &Router::ListSubscriptions},
      {{"PUT", "/api/v1/subscriptions", Access::kWrite}, &Router::PutSubscriptions},
      {{"DELETE", "/api/v1/subscriptions", Access::kWrite}, &Router::DeleteSubscriptions},
      {{"GET", "/api/v1/connectors", Access::kRead}, &Router::ListConnectors},
      {{"POST", "/api/v1/connectors/{name}/run", Access::kWrite}, &Router::RunConnector},
      {{"GET", "/api/v1/tokens", Access::kAdmin}, &Router::ListTokens},
      {{"POST", "/api/v1/tokens", Access::kAdmin}, &Router::CreateToken},
      {{"DELETE", "/api/v1/tokens/{name}", Access::kAdmin}, &Router::RevokeToken},
      {{"GET", "/api/v1/audit", Access::kAdmin}, &Router::ListAudit},
      {{"POST", "/api/v1/quality/results", Access::kWrite}, &Router::PostQualityResults},
      // Before /api/v1/quality/{fqn}, which would take "checks", "digests", "report/x" as FQNs.
      {{"GET", "/api/v1/quality/checks", Access::kRead}, &Router::ListQualityChecks},
      {{"POST", "/api/v1/quality/digests", Access::kAdmin}, &Router::QueueQualityDigests},
      {{"GET", "/api/v1/quality/report/{fqn}", Access::kRead}, &Router::StabilityReport},
      {{"GET", "/api/v1/quality/{fqn}", Access::kRead}, &Router::GetQuality},
  };
  return kTable;
}

std::vector<RouteInfo> Router::Routes() {
  std::vector<RouteInfo> routes;
  for (const Route& route : Table()) routes.push_back(route.info);
  return routes;
}

Router::Router(app::App& app, std::function<std::string()> metrics)
    : app_(app), metrics_(std::move(metrics)) {
  for (const Route& route : Table()) patterns_.push_back(ParsePattern(route.info.pattern));
}

const RouteInfo* Router::Match(const std::string& method, const std::string& path,
                               bool* path_known) const {
  *path_known = false;
  std::string arg;
  const std::vector<Route>& table = Table();
  for (size_t i = 0; i < table.size(); ++i) {
    if (!patterns_[i].Match(path, &arg)) continue;
    *path_known = true;
    if (table[i].info.method == method) return &table[i].info;
  }
  return nullptr;
}

api::Reply Router::Handle(const ApiRequest& request) const {
  bool path_known = false;
  std::string arg;
  const std::vector<Route>& table = Table();
  for (size_t i = 0; i < table.size(); ++i) {
    if (!patterns_[i].Match(request.path, &arg)) continue;
    path_known = true;
    if (table[i].info.method != request.method) continue;
    if (table[i].handler != &Router::Health && table[i].handler != &Router::Metrics) {
      // A catalog that could not reload after a failed batch serves nothing it might have lost.
      if (Status health = app_.catalog().health(); !health.ok()) return api::Error(health);
    }
    return (this->*table[i].handler)(request, arg);
  }
  if (path_known) {
    return api::Error({StatusCode::kMethodNotAllowed,
                       request.method + " is not allowed on " + request.path});
  }
  return api::Error(NotFoundError("no route for " + request.method + " " + request.path));
}

// ---------------------------------------------------------------- handlers

api::Reply Router::Health(const ApiRequest&, const std::string&) const {
  if (Status health = app_.catalog().health(); !health.ok()) return api::Error(health);
  catalog::CatalogStats s = app_.catalog().stats();
  return api::Ok({{"status", "ok"}, {"assets", s.assets}, {"links", s.links}});
}

api::Reply Router::Metrics(const ApiRequest&, const std::string&) const {
  api::Reply reply;
  reply.content_type = "text/plain; version=0.0.4";
  if (metrics_) {
    reply.text = metrics_();
  } else {
    catalog::CatalogStats s = app_.catalog().stats();
    reply.text = "linea_graph_assets " + std::to_string(s.assets) + "\nlinea_graph_links " +
                 std::to_string(s.links) + "\n";
  }
  return reply;
}

api::Reply Router::OpenApi(const ApiRequest&, const std::string&) const {
  api::Reply reply;
  reply.content_type = "application/json";
  reply.text = OpenApiDocument();
  return reply;
}

api::Reply Router::Impact(const ApiRequest& r, const std::string& fqn) const {
  Result<api::WalkParams> p = WalkParamsOf(r);
  return p.ok() ? api::Impact(app_.catalog(), fqn, *p, r.reveal_secrets) : api::Error(p.status());
}

api::Reply Router::Upstream(const ApiRequest& r, const std::string& fqn) const {
  Result<api::WalkParams> p = WalkParamsOf(r);
  if (!p.ok()) return api::Error(p.status());
  return api::Upstream(
      app_.catalog(), [this](std::string_view source) { return app_.EvidenceFor(source); }, fqn,
      *p);
}

api::Reply Router::LineageGraph(const ApiRequest& r, const std::string& fqn) const {
  api::LineageParams p;
  if (const std::string* d = Param(r, "direction")) p.direction = *d;
  Status s = ParseNumber(r, "depth", &p.depth);
  if (s.ok()) s = ParseBool(r, "columns", &p.columns);
  if (s.ok()) s = ParseNumber(r, "max_nodes", &p.max_nodes);
  return s.ok() ? api::Lineage(app_.catalog(), fqn, p) : api::Error(s);
}

// Marquez's GET /api/v1/lineage?nodeId=&depth= (default 20, as Marquez's).
api::Reply Router::MarquezLineage(const ApiRequest& r, const std::string&) const {
  const std::string* node_id = Param(r, "nodeId");
  if (!node_id || node_id->empty()) {
    return api::Error(InvalidArgumentError(
        "nodeId: required, e.g. dataset:hive://metastore:9083:default.t1 or dataset:linea:<fqn>"));
  }
  uint32_t depth = 20;
  if (Status s = ParseNumber(r, "depth", &depth); !s.ok()) return api::Error(s);
  return api::MarquezLineage(app_.catalog(), app_.runs(), app_.namespaces(), *node_id, depth);
}

// OpenMetadata's ?upstreamDepth=&downstreamDepth= (default 1 each, as OpenMetadata's; no cap).
api::Reply Router::OpenMetadataLineage(const ApiRequest& r, const std::string& fqn) const {
  // "/api/v1/lineage/<entityType>/name/<fqn>": the route says which entity type.
  constexpr std::string_view kPrefix = "/api/v1/lineage/";
  const std::string_view rest = std::string_view(r.path).substr(kPrefix.size());
  const std::string_view entity_type = rest.substr(0, rest.find('/'));
  uint32_t up = 1, down = 1;
  Status s = ParseNumber(r, "upstreamDepth", &up);
  if (s.ok()) s = ParseNumber(r, "downstreamDepth", &down);
  if (!s.ok()) return api::Error(s);
  return api::OpenMetadataLineage(app_.catalog(), app_.namespaces(), entity_type, fqn, up, down);
}

api::Reply Router::LineageLayout(const ApiRequest& r, const std::string& fqn) const {
  api::LayoutParams p;
  Status s = ParseNumber(r, "up", &p.up);
  if (s.ok()) s = ParseNumber(r, "down", &p.down);
  if (s.ok()) s = ParseBool(r, "columns", &p.columns);
  if (s.ok()) s = ParseNumber(r, "max_nodes", &p.max_nodes);
  if (s.ok()) s = ParseNumber(r, "fold", &p.fold);
  if (!s.ok()) return api::Error(s);
  p.expand = Params(r, "expand");
  p.collapse = Params(r, "collapse");
  p.unfold = Params(r, "unfold");
  return api::LineageLayout(app_.catalog(), fqn, p, [this] { return app_.FlaggedAssets(); });
}

api::Reply Router::Search(const ApiRequest& r, const std::string&) const {
  Result<catalog::SearchQuery> q = FilterOf(r, "q");
  return q.ok() ? api::Search(app_.catalog(), *q) : api::Error(q.status());
}

api::Reply Router::GetAsset(const ApiRequest&, const std::string& fqn) const {
  return api::GetAsset(app_.catalog(), app_.runs(), fqn);
}

api::Reply Router::ListAssets(const ApiRequest& r, const std::string&) const {
  Result<catalog::SearchQuery> q = FilterOf(r, nullptr);  // a listing: filters, no text
  if (!q.ok()) return api::Error(q.status());
  const std::string* cursor = Param(r, "cursor");
  return api::ListAssets(app_.catalog(), *q, cursor ? *cursor : "");
}

api::Reply Router::Browse(const ApiRequest& r, const std::string&) const {
  const std::string* prefix = Param(r, "prefix");
  return api::Browse(app_.catalog(), prefix ? *prefix : "");
}

api::Reply Router::DeleteAsset(const ApiRequest& r, const std::string& fqn) const {
  bool dry_run = false;
  Status s = ParseBool(r, "dry_run", &dry_run);
  return s.ok() ? api::DeleteAsset(app_.catalog(), fqn, dry_run, r.writer) : api::Error(s);
}

// Edges without a provenance take the document's, else ?provenance=, else "api:<caller>".
api::Reply Router::PutCatalog(const ApiRequest& r, const std::string&) const {
  const std::string* provenance = Param(r, "provenance");
  return api::PutCatalog(app_.catalog(), r.body, provenance ? *provenance : "api:" + r.caller,
                         r.writer);
}

// ?include_secrets=true: contacts in full, for admins (and the local CLI) only.
api::Reply Router::GetCatalog(const ApiRequest& r, const std::string&) const {
  bool include_secrets = false;
  if (Status s = ParseBool(r, "include_secrets", &include_secrets); !s.ok()) return api::Error(s);
  if (include_secrets && !r.reveal_secrets) {
    return api::Error({StatusCode::kPermissionDenied, "include_secrets=true needs an admin token"});
  }
  return api::Export(app_.catalog(), include_secrets);
}

api::Reply Router::PutTeams(const ApiRequest& r, const std::string&) const {
  return api::PutTeams(app_.catalog(), r.body, r.writer);
}

api::Reply Router::ListTeams(const ApiRequest& r, const std::string&) const {
  return api::ListTeams(app_.catalog(), r.reveal_secrets);
}

api::Reply Router::GetTeam(const ApiRequest& r, const std::string& name) const {
  return api::GetTeam(app_.catalog(), name, r.reveal_secrets);
}

api::Reply Router::PutUsers(const ApiRequest& r, const std::string&) const {
  return api::PutUsers(app_.catalog(), r.body, r.writer);
}

api::Reply Router::ListUsers(const ApiRequest& r, const std::string&) const {
  return api::ListUsers(app_.catalog(), r.reveal_secrets);
}

api::Reply Router::GetUser(const ApiRequest& r, const std::string& name) const {
  return api::GetUser(app_.catalog(), name, r.reveal_secrets);
}

api::Reply Router::ReplaceEdges(const ApiRequest& r, const std::string&) const {
  return api::ReplaceEdges(app_.catalog(), r.body, r.writer);
}

// A YAML body (one manifest or a stream; `?file=` names it in problems), or JSON
// {"files": [{"name", "content"}]} as the CLI sends several files. `?repository=` is the
// repository of manifests that name none.
api::Reply Router::PostManifests(const ApiRequest& r, const std::string&) const {
  api::ManifestParams params;
  Status s = ParseBool(r, "dry_run", &params.dry_run);
  if (s.ok()) s = ParseBool(r, "take_over", &params.take_over);
  if (s.ok()) s = ParseBool(r, "strict", &params.strict);
  if (!s.ok()) return api::Error(s);
  if (const std::string* repository = Param(r, "repository")) params.repository = *repository;
  std::vector<std::pair<std::string, std::string>> files;
  if (r.content_type.find("json") != std::string::npos) {
    Result<api::Json> j = codec::ParseJson(r.body);
    if (!j.ok()) return api::Error(j.status());
    if (!j->is_object() || !j->contains("files") || !(*j)["files"].is_array()) {
      return api::Error(InvalidArgumentError("files: expected an array of {name, content}"));
    }
    for (size_t i = 0; i < (*j)["files"].size(); ++i) {
      const api::Json& f = (*j)["files"][i];
      if (!f.is_object() || !f.value("name", api::Json()).is_string() ||
          !f.value("content", api::Json()).is_string()) {
        return api::Error(InvalidArgumentError("files[" + std::to_string(i) +
                                               "]: expected {\"name\": string, \"content\": string}"));
      }
      files.emplace_back(f["name"].get<std::string>(), f["content"].get<std::string>());
    }
  } else {
    const std::string* file = Param(r, "file");
    files.emplace_back(file ? *file : "request", r.body);
  }
  return api::ApplyManifests(app_.catalog(), &app_.quality(), files, params, r.writer);
}

api::Reply Router::SqlLineage(const ApiRequest& r, const std::string&) const {
  return api::SqlLineage(app_.catalog(), r.body, r.can_write, r.writer);
}

// The body is the log's bytes; ?format=&dialect=&default_database=&service=&strict=&file=.
api::Reply Router::IngestSqlLog(const ApiRequest& r, const std::string&) const {
  api::SqlLogParams p;
  for (auto [key, out] : {std::pair{"format", &p.format}, std::pair{"dialect", &p.dialect},
                          std::pair{"default_database", &p.default_database},
                          std::pair{"service", &p.service}, std::pair{"file", &p.file}}) {
    if (const std::string* v = Param(r, key)) *out = *v;
  }
  if (Status s = ParseBool(r, "strict", &p.strict); !s.ok()) return api::Error(s);
  return api::IngestSqlLog(app_.catalog(), r.body, p, r.writer);
}

api::Reply Router::CreateToken(const ApiRequest& r, const std::string&) const {
  return api::CreateToken(app_.tokens(), r.body, r.writer);
}

api::Reply Router::ListTokens(const ApiRequest&, const std::string&) const {
  return api::ListTokens(app_.tokens());
}

api::Reply Router::RevokeToken(const ApiRequest& r, const std::string& name) const {
  return api::RevokeToken(app_.tokens(), name, r.writer);
}

api::Reply Router::PostLineageEvent(const ApiRequest& r, const std::string&) const {
  return api::PostLineageEvent(app_.ingester(), r.body, r.writer);
}

api::Reply Router::PostLineageBatch(const ApiRequest& r, const std::string&) const {
  return api::PostLineageBatch(app_.ingester(), r.body, r.writer);
}

api::Reply Router::Notified(api::Reply reply) const {
  if (reply.ok() && reply.body.value("deliveries_queued", 0) > 0) app_.NotificationsQueued();
  return reply;
}

api::Reply Router::OpenIncident(const ApiRequest& r, const std::string&) const {
  return Notified(api::OpenIncident(app_.incident_service(), r.body, r.writer));
}

api::Reply Router::ListIncidents(const ApiRequest& r, const std::string&) const {
  const std::string* state = Param(r, "state");
  return api::ListIncidents(app_.incidents(), state ? *state : "");
}

api::Reply Router::GetIncident(const ApiRequest& r, const std::string& id) const {
  // Delivery outcomes can carry what a target answered: writers and admins only.
  return api::GetIncident(app_.catalog(), app_.incidents(), id, r.can_write);
}

api::Reply Router::AcknowledgeIncident(const ApiRequest& r, const std::string& id) const {
  return Notified(api::AcknowledgeIncident(app_.incident_service(), id, r.body, r.writer));
}

api::Reply Router::ResolveIncident(const ApiRequest& r, const std::string& id) const {
  return Notified(api::ResolveIncident(app_.incident_service(), id, r.body, r.writer));
}

api::Reply Router::PostQualityResults(const ApiRequest& r, const std::string&) const {
  // A fail opens an incident through the app's policy, which wakes the outbox itself.
  return api::PostQualityResults(app_.quality_service(), r.body, "api", r.writer);
}

api::Reply Router::ListQualityChecks(const ApiRequest& r, const std::string&) const {
  const std::string* asset = Param(r, "asset");
  return api::ListQualityChecks(app_.quality(), asset ? *asset : "");
}

api::Reply Router::GetQuality(const ApiRequest& r, const std::string& fqn) const {
  api::QualityParams p;
  if (const std::string* check = Param(r, "check")) p.check = *check;
  Status s = ParseNumber(r, "history", &p.history);
  if (s.ok()) s = ParseNumber(r, "since", &p.since_ms);
  return s.ok() ? api::GetQuality(app_.catalog(), app_.quality(), fqn, p) : api::Error(s);
}

api::Reply Router::StabilityReport(const ApiRequest& r, const std::string& model) const {
  const std::string* period = Param(r, "period");
  const std::string* format = Param(r, "format");
  return api::StabilityReport(app_.catalog(), app_.quality(), model,
                              period ? *period : quality::PreviousMonth(app_.NowMs()),
                              format ? *format : "html");
}

// ?period=YYYY-MM (default: the previous month) &team= (default: every team) &dry_run=.
api::Reply Router::QueueQualityDigests(const ApiRequest& r, const std::string&) const {
  api::DigestParams p;
  const std::string* period = Param(r, "period");
  p.period = period ? *period : quality::PreviousMonth(app_.NowMs());
  if (const std::string* team = Param(r, "team")) p.team = *team;
  if (Status s = ParseBool(r, "dry_run", &p.dry_run); !s.ok()) return api::Error(s);
  return Notified(api::QueueQualityDigests(app_.catalog(), app_.quality(), app_.incident_service(),
                                           p, r.writer));
}

api::Reply Router::WhoAmI(const ApiRequest& r, const std::string&) const {
  // What the caller's token allows, for clients (the web UI) that show write actions only to
  // writers; the API enforces roles either way.
  return api::Ok({{"caller", r.caller}, {"writer", r.can_write}, {"admin", r.reveal_secrets}});
}

api::Reply Router::ListConnectors(const ApiRequest&, const std::string&) const {
  return api::ListConnectors(app_.catalog(), app_.connector_scheduler());
}

api::Reply Router::RunConnector(const ApiRequest&, const std::string& name) const {
  return api::RunConnector(app_.connector_scheduler(), name);
}

api::Reply Router::ListSubscriptions(const ApiRequest&, const std::string&) const {
  return api::ListSubscriptions(app_.incidents());
}

api::Reply Router::PutSubscriptions(const ApiRequest& r, const std::string&) const {
  return api::PutSubscriptions(app_.incident_service(), r.body, /*remove=*/false, r.writer);
}

api::Reply Router::DeleteSubscriptions(const ApiRequest& r, const std::string&) const {
  return api::PutSubscriptions(app_.incident_service(), r.body, /*remove=*/true, r.writer);
}

api::Reply Router::ListAudit(const ApiRequest& r, const std::string&) const {
  Result<store::AuditFilter> filter = AuditFilterOf(r);
  return filter.ok() ? api::ListAudit(app_.catalog(), *filter) : api::Error(filter.status());
}

}  // namespace linea::server
