#include "server/router.h"

#include <charconv>

#include "common/status_macros.h"
#include "common/strings.h"

namespace linea::server {
namespace {

const std::vector<RouteInfo> kRoutes = {
    {"GET", "/healthz", Access::kPublic},
    {"GET", "/metrics", Access::kPublic},
    {"GET", "/api/v1/openapi.json", Access::kPublic},
    {"GET", "/api/v1/catalog", Access::kRead},
    {"PUT", "/api/v1/catalog", Access::kWrite},
    {"GET", "/api/v1/assets", Access::kRead},
    {"GET", "/api/v1/assets/{fqn}", Access::kRead},
    {"DELETE", "/api/v1/assets/{fqn}", Access::kWrite},
    {"GET", "/api/v1/teams", Access::kRead},
    {"PUT", "/api/v1/teams", Access::kWrite},
    {"GET", "/api/v1/teams/{name}", Access::kRead},
    {"PUT", "/api/v1/lineage/edges", Access::kWrite},
    {"GET", "/api/v1/lineage/{fqn}", Access::kRead},
    {"GET", "/api/v1/impact/{fqn}", Access::kRead},
    {"GET", "/api/v1/upstream/{fqn}", Access::kRead},
    {"GET", "/api/v1/search", Access::kRead},
    {"POST", "/api/v1/manifests", Access::kWrite},
    {"POST", "/api/v1/sql/lineage", Access::kRead},
    {"POST", "/api/v1/lineage", Access::kWrite},
    {"POST", "/api/v1/lineage/batch", Access::kWrite},
    {"GET", "/api/v1/incidents", Access::kRead},
    {"POST", "/api/v1/incidents", Access::kWrite},
    {"GET", "/api/v1/incidents/{id}", Access::kRead},
    {"POST", "/api/v1/incidents/{id}/ack", Access::kWrite},
    {"POST", "/api/v1/incidents/{id}/resolve", Access::kWrite},
    {"GET", "/api/v1/subscriptions", Access::kRead},
    {"PUT", "/api/v1/subscriptions", Access::kWrite},
    {"DELETE", "/api/v1/subscriptions", Access::kWrite},
    {"GET", "/api/v1/tokens", Access::kAdmin},
    {"POST", "/api/v1/tokens", Access::kAdmin},
    {"DELETE", "/api/v1/tokens/{name}", Access::kAdmin},
};

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

const std::vector<RouteInfo>& Router::Routes() { return kRoutes; }

Router::Router(catalog::Catalog& catalog, RouterOptions options)
    : catalog_(catalog),
      options_(std::move(options)),
      openlineage_(&catalog, options_.namespaces),
      incidents_(&catalog, {.public_url = options_.public_url}) {
  const std::map<std::string, Handler> handlers = {
      {"GET /healthz", &Router::Health},
      {"GET /api/v1/catalog", &Router::GetCatalog},
      {"PUT /api/v1/catalog", &Router::PutCatalog},
      {"GET /api/v1/assets", &Router::ListAssets},
      {"GET /api/v1/assets/{fqn}", &Router::GetAsset},
      {"DELETE /api/v1/assets/{fqn}", &Router::DeleteAsset},
      {"GET /api/v1/teams", &Router::ListTeams},
      {"PUT /api/v1/teams", &Router::PutTeams},
      {"GET /api/v1/teams/{name}", &Router::GetTeam},
      {"PUT /api/v1/lineage/edges", &Router::ReplaceEdges},
      {"GET /api/v1/lineage/{fqn}", &Router::LineageGraph},
      {"GET /api/v1/impact/{fqn}", &Router::Impact},
      {"GET /api/v1/upstream/{fqn}", &Router::Upstream},
      {"GET /api/v1/search", &Router::Search},
      {"POST /api/v1/manifests", &Router::PostManifests},
      {"POST /api/v1/sql/lineage", &Router::SqlLineage},
      {"POST /api/v1/lineage", &Router::PostLineageEvent},
      {"POST /api/v1/lineage/batch", &Router::PostLineageBatch},
      {"GET /api/v1/incidents", &Router::ListIncidents},
      {"POST /api/v1/incidents", &Router::OpenIncident},
      {"GET /api/v1/incidents/{id}", &Router::GetIncident},
      {"POST /api/v1/incidents/{id}/ack", &Router::AcknowledgeIncident},
      {"POST /api/v1/incidents/{id}/resolve", &Router::ResolveIncident},
      {"GET /api/v1/subscriptions", &Router::ListSubscriptions},
      {"PUT /api/v1/subscriptions", &Router::PutSubscriptions},
      {"DELETE /api/v1/subscriptions", &Router::DeleteSubscriptions},
      {"GET /api/v1/tokens", &Router::ListTokens},
      {"POST /api/v1/tokens", &Router::CreateToken},
      {"DELETE /api/v1/tokens/{name}", &Router::RevokeToken},
  };
  for (const RouteInfo& info : kRoutes) {
    auto it = handlers.find(info.method + " " + info.pattern);
    routes_.push_back(
        {&info, ParsePattern(info.pattern), it == handlers.end() ? nullptr : it->second});
  }
}

const RouteInfo* Router::Match(const std::string& method, const std::string& path,
                               bool* path_known) const {
  *path_known = false;
  std::string arg;
  for (const Route& route : routes_) {
    if (!route.pattern.Match(path, &arg)) continue;
    *path_known = true;
    if (route.info->method == method) return route.info;
  }
  return nullptr;
}

api::Reply Router::Handle(const ApiRequest& request) const {
  bool path_known = false;
  std::string arg;
  for (const Route& route : routes_) {
    if (!route.pattern.Match(request.path, &arg)) continue;
    path_known = true;
    if (route.info->method != request.method || route.handler == nullptr) continue;
    return (this->*route.handler)(request, arg);
  }
  if (path_known) {
    return api::Error({StatusCode::kMethodNotAllowed,
                       request.method + " is not allowed on " + request.path});
  }
  return api::Error(NotFoundError("no route for " + request.method + " " + request.path));
}

// ---------------------------------------------------------------- handlers

api::Reply Router::Health(const ApiRequest&, const std::string&) const {
  catalog::CatalogStats s = catalog_.stats();
  return api::Ok({{"status", "ok"}, {"assets", s.assets}, {"links", s.links}});
}

api::Reply Router::Impact(const ApiRequest& r, const std::string& fqn) const {
  Result<api::WalkParams> p = WalkParamsOf(r);
  return p.ok() ? api::Impact(catalog_, fqn, *p) : api::Error(p.status());
}

api::Reply Router::Upstream(const ApiRequest& r, const std::string& fqn) const {
  Result<api::WalkParams> p = WalkParamsOf(r);
  return p.ok() ? api::Upstream(catalog_, fqn, *p) : api::Error(p.status());
}

api::Reply Router::LineageGraph(const ApiRequest& r, const std::string& fqn) const {
  api::LineageParams p;
  if (const std::string* d = Param(r, "direction")) p.direction = *d;
  Status s = ParseNumber(r, "depth", &p.depth);
  if (s.ok()) s = ParseBool(r, "columns", &p.columns);
  if (s.ok()) s = ParseNumber(r, "max_nodes", &p.max_nodes);
  return s.ok() ? api::Lineage(catalog_, fqn, p) : api::Error(s);
}

api::Reply Router::Search(const ApiRequest& r, const std::string&) const {
  Result<catalog::SearchQuery> q = FilterOf(r, "q");
  return q.ok() ? api::Search(catalog_, *q) : api::Error(q.status());
}

api::Reply Router::GetAsset(const ApiRequest&, const std::string& fqn) const {
  return api::GetAsset(catalog_, fqn);
}

api::Reply Router::ListAssets(const ApiRequest& r, const std::string&) const {
  Result<catalog::SearchQuery> q = FilterOf(r, nullptr);  // a listing: filters, no text
  if (!q.ok()) return api::Error(q.status());
  const std::string* cursor = Param(r, "cursor");
  return api::ListAssets(catalog_, *q, cursor ? *cursor : "");
}

api::Reply Router::DeleteAsset(const ApiRequest&, const std::string& fqn) const {
  return api::DeleteAsset(catalog_, fqn);
}

// Edges without a provenance take the document's, else ?provenance=, else "api:<caller>".
api::Reply Router::PutCatalog(const ApiRequest& r, const std::string&) const {
  const std::string* provenance = Param(r, "provenance");
  return api::PutCatalog(catalog_, r.body, provenance ? *provenance : "api:" + r.caller);
}

api::Reply Router::GetCatalog(const ApiRequest& r, const std::string&) const {
  return api::Export(catalog_, r.reveal_secrets);
}

api::Reply Router::PutTeams(const ApiRequest& r, const std::string&) const {
  return api::PutTeams(catalog_, r.body);
}

api::Reply Router::ListTeams(const ApiRequest& r, const std::string&) const {
  return api::ListTeams(catalog_, r.reveal_secrets);
}

api::Reply Router::GetTeam(const ApiRequest& r, const std::string& name) const {
  return api::GetTeam(catalog_, name, r.reveal_secrets);
}

api::Reply Router::ReplaceEdges(const ApiRequest& r, const std::string&) const {
  return api::ReplaceEdges(catalog_, r.body);
}

// A YAML body (one manifest or a stream; `?file=` names it in problems), or JSON
// {"files": [{"name", "content"}]} as the CLI sends several files.
api::Reply Router::PostManifests(const ApiRequest& r, const std::string&) const {
  bool dry_run = false;
  Status s = ParseBool(r, "dry_run", &dry_run);
  if (!s.ok()) return api::Error(s);
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
  return api::ApplyManifests(catalog_, files, dry_run);
}

api::Reply Router::SqlLineage(const ApiRequest& r, const std::string&) const {
  return api::SqlLineage(catalog_, r.body, r.can_write);
}

api::Reply Router::CreateToken(const ApiRequest& r, const std::string&) const {
  return api::CreateToken(catalog_, r.body);
}

api::Reply Router::ListTokens(const ApiRequest&, const std::string&) const {
  return api::ListTokens(catalog_);
}

api::Reply Router::RevokeToken(const ApiRequest&, const std::string& name) const {
  return api::RevokeToken(catalog_, name);
}

api::Reply Router::PostLineageEvent(const ApiRequest& r, const std::string&) const {
  if (!options_.auto_incidents) return api::PostLineageEvent(openlineage_, r.body);
  return api::PostLineageEvent(openlineage_, r.body,
                               [this](const auto& outcome) { OpenAutoIncidents(outcome); });
}

api::Reply Router::PostLineageBatch(const ApiRequest& r, const std::string&) const {
  if (!options_.auto_incidents) return api::PostLineageBatch(openlineage_, r.body);
  return api::PostLineageBatch(openlineage_, r.body,
                               [this](const auto& outcome) { OpenAutoIncidents(outcome); });
}

void Router::OpenAutoIncidents(const ingest::openlineage::EventOutcome& outcome) const {
  bool queued = false;
  for (const std::string& asset : outcome.failed_outputs) {
    incident::OpenRequest request;
    request.asset = asset;
    request.title = "run " + outcome.run_id + " of " + outcome.job + " ended " + outcome.state;
    request.description = outcome.error_message;
    request.actor = "openlineage";
    Result<incident::OpenOutcome> opened = incidents_.Open(request);
    queued |= opened.ok() && opened->deliveries > 0;
  }
  if (queued && options_.outbox_changed) options_.outbox_changed();
}

api::Reply Router::Notified(api::Reply reply) const {
  if (reply.ok() && options_.outbox_changed && reply.body.value("deliveries_queued", 0) > 0) {
    options_.outbox_changed();
  }
  return reply;
}

api::Reply Router::OpenIncident(const ApiRequest& r, const std::string&) const {
  return Notified(api::OpenIncident(incidents_, r.body, r.caller));
}

api::Reply Router::ListIncidents(const ApiRequest& r, const std::string&) const {
  const std::string* state = Param(r, "state");
  return api::ListIncidents(catalog_, state ? *state : "");
}

api::Reply Router::GetIncident(const ApiRequest&, const std::string& id) const {
  return api::GetIncident(catalog_, id);
}

api::Reply Router::AcknowledgeIncident(const ApiRequest& r, const std::string& id) const {
  return Notified(api::AcknowledgeIncident(incidents_, id, r.body, r.caller));
}

api::Reply Router::ResolveIncident(const ApiRequest& r, const std::string& id) const {
  return Notified(api::ResolveIncident(incidents_, id, r.body, r.caller));
}

api::Reply Router::ListSubscriptions(const ApiRequest&, const std::string&) const {
  return api::ListSubscriptions(catalog_);
}

api::Reply Router::PutSubscriptions(const ApiRequest& r, const std::string&) const {
  return api::PutSubscriptions(catalog_, r.body, /*remove=*/false);
}

api::Reply Router::DeleteSubscriptions(const ApiRequest& r, const std::string&) const {
  return api::PutSubscriptions(catalog_, r.body, /*remove=*/true);
}

}  // namespace linea::server
