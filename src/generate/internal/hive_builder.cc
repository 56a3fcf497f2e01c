// MeshBuilder, part 1: services, teams, pipelines, Kafka topics and layered Hive tables.
#include <algorithm>
#include <bit>
#include <string>

#include "generate/internal/builder.h"

namespace linea::generate::internal {
namespace {

using model::AssetKind;
using model::EdgeKind;

bool IsNumeric(std::string_view type) {
  return type == "double" || type == "bigint" || type == "int";
}

// Position of `hub` among the keys of `info`, or -1 when the table lacks it.
int KeyIndex(const TableInfo& info, int hub) {
  if (!(info.hub_mask & (1u << hub))) return -1;
  return std::popcount(static_cast<unsigned>(info.hub_mask & ((1u << hub) - 1)));
}

// How many direct source columns feed a measure of `layer`.
int DirectSourceCount(Rng& rng, int layer) {
  uint64_t roll = rng.Below(100);
  if (layer == 1) return roll < 50 ? 1 : 2;
  if (layer == 2) return roll < 30 ? 1 : roll < 70 ? 2 : 3;
  return roll < 25 ? 1 : roll < 55 ? 2 : roll < 80 ? 3 : 4;
}

// Chance of a first and of a second indirect edge (a filter, group-by or join key) per measure.
constexpr int kIndirectPct[kLayerCount][2] = {{0, 0}, {50, 0}, {80, 40}, {60, 20}};
constexpr std::string_view kIndirectTransform[kLayerCount] = {"", "filter", "group_by", "join"};

struct Service {
  std::string_view name, description;
};
constexpr Service kServices[] = {
    {"hive", "Hive warehouse: raw, ods, agg, mart and score layers"},
    {"kafka", "Kafka event streams feeding the raw layer"},
    {"airflow", "Airflow ETL orchestration"},
    {"mlflow_b2c", "MLflow model registry, B2C models"},
    {"mlflow_b2b", "MLflow model registry, B2B models"},
    {"seldon", "Seldon Core model serving"},
    {"qlik", "Qlik Sense dashboards"},
};

}  // namespace

std::string_view SuffixOr(std::string_view name, std::string_view stem, std::string_view fallback) {
  if (name.size() <= stem.size() + 1 || name.substr(0, stem.size()) != stem ||
      name[stem.size()] != '_') {
    return fallback;
  }
  std::string_view rest = name.substr(stem.size() + 1);
  if (rest.find('_') != std::string_view::npos || (rest[0] >= '0' && rest[0] <= '9')) {
    return fallback;
  }
  return rest;
}

MeshBuilder::MeshBuilder(const ScaleSpec& spec, uint64_t seed)
    : spec_(spec), domains_(Domains()), rng_(seed) {
  for (auto& by_domain : owners_) by_domain.resize(spec_.domains);
  for (auto& by_domain : layer_tables_) by_domain.resize(spec_.domains);
}

model::Delta MeshBuilder::Build() {
  Reserve();
  AddServices();
  AddTeams();
  AddPipelines();
  for (int d = 0; d < spec_.domains; ++d) {
    for (int i = 0; i < spec_.layers[0].tables_per_domain; ++i) AddRawTable(d, i);
  }
  for (int layer = 1; layer < kLayerCount; ++layer) {
    for (int d = 0; d < spec_.domains; ++d) {
      for (int i = 0; i < spec_.layers[layer].tables_per_domain; ++i) {
        AddDerivedTable(layer, d, i);
      }
    }
  }
  for (int i = 0; i < spec_.models; ++i) AddModel(i);
  AddDashboards();
  return std::move(delta_);
}

void MeshBuilder::Reserve() {
  size_t tables = 0, columns = 0;
  for (const LayerSpec& l : spec_.layers) {
    size_t n = static_cast<size_t>(l.tables_per_domain) * spec_.domains;
    tables += n;
    columns += n * (l.min_columns + l.max_columns + 2) / 2;
  }
  size_t features = static_cast<size_t>(spec_.models) * (spec_.max_features + 1);
  size_t topics = spec_.layers[0].tables_per_domain * spec_.domains / spec_.kafka_stride + 1;
  size_t topic_fields = topics * (spec_.layers[0].max_columns + 1);
  delta_.upsert_assets.reserve(64 + 3 * spec_.domains + tables + columns + topics + topic_fields +
                               features + spec_.models * 8 + spec_.dashboards);
  delta_.replace_edges.reserve(tables + spec_.models + 1);
  tables_.reserve(tables + spec_.models);
  bases_.reserve(columns + spec_.models * 4);
}

void MeshBuilder::AddServices() {
  for (const Service& s : kServices) {
    model::Asset a;
    a.fqn = std::string(s.name);
    a.kind = AssetKind::kService;
    a.description = std::string(s.description);
    delta_.upsert_assets.push_back(std::move(a));
  }
}

void MeshBuilder::AddTeams() {
  int global = 0;
  for (int d = 0; d < spec_.domains; ++d) {
    const std::string_view domain = domains_[d].name;
    const int count = HostsModels(d) ? std::max(spec_.teams_per_domain, 2) : spec_.teams_per_domain;
    for (int j = 0; j < count; ++j, ++global) {
      const int role = j % kRoleCount;
      const std::string squad = j >= kRoleCount ? "_" + std::to_string(j / kRoleCount + 1) : "";
      model::Team team;
      team.name = Cat({domain, "_", RoleName(role), squad});
      team.description = Cat({domain, " ", RoleTitle(role)});
      if (!squad.empty()) team.description += ", squad " + squad.substr(1);
      team.contacts.push_back({"email", {{"address", team.name + "@example.com"}}});
      static constexpr std::string_view kChannels[] = {"slack", "msteams", "webhook"};
      const std::string_view channel = kChannels[global % 3];
      model::Contact hook{std::string(channel),
                          {{"url", Cat({"https://hooks.example.com/", channel, "/", team.name})}}};
      if (channel == "webhook") hook.fields["secret"] = "secret-" + team.name;
      team.contacts.push_back(std::move(hook));
      owners_[static_cast<int>(RoleClassOf(role))][d].push_back("team:" + team.name);
      delta_.upsert_teams.push_back(std::move(team));
    }
  }
}

void MeshBuilder::AddPipelines() {
  for (int d = 0; d < spec_.domains; ++d) {
    for (int layer = 1; layer < kLayerCount; ++layer) {
      model::Asset a;
      a.fqn = Cat({"airflow.etl_", LayerName(layer), "_", domains_[d].name});
      a.kind = AssetKind::kPipeline;
      a.description = Cat({"Daily DAG building hive.", LayerName(layer), "_", domains_[d].name});
      a.domain = std::string(domains_[d].name);
      a.owners = {PickOwner(d, RoleClass::kData)};
      a.properties = {{"schedule", "0 " + std::to_string(layer + 1) + " * * *"}};
      delta_.upsert_assets.push_back(std::move(a));
    }
  }
}

std::vector<ColumnSpec> MeshBuilder::RawColumns(int domain, uint16_t* hub_mask) {
  const Domain& dom = domains_[domain];
  const LayerSpec& spec = spec_.layers[0];
  const int total = rng_.Between(spec.min_columns, spec.max_columns);
  uint16_t mask = 1;  // dt
  for (size_t i = 0; i < dom.hubs.size(); ++i) {
    if (std::popcount(mask) + 2 >= total) break;
    if (rng_.Percent(i == 0 ? 70 : 35)) mask |= 1u << dom.hubs[i];
  }
  if (mask == 1) mask |= 1u << dom.hubs[rng_.Below(dom.hubs.size())];
  *hub_mask = mask;
  names_.clear();
  std::vector<ColumnSpec> out;
  for (int hub = 0; hub < kHubCount; ++hub) {
    if (!(mask & (1u << hub))) continue;
    names_.insert(std::string(HubName(hub)));
    out.push_back({std::string(HubName(hub)), HubType(hub), HubName(hub)});
  }
  const int measures = std::max(1, total - static_cast<int>(out.size()));
  for (int i = 0; i < measures; ++i) {
    std::string_view attr = dom.attrs[rng_.Below(dom.attrs.size())];
    out.push_back({UniqueName(std::string(attr), attr, RawQualifiers()), AttrType(attr), attr});
  }
  return out;
}

void MeshBuilder::AddRawTable(int domain, int index) {
  const std::string_view dom = domains_[domain].name;
  uint16_t hub_mask = 0;
  const std::vector<ColumnSpec> columns = RawColumns(domain, &hub_mask);
  const std::string db = Cat({"raw_", dom});
  const std::string name = TableName(0, domain, index);
  const std::string owner = PickOwner(domain, RoleClass::kData);
  const bool kafka = raw_counter_++ % spec_.kafka_stride == 0;
  std::string topic;
  if (kafka) {
    topic = Cat({"kafka.", dom, "_", name});
    model::Asset a;
    a.fqn = topic;
    a.kind = AssetKind::kTopic;
    a.description = Cat({"Events behind hive.", db, ".", name});
    a.domain = std::string(dom);
    a.owners = {owner};
    a.properties = {{"format", "avro"}, {"partitions", "12"}};
    delta_.upsert_assets.push_back(std::move(a));
    for (const ColumnSpec& c : columns) {
      model::Asset field;
      field.fqn = Cat({topic, ".", c.name});
      field.kind = AssetKind::kColumn;
      field.data_type = std::string(c.type);
      delta_.upsert_assets.push_back(std::move(field));
    }
  }
  BeginTable(Cat({"hive.", db, ".", name}), domain, "raw", owner, hub_mask,
             Cat({"Raw ", name, " as landed from the source systems (", dom, ")"}));
  if (kafka) delta_.upsert_assets[tables_.back().asset].tags.push_back("streaming");
  model::EdgeSet edges;
  edges.provenance = Cat({"openlineage:flink/ingest_", db, ".", name});
  for (const ColumnSpec& c : columns) {
    uint32_t col = AddColumn(c);
    if (kafka) {
      edges.edges.push_back(MakeEdge(Cat({topic, ".", c.name}), delta_.upsert_assets[col].fqn,
                                     EdgeKind::kIdentity, ""));
    }
  }
  tables_.back().keys = static_cast<uint16_t>(std::popcount(hub_mask));
  layer_tables_[0][domain].push_back(static_cast<uint32_t>(tables_.size() - 1));
  if (kafka) delta_.replace_edges.push_back(std::move(edges));
}

std::vector<uint32_t> MeshBuilder::PickSources(int layer, int domain, int index) {
  const std::vector<uint32_t>& prev = layer_tables_[layer - 1][domain];
  const size_t stems = domains_[domain].stems.size();
  const size_t stem = index % stems;
  std::vector<uint32_t> out;
  if (stem < prev.size()) {  // prefer a source table of the same stem
    out.push_back(prev[stem + stems * rng_.Below((prev.size() - stem + stems - 1) / stems)]);
  } else {
    out.push_back(prev[rng_.Below(prev.size())]);
  }
  const int extra = layer == 1   ? (rng_.Percent(30) ? 1 : 0)
                    : layer == 2 ? rng_.Between(0, 2)
                                 : rng_.Between(1, 3);
  for (int e = 0; e < extra; ++e) {
    uint32_t candidate = prev[rng_.Below(prev.size())];
    if (std::find(out.begin(), out.end(), candidate) == out.end()) out.push_back(candidate);
  }
  if (layer == 3 && spec_.domains > 1 && rng_.Percent(spec_.cross_domain_pct)) {
    const int other =
        (domain + 1 + static_cast<int>(rng_.Below(spec_.domains - 1))) % spec_.domains;
    const std::vector<uint32_t>& aggs = layer_tables_[2][other];
    out.push_back(aggs[rng_.Below(aggs.size())]);
  }
  return out;
}

void MeshBuilder::AddDerivedTable(int layer, int domain, int index) {
  const std::vector<uint32_t> sources = PickSources(layer, domain, index);
  const std::string_view dom = domains_[domain].name;
  const std::string db = Cat({LayerName(layer), "_", dom});
  const std::string name = TableName(layer, domain, index);
  const RoleClass owner_class = layer == 3 && rng_.Percent(30) ? RoleClass::kBi : RoleClass::kData;
  BeginTable(Cat({"hive.", db, ".", name}), domain, LayerName(layer),
             PickOwner(domain, owner_class), tables_[sources[0]].hub_mask,
             Cat({LayerTitle(layer), " ", name, " of the ", dom, " domain"}));
  model::EdgeSet edges;
  edges.provenance = Cat({"openlineage:airflow/etl_", db, ".", name});
  const LayerSpec& spec = spec_.layers[layer];
  const int total = rng_.Between(spec.min_columns, spec.max_columns);
  edges.edges.reserve(total * 3);
  names_.clear();
  AddKeys(sources, edges);
  const int measures = std::max(1, total - tables_.back().keys);
  for (int i = 0; i < measures; ++i) AddMeasure(layer, sources, edges);
  layer_tables_[layer][domain].push_back(static_cast<uint32_t>(tables_.size() - 1));
  delta_.replace_edges.push_back(std::move(edges));
}

// Keys copy the primary source's key (identity); a joined source's same key feeds it too
// (indirect, the join condition). This is what makes hub columns fan out.
void MeshBuilder::AddKeys(const std::vector<uint32_t>& sources, model::EdgeSet& edges) {
  const uint16_t mask = tables_.back().hub_mask;
  for (int hub = 0; hub < kHubCount; ++hub) {
    if (!(mask & (1u << hub))) continue;
    names_.insert(std::string(HubName(hub)));
    const uint32_t col = AddColumn({std::string(HubName(hub)), HubType(hub), HubName(hub)});
    bool first = true;
    for (uint32_t s : sources) {
      const int k = KeyIndex(tables_[s], hub);
      if (k < 0) continue;
      edges.edges.push_back(MakeEdge(ColumnFqn(s, k), delta_.upsert_assets[col].fqn,
                                     first ? EdgeKind::kIdentity : EdgeKind::kIndirect,
                                     first ? "" : "join"));
      first = false;
    }
  }
  tables_.back().keys = static_cast<uint16_t>(std::popcount(mask));
}

void MeshBuilder::AddMeasure(int layer, const std::vector<uint32_t>& sources,
                             model::EdgeSet& edges) {
  struct Pick {
    uint32_t table;
    int column;
    bool operator==(const Pick&) const = default;
  };
  std::vector<Pick> picks;
  const int wanted = DirectSourceCount(rng_, layer);
  for (int i = 0; i < wanted; ++i) {
    const bool primary = sources.size() == 1 || (i == 0 && rng_.Percent(70));
    const uint32_t s = primary ? sources[0] : sources[rng_.Below(sources.size())];
    const TableInfo& info = tables_[s];
    const Pick pick{s, info.keys + static_cast<int>(rng_.Below(info.columns - info.keys))};
    if (std::find(picks.begin(), picks.end(), pick) == picks.end()) picks.push_back(pick);
  }
  const TableInfo& first = tables_[picks[0].table];
  const std::string src_name(ColumnName(picks[0].table, picks[0].column));
  const std::string_view base = bases_[first.first_base + picks[0].column];
  const std::string_view src_type =
      delta_.upsert_assets[first.first_col + picks[0].column].data_type;
  const bool single = picks.size() == 1;
  ColumnSpec column{"", src_type, base};
  std::string_view transform;
  if (layer == 1) {
    transform = single ? OdsTransforms()[rng_.Below(OdsTransforms().size())] : "coalesce";
    column.name = single && rng_.Percent(70)
                      ? UniqueName(src_name, base, OdsTransforms())
                      : UniqueName(Cat({base, "_", transform}), base, OdsTransforms());
    if (single) transform = SuffixOr(column.name, base, transform);
  } else if (layer == 2) {
    static constexpr std::string_view kTextFns[] = {"cnt", "max", "min"};
    const bool numeric = IsNumeric(src_type);
    std::string_view fn =
        numeric ? AggFunctions()[rng_.Below(AggFunctions().size())] : kTextFns[rng_.Below(3)];
    if (fn == "cnt" && base.ends_with("_cnt")) fn = "sum";  // not "calls_cnt_cnt_7d"
    const std::string stem = Cat({base, "_", fn});
    column.name =
        UniqueName(Cat({stem, "_", Windows()[rng_.Below(Windows().size())]}), stem, Windows());
    column.type = fn == "cnt" ? "bigint" : fn == "avg" ? "double" : src_type;
    transform = fn == "cnt" ? "count" : fn;
  } else {
    transform = single ? MartTransforms()[rng_.Below(MartTransforms().size())] : "ratio";
    column.name = single && rng_.Percent(40)
                      ? UniqueName(src_name, src_name, MartTransforms())
                      : UniqueName(Cat({src_name, "_", transform}), src_name, MartTransforms());
    transform = SuffixOr(column.name, src_name, transform);
    if (column.name != src_name) column.type = "double";
  }
  const bool identity = single && column.name == src_name;
  const EdgeKind kind = layer == 2 ? EdgeKind::kAggregation
                        : identity ? EdgeKind::kIdentity
                                   : EdgeKind::kTransformation;
  const std::string column_type(column.type);  // `column.type` may view into a moved asset
  column.type = column_type;
  const uint32_t col = AddColumn(column);
  const std::string& to = delta_.upsert_assets[col].fqn;
  for (const Pick& p : picks) {
    edges.edges.push_back(MakeEdge(ColumnFqn(p.table, p.column), to, kind,
                                   identity ? std::string_view() : transform));
  }
  picks.clear();  // now: the key columns already linked indirectly
  for (int pct : kIndirectPct[layer]) {
    if (!rng_.Percent(pct)) continue;
    const uint32_t s = sources[rng_.Below(sources.size())];
    const Pick key{s, static_cast<int>(rng_.Below(tables_[s].keys))};
    if (std::find(picks.begin(), picks.end(), key) != picks.end()) continue;
    picks.push_back(key);
    edges.edges.push_back(MakeEdge(ColumnFqn(key.table, key.column), to, EdgeKind::kIndirect,
                                   kIndirectTransform[layer]));
  }
}

uint32_t MeshBuilder::BeginTable(std::string fqn, int domain, std::string_view layer,
                                 std::string owner, uint16_t hub_mask, std::string description) {
  model::Asset a;
  a.fqn = std::move(fqn);
  a.kind = AssetKind::kTable;
  a.description = std::move(description);
  a.domain = std::string(domains_[domain].name);
  a.owners = {std::move(owner)};
  a.tags = {std::string(layer)};
  if (hub_mask & (1u << 2)) a.tags.push_back("pii");  // msisdn
  a.properties = {{"layer", std::string(layer)}, {"format", layer == "raw" ? "orc" : "parquet"}};
  TableInfo info;
  info.asset = static_cast<uint32_t>(delta_.upsert_assets.size());
  info.first_col = info.asset + 1;
  info.first_base = static_cast<uint32_t>(bases_.size());
  info.hub_mask = hub_mask;
  info.domain = static_cast<uint16_t>(domain);
  delta_.upsert_assets.push_back(std::move(a));
  tables_.push_back(info);
  return static_cast<uint32_t>(tables_.size() - 1);
}

uint32_t MeshBuilder::AddColumn(const ColumnSpec& column) {
  model::Asset a;
  a.fqn = Cat({delta_.upsert_assets[tables_.back().asset].fqn, ".", column.name});
  a.kind = AssetKind::kColumn;
  a.data_type = std::string(column.type);
  delta_.upsert_assets.push_back(std::move(a));
  bases_.push_back(column.base);
  ++tables_.back().columns;
  return static_cast<uint32_t>(delta_.upsert_assets.size() - 1);
}

std::string MeshBuilder::UniqueName(std::string wanted, std::string_view stem,
                                    std::span<const std::string_view> alternatives) {
  if (names_.insert(wanted).second) return wanted;
  for (int attempt = 0; attempt < 4; ++attempt) {
    std::string candidate = Cat({stem, "_", alternatives[rng_.Below(alternatives.size())]});
    if (names_.insert(candidate).second) return candidate;
  }
  for (int n = 2;; ++n) {
    std::string candidate = wanted + "_" + std::to_string(n);
    if (names_.insert(candidate).second) return candidate;
  }
}

std::string_view MeshBuilder::ColumnName(uint32_t table, int column) const {
  const TableInfo& info = tables_[table];
  const size_t prefix = delta_.upsert_assets[info.asset].fqn.size() + 1;
  return std::string_view(delta_.upsert_assets[info.first_col + column].fqn).substr(prefix);
}

const std::string& MeshBuilder::ColumnFqn(uint32_t table, int column) const {
  return delta_.upsert_assets[tables_[table].first_col + column].fqn;
}

std::string MeshBuilder::TableName(int layer, int domain, int index) const {
  const std::vector<std::string_view>& stems = domains_[domain].stems;
  const std::span<const std::string_view> quals = LayerQualifiers(layer);
  const size_t round = stems.size() * quals.size();
  std::string name =
      Cat({stems[index % stems.size()], quals[(index / stems.size()) % quals.size()]});
  if (index >= static_cast<int>(round)) name += "_" + std::to_string(index / round + 1);
  return name;
}

const std::string& MeshBuilder::PickOwner(int domain, RoleClass role_class) {
  const std::vector<std::string>* teams = &owners_[static_cast<int>(role_class)][domain];
  if (teams->empty()) teams = &owners_[static_cast<int>(RoleClass::kData)][domain];
  return (*teams)[rng_.Below(teams->size())];
}

}  // namespace linea::generate::internal
