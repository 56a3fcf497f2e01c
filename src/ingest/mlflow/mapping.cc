#include "ingest/mlflow/mapping.h"

#include <algorithm>

#include "ingest/mlflow/features.h"
#include "model/fqn.h"

namespace linea::mlflow {
namespace {

bool HasManifest(const catalog::Catalog& catalog, const std::string& model_fqn) {
  for (const std::string& p : catalog.ProvenancesTouching(model_fqn)) {
    if (p.rfind("manifest:", 0) == 0) return true;
  }
  return false;
}

std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

model::Asset ModelAsset(const ModelRecord& m, const MlflowConfig& config, const std::string& fqn,
                        const std::string& features_from) {
  model::Asset a;
  a.fqn = fqn;
  a.kind = model::AssetKind::kModel;
  a.description = m.description;
  a.domain = config.domain;
  std::string owner_tag;
  for (const std::string& tag : config.owner_tags) {
    auto it = m.tags.find(tag);
    if (it != m.tags.end() && !it->second.empty()) {
      a.owners.push_back(config.TeamOf(it->second));
      owner_tag = tag;
      break;
    }
  }
  for (const auto& [k, v] : m.tags) {
    if (k != owner_tag && k.rfind("mlflow.", 0) != 0) a.properties["tag." + k] = v;
  }
  if (!m.versions.empty()) {
    a.properties["latest_version"] = std::to_string(m.versions.back().version);
    if (!m.versions.back().run_id.empty()) a.properties["run_id"] = m.versions.back().run_id;
  }
  std::string aliases, stages;
  for (const auto& [alias, version] : m.aliases) {
    aliases += (aliases.empty() ? "" : ",") + alias + "=" + std::to_string(version);
  }
  for (const ModelVersionRecord& v : m.versions) {
    if (!v.current_stage.empty() && v.current_stage != "None") {
      stages += (stages.empty() ? "" : ",") + v.current_stage + "=" + std::to_string(v.version);
    }
  }
  if (!aliases.empty()) a.properties["aliases"] = aliases;
  if (!stages.empty()) a.properties["stages"] = stages;
  a.properties["features_from"] = features_from;
  return a;
}

// The manifest's model asset with the blanks filled from the connector's.
model::Asset FillBlanks(model::Asset current, const model::Asset& ours) {
  if (current.description.empty()) current.description = ours.description;
  if (current.domain.empty()) current.domain = ours.domain;
  if (current.owners.empty()) current.owners = ours.owners;
  // What the registry says of the model (versions, aliases, stages, tags) is the connector's
  // to keep current; the rest only where the manifest left it empty.
  for (const auto& [k, v] : ours.properties) current.properties[k] = v;
  current.properties["features_from"] = "manifest";
  return current;
}

void AddDeployments(const ModelRecord& m, const MlflowConfig& config, const std::string& model_fqn,
                    connectors::MappedItem* item) {
  for (const DeploymentRule& rule : config.deployments) {
    int64_t version = 0;
    if (!rule.alias.empty()) {
      auto it = m.aliases.find(rule.alias);
      if (it == m.aliases.end()) continue;
      version = it->second;
    } else {
      for (const ModelVersionRecord& v : m.versions) {
        if (v.current_stage == rule.stage) version = std::max(version, v.version);
      }
      if (version == 0) continue;
    }
    const std::string fqn = ReplaceAll(rule.fqn_template, "{model}", m.name);
    Result<model::Fqn> parsed = model::Fqn::Parse(fqn);
    if (!parsed.ok() || parsed->size() < 2) {
      item->problems.push_back("deployment " + fqn + " is not a valid FQN: " +
                               (parsed.ok() ? "it needs a service" : parsed.status().message()));
      continue;
    }
    model::Asset d;
    d.fqn = parsed->ToString();
    d.kind = model::AssetKind::kDeployment;
    d.properties["model_version"] = std::to_string(version);
    d.properties[rule.alias.empty() ? "stage" : "alias"] =
        rule.alias.empty() ? rule.stage : rule.alias;
    item->assets.push_back(d);
    item->edges.push_back({model_fqn, d.fqn, model::EdgeKind::kUnspecified, "", ""});
  }
}

void AddFeatureLineage(const ModelRecord& m, const MlflowConfig& config,
                       const catalog::Catalog& catalog, const std::string& model_fqn,
                       const std::vector<Feature>& features, connectors::MappedItem* item) {
  std::vector<std::string> unresolved;
  std::vector<std::string> tables = TrainingTables(m.run, config, &unresolved);
  for (const std::string& u : unresolved) {
    item->problems.push_back("note: training dataset " + u + " names no table; map its location under "
                             "\"sources:\" for feature lineage");
  }
  std::erase_if(tables, [&](const std::string& t) {
    if (catalog.KindOf(t)) return false;
    item->problems.push_back("training table " + t + " is not in the catalog: no lineage from it");
    return true;
  });
  if (tables.empty()) return;
  for (const Feature& f : features) {
    auto rename = config.feature_renames.find(f.name);
    const std::string column = rename == config.feature_renames.end() ? f.name : rename->second;
    const std::string feature_fqn = model::JoinFqn(model_fqn, f.name);
    bool found = false;
    for (const std::string& table : tables) {
      const std::string column_fqn = model::JoinFqn(table, column);
      if (catalog.KindOf(column_fqn) == model::AssetKind::kColumn) {
        item->edges.push_back({column_fqn, feature_fqn, model::EdgeKind::kIdentity, "", ""});
        found = true;
      }
    }
    if (found) continue;
    std::vector<std::string> candidates;
    for (const std::string& table : tables) {
      for (std::string& c : catalog.Suggest(model::JoinFqn(table, column), 3)) {
        if (c.rfind(table + ".", 0) == 0) candidates.push_back(std::move(c));
      }
    }
    std::string problem = "feature " + f.name + ": no column " + column + " in " +
                          (tables.size() == 1 ? tables[0] : std::to_string(tables.size()) + " training tables");
    if (!candidates.empty()) {
      problem += " (did you mean ";
      for (size_t i = 0; i < candidates.size() && i < 3; ++i) problem += (i ? ", " : "") + candidates[i];
      problem += "? map it under \"feature_renames:\")";
    }
    item->problems.push_back(problem);
  }
}

}  // namespace

connectors::MappedItem MapModel(const ModelRecord& m, const MlflowConfig& config,
                                const catalog::Catalog& catalog) {
  connectors::MappedItem item;
  item.key = m.name;
  const std::string model_fqn = model::JoinFqn(config.service, m.name);
  if (!model::Fqn::Parse(model_fqn).ok()) {
    item.problems.push_back("note: the model name cannot be an FQN; not catalogued");
    return item;
  }
  Features features = ExtractFeatures(m, config);
  model::Asset model_asset = ModelAsset(m, config, model_fqn, features.from);
  if (HasManifest(catalog, model_fqn)) {
    Result<model::Asset> current = catalog.GetAsset(model_fqn);
    item.assets.push_back(current.ok() ? FillBlanks(*current, model_asset) : model_asset);
    AddDeployments(m, config, model_fqn, &item);
    return item;
  }
  item.problems = features.problems;
  item.assets.push_back(std::move(model_asset));
  for (const Feature& f : features.features) {
    model::Asset a;
    a.fqn = model::JoinFqn(model_fqn, f.name);
    a.kind = model::AssetKind::kFeature;
    a.data_type = f.type;
    a.properties["name_from"] = features.from;
    a.properties["required"] = f.required ? "true" : "false";
    item.assets.push_back(std::move(a));
  }
  AddDeployments(m, config, model_fqn, &item);
  AddFeatureLineage(m, config, catalog, model_fqn, features.features, &item);
  return item;
}

}  // namespace linea::mlflow
