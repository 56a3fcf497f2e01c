// src/graph/lineage_graph.h: the in-memory lineage index.
//
// Built from the store at open (BeginLoad/Load*/FinishLoad) and kept current by applying
// every committed Delta (ApplyDelta). Assets are interned to dense ids; lineage links are
// kept in sorted adjacency vectors both ways; a link (from, to) folds every provenance that
// asserts it (its witnesses). Containment (table ⊃ column, model ⊃ feature, service ⊃ table)
// is kept as parent/children.
//
// Thread safety: not internally synchronized. Const methods may run concurrently with each
// other; a mutator needs exclusive access (catalog/ holds a shared_mutex).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/fqn_index.h"
#include "graph/string_pool.h"
#include "model/asset.h"
#include "model/delta.h"
#include "model/kind.h"

namespace linea::graph {

using AssetId = uint32_t;
using LinkId = uint32_t;
using ProvenanceId = uint32_t;
inline constexpr AssetId kNoAsset = UINT32_MAX;

// One adjacency entry: the neighbour and the link that joins them.
struct Adjacent {
  AssetId node;
  LinkId link;
};

class LineageGraph {
 public:
  LineageGraph();
  LineageGraph(const LineageGraph&) = delete;
  LineageGraph& operator=(const LineageGraph&) = delete;

  // ---- Bulk load (store → graph), used once at open.
  // Adds an asset (fqn, kind, domain, owners only are read). REQUIRES: fqn is new.
  AssetId LoadAsset(const model::Asset& asset);
  ProvenanceId InternProvenance(std::string_view provenance);
  // Queues a link witness; duplicates are folded by FinishLoad().
  void LoadLink(AssetId from, AssetId to, ProvenanceId provenance, model::EdgeKind kind);
  // Links parents, builds sorted adjacency. REQUIRES: called once after the Load* calls.
  void FinishLoad();

  // ---- Incremental updates.
  // Applies a committed, validated delta: `delete_assets` closed under children; every edge
  // endpoint exists after the delete/upsert steps.
  void ApplyDelta(const model::Delta& delta);
  void UpsertTeam(const model::Team& team);
  void UpsertUser(const model::User& user);

  // ---- Reads.
  std::optional<AssetId> Find(std::string_view fqn) const;
  bool alive(AssetId id) const { return id < kind_.size() && alive_[id]; }
  std::string_view fqn(AssetId id) const { return fqn_[id]; }
  // The last segment, unquoted.
  std::string_view name(AssetId id) const { return name_[id]; }
  model::AssetKind kind(AssetId id) const { return kind_[id]; }
  AssetId parent(AssetId id) const { return parent_[id]; }
  std::span<const AssetId> children(AssetId id) const { return children_[id]; }
  std::span<const Adjacent> downstream(AssetId id) const { return out_[id]; }
  std::span<const Adjacent> upstream(AssetId id) const { return in_[id]; }

  // The asset's own domain ("" when unset) and the effective one (inherited from the nearest
  // ancestor that sets it).
  std::string_view domain(AssetId id) const { return strings_[domain_[id]]; }
  // Columns and features: "string", "double", …; "" when unknown.
  std::string_view data_type(AssetId id) const { return strings_[data_type_[id]]; }
  std::string_view EffectiveDomain(AssetId id) const;
  std::vector<std::string_view> owners(AssetId id) const;
  std::vector<std::string_view> EffectiveOwners(AssetId id) const;

  model::EdgeKind link_kind(LinkId link) const { return links_[link].kind; }
  // Provenances asserting `link`, in the order they were added.
  std::vector<std::string_view> Witnesses(LinkId link) const;
  std::optional<LinkId> FindLink(AssetId from, AssetId to) const;

  const model::Team* FindTeam(std::string_view name) const;
  const std::map<std::string, model::Team, std::less<>>& teams() const { return teams_; }
  // nullptr when no user is called `name`.
  const model::User* FindUser(std::string_view name) const;
  const std::map<std::string, model::User, std::less<>>& users() const { return users_; }

  // Ids ever allocated (alive or not): the bound for per-id scratch arrays.
  size_t capacity() const { return kind_.size(); }
  size_t asset_count() const { return fqns_.size(); }
  size_t link_count() const { return live_links_; }
  size_t provenance_count() const { return provenances_.size(); }
  // Rough heap bytes held (for /metrics and benchmarks).
  size_t ApproximateMemoryBytes() const;

 private:
  struct Link {
    AssetId from = kNoAsset;
    AssetId to = kNoAsset;
    ProvenanceId witness = 0;    // first witness
    uint32_t more = 0;           // index into more_witnesses_, 0 = none
    model::EdgeKind kind = model::EdgeKind::kUnspecified;
    bool alive = false;
  };
  struct PendingLink {
    AssetId from, to;
    ProvenanceId provenance;
    model::EdgeKind kind;
  };

  AssetId AddAsset(const model::Asset& asset);
  void SetAttributes(AssetId id, const model::Asset& asset);
  uint32_t InternString(std::string_view s);
  uint32_t InternOwnerSet(const std::vector<std::string>& owners);
  std::string_view ParentFqn(AssetId id) const;
  void LinkParent(AssetId id);
  void DeleteAsset(AssetId id, std::vector<AssetId>* touched);
  void ReplaceProvenance(const model::EdgeSet& set, std::vector<PendingLink>* added,
                         std::vector<AssetId>* touched);
  bool RemoveWitness(LinkId link, ProvenanceId provenance);
  void KillLink(LinkId link, std::vector<AssetId>* touched);
  void AddWitness(LinkId link, ProvenanceId provenance);
  LinkId NewLink(const PendingLink& p);
  void AddLinks(std::vector<PendingLink> pending, std::vector<AssetId>* touched);
  void CompactAdjacency(std::vector<AssetId>* touched);

  StringPool pool_;
  FqnIndex fqns_;
  // Per asset id.
  std::vector<std::string_view> fqn_;
  std::vector<std::string_view> name_;
  std::vector<model::AssetKind> kind_;
  std::vector<uint8_t> alive_;
  std::vector<AssetId> parent_;
  std::vector<uint32_t> domain_;     // index into strings_
  std::vector<uint32_t> data_type_;  // index into strings_
  std::vector<uint32_t> owner_set_;  // index into owner_sets_
  std::vector<std::vector<AssetId>> children_;
  std::vector<std::vector<Adjacent>> out_;
  std::vector<std::vector<Adjacent>> in_;

  // Interned small strings (domains, owners); index 0 is "".
  std::vector<std::string_view> strings_;
  std::unordered_map<std::string_view, uint32_t> string_ids_;
  // Interned owner sets; index 0 is the empty set.
  std::vector<std::vector<uint32_t>> owner_sets_;
  std::map<std::vector<uint32_t>, uint32_t> owner_set_ids_;

  std::vector<Link> links_;
  std::vector<LinkId> free_links_;
  std::vector<LinkId> dead_links_;  // killed during the current delta
  std::vector<std::vector<ProvenanceId>> more_witnesses_;
  std::vector<uint32_t> free_more_;
  size_t live_links_ = 0;

  std::vector<std::string_view> provenances_;
  std::unordered_map<std::string_view, ProvenanceId> provenance_ids_;
  // Links each provenance asserted; may hold stale ids, checked on use.
  std::vector<std::vector<LinkId>> provenance_links_;

  std::vector<PendingLink> load_links_;
  std::map<std::string, model::Team, std::less<>> teams_;
  std::map<std::string, model::User, std::less<>> users_;
};

}  // namespace linea::graph
