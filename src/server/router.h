// src/server/router.h: the API's routes, independent of the HTTP library.
//
// A Router maps (method, decoded path, query, body) to an api:: operation over the services of
// an app::App and returns its Reply. The HTTP server feeds it parsed requests after
// authentication; the CLI feeds it the same requests in-process for a local catalog, so both
// give byte-identical JSON. It decides no policy: what an event or an incident sets off is
// the App's.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "api/api.h"
#include "app/app.h"

namespace linea::server {

struct ApiRequest {
  std::string method;                             // "GET", "PUT", …
  std::string path;                               // percent-decoded
  std::multimap<std::string, std::string> query;  // decoded
  std::string body;
  std::string content_type;
  std::string caller = "cli";  // token name, "anonymous" or "cli"; used in default provenances
  // Contact credentials (webhook secrets, bot tokens) in team/export answers: true for the
  // local CLI (it owns the file), admins and --no-auth servers.
  bool reveal_secrets = true;
  // The caller may write (local CLI, writer/admin tokens, --no-auth). Routes that are reads
  // with an optional write (POST /api/v1/sql/lineage with "apply") check it.
  bool can_write = true;
  // Who writes, for scope checks and the audit log (catalog/writer.h). The server sets it from
  // the token and the route ("POST /api/v1/manifests"); the CLI from its command.
  catalog::Writer writer = catalog::Writer::Local("");
};

// What a route needs from the caller.
enum class Access { kPublic, kRead, kWrite, kAdmin };

struct RouteInfo {
  std::string method;
  std::string pattern;  // OpenAPI form, e.g. "/api/v1/impact/{fqn}"
  Access access;
};

// A route's path pattern with at most one parameter: "/api/v1/incidents/{id}/ack" is
// prefix "/api/v1/incidents/", suffix "/ack". The parameter is everything between them, at
// least one character and no line break (what the OpenAPI patterns' "(.+)" meant).
struct RoutePattern {
  std::string prefix;  // the whole path when there is no parameter
  std::string suffix;
  bool has_param = false;

  // True when `path` matches; then *arg is the parameter ("" without one).
  bool Match(std::string_view path, std::string* arg) const;
};

class Router {
 public:
  // `app` must outlive the router. `metrics` (optional) renders GET /metrics; without it the
  // answer holds the catalog's gauges only (an in-process router has no HTTP counters).
  explicit Router(app::App& app, std::function<std::string()> metrics = nullptr);

  // Every route, in registration order (also what the OpenAPI document must describe).
  static std::vector<RouteInfo> Routes();

  // The route for (method, path): nullptr with *path_known set when another method matches.
  const RouteInfo* Match(const std::string& method, const std::string& path,
                         bool* path_known) const;

  // Runs the request. Unknown path → 404, known path with another method → 405, bad query
  // parameter → 400 naming it; while the catalog is unhealthy (Catalog::health()) every route
  // but /healthz and /metrics → 503. REQUIRES: the caller was authorized for the route's
  // Access.
  api::Reply Handle(const ApiRequest& request) const;

 private:
  using Handler = api::Reply (Router::*)(const ApiRequest&, const std::string& arg) const;
  struct Route {
    RouteInfo info;
    Handler handler;
  };
  // The one table of routes: method, pattern, access, handler.
  static const std::vector<Route>& Table();

  api::Reply Health(const ApiRequest& r, const std::string&) const;
  api::Reply Metrics(const ApiRequest& r, const std::string&) const;
  api::Reply OpenApi(const ApiRequest& r, const std::string&) const;
  api::Reply Impact(const ApiRequest& r, const std::string& fqn) const;
  api::Reply Upstream(const ApiRequest& r, const std::string& fqn) const;
  api::Reply LineageGraph(const ApiRequest& r, const std::string& fqn) const;
  api::Reply Search(const ApiRequest& r, const std::string&) const;
  api::Reply GetAsset(const ApiRequest& r, const std::string& fqn) const;
  api::Reply ListAssets(const ApiRequest& r, const std::string&) const;
  api::Reply Browse(const ApiRequest& r, const std::string&) const;
  api::Reply DeleteAsset(const ApiRequest& r, const std::string& fqn) const;
  api::Reply PutCatalog(const ApiRequest& r, const std::string&) const;
  api::Reply GetCatalog(const ApiRequest& r, const std::string&) const;
  api::Reply PutTeams(const ApiRequest& r, const std::string&) const;
  api::Reply ListTeams(const ApiRequest& r, const std::string&) const;
  api::Reply GetTeam(const ApiRequest& r, const std::string& name) const;
  api::Reply PutUsers(const ApiRequest& r, const std::string&) const;
  api::Reply ListUsers(const ApiRequest& r, const std::string&) const;
  api::Reply GetUser(const ApiRequest& r, const std::string& name) const;
  api::Reply ReplaceEdges(const ApiRequest& r, const std::string&) const;
  api::Reply PostManifests(const ApiRequest& r, const std::string&) const;
  api::Reply CreateToken(const ApiRequest& r, const std::string&) const;
  api::Reply ListTokens(const ApiRequest& r, const std::string&) const;
  api::Reply RevokeToken(const ApiRequest& r, const std::string& name) const;
  api::Reply SqlLineage(const ApiRequest& r, const std::string&) const;
  api::Reply IngestSqlLog(const ApiRequest& r, const std::string&) const;
  api::Reply OpenMetadataLineage(const ApiRequest& r, const std::string& fqn) const;
  api::Reply MarquezLineage(const ApiRequest& r, const std::string&) const;
  api::Reply PostLineageEvent(const ApiRequest& r, const std::string&) const;
  api::Reply PostLineageBatch(const ApiRequest& r, const std::string&) const;
  api::Reply OpenIncident(const ApiRequest& r, const std::string&) const;
  api::Reply ListIncidents(const ApiRequest& r, const std::string&) const;
  api::Reply GetIncident(const ApiRequest& r, const std::string& id) const;
  api::Reply AcknowledgeIncident(const ApiRequest& r, const std::string& id) const;
  api::Reply ResolveIncident(const ApiRequest& r, const std::string& id) const;
  api::Reply PutSubscriptions(const ApiRequest& r, const std::string&) const;
  api::Reply DeleteSubscriptions(const ApiRequest& r, const std::string&) const;
  api::Reply ListSubscriptions(const ApiRequest& r, const std::string&) const;
  api::Reply ListConnectors(const ApiRequest& r, const std::string&) const;
  api::Reply WhoAmI(const ApiRequest& r, const std::string&) const;
  api::Reply LineageLayout(const ApiRequest& r, const std::string& fqn) const;
  api::Reply RunConnector(const ApiRequest& r, const std::string& name) const;
  api::Reply ListAudit(const ApiRequest& r, const std::string&) const;
  api::Reply PostQualityResults(const ApiRequest& r, const std::string&) const;
  api::Reply ListQualityChecks(const ApiRequest& r, const std::string&) const;
  api::Reply GetQuality(const ApiRequest& r, const std::string& fqn) const;
  api::Reply StabilityReport(const ApiRequest& r, const std::string& model) const;
  api::Reply QueueQualityDigests(const ApiRequest& r, const std::string&) const;
  // Tells the app when `reply` queued deliveries (its outbox sends them at once).
  api::Reply Notified(api::Reply reply) const;

  app::App& app_;
  std::function<std::string()> metrics_;
  std::vector<RoutePattern> patterns_;  // parallel to Table()
};

}  // namespace linea::server
