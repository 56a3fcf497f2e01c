// Write operations of the API (api.h). Every one ends in exactly one catalog call.
#include "api/api.h"
#include "auth/token_scope.h"
#include "common/status_macros.h"
#include "ingest/manifest/manifest_parser.h"
#include "ingest/manifest/manifest_planner.h"
#include "model/fqn.h"

namespace linea::api {
namespace {

Json StatsJson(const catalog::ApplyStats& s) {
  return {{"assets", s.assets_upserted},         {"deleted", s.assets_deleted},
          {"provenances", s.edge_sets_replaced}, {"edges", s.edges_written},
          {"teams", s.teams_upserted},           {"users", s.users_upserted}};
}

// The FQNs an impact reaches by kind, and its teams' names.
Json ImpactSummaryJson(const graph::ImpactReport& impact) {
  auto fqns = [](const std::vector<graph::ReachedAsset>& list) {
    Json out = Json::array();
    for (const graph::ReachedAsset& a : list) out.push_back(a.fqn);
    return out;
  };
  Json teams = Json::array();
  for (const graph::TeamImpact& t : impact.teams) teams.push_back(t.team);
  return {{"models", fqns(impact.models)},
          {"dashboards", fqns(impact.dashboards)},
          {"deployments", fqns(impact.deployments)},
          {"teams", std::move(teams)}};
}

Json ProblemJson(const manifest::Diagnostic& d) {
  return {{"file", d.file}, {"line", d.line}, {"message", d.message},
          {"candidates", d.candidates}};
}

Json ProblemsJson(const std::vector<manifest::Diagnostic>& problems) {
  Json list = Json::array();
  for (const manifest::Diagnostic& d : problems) list.push_back(ProblemJson(d));
  return list;
}

Json PlanJson(const manifest::Plan& plan, bool dry_run) {
  Json models = Json::array();
  for (const manifest::ModelPlan& m : plan.models) {
    models.push_back({{"model", m.model},
                      {"file", m.file},
                      {"features", m.features},
                      {"changed", m.changed()},
                      {"applied", !dry_run && m.changed()},
                      {"diff", m.diff}});
  }
  return {{"dry_run", dry_run}, {"models", std::move(models)}};
}

// A token's scope for answers: null for every scope.
Json ScopeJson(const std::optional<catalog::WriteScope>& scope) {
  if (!scope) return nullptr;
  return Json::parse(auth::EncodeScope(*scope));
}

}  // namespace

Reply PutCatalog(catalog::Catalog& c, std::string_view body, std::string_view default_provenance,
                 const catalog::Writer& writer) {
  Result<model::CatalogDocument> doc = codec::DecodeDocument(body);
  if (!doc.ok()) return Error(doc.status());
  Result<catalog::ApplyStats> stats = c.Apply(catalog::ImportDelta(*doc, default_provenance), nullptr, &writer);
  return stats.ok() ? Ok(StatsJson(*stats)) : Error(stats.status());
}

namespace {

// The list of a PUT /teams or /users body: {"<key>": [...]}, [...] or one object.
Result<Json> ListOf(std::string_view body, const std::string& key) {
  LINEA_ASSIGN_OR_RETURN(Json j, codec::ParseJson(body));
  Json list = j.is_object() && j.contains(key) ? j[key] : j.is_array() ? j : Json::array({j});
  if (!list.is_array()) return InvalidArgumentError(key + ": expected an array");
  return list;
}

}  // namespace

Reply PutTeams(catalog::Catalog& c, std::string_view body, const catalog::Writer& writer) {
  Result<Json> list = ListOf(body, "teams");
  if (!list.ok()) return Error(list.status());
  model::Delta delta;
  for (size_t i = 0; i < list->size(); ++i) {
    Result<model::Team> team = codec::DecodeTeam((*list)[i], "teams[" + std::to_string(i) + "]");
    if (!team.ok()) return Error(team.status());
    delta.upsert_teams.push_back(std::move(*team));
  }
  Result<catalog::ApplyStats> stats = c.Apply(std::move(delta), nullptr, &writer);
  return stats.ok() ? Ok(StatsJson(*stats)) : Error(stats.status());
}

Reply PutUsers(catalog::Catalog& c, std::string_view body, const catalog::Writer& writer) {
  Result<Json> list = ListOf(body, "users");
  if (!list.ok()) return Error(list.status());
  model::Delta delta;
  for (size_t i = 0; i < list->size(); ++i) {
    Result<model::User> user = codec::DecodeUser((*list)[i], "users[" + std::to_string(i) + "]");
    if (!user.ok()) return Error(user.status());
    delta.upsert_users.push_back(std::move(*user));
  }
  Result<catalog::ApplyStats> stats = c.Apply(std::move(delta), nullptr, &writer);
  return stats.ok() ? Ok(StatsJson(*stats)) : Error(stats.status());
}

Reply ReplaceEdges(catalog::Catalog& c, std::string_view body, const catalog::Writer& writer) {
  Result<Json> j = codec::ParseJson(body);
  if (!j.ok()) return Error(j.status());
  if (!j->is_object()) return Error(InvalidArgumentError("body: expected a JSON object"));
  auto provenance = j->find("provenance");
  if (provenance == j->end() || !provenance->is_string() || provenance->get<std::string>().empty()) {
    return Error(InvalidArgumentError("provenance: a non-empty string is required"));
  }
  Json doc = {{"edges", j->value("edges", Json::array())}};
  Result<model::CatalogDocument> decoded = codec::DecodeDocument(doc);
  if (!decoded.ok()) return Error(decoded.status());
  model::Delta delta;
  delta.replace_edges.push_back({provenance->get<std::string>(), std::move(decoded->edges)});
  Result<catalog::ApplyStats> stats = c.Apply(std::move(delta), nullptr, &writer);
  return stats.ok() ? Ok(StatsJson(*stats)) : Error(stats.status());
}

Reply DeleteAsset(catalog::Catalog& c, std::string_view fqn, bool dry_run,
                  const catalog::Writer& writer) {
  Result<std::string> canonical = model::CanonicalFqn(fqn);
  if (!canonical.ok()) return Error(canonical.status());
  Result<catalog::DeletePreview> preview = c.PreviewDelete(*canonical);
  if (!preview.ok()) return Error(preview.status());
  // Only the asset itself, never what an alias resolves to.
  if (preview->fqn != *canonical) return Error(c.UnknownAsset(*canonical));
  Result<graph::ImpactReport> impact = c.Impact(preview->fqn, {});
  if (!impact.ok()) return Error(impact.status());
  Json answer = {{"fqn", preview->fqn},     {"kind", model::KindName(preview->kind)},
                 {"dry_run", dry_run},      {"deleted", preview->assets.size()},
                 {"links", preview->links}, {"impact", ImpactSummaryJson(*impact)}};
  if (dry_run) return Ok(std::move(answer));
  Result<catalog::ApplyStats> stats = c.Apply(catalog::DeleteDelta(preview->fqn), nullptr, &writer);
  if (!stats.ok()) return Error(stats.status());
  answer.update(StatsJson(*stats));
  return Ok(std::move(answer));
}

Reply ApplyManifests(catalog::Catalog& c, quality::QualityState* quality,
                     const std::vector<std::pair<std::string, std::string>>& files,
                     const ManifestParams& params, const catalog::Writer& writer) {
  std::vector<manifest::Manifest> manifests;
  std::vector<manifest::Diagnostic> problems;
  for (const auto& [file, text] : files) {
    manifest::ParseOutput parsed = manifest::ParseManifests(text, file);
    manifests.insert(manifests.end(), parsed.manifests.begin(), parsed.manifests.end());
    problems.insert(problems.end(), parsed.errors.begin(), parsed.errors.end());
  }
  manifest::Plan plan = manifest::PlanManifests(
      manifests, c,
      {.take_over = params.take_over, .repository = params.repository, .quality = quality});
  problems.insert(problems.end(), plan.errors.begin(), plan.errors.end());
  // Only ownership conflicts: a precondition (409), not bad input.
  bool conflict_only = problems.empty() && !plan.conflicts.empty();
  problems.insert(problems.end(), plan.conflicts.begin(), plan.conflicts.end());
  if (params.strict) problems.insert(problems.end(), plan.warnings.begin(), plan.warnings.end());
  if (!problems.empty()) {
    std::string summary = std::to_string(problems.size()) +
                          (problems.size() == 1 ? " problem" : " problems") +
                          " found; nothing applied";
    Status status =
        conflict_only ? FailedPreconditionError(summary) : InvalidArgumentError(summary);
    return Error(status, {{"problems", ProblemsJson(problems)}});
  }
  if (!params.dry_run) {
    Status applied = manifest::ApplyPlan(plan, c, writer, quality);
    if (!applied.ok()) return Error(applied);
  }
  Json answer = PlanJson(plan, params.dry_run);
  answer["warnings"] = ProblemsJson(plan.warnings);
  return Ok(std::move(answer));
}

Reply CreateToken(auth::TokenRegistry& tokens, std::string_view body,
                  const catalog::Writer& writer) {
  Result<Json> j = codec::ParseJson(body);
  if (!j.ok()) return Error(j.status());
  if (!j->is_object()) return Error(InvalidArgumentError("body: expected a JSON object"));
  std::string name = j->value("name", Json("")).is_string() ? j->value("name", "") : "";
  std::string role_name = j->value("role", Json("")).is_string() ? j->value("role", "") : "";
  if (name.empty()) return Error(InvalidArgumentError("name: a token name is required"));
  std::optional<auth::Role> role = auth::ParseRole(role_name);
  if (!role) return Error(InvalidArgumentError("role: expected reader, writer or admin"));
  std::optional<catalog::WriteScope> scope;
  if (j->contains("scope") && !(*j)["scope"].is_null()) {
    Result<catalog::WriteScope> parsed = auth::ParseScope((*j)["scope"].dump());
    if (!parsed.ok()) return Error(parsed.status());
    scope = std::move(*parsed);
  }
  Result<std::string> secret = tokens.Create(name, *role, scope, writer);
  if (!secret.ok()) return Error(secret.status());
  return Ok({{"name", name},
             {"role", auth::RoleName(*role)},
             {"scope", ScopeJson(scope)},
             {"token", *secret}});
}

Reply RevokeToken(auth::TokenRegistry& tokens, std::string_view name,
                  const catalog::Writer& writer) {
  Status s = tokens.Revoke(name, writer);
  return s.ok() ? Ok({{"revoked", name}}) : Error(s);
}

Reply ListTokens(const auth::TokenRegistry& registry) {
  Result<std::vector<auth::TokenInfo>> tokens = registry.List();
  if (!tokens.ok()) return Error(tokens.status());
  Json list = Json::array();
  for (const auth::TokenInfo& t : *tokens) {
    list.push_back({{"name", t.name},
                    {"role", auth::RoleName(t.role)},
                    {"created_at", t.created_at},
                    {"revoked", t.revoked_at != 0},
                    {"revoked_at", t.revoked_at},
                    {"scope", ScopeJson(t.scope)}});
  }
  return Ok({{"tokens", std::move(list)}});
}

}  // namespace linea::api
