// MeshBuilder, part 2: models, features, deployments, score tables and dashboards.
#include <algorithm>
#include <string>

#include "generate/internal/builder.h"

namespace linea::generate::internal {
namespace {

using model::AssetKind;
using model::EdgeKind;

void PushUnique(std::vector<uint32_t>& out, uint32_t value) {
  if (std::find(out.begin(), out.end(), value) == out.end()) out.push_back(value);
}

}  // namespace

bool MeshBuilder::HostsModels(int domain) const {
  return domain >= spec_.domains - spec_.model_domains;
}

std::string MeshBuilder::ModelName(int domain, int index) const {
  const std::vector<std::string_view>& bases = domains_[domain].models;
  std::string name(bases[index % bases.size()]);
  const int round = index / static_cast<int>(bases.size());
  if (round == 0) return name;
  const int segments = static_cast<int>(ModelSegments().size());
  name = Cat({name, "_", ModelSegments()[(round - 1) % segments]});
  if (round > segments) name += "_v" + std::to_string((round - 1) / segments + 1);
  return name;
}

void MeshBuilder::AddModel(int index) {
  const int domain = spec_.domains - spec_.model_domains + index % spec_.model_domains;
  const Domain& dom = domains_[domain];
  const std::string name = ModelName(domain, index / spec_.model_domains);
  const std::string fqn = Cat({dom.b2b ? "mlflow_b2b." : "mlflow_b2c.", name});
  const std::string owner = PickOwner(domain, RoleClass::kScience);
  const bool deployed = index % spec_.deploy_every != spec_.deploy_every - 1;
  const std::string version = std::to_string(rng_.Between(1, 30));
  model::Asset m;
  m.fqn = fqn;
  m.kind = AssetKind::kModel;
  m.description = Cat({"Model ", name, " of the ", dom.name, " domain"});
  m.domain = std::string(dom.name);
  m.owners = {owner};
  m.tags = {"ml"};
  m.properties = {{"version", version},
                  {"stage", deployed           ? "Production"
                            : rng_.Percent(50) ? "Staging"
                                               : "None"},
                  {"algorithm", std::string(Algorithms()[rng_.Below(Algorithms().size())])}};
  delta_.upsert_assets.push_back(std::move(m));
  model::EdgeSet edges;
  edges.provenance = "manifest:" + fqn;
  edges.edges.reserve(spec_.max_features * 5 / 4 + 2);
  AddFeatures(fqn, domain, edges);
  if (deployed) {
    model::Asset dep;
    dep.fqn = Cat({"seldon.", name, "_prod"});
    dep.kind = AssetKind::kDeployment;
    dep.description = "Online serving of " + fqn;
    dep.domain = std::string(dom.name);
    dep.owners = {owner};
    dep.properties = {{"model_version", version},
                      {"endpoint", Cat({"https://seldon.example.com/", name, "/predict"})}};
    edges.edges.push_back(MakeEdge(fqn, dep.fqn, EdgeKind::kUnspecified, ""));
    delta_.upsert_assets.push_back(std::move(dep));
  }
  AddScoreTable(fqn, name, domain, owner, edges);
  delta_.replace_edges.push_back(std::move(edges));
}

// 2–5 tables: mostly marts of the model's domain, some marts of other domains, some of its
// own aggregates.
std::vector<uint32_t> MeshBuilder::PickModelTables(int domain) {
  std::vector<uint32_t> out;
  const int n = rng_.Between(2, 5);
  for (int i = 0; i < n; ++i) {
    const uint64_t roll = rng_.Below(100);
    const std::vector<uint32_t>* list = &layer_tables_[3][domain];
    if (roll >= 85) {
      list = &layer_tables_[2][domain];
    } else if (roll >= 70 && spec_.domains > 1) {
      const int other =
          (domain + 1 + static_cast<int>(rng_.Below(spec_.domains - 1))) % spec_.domains;
      list = &layer_tables_[3][other];
    }
    PushUnique(out, (*list)[rng_.Below(list->size())]);
  }
  return out;
}

// Features read one column (sometimes a key other than dt), or two measures of one table.
void MeshBuilder::AddFeatures(const std::string& model_fqn, int domain, model::EdgeSet& edges) {
  const std::vector<uint32_t> tables = PickModelTables(domain);
  const int count = rng_.Between(spec_.min_features, spec_.max_features);
  names_.clear();
  for (int f = 0; f < count; ++f) {
    const uint32_t t = tables[rng_.Below(tables.size())];
    const TableInfo& info = tables_[t];
    const int measures = info.columns - info.keys;
    const int col = info.keys > 1 && rng_.Percent(10)
                        ? 1 + static_cast<int>(rng_.Below(info.keys - 1))
                        : info.keys + static_cast<int>(rng_.Below(measures));
    int second = -1;
    if (col >= info.keys && measures > 1 && rng_.Percent(15)) {
      second = info.keys + static_cast<int>(rng_.Below(measures - 1));
      if (second >= col) ++second;
    }
    const std::string src(ColumnName(t, col));
    std::string_view transform = FeatureTransforms()[rng_.Below(FeatureTransforms().size())];
    const std::string name = second < 0
                                 ? UniqueName(src, src, FeatureTransforms())
                                 : UniqueName(Cat({src, "_", transform}), src, FeatureTransforms());
    const bool identity = second < 0 && name == src;
    transform = SuffixOr(name, src, transform);
    model::Asset feature;
    feature.fqn = Cat({model_fqn, ".", name});
    feature.kind = AssetKind::kFeature;
    feature.data_type =
        identity ? delta_.upsert_assets[info.first_col + col].data_type : std::string("double");
    const EdgeKind kind = identity ? EdgeKind::kIdentity : EdgeKind::kTransformation;
    edges.edges.push_back(
        MakeEdge(ColumnFqn(t, col), feature.fqn, kind, identity ? "" : transform));
    if (second >= 0) {
      edges.edges.push_back(MakeEdge(ColumnFqn(t, second), feature.fqn, kind, transform));
    }
    delta_.upsert_assets.push_back(std::move(feature));
  }
}

void MeshBuilder::AddScoreTable(const std::string& model_fqn, std::string_view model_name,
                                int domain, const std::string& owner, model::EdgeSet& edges) {
  const std::string_view dom = domains_[domain].name;
  const int key = domains_[domain].b2b ? 5 : 1;  // account_id : subscriber_id
  BeginTable(Cat({"hive.scores_", dom, ".", model_name, "_scores"}), domain, "scores", owner,
             static_cast<uint16_t>(1u | (1u << key)), "Scores written by " + model_fqn);
  const uint32_t table_asset = tables_.back().asset;
  AddColumn({std::string(HubName(key)), HubType(key), HubName(key)});
  AddColumn({"score", "double", "score"});
  AddColumn({"model_version", "string", "model_version"});
  AddColumn({"dt", "date", "dt"});
  edges.edges.push_back(
      MakeEdge(model_fqn, delta_.upsert_assets[table_asset].fqn, EdgeKind::kUnspecified, ""));
}

// Table-level edges mart → dashboard, all under provenance "api:bi_sync".
void MeshBuilder::AddDashboards() {
  if (spec_.dashboards <= 0) return;
  model::EdgeSet edges;
  edges.provenance = "api:bi_sync";
  const std::span<const std::string_view> suffixes = DashboardSuffixes();
  for (int i = 0; i < spec_.dashboards; ++i) {
    const int domain = i % spec_.domains;
    const int k = i / spec_.domains;
    const Domain& dom = domains_[domain];
    const size_t round = dom.stems.size() * suffixes.size();
    std::string name = Cat({dom.name, "_", dom.stems[k % dom.stems.size()], "_",
                            suffixes[(k / dom.stems.size()) % suffixes.size()]});
    if (k >= static_cast<int>(round)) name += "_" + std::to_string(k / round + 1);
    model::Asset dash;
    dash.fqn = "qlik." + name;
    dash.kind = AssetKind::kDashboard;
    dash.description = Cat({"Qlik app ", name, " (", dom.name, ")"});
    dash.domain = std::string(dom.name);
    dash.owners = {PickOwner(domain, RoleClass::kBi)};
    dash.properties = {{"sheets", std::to_string(rng_.Between(2, 12))}};
    const std::vector<uint32_t>& marts = layer_tables_[3][domain];
    std::vector<uint32_t> sources;
    const int n = rng_.Between(1, 3);
    for (int j = 0; j < n; ++j) PushUnique(sources, marts[rng_.Below(marts.size())]);
    for (uint32_t s : sources) {
      edges.edges.push_back(MakeEdge(delta_.upsert_assets[tables_[s].asset].fqn, dash.fqn,
                                     EdgeKind::kUnspecified, ""));
    }
    delta_.upsert_assets.push_back(std::move(dash));
  }
  delta_.replace_edges.push_back(std::move(edges));
}

}  // namespace linea::generate::internal
