#include "ingest/manifest/manifest_planner.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/strings.h"
#include "ingest/manifest/manifest_checks.h"
#include "model/fqn.h"
#include "quality/quality_write.h"

namespace linea::manifest {
namespace {

using model::AssetKind;

struct EdgeKey {
  std::string from, to;
  auto operator<=>(const EdgeKey&) const = default;
};

// The diff lines of one model, in ModelPlan::diff's group order.
struct Diff {
  std::vector<std::string> model, features, deployments, tables, columns;

  void AppendTo(std::vector<std::string>* out) {
    for (auto* group : {&model, &features, &deployments, &tables, &columns}) {
      std::sort(group->begin(), group->end());
      out->insert(out->end(), group->begin(), group->end());
    }
  }
};

// "~ <what> <fqn>: a, b" naming the attributes that differ, or "" when none does.
std::string ChangeLine(std::string_view what, const std::string& fqn, const model::Asset& before,
                       const model::Asset& after) {
  std::vector<std::string> changed;
  if (after.description != before.description) changed.push_back("description");
  if (after.domain != before.domain) changed.push_back("domain");
  if (after.owners != before.owners) changed.push_back("owners");
  if (after.data_type != before.data_type) changed.push_back("type");
  if (changed.empty()) return "";
  return "~ " + std::string(what) + " " + fqn + ": " + Join(changed, ", ");
}

std::vector<std::string> Teams(const std::vector<std::string>& owners) {
  std::vector<std::string> teams;
  for (const std::string& o : owners) {
    if (o.starts_with("team:")) teams.push_back(o);
  }
  return teams;
}

class Planner {
 public:
  Planner(const catalog::Catalog& catalog, const PlanOptions& options, Plan* plan)
      : catalog_(catalog), options_(options), plan_(plan) {}

  void PlanOne(const Manifest& m) {
    if (!m.check_set.empty()) return PlanCheckSet(m);
    if (!seen_models_.emplace(m.model, m.file + ":" + std::to_string(m.line)).second) {
      Error(m, m.line, "model " + m.model + " is also defined at " + seen_models_[m.model]);
      return;
    }
    std::optional<AssetKind> kind = catalog_.KindOf(m.model);
    if (kind && *kind != AssetKind::kModel) {
      Error(m, m.line, m.model + " already exists as a " + std::string(model::KindName(*kind)));
      return;
    }
    std::string provenance = ManifestProvenance(m.model);
    if (kind && !CheckOwnership(m, provenance)) return;
    WarnUnknownOwners(m, m.owners, m.owners_line ? m.owners_line : m.line);
    size_t errors_before = plan_->errors.size();
    ModelPlan out;
    out.file = m.file;
    out.model = m.model;
    out.features = m.features.size();
    model::EdgeSet edges{provenance, {}};
    Result<std::vector<model::Edge>> before_edges = catalog_.EdgesOfProvenance(provenance);
    std::vector<model::Edge> before =
        before_edges.ok() ? *before_edges : std::vector<model::Edge>{};
    Diff diff;
    PlanModelAsset(m, kind.has_value(), &out, &diff);
    PlanFeatures(m, &out, &edges, &diff);
    PlanOutputs(m, &edges);
    PlanOwnedOutputs(m, provenance, before, &out, &edges, &diff);
    PlanDeployments(m, provenance, before, &out, &edges, &diff);
    std::set<std::string> own_assets;
    for (const FeatureSpec& f : m.features) own_assets.insert(model::JoinFqn(m.model, f.name));
    internal::ChecksPart checks = internal::PlanChecksOf(m, provenance, catalog_, options_.quality,
                                                         own_assets, &plan_->errors);
    if (plan_->errors.size() != errors_before) {
      std::stable_sort(plan_->errors.begin() + errors_before, plan_->errors.end(),
                       [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
      return;
    }
    diff.AppendTo(&out.diff);
    DiffEdges(before, edges.edges, &out.diff);
    out.diff.insert(out.diff.end(), checks.diff.begin(), checks.diff.end());
    out.checks = std::move(checks.delta);
    out.delta.replace_edges.push_back(std::move(edges));
    plan_->models.push_back(std::move(out));
  }

  // A quality document: its checks only, owned by "quality:<name>".
  void PlanCheckSet(const Manifest& m) {
    const std::string provenance = "quality:" + m.check_set;
    if (!seen_models_.emplace(provenance, m.file + ":" + std::to_string(m.line)).second) {
      Error(m, m.line,
            "quality " + m.check_set + " is also defined at " + seen_models_[provenance]);
      return;
    }
    const size_t errors_before = plan_->errors.size();
    internal::ChecksPart checks =
        internal::PlanChecksOf(m, provenance, catalog_, options_.quality, {}, &plan_->errors);
    if (plan_->errors.size() != errors_before) return;
    ModelPlan out;
    out.file = m.file;
    out.model = provenance;
    out.diff = std::move(checks.diff);
    out.checks = std::move(checks.delta);
    plan_->models.push_back(std::move(out));
  }

 private:
  void Error(const Manifest& m, int line, std::string message,
             std::vector<std::string> candidates = {}) {
    plan_->errors.push_back({m.file, line, std::move(message), std::move(candidates)});
  }

  // The repository `m` comes from: its own, else the run's; "" for none.
  std::string RepositoryOf(const Manifest& m) const {
    return m.repository ? *m.repository : options_.repository;
  }

  // False (after reporting a conflict) when another manifest owns the existing model `m`:
  // another repository is stored on it, or (none stored) the team rule of CheckTeamOwnership.
  bool CheckOwnership(const Manifest& m, const std::string& provenance) {
    if (options_.take_over) return true;
    Result<model::Asset> current = catalog_.GetAsset(m.model);
    if (!current.ok()) return true;
    auto stored = current->properties.find(kManifestRepository);
    if (stored == current->properties.end() || stored->second.empty()) {
      return CheckTeamOwnership(m, provenance, *current);
    }
    std::string repository = RepositoryOf(m);
    if (repository == stored->second) return true;
    std::vector<std::string> teams = Teams(current->owners);
    std::string claimant = repository.empty()
                               ? "names no repository (`repository:` or --repository)"
                               : "is from " + repository;
    plan_->conflicts.push_back(
        {m.file,
         m.repository_line ? m.repository_line : m.line,
         "model " + m.model + " belongs to repository " + stored->second + " (" + provenance +
             ", " + (teams.empty() ? "no team" : Join(teams, ", ")) + "), and this manifest " +
             claimant + "; apply it from " + stored->second +
             ", rename the model, or replace it with --take-over (?take_over=true)",
         {}});
    return false;
  }

  // False (after reporting a conflict) when the model `current`'s lineage is asserted by
  // `provenance`, it has team owners, and `m` names owners but none of those teams.
  bool CheckTeamOwnership(const Manifest& m, const std::string& provenance,
                          const model::Asset& current) {
    if (!m.owners) return true;
    std::vector<std::string> touching = catalog_.ProvenancesTouching(m.model);
    if (!std::binary_search(touching.begin(), touching.end(), provenance)) return true;
    std::vector<std::string> owner_teams = Teams(current.owners);
    if (owner_teams.empty()) return true;
    for (const std::string& team : Teams(*m.owners)) {
      if (std::find(owner_teams.begin(), owner_teams.end(), team) != owner_teams.end()) return true;
    }
    std::vector<std::string> claimed = Teams(*m.owners);
    std::string claimant = claimed.empty() ? "no team" : Join(claimed, ", ");
    plan_->conflicts.push_back(
        {m.file,
         m.owners_line ? m.owners_line : m.line,
         "model " + m.model + " is owned by " + provenance + " (" + Join(owner_teams, ", ") +
             "), and this manifest names " + claimant +
             "; rename the model, or replace it with --take-over (?take_over=true)",
         {}});
    return false;
  }

  // Warns about each team or user owner the catalog does not know (it has no contacts).
  void WarnUnknownOwners(const Manifest& m, const std::optional<std::vector<std::string>>& owners,
                         int line) {
    if (!owners) return;
    for (const std::string& owner : *owners) {
      const bool team = owner.starts_with("team:");
      if (!team && !owner.starts_with("user:")) continue;
      const std::string_view name = std::string_view(owner).substr(5);
      const Status known = team ? catalog_.GetTeam(name).status() : catalog_.GetUser(name).status();
      if (known.ok()) continue;
      const std::string prefix = owner.substr(0, 5);
      std::vector<std::string> candidates;
      for (const std::string& c : known.candidates()) candidates.push_back(prefix + c);
      plan_->warnings.push_back({m.file, line,
                                 std::string("unknown ") + (team ? "team " : "user ") + owner +
                                     ": it has no contacts, so nobody is notified",
                                 std::move(candidates)});
    }
  }

  // The stored asset `fqn` when `exists`, else (or when it cannot be read) a blank one: the
  // starting point a plan sets the manifest's fields on, and the "before" of its diff line.
  model::Asset StoredOrBlank(const std::string& fqn, bool exists) {
    if (!exists) return {};
    Result<model::Asset> current = catalog_.GetAsset(fqn);
    return current.ok() ? *current : model::Asset{};
  }

  void PlanModelAsset(const Manifest& m, bool exists, ModelPlan* out, Diff* diff) {
    model::Asset asset = StoredOrBlank(m.model, exists);
    model::Asset before = asset;
    asset.fqn = m.model;
    asset.kind = AssetKind::kModel;
    if (m.description) asset.description = *m.description;
    if (m.domain) asset.domain = *m.domain;
    if (m.owners) asset.owners = *m.owners;
    if (m.version) asset.properties["version"] = *m.version;
    if (m.training_window) {
      asset.properties["training_window"] = *m.training_window;
    } else {
      asset.properties.erase("training_window");
    }
    // The manifest's repository is stored; a take-over without one leaves the model without.
    if (std::string repository = RepositoryOf(m); !repository.empty()) {
      asset.properties[kManifestRepository] = repository;
    } else if (options_.take_over) {
      asset.properties.erase(kManifestRepository);
    }
    if (!exists) {
      diff->model.push_back("+ model " + m.model);
    } else if (!(asset == before)) {
      std::vector<std::string> what;
      if (asset.description != before.description) what.push_back("description");
      if (asset.domain != before.domain) what.push_back("domain");
      if (asset.owners != before.owners) what.push_back("owners");
      if (Property(asset, "version") != Property(before, "version")) what.push_back("version");
      if (std::string now = Property(asset, "training_window");
          now != Property(before, "training_window")) {
        what.push_back(now.empty() ? "training window removed" : "training window → " + now);
      }
      if (std::string now = Property(asset, kManifestRepository);
          now != Property(before, kManifestRepository)) {
        what.push_back(now.empty() ? "repository removed" : "repository → " + now);
      }
      diff->model.push_back("~ model " + m.model + ": " + Join(what, ", "));
    }
    out->delta.upsert_assets.push_back(std::move(asset));
  }

  void PlanFeatures(const Manifest& m, ModelPlan* out, model::EdgeSet* edges, Diff* diff) {
    std::vector<std::string> existing = catalog_.ChildNames(m.model);
    std::set<std::string> listed;
    for (const FeatureSpec& f : m.features) {
      listed.insert(f.name);
      model::Asset feature;
      feature.fqn = model::JoinFqn(m.model, f.name);
      feature.kind = AssetKind::kFeature;
      feature.data_type = f.data_type;
      if (!std::binary_search(existing.begin(), existing.end(), f.name)) {
        diff->features.push_back("+ feature " + f.name);
      } else if (FeatureChanged(feature)) {
        diff->features.push_back("~ feature " + f.name + ": type");
      }
      for (const SourceRef& s : f.sources) {
        if (!CheckSource(m, s)) continue;
        model::Edge e;
        e.from = s.fqn;
        e.to = feature.fqn;
        e.transform = f.transform;
        e.kind = f.transform.empty() ? model::EdgeKind::kIdentity
                                     : model::EdgeKind::kTransformation;
        edges->edges.push_back(std::move(e));
      }
      out->delta.upsert_assets.push_back(std::move(feature));
    }
    for (const std::string& name : existing) {
      if (listed.count(name)) continue;
      out->delta.delete_assets.push_back(model::JoinFqn(m.model, name));
      diff->features.push_back("- feature " + name);
    }
  }

  bool FeatureChanged(const model::Asset& feature) {
    Result<model::Asset> current = catalog_.GetAsset(feature.fqn);
    return !current.ok() || current->data_type != feature.data_type;
  }

  bool CheckSource(const Manifest& m, const SourceRef& s) {
    std::optional<AssetKind> kind = catalog_.KindOf(s.fqn);
    if (!kind) {
      Error(m, s.line, "unknown source " + s.fqn, catalog_.Suggest(s.fqn, 3));
      return false;
    }
    if (*kind == AssetKind::kService) {
      Error(m, s.line, "source " + s.fqn + " is a service; name a column or table");
      return false;
    }
    return true;
  }

  void PlanOutputs(const Manifest& m, model::EdgeSet* edges) {
    for (const SourceRef& o : m.outputs) {
      std::optional<AssetKind> kind = catalog_.KindOf(o.fqn);
      if (!kind) {
        Error(m, o.line,
              "unknown output " + o.fqn + "; to create it, list it as `- table: " + o.fqn + "`",
              catalog_.Suggest(o.fqn, 3));
        continue;
      }
      if (!model::CanHoldColumns(*kind)) {
        Error(m, o.line, "output " + o.fqn + " is a " + std::string(model::KindName(*kind)) +
                             ", not a table or topic");
        continue;
      }
      edges->edges.push_back(ModelEdge(m.model, o.fqn));
    }
  }

  static model::Edge ModelEdge(const std::string& model, const std::string& to) {
    model::Edge e;
    e.from = model;
    e.to = to;
    return e;
  }

  // Targets of kind `kind` of the model's own edges (model -> x) among `before`, sorted.
  std::vector<std::string> PreviousTargets(const Manifest& m,
                                           const std::vector<model::Edge>& before, AssetKind kind) {
    std::set<std::string> out;
    for (const model::Edge& e : before) {
      if (e.from == m.model && catalog_.KindOf(e.to) == kind) out.insert(e.to);
    }
    return {out.begin(), out.end()};
  }

  // Tables the model owns: created when missing (marked kCreatedBy = provenance), their
  // description and columns kept as listed, retired when no longer listed.
  void PlanOwnedOutputs(const Manifest& m, const std::string& provenance,
                        const std::vector<model::Edge>& before, ModelPlan* out,
                        model::EdgeSet* edges, Diff* diff) {
    std::set<std::string> listed;
    for (const SourceRef& o : m.outputs) listed.insert(o.fqn);
    for (const OwnedOutputSpec& o : m.owned_outputs) {
      listed.insert(o.fqn);
      if (!ClaimOnce(m, o.fqn, o.line)) continue;
      std::optional<AssetKind> kind = catalog_.KindOf(o.fqn);
      model::Asset table;
      if (kind) {
        Result<model::Asset> current = catalog_.GetAsset(o.fqn);
        if (!current.ok()) continue;
        if (*kind != AssetKind::kTable || CreatedBy(*current) != provenance) {
          std::string what = *kind != AssetKind::kTable
                                 ? "is a " + std::string(model::KindName(*kind))
                                 : "exists and was not created by this manifest";
          Error(m, o.line,
                "output " + o.fqn + " " + what +
                    " (name an existing table as a plain output to link it)");
          continue;
        }
        table = *current;
      }
      model::Asset previous = table;
      table.fqn = o.fqn;
      table.kind = AssetKind::kTable;
      table.properties[kCreatedBy] = provenance;
      if (o.description) table.description = *o.description;
      if (!kind) {
        diff->tables.push_back("+ table " + o.fqn + " (created by this manifest)");
      } else if (std::string line = ChangeLine("table", o.fqn, previous, table); !line.empty()) {
        diff->tables.push_back(line);
      }
      out->delta.upsert_assets.push_back(std::move(table));
      PlanColumns(o, kind.has_value(), out, diff);
      edges->edges.push_back(ModelEdge(m.model, o.fqn));
    }
    for (const std::string& fqn : PreviousTargets(m, before, AssetKind::kTable)) {
      if (listed.count(fqn)) continue;
      Result<model::Asset> current = catalog_.GetAsset(fqn);
      if (!current.ok() || CreatedBy(*current) != provenance) continue;
      out->delta.delete_assets.push_back(fqn);
      diff->tables.push_back("- table " + fqn + " (created by this manifest)");
    }
  }

  // False (after reporting it) when another manifest of the run already declares `fqn` as its
  // deployment or owned output: each asset has one owner.
  bool ClaimOnce(const Manifest& m, const std::string& fqn, int line) {
    std::string here = m.file + ":" + std::to_string(line);
    auto [first, inserted] = claimed_assets_.emplace(fqn, here);
    if (inserted || first->second == here) return true;
    Error(m, line, fqn + " is also declared at " + first->second);
    return false;
  }

  // properties[key], or "" when unset.
  static std::string Property(const model::Asset& a, const std::string& key) {
    auto it = a.properties.find(key);
    return it == a.properties.end() ? "" : it->second;
  }

  static std::string CreatedBy(const model::Asset& a) { return Property(a, kCreatedBy); }

  void PlanColumns(const OwnedOutputSpec& o, bool exists, ModelPlan* out, Diff* diff) {
    std::vector<std::string> existing =
        exists ? catalog_.ChildNames(o.fqn) : std::vector<std::string>{};
    std::set<std::string> listed;
    for (const ColumnSpec& c : o.columns) {
      listed.insert(c.name);
      model::Asset column;
      column.fqn = model::JoinFqn(o.fqn, c.name);
      column.kind = AssetKind::kColumn;
      if (std::binary_search(existing.begin(), existing.end(), c.name)) {
        Result<model::Asset> current = catalog_.GetAsset(column.fqn);
        if (current.ok()) column = *current;
        model::Asset previous = column;
        column.data_type = c.data_type;
        std::string line = ChangeLine("column", column.fqn, previous, column);
        if (!line.empty()) diff->columns.push_back(line);
      } else {
        column.data_type = c.data_type;
        diff->columns.push_back("+ column " + column.fqn);
      }
      out->delta.upsert_assets.push_back(std::move(column));
    }
    for (const std::string& name : existing) {
      if (listed.count(name)) continue;
      out->delta.delete_assets.push_back(model::JoinFqn(o.fqn, name));
      diff->columns.push_back("- column " + model::JoinFqn(o.fqn, name));
    }
  }

  // The model's deployments: upserted with the model -> deployment edge; one no longer listed
  // goes like a feature when only this manifest links it (else just its edge goes).
  void PlanDeployments(const Manifest& m, const std::string& provenance,
                       const std::vector<model::Edge>& before, ModelPlan* out,
                       model::EdgeSet* edges, Diff* diff) {
    std::set<std::string> listed;
    for (const DeploymentSpec& d : m.deployments) {
      listed.insert(d.fqn);
      if (!ClaimOnce(m, d.fqn, d.line)) continue;
      std::optional<AssetKind> kind = catalog_.KindOf(d.fqn);
      if (kind && *kind != AssetKind::kDeployment) {
        Error(
            m, d.line,
            "deployment " + d.fqn + " already exists as a " + std::string(model::KindName(*kind)));
        continue;
      }
      WarnUnknownOwners(m, d.owners, d.line);
      model::Asset asset = StoredOrBlank(d.fqn, kind.has_value());
      model::Asset previous = asset;
      asset.fqn = d.fqn;
      asset.kind = AssetKind::kDeployment;
      if (d.description) asset.description = *d.description;
      if (d.owners) asset.owners = *d.owners;
      if (!kind) {
        diff->deployments.push_back("+ deployment " + d.fqn);
      } else if (std::string line = ChangeLine("deployment", d.fqn, previous, asset);
                 !line.empty()) {
        diff->deployments.push_back(line);
      }
      out->delta.upsert_assets.push_back(std::move(asset));
      edges->edges.push_back(ModelEdge(m.model, d.fqn));
    }
    for (const std::string& fqn : PreviousTargets(m, before, AssetKind::kDeployment)) {
      if (listed.count(fqn)) continue;
      if (catalog_.ProvenancesTouching(fqn) != std::vector<std::string>{provenance}) continue;
      out->delta.delete_assets.push_back(fqn);
      diff->deployments.push_back("- deployment " + fqn);
    }
  }

  // "+ edge", "~ edge … : transform", then "- edge" lines, each group in (from, to) order.
  static void DiffEdges(const std::vector<model::Edge>& before, const std::vector<model::Edge>& now,
                        std::vector<std::string>* diff) {
    std::map<EdgeKey, const model::Edge*> before_map, now_map;
    for (const model::Edge& e : before) before_map[{e.from, e.to}] = &e;
    for (const model::Edge& e : now) now_map[{e.from, e.to}] = &e;
    std::vector<std::string> lines;
    for (const auto& [key, e] : now_map) {
      auto it = before_map.find(key);
      if (it == before_map.end()) {
        lines.push_back("+ edge " + key.from + " -> " + key.to);
      } else if (it->second->transform != e->transform || it->second->kind != e->kind) {
        lines.push_back("~ edge " + key.from + " -> " + key.to + ": transform");
      }
    }
    for (const auto& [key, e] : before_map) {
      if (!now_map.count(key)) lines.push_back("- edge " + key.from + " -> " + key.to);
    }
    diff->insert(diff->end(), lines.begin(), lines.end());
  }

  const catalog::Catalog& catalog_;
  const PlanOptions& options_;
  Plan* plan_;
  std::map<std::string, std::string> seen_models_;
  std::map<std::string, std::string> claimed_assets_;  // deployments, owned outputs → file:line
};

}  // namespace

std::string ManifestProvenance(std::string_view model) {
  return "manifest:" + std::string(model);
}

Plan PlanManifests(const std::vector<Manifest>& manifests, const catalog::Catalog& catalog,
                   const PlanOptions& options) {
  Plan plan;
  Planner planner(catalog, options, &plan);
  for (const Manifest& m : manifests) planner.PlanOne(m);
  return plan;
}

Status ApplyPlan(const Plan& plan, catalog::Catalog& catalog, const catalog::Writer& writer,
                 quality::QualityState* quality) {
  // Models own disjoint FQNs and provenances (the planner refuses a model in two manifests), so
  // their deltas concatenate into one.
  model::Delta all;
  model::QualityDelta checks;
  for (const ModelPlan& m : plan.models) {
    if (!m.changed()) continue;
    checks.upsert_checks.insert(checks.upsert_checks.end(), m.checks.upsert_checks.begin(),
                                m.checks.upsert_checks.end());
    checks.delete_checks.insert(checks.delete_checks.end(), m.checks.delete_checks.begin(),
                                m.checks.delete_checks.end());
    const model::Delta& d = m.delta;
    all.upsert_assets.insert(all.upsert_assets.end(), d.upsert_assets.begin(),
                             d.upsert_assets.end());
    all.delete_assets.insert(all.delete_assets.end(), d.delete_assets.begin(),
                             d.delete_assets.end());
    all.replace_edges.insert(all.replace_edges.end(), d.replace_edges.begin(),
                             d.replace_edges.end());
  }
  if (all.empty() && checks.empty()) return Status();
  if (!checks.empty() && quality == nullptr) {
    return FailedPreconditionError("the manifests change checks, but there is no quality domain");
  }
  std::optional<quality::QualityWrite> checks_write;
  if (!checks.empty()) checks_write.emplace(*quality, std::move(checks));
  Result<catalog::ApplyStats> applied =
      catalog.Apply(std::move(all), checks_write ? &*checks_write : nullptr, &writer);
  return applied.ok() ? Status() : applied.status();
}

}  // namespace linea::manifest
