#include "ingest/manifest/manifest_planner.h"

#include <algorithm>
#include <map>
#include <set>

#include "model/fqn.h"

namespace linea::manifest {
namespace {

using model::AssetKind;

struct EdgeKey {
  std::string from, to;
  auto operator<=>(const EdgeKey&) const = default;
};

class Planner {
 public:
  Planner(const catalog::Catalog& catalog, Plan* plan) : catalog_(catalog), plan_(plan) {}

  void PlanOne(const Manifest& m) {
    if (!seen_models_.emplace(m.model, m.file + ":" + std::to_string(m.line)).second) {
      Error(m, m.line, "model " + m.model + " is also defined at " + seen_models_[m.model]);
      return;
    }
    std::optional<AssetKind> kind = catalog_.KindOf(m.model);
    if (kind && *kind != AssetKind::kModel) {
      Error(m, m.line, m.model + " already exists as a " + std::string(model::KindName(*kind)));
      return;
    }
    size_t errors_before = plan_->errors.size();
    ModelPlan out;
    out.file = m.file;
    out.model = m.model;
    out.features = m.features.size();
    std::string provenance = ManifestProvenance(m.model);
    model::EdgeSet edges{provenance, {}};
    PlanModelAsset(m, kind.has_value(), &out);
    PlanFeatures(m, &out, &edges);
    PlanOutputs(m, &edges);
    if (plan_->errors.size() != errors_before) return;
    DiffEdges(provenance, edges.edges, &out.diff);
    out.delta.replace_edges.push_back(std::move(edges));
    plan_->models.push_back(std::move(out));
  }

 private:
  void Error(const Manifest& m, int line, std::string message,
             std::vector<std::string> candidates = {}) {
    plan_->errors.push_back({m.file, line, std::move(message), std::move(candidates)});
  }

  void PlanModelAsset(const Manifest& m, bool exists, ModelPlan* out) {
    model::Asset asset;
    if (exists) {
      Result<model::Asset> current = catalog_.GetAsset(m.model);
      if (current.ok()) asset = *current;
    }
    model::Asset before = asset;
    asset.fqn = m.model;
    asset.kind = AssetKind::kModel;
    if (m.description) asset.description = *m.description;
    if (m.domain) asset.domain = *m.domain;
    if (m.owners) asset.owners = *m.owners;
    if (m.version) asset.properties["version"] = *m.version;
    if (!exists) {
      out->diff.push_back("+ model " + m.model);
    } else if (!(asset == before)) {
      std::vector<std::string> what;
      if (asset.description != before.description) what.push_back("description");
      if (asset.domain != before.domain) what.push_back("domain");
      if (asset.owners != before.owners) what.push_back("owners");
      if (asset.properties != before.properties) what.push_back("version");
      std::string line = "~ model " + m.model + ":";
      for (size_t i = 0; i < what.size(); ++i) line += (i ? ", " : " ") + what[i];
      out->diff.push_back(line);
    }
    out->delta.upsert_assets.push_back(std::move(asset));
  }

  void PlanFeatures(const Manifest& m, ModelPlan* out, model::EdgeSet* edges) {
    std::vector<std::string> existing = catalog_.ChildNames(m.model);
    std::set<std::string> listed;
    std::vector<std::string> added, changed;
    for (const FeatureSpec& f : m.features) {
      listed.insert(f.name);
      model::Asset feature;
      feature.fqn = model::JoinFqn(m.model, f.name);
      feature.kind = AssetKind::kFeature;
      feature.data_type = f.data_type;
      if (!std::binary_search(existing.begin(), existing.end(), f.name)) {
        added.push_back("+ feature " + f.name);
      } else if (FeatureChanged(feature)) {
        changed.push_back("~ feature " + f.name + ": type");
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
    std::vector<std::string> removed;
    for (const std::string& name : existing) {
      if (listed.count(name)) continue;
      out->delta.delete_assets.push_back(model::JoinFqn(m.model, name));
      removed.push_back("- feature " + name);
    }
    for (auto* group : {&added, &removed, &changed}) {
      std::sort(group->begin(), group->end());
      out->diff.insert(out->diff.end(), group->begin(), group->end());
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
        Error(m, o.line, "unknown output " + o.fqn, catalog_.Suggest(o.fqn, 3));
        continue;
      }
      if (!model::CanHoldColumns(*kind)) {
        Error(m, o.line, "output " + o.fqn + " is a " + std::string(model::KindName(*kind)) +
                             ", not a table or topic");
        continue;
      }
      model::Edge e;
      e.from = m.model;
      e.to = o.fqn;
      edges->edges.push_back(std::move(e));
    }
  }

  void DiffEdges(const std::string& provenance, const std::vector<model::Edge>& now,
                 std::vector<std::string>* diff) {
    std::map<EdgeKey, const model::Edge*> before_map, now_map;
    Result<std::vector<model::Edge>> before = catalog_.EdgesOfProvenance(provenance);
    if (before.ok()) {
      for (const model::Edge& e : *before) before_map[{e.from, e.to}] = &e;
    }
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
  Plan* plan_;
  std::map<std::string, std::string> seen_models_;
};

}  // namespace

std::string ManifestProvenance(std::string_view model) {
  return "manifest:" + std::string(model);
}

Plan PlanManifests(const std::vector<Manifest>& manifests, const catalog::Catalog& catalog) {
  Plan plan;
  Planner planner(catalog, &plan);
  for (const Manifest& m : manifests) planner.PlanOne(m);
  return plan;
}

Status ApplyPlan(const Plan& plan, catalog::Catalog& catalog) {
  // Models own disjoint FQNs and provenances (the planner refuses a model in two manifests), so
  // their deltas concatenate into one.
  model::Delta all;
  for (const ModelPlan& m : plan.models) {
    if (!m.changed()) continue;
    const model::Delta& d = m.delta;
    all.upsert_assets.insert(all.upsert_assets.end(), d.upsert_assets.begin(),
                             d.upsert_assets.end());
    all.delete_assets.insert(all.delete_assets.end(), d.delete_assets.begin(),
                             d.delete_assets.end());
    all.replace_edges.insert(all.replace_edges.end(), d.replace_edges.begin(),
                             d.replace_edges.end());
  }
  if (all.empty()) return Status();
  Result<catalog::ApplyStats> applied = catalog.Apply(std::move(all));
  return applied.ok() ? Status() : applied.status();
}

}  // namespace linea::manifest
