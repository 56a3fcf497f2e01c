// src/api/api.h: the operations of the HTTP API (docs/api.md), independent of HTTP.
//
// The server translates requests into these calls and their Replies into responses; the CLI
// calls them directly on a local catalog, or sends the same request to a server, and prints the
// same JSON either way. Every function validates its input, goes through catalog for writes,
// and never throws.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/token_registry.h"
#include "catalog/catalog.h"
#include "codec/json_codec.h"
#include "common/status.h"
#include "connectors/scheduler.h"
#include "incident/incident_state.h"
#include "incident/service.h"
#include "ingest/openlineage/ingester.h"
#include "quality/quality_state.h"
#include "quality/service.h"
#include "runs/run_state.h"
#include "store/audit_store.h"

namespace linea::api {

using codec::Json;

// The outcome of one operation: a status and its JSON body (the error body when not OK).
struct Reply {
  StatusCode code = StatusCode::kOk;
  Json body;
  bool created = false;  // a successful write that created something: HTTP 201 instead of 200
  // A reply that is not JSON (Prometheus metrics, the OpenAPI text): sent as is, `body` unused.
  std::string text;
  std::string content_type;
  bool ok() const { return code == StatusCode::kOk; }
};

Reply Ok(Json body);
// {"error": {"code", "message", "details"}}; candidates go to details.candidates.
Reply Error(const Status& status);
// An error whose details carry extra structured data (e.g. manifest problems).
Reply Error(const Status& status, Json details);

// ---- Query parameters, parsed by the server from the query string and by the CLI from flags.
struct WalkParams {
  uint32_t depth = 0;     // 0 = unlimited
  size_t max_nodes = 0;   // 0 = unlimited
  std::vector<model::AssetKind> kinds;
  std::string domain;
  bool direct_only = false;  // skip indirect links (filters, join and group-by keys)
};

struct LineageParams {
  std::string direction = "both";  // up | down | both
  uint32_t depth = 0;              // 0 = unlimited
  bool columns = false;
  size_t max_nodes = 10000;
};

// Evidence that an asset may be a cause (graph/impact.h), for ranking upstream sources.
using EvidenceFn = std::function<std::vector<graph::Evidence>(std::string_view fqn)>;

// ---- Reads.
// `reveal_secrets`: teams' contacts in full; otherwise redacted (contacts/redact.h).
Reply Impact(const catalog::Catalog& c, std::string_view fqn, const WalkParams& p,
             bool reveal_secrets);
Reply Upstream(const catalog::Catalog& c, const EvidenceFn& evidence, std::string_view fqn,
               const WalkParams& p);
Reply Lineage(const catalog::Catalog& c, std::string_view fqn, const LineageParams& p);
Reply Search(const catalog::Catalog& c, const catalog::SearchQuery& q);
// The asset with its aliases and last run (`runs`), effective owners/domain and children.
Reply GetAsset(const catalog::Catalog& c, const runs::RunState& runs, std::string_view fqn);
// GET /api/v1/browse?prefix=: the FQN segments one level below `prefix` ("" = the services),
// {"prefix", "kind" (when the prefix is an asset), "entries": [{"name", "fqn", "kind", "assets"}]}.
Reply Browse(const catalog::Catalog& c, std::string_view prefix);
Reply ListAssets(const catalog::Catalog& c, const catalog::SearchQuery& filter,
                 std::string_view cursor);
// `reveal_secrets`: contacts in full (URLs, webhook secrets, bot tokens); otherwise redacted
// (contacts/redact.h). Admins and the local CLI only.
Reply GetTeam(const catalog::Catalog& c, std::string_view name, bool reveal_secrets);
Reply ListTeams(const catalog::Catalog& c, bool reveal_secrets);
// Users, like teams: {"name", "description"?, "contacts"}, redacted unless `reveal_secrets`;
// GetUser is 404 "unknown user <name>" with similar names as candidates.
Reply GetUser(const catalog::Catalog& c, std::string_view name, bool reveal_secrets);
// {"users": [...]}, by name.
Reply ListUsers(const catalog::Catalog& c, bool reveal_secrets);
// The whole catalog; contacts in full only with `include_secrets` (?include_secrets=true, an
// admin's), redacted otherwise — even for admins, so an export file holds no secret unless
// asked for.
Reply Export(const catalog::Catalog& c, bool include_secrets);

// ---- Compatible reads (docs/compat.md).
// GET /api/v1/lineage?nodeId=&depth= in Marquez's LineageGraph shape: {"graph": [{"id", "type"
// ("DATASET"|"JOB"), "data" (Marquez's Dataset or Job), "inEdges", "outEdges": [{"origin",
// "destination"}]}]}. `node_id` is "dataset:<namespace>:<name>" (OpenLineage naming, through
// `namespaces` as the ingester names datasets), "job:<namespace>:<name>", or
// "dataset:linea:<fqn>" / "job:linea:<fqn>" for any asset. The graph is linea's table-level
// lineage view (GET /api/v1/lineage/{fqn}) both ways, `depth` hops; a dataset-to-dataset link
// an OpenLineage job asserts goes through that job's node. Errors: 400 for a malformed
// nodeId, 404 "unknown node" with candidates.
Reply MarquezLineage(const catalog::Catalog& c, const runs::RunState& runs,
                     const openlineage::NamespaceMap& namespaces, std::string_view node_id,
                     uint32_t depth);

// GET /api/v1/lineage/{entityType}/name/{fqn}?upstreamDepth=&downstreamDepth= in OpenMetadata's
// EntityLineage shape: {"entity", "nodes": [EntityReference], "upstreamEdges",
// "downstreamEdges": [{"fromEntity", "toEntity", "lineageDetails": {"sqlQuery",
// "columnsLineage": [{"fromColumns", "toColumn", "function"}], "pipeline"}}]}, where an
// EntityReference is {"id" (OpenMetadataId), "type", "name", "fullyQualifiedName",
// "description", "displayName", "deleted", "href"}. The graph is linea's table-level lineage
// view, the depths its hops (no cap). Errors: 400 for an entity type other than table, topic,
// dashboard, pipeline, mlmodel; 404 for an unknown FQN (with candidates) or an asset of
// another type.
Reply OpenMetadataLineage(const catalog::Catalog& c, const openlineage::NamespaceMap& namespaces,
                          std::string_view entity_type, std::string_view fqn,
                          uint32_t upstream_depth, uint32_t downstream_depth);
// The entity id of `fqn`: uuid5(NAMESPACE_URL, "linea:" + fqn), the same for the same FQN.
std::string OpenMetadataId(std::string_view fqn);
// The linea kind of an OpenMetadata entity type (table, topic, dashboard, pipeline, mlmodel).
std::optional<model::AssetKind> OpenMetadataKind(std::string_view entity_type);

// ---- Writes. Each takes the caller as a catalog::Writer (catalog/writer.h): its scope is
// checked (403 permission_denied) and the write is recorded in the audit log.
// A catalog document; edges without provenance get the document's, else `default_provenance`.
Reply PutCatalog(catalog::Catalog& c, std::string_view body, std::string_view default_provenance,
                 const catalog::Writer& writer);
// {"teams": [...]}, [...] or one team object.
Reply PutTeams(catalog::Catalog& c, std::string_view body, const catalog::Writer& writer);
// {"users": [...]}, [...] or one user object. A scoped writer gets 403 (catalog/writer.h).
Reply PutUsers(catalog::Catalog& c, std::string_view body, const catalog::Writer& writer);
// {"provenance": "...", "edges": [...]}: replaces that provenance's edges.
Reply ReplaceEdges(catalog::Catalog& c, std::string_view body, const catalog::Writer& writer);
// Removes the asset `fqn`, its descendants and every link touching them (nothing when
// `dry_run`). The answer says what goes and what loses lineage, computed before the delete:
// {"fqn", "kind", "dry_run", "deleted" (assets: it and its descendants), "links", "impact":
// {"models", "dashboards", "deployments": [fqn…], "teams": [name…]}} plus, when applied,
// "assets", "provenances", "edges", "teams" (catalog counts). 404 with candidates when unknown.
Reply DeleteAsset(catalog::Catalog& c, std::string_view fqn, bool dry_run,
                  const catalog::Writer& writer);
struct ManifestParams {
  bool dry_run = false;    // plan only
  bool take_over = false;  // replace models another manifest owns (manifest::PlanOptions)
  bool strict = false;     // warnings (unknown owner teams) fail the run like problems
  std::string repository;  // of manifests that name none (manifest::PlanOptions)
};
// Manifests as (file name, YAML text); validated all together, applied in one transaction.
// The answer: {"dry_run", "models": [{"model", "file", "features", "changed", "applied",
// "diff"}], "warnings": [problem…]}. Problems (each {file, line, message, candidates}) in
// details.problems: 400 for invalid manifests (and for warnings when `strict`), 409 when the
// only problems are models another manifest (another repository or team) owns (without
// `take_over`). Nothing is applied
// then.
// `quality` holds the checks that manifests' `checks:` (and quality documents) replace.
Reply ApplyManifests(catalog::Catalog& c, quality::QualityState* quality,
                     const std::vector<std::pair<std::string, std::string>>& files,
                     const ManifestParams& params, const catalog::Writer& writer);

// {"dialect", "sql", "default_database", "schema", "apply": false} → the statements' lineage
// (docs/api.md "SQL lineage"). With "apply": true (needs `can_write`) every statement's lineage is
// written through catalog in ONE transaction, provenance "sql:<statement hash>", unknown tables
// and columns created with properties.discovered_by = "sql".
Reply SqlLineage(catalog::Catalog& c, std::string_view body, bool can_write,
                 const catalog::Writer& writer);

// ---- SQL query logs (docs/query-logs.md).
struct SqlLogParams {
  std::string format = "text";               // text (one script), csv or jsonl
  std::string dialect = "hive";              // hive, spark or postgres
  std::string default_database = "default";  // of unqualified names ("" = default)
  std::string service;           // catalog service of the tables; "" = hive (postgres for postgres)
  bool strict = false;           // unknown tables/columns are problems instead of being created
  std::string file = "request";  // names the log in errors
};
// A query log (the file's bytes) through querylog::IngestQueryLog with `writer`: the summary
// {"records", "statements", "parsed", "failed", "failed_by_reason", "with_lineage",
// "edges_written", "assets_discovered", "rejected", "problems": [{"kind", "record", "line",
// "text", "error"}], "problems_omitted"}. 400 naming `format` or `dialect` when unknown, or the
// log when it cannot be read as its format ("<file>: line N: …"); 403 when a statement lies
// outside the writer's scope (querylog/ingest.h says what was applied). `progress` (may be
// null) is called after each record with (records done, records total).
Reply IngestSqlLog(catalog::Catalog& c, std::string_view log, const SqlLogParams& params,
                   const catalog::Writer& writer,
                   std::function<void(size_t, size_t)> progress = nullptr);

// ---- OpenLineage (docs/api.md; docs/openlineage.md).
// One event (RunEvent, DatasetEvent or JobEvent) → 201 {"status": "created"|"duplicate",
// "hash", "datasets", "column_edges", "stale"}; 400 naming the JSON path of a bad event.
Reply PostLineageEvent(openlineage::Ingester& ingester, std::string_view body,
                       const catalog::Writer& writer);
// A JSON array of events → 200 {"status": "success"|"partial_success"|"failure", "summary":
// {"received", "successful", "failed", "retriable", "non_retriable"}, "failed_events":
// [{"index", "reason", "retriable"}]}: good events are applied, bad ones listed. A body that
// is not a JSON array → 400.
Reply PostLineageBatch(openlineage::Ingester& ingester, std::string_view body,
                       const catalog::Writer& writer);

// ---- Incidents (docs/api.md "Notifications"; docs/incidents.md). The writer's name is the
// timeline's actor.
// {"asset", "title", "description", "severity"} → 201 {"id", "asset", "state", …, "created",
// "deliveries_queued", "impact"}; 200 with "created": false when the asset already had an
// unresolved incident (the open is added to its timeline).
Reply OpenIncident(incident::IncidentService& service, std::string_view body,
                   const catalog::Writer& writer);
// {"note"?} → the incident summary with "deliveries_queued".
Reply AcknowledgeIncident(incident::IncidentService& service, std::string_view id,
                          std::string_view body, const catalog::Writer& writer);
// {"reason"} (required) → the incident summary with "deliveries_queued".
Reply ResolveIncident(incident::IncidentService& service, std::string_view id,
                      std::string_view body, const catalog::Writer& writer);
// The incident with "timeline", "impact" and "deliveries": [{"team", "channel", "event",
// "state", "attempts", …}]. `delivery_outcomes` (writers and admins): each delivery's
// "last_status" and "last_error" (the error and response text of its last attempt); without
// it they are left out and "outcome_hidden": true marks a delivery that has them, so readers
// cannot use notifications to probe what a target answers.
Reply GetIncident(const catalog::Catalog& c, const incident::IncidentState& incidents,
                  std::string_view id, bool delivery_outcomes);
// {"incidents": [summary…]} newest first; `state` "" = any.
Reply ListIncidents(const incident::IncidentState& incidents, std::string_view state);
// {"subscriber", "asset"|"domain"|"model"}, an array of them, or {"subscriptions": [...]}:
// added (`remove` false) or removed (true).
Reply PutSubscriptions(incident::IncidentService& service, std::string_view body, bool remove,
                       const catalog::Writer& writer);
Reply ListSubscriptions(const incident::IncidentState& incidents);

// ---- Tokens (admin). {"name", "role", "scope"?} → {"name", "role", "scope", "token"}; the
// secret is shown once. "scope" {"domains", "prefixes", "provenances", "teams"} (each an array
// of strings; catalog::WriteScope) limits a writer; without it the token has every scope.
Reply CreateToken(auth::TokenRegistry& tokens, std::string_view body,
                  const catalog::Writer& writer);
Reply RevokeToken(auth::TokenRegistry& tokens, std::string_view name,
                  const catalog::Writer& writer);
Reply ListTokens(const auth::TokenRegistry& tokens);

struct LayoutParams {
  uint32_t up = 1;    // upstream hops (0: none); with columns=false, table-to-table hops
  uint32_t down = 1;  // downstream hops
  bool columns = false;
  size_t max_nodes = 5000;  // hitting it sets "truncated"
  // In the order a person opened them: "up:<fqn>" or "down:<fqn>" — that node's direct
  // neighbours in that direction are shown too. The layout keeps every node that was there
  // before the last expansion at its place (each stage is placed with the previous one's
  // positions as priors; at most kMaxLayoutStages stages, earlier expansions are merged).
  std::vector<std::string> expand;
  std::vector<std::string> collapse;  // nodes whose neighbours away from the root are hidden
  std::vector<std::string> unfold;    // anchors whose neighbours are never folded
  // More new neighbours than this in one direction: 4/5 of `fold` are shown (models first), the
  // rest become one "+N more" node. 0: never fold.
  size_t fold = 25;
};
inline constexpr size_t kMaxLayoutStages = 8;

// Assets with evidence and its kind ("incident", "run_failed"): the nodes' status colours.
using FlaggedFn = std::function<std::vector<std::pair<std::string, std::string>>()>;

// The lineage around `fqn` (`up` hops upstream, `down` downstream), placed by the server's
// layered layout: {"root", "nodes": [{"fqn", "label", "kind", "distance", "side" ("root",
// "upstream", "downstream"), "layer", "x", "y", "w", "h", "hidden_up", "hidden_down", "team"?, "status"?: ["incident"|"run_failed"…],
// "group"?: {"anchor", "direction", "members": [{"fqn", "kind"}]}}], "edges": [{"from", "to",
// "kind"?, "points": [[x, y]…], "reversed"}], "width", "height", "crossings", "truncated"}.
// Lineage flows left to right. A group node ("+N more" folded neighbours of its anchor) has
// kind "group" and fqn "+up:<anchor>" or "+down:<anchor>". Errors: 400 for a malformed
// expand entry, 404 for an unknown root.
Reply LineageLayout(const catalog::Catalog& c, std::string_view fqn, const LayoutParams& p,
                    const FlaggedFn& flagged);

// ---- The audit log (admin; docs/api.md "Audit log", docs/security.md "What is logged").
// The records matching `filter` (at most filter.limit, 1 to 1000), newest first:
// {"entries": [{"id", "at" (RFC 3339 UTC with milliseconds), "actor", "role", "action",
// "outcome", "error"? (when not ok), "provenances", "provenances_total", "assets": {"added",
// "changed", "removed"}, "edge_sets_replaced", "edges_written", "teams_changed", "detail"?}],
// "next_cursor"? (when more records match: pass it back as `cursor` for the next page)}.
Reply ListAudit(const catalog::Catalog& c, const store::AuditFilter& filter);

// ---- Connectors (docs/connectors.md).
// {"connectors": [status…]}: the scheduler's connectors and every connector with a stored run
// (`scheduler` null: the stored ones only, e.g. a CLI on a local catalog).
Reply ListConnectors(const catalog::Catalog& c, const connectors::Scheduler* scheduler);
// Runs connector `name` now and returns its report (a failed pull is 200 with outcome
// "failed"). 404 for an unknown name or a server without connectors; 409 while it runs.
Reply RunConnector(connectors::Scheduler* scheduler, const std::string& name);

// ---- Data quality (docs/quality.md).
// Most results one POST /api/v1/quality/results may carry.
inline constexpr size_t kMaxQualityResultsPerRequest = 100000;

// POST /api/v1/quality/results: judges and records a batch of results (codec/quality_json.h)
// in one write; `source` is "api" (or the CLI's "cli"). 201 {"recorded", "success", "warn",
// "fail", "aborted", "statuses": [per result, in order], "failed": [series now failing],
// "recovered": [series failing before, no longer]}. 400 naming the field; nothing is stored.
Reply PostQualityResults(quality::QualityService& service, std::string_view body,
                         const std::string& source, const catalog::Writer& writer);

struct QualityParams {
  std::string check;    // only this check's series; "" = all
  size_t history = 12;  // results per series, newest first; 0 = only the newest
  int64_t since_ms = 0;
};
// GET /api/v1/quality/{fqn}: the series of the asset and of its children (a table's columns):
// {"asset", "series": [{"asset", "name", "check"? (when defined), "latest"?, "history"?}]}.
// 404 with candidates for an unknown asset.
Reply GetQuality(const catalog::Catalog& c, const quality::QualityState& state,
                 std::string_view fqn, const QualityParams& p);
// GET /api/v1/quality/checks[?asset=]: {"checks": [...]} ordered by (asset, name).
Reply ListQualityChecks(const quality::QualityState& state, std::string_view asset);
// GET /api/v1/quality/report/{model}?period=YYYY-MM&format=html|json: the model's monthly
// feature-stability report (quality/stability_report.h) as an HTML page or JSON. 404 with
// candidates for an unknown model; 400 for a bad period or format, or an asset that is no model.
Reply StabilityReport(const catalog::Catalog& c, const quality::QualityState& state,
                      std::string_view model, std::string_view period, std::string_view format);
struct DigestParams {
  std::string period;    // "YYYY-MM"
  std::string team;      // "team:<name>", "user:<name>" or a team name; "" = every one
  bool dry_run = false;  // queue nothing: say what would be queued, and show each digest
};
// POST /api/v1/quality/digests?period=YYYY-MM[&team=][&dry_run=] (admin): queues the month's
// quality digests (qualitydigest/digest.h) to every team owning a model measured in the month,
// or only to `team` — each once per team and contact, however often asked: 200 {"period",
// "dry_run", "deliveries_queued", "already_queued", "teams": [{"team", "models", "channels",
// "queued", "already_queued", "unreachable"?, "digest"? (with dry_run: the webhook body of
// docs/api.md "Notifications", without links)}]}. 400 naming `period` or `team`; 404
// "unknown team …" with candidates.
Reply QueueQualityDigests(const catalog::Catalog& c, const quality::QualityState& state,
                          incident::IncidentService& service, const DigestParams& p,
                          const catalog::Writer& writer);

}  // namespace linea::api
