// src/generate/internal/builder.h: MeshBuilder, the state of one GenerateMesh() call.
//
// hive_builder.cc adds services, teams, pipelines, topics and the layered Hive tables with
// their column lineage; ml_builder.cc adds models, features, deployments, score tables and
// dashboards. Lineage only ever points from a lower layer to a higher one (topic → raw → ods →
// agg → mart → feature → model → deployment / score table; mart → dashboard), so the graph is
// acyclic by construction.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "generate/internal/rng.h"
#include "generate/internal/spec.h"
#include "generate/internal/vocabulary.h"
#include "model/delta.h"

namespace linea::generate::internal {

// A generated Hive table: its column assets are upsert_assets[first_col, first_col + columns),
// the first `keys` of them hub keys (in hub order), the rest measures.
struct TableInfo {
  uint32_t asset = 0;
  uint32_t first_col = 0;
  uint32_t first_base = 0;  // index of its first column in MeshBuilder::bases_
  uint16_t columns = 0;
  uint16_t keys = 0;
  uint16_t hub_mask = 0;
  uint16_t domain = 0;
};

// One column about to be added: name, type, the vocabulary word it derives from.
struct ColumnSpec {
  std::string name;
  std::string_view type;
  std::string_view base;
};

// An edge with `transform` as its expression text (provenance comes from its EdgeSet).
inline model::Edge MakeEdge(const std::string& from, const std::string& to, model::EdgeKind kind,
                            std::string_view transform) {
  model::Edge e;
  e.from = from;
  e.to = to;
  e.kind = kind;
  e.transform = std::string(transform);
  return e;
}

inline std::string Cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) out += p;
  return out;
}

// The part of `name` after "<stem>_", as a view into `name`; `fallback` when `name` does not
// have that shape or the rest is a numeric de-duplication suffix.
std::string_view SuffixOr(std::string_view name, std::string_view stem, std::string_view fallback);

// Not thread-safe; build one mesh per instance.
class MeshBuilder {
 public:
  MeshBuilder(const ScaleSpec& spec, uint64_t seed);
  MeshBuilder(const MeshBuilder&) = delete;
  MeshBuilder& operator=(const MeshBuilder&) = delete;

  // REQUIRES: called once.
  model::Delta Build();

 private:
  // hive_builder.cc
  void Reserve();
  void AddServices();
  void AddTeams();
  void AddPipelines();
  void AddRawTable(int domain, int index);
  void AddDerivedTable(int layer, int domain, int index);
  std::vector<uint32_t> PickSources(int layer, int domain, int index);
  std::vector<ColumnSpec> RawColumns(int domain, uint16_t* hub_mask);
  void AddKeys(const std::vector<uint32_t>& sources, model::EdgeSet& edges);
  void AddMeasure(int layer, const std::vector<uint32_t>& sources, model::EdgeSet& edges);
  // Appends the table asset and registers it in tables_ (columns follow via AddColumn).
  uint32_t BeginTable(std::string fqn, int domain, std::string_view layer, std::string owner,
                      uint16_t hub_mask, std::string description);
  // Appends a column of the table begun last; returns its asset index.
  uint32_t AddColumn(const ColumnSpec& column);
  // A fresh name in the current table: `wanted` if free, else a variant from `alternatives`,
  // else `wanted` with a numeric suffix.
  std::string UniqueName(std::string wanted, std::string_view stem,
                         std::span<const std::string_view> alternatives);
  std::string_view ColumnName(uint32_t table, int column) const;
  const std::string& ColumnFqn(uint32_t table, int column) const;
  std::string TableName(int layer, int domain, int index) const;
  const std::string& PickOwner(int domain, RoleClass role_class);

  // ml_builder.cc
  void AddModel(int index);
  std::vector<uint32_t> PickModelTables(int domain);
  void AddFeatures(const std::string& model_fqn, int domain, model::EdgeSet& edges);
  void AddScoreTable(const std::string& model_fqn, std::string_view model_name, int domain,
                     const std::string& owner, model::EdgeSet& edges);
  void AddDashboards();
  std::string ModelName(int domain, int index) const;
  bool HostsModels(int domain) const;

  const ScaleSpec spec_;
  const std::vector<Domain>& domains_;
  Rng rng_;
  model::Delta delta_;
  std::vector<TableInfo> tables_;
  std::vector<std::string_view> bases_;  // per layered-table column: its vocabulary word
  // layer_tables_[layer][domain]: indexes into tables_.
  std::vector<std::vector<uint32_t>> layer_tables_[kLayerCount];
  // owners_[domain][class]: "team:<name>" of that domain and role class.
  std::vector<std::vector<std::string>> owners_[3];
  std::unordered_set<std::string> names_;  // column names of the current table or model
  int raw_counter_ = 0;                    // raw tables so far, for kafka_stride
};

}  // namespace linea::generate::internal
