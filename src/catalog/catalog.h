// src/catalog/catalog.h: the single write path and the read façade.
//
// Every change goes through Apply(): validate against the current graph → one store
// transaction → the same delta applied to the in-memory graph and search index. Reads of
// lineage, impact and search use only the in-memory index; asset details and export read the
// store.
//
// Thread safety: all methods may be called concurrently. Writers are serialized; readers run
// in parallel and never observe a half-applied delta. Each read method is consistent on its
// own; a read that combines several (an asset's stored attributes with its children from the
// graph) runs them inside ReadConsistent() to see them all from one state of the catalog.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/result.h"
#include "graph/impact.h"
#include "graph/lineage_graph.h"
#include "graph/lineage_view.h"
#include "model/delta.h"
#include "model/document.h"
#include "model/run.h"
#include "search/name_index.h"
#include "auth/token.h"
#include "store/store.h"

namespace linea::catalog {

struct ApplyStats {
  size_t assets_upserted = 0;
  size_t assets_deleted = 0;
  size_t edge_sets_replaced = 0;
  size_t edges_written = 0;
  size_t teams_upserted = 0;
};

struct SearchQuery {
  std::string text;
  std::optional<model::AssetKind> kind;
  std::string domain;  // effective domain; "" = any
  std::string owner;   // "team:x" / "user:x" among effective owners; "" = any
  size_t limit = 20;
  size_t offset = 0;
};

struct SearchHit {
  std::string fqn;
  model::AssetKind kind;
  std::string name;
  double score = 0;
  std::string domain;
  std::vector<std::string> owners;
};

struct SearchResults {
  std::vector<SearchHit> results;  // best first; ties by FQN
  size_t total = 0;
};

struct AssetSummary {
  std::string fqn;
  model::AssetKind kind;
  std::string domain;               // effective
  std::vector<std::string> owners;  // effective
};

struct AssetPage {
  std::vector<AssetSummary> assets;
  std::string next_cursor;
};

struct CatalogStats {
  size_t assets = 0;
  size_t links = 0;
  size_t provenances = 0;
  size_t teams = 0;
  size_t graph_bytes = 0;
};

class Catalog {
 public:
  // Loads the graph and search index from `store`. Errors: the store's (kUnavailable,
  // kDataLoss, …).
  static Result<std::unique_ptr<Catalog>> Open(std::unique_ptr<store::Store> store);
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

  // ---- The write path.
  // Validates `delta` (canonical FQNs, known kinds, parents present, endpoints present, no
  // kind change of an existing asset, owners "team:"/"user:"), adds missing service assets
  // and expands deletes to children, commits, applies. On any error nothing changes.
  // Errors: kInvalidArgument, kNotFound (with candidates), kAlreadyExists, store errors.
  Result<ApplyStats> Apply(model::Delta delta);
  // Imports a document: assets and teams upserted, edges grouped by provenance (an edge's own,
  // else the document's, else `default_provenance`) each replacing that provenance's edges.
  Result<ApplyStats> Import(const model::CatalogDocument& document,
                            std::string_view default_provenance);
  // Removes an asset, its children and every edge touching them. kNotFound with candidates.
  Result<ApplyStats> Delete(std::string_view fqn);

  // Group commit: several deltas in one store transaction (the OpenLineage ingester's, where
  // each event's projection reads what the previous event wrote). A WriteBatch holds the
  // writer lock from BeginBatch() until Commit() or its destruction. Its Apply() is
  // Catalog::Apply() except that the store write is a savepoint of the batch's transaction:
  // the delta reaches the graph at once, so the batch's next delta validates and projects
  // against it, but it is durable only after Commit(). Readers may see a batch's deltas up to
  // one batch before they are durable. A delta that fails changes nothing and the batch goes
  // on. When Commit() fails, or the batch is dropped without it, the catalog reloads from the
  // store: none of the batch's deltas remain.
  class WriteBatch {
   public:
    ~WriteBatch();
    WriteBatch(const WriteBatch&) = delete;
    WriteBatch& operator=(const WriteBatch&) = delete;

    // Errors: Catalog::Apply()'s; kFailedPrecondition after Commit().
    Result<ApplyStats> Apply(model::Delta delta);
    // Errors: the store's (kUnavailable); kFailedPrecondition when already committed.
    Status Commit();

   private:
    friend class Catalog;
    WriteBatch(Catalog* catalog, std::unique_lock<std::mutex> writer)
        : catalog_(catalog), writer_(std::move(writer)) {}
    // Drops the store's batch and, when a delta reached the graph, reloads the catalog.
    Status Abandon();

    Catalog* catalog_;
    std::unique_lock<std::mutex> writer_;  // the catalog's write_mu_
    bool open_ = true;
    bool applied_ = false;  // some delta reached the graph
  };
  // Errors: the store's (kUnavailable when read-only or locked).
  Result<std::unique_ptr<WriteBatch>> BeginBatch();

  // ---- Consistent multi-part reads.
  // Runs `read()` with no write landing while it runs: every read method it calls — store and
  // in-memory alike — sees the same state of the catalog. Writers wait for it (and it for a
  // writer's store commit and graph update); graph-only reads never wait for store writes.
  // REQUIRES: `read` does not write and does not call ReadConsistent() again.
  template <typename F>
  auto ReadConsistent(F&& read) const {
    std::shared_lock<std::shared_mutex> no_writer(consistent_mu_);
    return read();
  }

  // ---- Reads over the in-memory index.
  Result<graph::ImpactReport> Impact(std::string_view fqn,
                                     const graph::ImpactOptions& options) const;
  Result<graph::UpstreamReport> Upstream(std::string_view fqn,
                                         const graph::UpstreamOptions& options) const;
  Result<graph::LineageView> Lineage(std::string_view fqn,
                                     const graph::LineageViewOptions& options) const;
  SearchResults Search(const SearchQuery& query) const;
  // One page of assets in FQN order, filtered like Search (kind, effective domain and owner),
  // starting after `cursor` (an FQN; "" = from the start). `next_cursor` is "" on the last page.
  AssetPage ListAssets(const SearchQuery& filter, std::string_view cursor) const;
  // Kind and effective domain/owners of `fqn`; nullopt when unknown.
  std::optional<AssetSummary> Summary(std::string_view fqn) const;
  // kNotFound with similar team names when unknown.
  Result<model::Team> GetTeam(std::string_view name) const;
  std::vector<model::Team> ListTeams() const;
  // Existing FQNs closest to `fqn`, best first ("did you mean"); empty when none is close.
  std::vector<std::string> Suggest(std::string_view fqn, size_t limit = 5) const;
  // kNotFound "unknown asset <fqn>" with Suggest() candidates.
  Status UnknownAsset(std::string_view fqn) const;
  std::optional<model::AssetKind> KindOf(std::string_view fqn) const;
  // The data type of the column/feature `fqn` ("" when unset); nullopt when unknown.
  std::optional<std::string> DataTypeOf(std::string_view fqn) const;
  // Names of the children of `fqn` (a model's features, a table's columns), sorted.
  std::vector<std::string> ChildNames(std::string_view fqn) const;
  CatalogStats stats() const;

  // ---- OpenLineage state (catalog/runs.cc), held in memory and written through Apply().
  // The last run recorded for `fqn`; nullopt when none.
  std::optional<model::RunRecord> LastRun(std::string_view fqn) const;
  // The asset `fqn` names: the alias target when `fqn` is an alias, else `fqn` itself.
  std::string ResolveAlias(std::string_view fqn) const;
  // Aliases pointing at `fqn`, sorted.
  std::vector<std::string> AliasesOf(std::string_view fqn) const;
  // Provenances asserting a link that touches `fqn` or one of its children, sorted.
  std::vector<std::string> ProvenancesTouching(std::string_view fqn) const;
  // Evidence that `fqn` may be a cause: its last run failed or aborted ("run_failed"), data
  // quality assertions failed in its last run ("check_failed"). Empty when none.
  std::vector<graph::Evidence> EvidenceFor(std::string_view fqn) const;
  // The event log (store reads).
  Result<bool> HasEvent(std::string_view hash) const;
  Result<int64_t> CountEvents() const;
  Result<std::vector<std::pair<int64_t, model::RawEvent>>> ListEvents(int64_t after,
                                                                      size_t limit) const;

  // ---- Incidents, outbox, subscriptions (catalog/incidents.cc). Written through Apply().
  // The id of the unresolved (open or acknowledged) incident on `fqn`; nullopt when none.
  std::optional<std::string> UnresolvedIncidentOn(std::string_view fqn) const;
  // kNotFound "unknown incident <id>".
  Result<model::Incident> GetIncident(std::string_view id) const;
  // Newest first; `state` "" = any.
  Result<std::vector<model::Incident>> ListIncidents(std::string_view state) const;
  Result<std::vector<model::Delivery>> DeliveriesOf(std::string_view incident_id) const;
  Result<std::vector<model::Delivery>> PendingDeliveries() const;
  Result<std::vector<model::Subscription>> ListSubscriptions() const;

  // ---- API tokens (catalog/tokens.cc). Only hashes are stored; the secret is returned once.
  // Creates a token named `name` with `role`; returns the secret. kAlreadyExists when the name
  // is taken (also by a revoked token), kInvalidArgument for a bad name.
  Result<std::string> CreateToken(std::string_view name, auth::Role role);
  // Revokes the token `name`. kNotFound when unknown.
  Status RevokeToken(std::string_view name);
  // Every token (never the secret), ordered by name.
  Result<std::vector<auth::TokenInfo>> ListTokens() const;
  // The active token whose secret is `secret`; nullopt when unknown or revoked. Constant-time in
  // the secret's content, served from memory.
  std::optional<auth::TokenInfo> Authenticate(std::string_view secret) const;
  // Re-reads the tokens from the store, so tokens created or revoked by another process (e.g.
  // `linea token create --db` next to a running server) take effect. Called at open.
  Status ReloadTokens();

  // ---- Reads from the store.
  // kNotFound with candidates when unknown.
  Result<model::Asset> GetAsset(std::string_view fqn) const;
  Result<std::vector<model::Edge>> EdgesOfProvenance(std::string_view provenance) const;
  Result<model::CatalogDocument> Export() const;

 private:
  explicit Catalog(std::unique_ptr<store::Store> store);
  Status Load();
  // Replaces the graph, name index and side state with what the store holds. Used when a
  // batch's deltas reached the graph but not the store. REQUIRES: write_mu_ and
  // consistent_mu_ held.
  Status Reload();
  // Apply() with write_mu_ held.
  Result<ApplyStats> ApplyLocked(model::Delta delta);
  // Drops from `delta` each edge set identical (same edges, kinds and transforms, in the same
  // order) to the one this catalog last wrote for its provenance less than kEdgeSetRefresh
  // ago: the store and graph hold it already. A job that reports the same lineage on every run
  // then writes no edge row; its edges' last_seen is refreshed at most once per
  // kEdgeSetRefresh. REQUIRES: write_mu_ held.
  void DropUnchangedEdgeSets(model::Delta* delta, int64_t now);
  // Notes the edge sets `delta` (validated, committed) wrote at `now`.
  // REQUIRES: write_mu_ held.
  void RememberEdgeSets(const model::Delta& delta, int64_t now);
  // Indexes every live asset's name. REQUIRES: mu_ held exclusively (or not yet shared).
  void IndexAllNamesLocked() const;
  std::vector<std::string> SuggestLocked(std::string_view fqn, size_t limit) const;
  // The id of `fqn`, or kNotFound "unknown asset" with suggestions. REQUIRES: mu_ held.
  Result<graph::AssetId> FindLocked(std::string_view fqn) const;
  // Loads unresolved_incidents_ from the store. Called at open.
  Status LoadIncidents();
  // Loads runs_ and aliases_ from the store. Called at open.
  Status LoadRunState();
  // Applies the delta's deletes, aliases, runs and incidents to the in-memory state beside the
  // graph (runs_, aliases_, unresolved_incidents_). REQUIRES: mu_ held exclusively, after the
  // store committed `delta`.
  void ApplySideStateLocked(const model::Delta& delta);
  std::vector<graph::Evidence> EvidenceLocked(std::string_view fqn) const;
  // Builds the name index on first use (a CLI impact never needs it). REQUIRES: mu_ held.
  const search::NameIndex& Names() const;

  std::unique_ptr<store::Store> store_;
  mutable std::shared_mutex mu_;  // guards graph_ and names_
  mutable std::mutex write_mu_;   // serializes writers (validate → commit → apply); Export()
  // Held exclusively by a writer from its store write until the graph (and side state) show the
  // same delta, and by a reload; shared by ReadConsistent(). Lock order: write_mu_ →
  // consistent_mu_ → mu_ (and the store's own lock).
  mutable std::shared_mutex consistent_mu_;
  std::unique_ptr<graph::LineageGraph> graph_;  // replaced only by Reload()
  // The edge sets this catalog wrote, by provenance: SHA-256 of their canonical form and the
  // unix second of the write (see DropUnchangedEdgeSets). Guarded by write_mu_; emptied by any
  // delete and by Reload().
  struct WrittenEdgeSet {
    std::string fingerprint;
    int64_t at = 0;
  };
  static constexpr int64_t kEdgeSetRefresh = 60;
  std::unordered_map<std::string, WrittenEdgeSet> written_edge_sets_;
  mutable search::NameIndex names_;
  mutable std::once_flag names_once_;
  mutable std::atomic<bool> names_built_{false};
  // Last run per asset FQN, alias → asset, asset → its aliases; guarded by mu_.
  std::unordered_map<std::string, model::RunRecord> runs_;
  std::map<std::string, std::string, std::less<>> aliases_;
  std::multimap<std::string, std::string, std::less<>> aliases_by_target_;
  // Unresolved incidents: asset FQN → (incident id, severity, state, title); guarded by mu_.
  struct OpenIncident {
    std::string id, severity, state, title;
    int64_t opened_at = 0;
  };
  std::map<std::string, OpenIncident, std::less<>> unresolved_incidents_;
  // Active tokens by secret hash; guarded by mu_.
  std::map<std::string, auth::TokenInfo, std::less<>> tokens_by_hash_;
};

}  // namespace linea::catalog
