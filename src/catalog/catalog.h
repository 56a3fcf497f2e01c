// src/catalog/catalog.h: the lineage core — assets, edges, teams, provenance — its single write
// path and its reads.
//
// Every change goes through Apply(): validate against the current graph → one store
// transaction → the same delta applied to the in-memory graph and search index. Other domains
// (runs/, incident/, auth/) join that transaction through domain_write.h. Reads of lineage,
// impact and search use only the in-memory index; asset details and export read the store.
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
#include "catalog/domain_write.h"
#include "catalog/writer.h"
#include "model/delta.h"
#include "model/document.h"
#include "search/name_index.h"
#include "store/store.h"

namespace linea::catalog {

struct ApplyStats {
  size_t assets_upserted = 0;
  size_t assets_deleted = 0;
  size_t edge_sets_replaced = 0;
  size_t edges_written = 0;
  size_t teams_upserted = 0;
  size_t users_upserted = 0;
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
  std::string data_type;            // columns and features; "" when unset
};

struct AssetPage {
  std::vector<AssetSummary> assets;
  std::string next_cursor;
};

// One entry of a browse level: the next FQN segment under a prefix.
struct BrowseEntry {
  std::string name;                      // the segment as written in FQNs (quoted if needed)
  std::string fqn;                       // prefix + "." + name
  std::optional<model::AssetKind> kind;  // set when `fqn` is an asset itself
  size_t assets = 0;                     // assets at `fqn` and below it
};

struct BrowseLevel {
  std::optional<model::AssetKind> kind;  // of the prefix, when it is an asset
  std::vector<BrowseEntry> entries;      // by name
};

// What deleting an asset removes (PreviewDelete).
struct DeletePreview {
  std::string fqn;  // canonical
  model::AssetKind kind;
  std::vector<std::string> assets;  // the asset and every descendant, sorted
  size_t links = 0;                 // lineage links touching any of them
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

  // The store behind the catalog, for the domains that keep their own tables in it (runs/,
  // incident/, auth/): they read it directly and write it only through Apply().
  store::Store& store() const { return *store_; }
  // Registers a domain's in-memory state (domain_write.h) to be kept in step with the
  // catalog's writes. Call before serving; `state` must outlive the catalog.
  void AddDomain(DomainState* state);
  // OK, or kUnavailable when a failed batch left the catalog unable to reload from its store:
  // it then refuses writes and the reads that return a status, and the server answers 503.
  Status health() const;

  // ---- The write path.
  // Validates `delta` (canonical FQNs, known kinds, parents present, endpoints present, no
  // kind change of an existing asset, owners "team:"/"user:"), adds missing service assets
  // and expands deletes to children, then commits it — and `domain`'s part, when given — in
  // one store transaction, then applies both in memory. On any error nothing changes.
  // With a `writer` (every client write; writer.h), the validated delta must be within its
  // scope, and the write — or its refusal or failure — is recorded in the audit log, a
  // successful write in its own transaction.
  // Errors: kInvalidArgument, kNotFound (with candidates), kAlreadyExists, kPermissionDenied
  // (out of the writer's scope), `domain`'s, store errors.
  Result<ApplyStats> Apply(model::Delta delta, DomainWrite* domain = nullptr,
                           const Writer* writer = nullptr);
  // Removes audit records older than `before_ms` (unix ms); returns how many.
  Result<int64_t> PruneAudit(int64_t before_ms);

  // Group commit: several writes in one store transaction (the OpenLineage ingester's, where
  // each event's projection reads what the previous event wrote). A WriteBatch holds the
  // writer lock from BeginBatch() until Commit() or its destruction. Its Apply() is
  // Catalog::Apply() except that the store write is a savepoint of the batch's transaction:
  // the write reaches memory at once, so the batch's next write validates and projects
  // against it, but it is durable only after Commit(). Readers may see a batch's writes up to
  // one batch before they are durable. A write that fails changes nothing and the batch goes
  // on. When Commit() fails, or the batch is dropped without it, the catalog (and every
  // registered DomainState) reloads from the store: none of the batch's writes remain. If that
  // reload fails, health() reports it and the catalog refuses reads and writes.
  class WriteBatch {
   public:
    ~WriteBatch();
    WriteBatch(const WriteBatch&) = delete;
    WriteBatch& operator=(const WriteBatch&) = delete;

    // Errors: Catalog::Apply()'s; kFailedPrecondition after Commit().
    Result<ApplyStats> Apply(model::Delta delta, DomainWrite* domain = nullptr,
                             const Writer* writer = nullptr);
    // Errors: the store's (kUnavailable); kFailedPrecondition when already committed.
    Status Commit();

   private:
    friend class Catalog;
    WriteBatch(Catalog* catalog, std::unique_lock<std::mutex> writer)
        : catalog_(catalog), writer_(std::move(writer)) {}
    // Drops the store's batch and, when a write reached memory, reloads the catalog.
    Status Abandon();

    Catalog* catalog_;
    std::unique_lock<std::mutex> writer_;  // the catalog's write_mu_
    bool open_ = true;
    bool applied_ = false;  // some write reached memory
  };
  // Errors: the store's (kUnavailable when read-only or locked).
  Result<std::unique_ptr<WriteBatch>> BeginBatch();

  // ---- Consistent multi-part reads.
  // Runs `read()` with no write landing while it runs: every read method it calls — store and
  // in-memory alike, the catalog's and the registered domains' — sees the same state. Writers
  // wait for it (and it for a writer's store commit and memory update); graph-only reads never
  // wait for store writes.
  // REQUIRES: `read` does not write and does not call ReadConsistent() again.
  template <typename F>
  auto ReadConsistent(F&& read) const {
    std::shared_lock<std::shared_mutex> no_writer(consistent_mu_);
    return read();
  }

  // ---- Reads over the in-memory index.
  // Impact and Upstream read only the graph; Upstream ranks sources with the evidence its
  // options supply (runs/ and incident/ know it).
  Result<graph::ImpactReport> Impact(std::string_view fqn,
                                     const graph::ImpactOptions& options) const;
  Result<graph::UpstreamReport> Upstream(std::string_view fqn,
                                         const graph::UpstreamOptions& options) const;
  Result<graph::LineageView> Lineage(std::string_view fqn,
                                     const graph::LineageViewOptions& options) const;
  SearchResults Search(const SearchQuery& query) const;
  // Approximate bytes held by the search index (search::NameIndex::MemoryBytes) and the part of
  // them in trigram bitmaps. Builds the index on first use, like Search.
  std::pair<size_t, size_t> SearchIndexBytes() const;
  // One page of assets in FQN order, filtered like Search (kind, effective domain and owner),
  // starting after `cursor` (an FQN; "" = from the start). `next_cursor` is "" on the last page.
  AssetPage ListAssets(const SearchQuery& filter, std::string_view cursor) const;
  // The FQN segments one level below `prefix` ("" = the top: services such as hive, kafka,
  // mlflow), with how many assets each holds: `ls` over the FQN tree, where a level need not be
  // an asset (Hive databases are not). kNotFound (with candidates) when nothing is at or below
  // `prefix`. Scans every asset: O(assets).
  Result<BrowseLevel> Browse(std::string_view prefix) const;
  // Kind, effective domain/owners and data type of `fqn`; nullopt when unknown.
  std::optional<AssetSummary> Summary(std::string_view fqn) const;
  std::optional<model::AssetKind> KindOf(std::string_view fqn) const;
  // The asset `fqn` names: `fqn` itself when it is an asset, else what a registered domain
  // resolves it to (an OpenLineage alias → its table), else `fqn` unchanged.
  std::string Resolve(std::string_view fqn) const;
  // Names of the children of `fqn` (a model's features, a table's columns), sorted.
  std::vector<std::string> ChildNames(std::string_view fqn) const;
  // What Apply(DeleteDelta(fqn)) would remove, from one state of the graph. kNotFound with
  // candidates when unknown.
  Result<DeletePreview> PreviewDelete(std::string_view fqn) const;
  // Provenances asserting a link that touches `fqn` or one of its children, sorted.
  std::vector<std::string> ProvenancesTouching(std::string_view fqn) const;
  // Existing FQNs closest to `fqn`, best first ("did you mean"); empty when none is close.
  std::vector<std::string> Suggest(std::string_view fqn, size_t limit = 5) const;
  // kNotFound "unknown asset <fqn>" with Suggest() candidates.
  Status UnknownAsset(std::string_view fqn) const;
  // kNotFound with similar team names when unknown.
  Result<model::Team> GetTeam(std::string_view name) const;
  std::vector<model::Team> ListTeams() const;
  // kNotFound "unknown user <name>" with similar user names when unknown.
  Result<model::User> GetUser(std::string_view name) const;
  // Every user, by name.
  std::vector<model::User> ListUsers() const;
  CatalogStats stats() const;

  // ---- Reads from the store.
  // kNotFound with candidates when unknown.
  Result<model::Asset> GetAsset(std::string_view fqn) const;
  Result<std::vector<model::Edge>> EdgesOfProvenance(std::string_view provenance) const;
  // The whole catalog as one consistent document.
  Result<model::CatalogDocument> Export() const;

 private:
  explicit Catalog(std::unique_ptr<store::Store> store);
  Status Load();
  // Replaces the graph and name index with what the store holds, and reloads every domain.
  // Used when a batch's writes reached memory but not the store. REQUIRES: write_mu_ and
  // consistent_mu_ held.
  Status Reload();
  // Apply() with write_mu_ held.
  Result<ApplyStats> ApplyLocked(model::Delta delta, DomainWrite* domain, const Writer* writer);
  // ApplyLocked() without the audit record of a failure.
  Result<ApplyStats> ApplyChecked(model::Delta delta, DomainWrite* domain, const Writer* writer);
  // Records `writer`'s failed write in a transaction of its own; best effort.
  void AuditFailure(const Writer& writer, const Status& status);
  // Drops from `delta` each edge set identical (same edges, kinds and transforms, in the same
  // order) to the one this catalog last wrote for its provenance less than kEdgeSetRefresh
  // ago: the store and graph hold it already. A job that reports the same lineage on every run
  // then writes no edge row; its edges' last_seen is refreshed at most once per
  // kEdgeSetRefresh. REQUIRES: write_mu_ held.
  void DropUnchangedEdgeSets(model::Delta* delta, int64_t now);
  // Notes the edge sets `delta` (validated, committed) wrote at `now`.
  // REQUIRES: write_mu_ held.
  void RememberEdgeSets(const model::Delta& delta, int64_t now);
  // Applies a committed delta to the graph and name index. REQUIRES: mu_ held exclusively.
  void ApplyToGraphLocked(const model::Delta& delta);
  // Indexes every live asset's name. REQUIRES: mu_ held exclusively (or not yet shared).
  void IndexAllNamesLocked() const;
  std::vector<std::string> SuggestLocked(std::string_view fqn, size_t limit) const;
  Result<BrowseLevel> BrowseLocked(std::string_view prefix) const;
  // The id of `fqn`, or kNotFound "unknown asset" with suggestions. REQUIRES: mu_ held.
  Result<graph::AssetId> FindLocked(std::string_view fqn) const;
  // Builds the name index on first use (a CLI impact never needs it). REQUIRES: mu_ held.
  const search::NameIndex& Names() const;

  std::unique_ptr<store::Store> store_;
  std::vector<DomainState*> domains_;  // set before serving, then read-only
  mutable std::shared_mutex mu_;  // guards graph_ and names_
  mutable std::mutex write_mu_;   // serializes writers (validate → commit → apply)
  // Held exclusively by a writer from its store write until memory (graph, domains) shows the
  // same write, and by a reload; shared by ReadConsistent() and Export(). Lock order:
  // write_mu_ → consistent_mu_ → mu_ (and the store's and the domains' own locks).
  mutable std::shared_mutex consistent_mu_;
  std::unique_ptr<graph::LineageGraph> graph_;  // replaced only by Reload()
  // Why the catalog refuses work after a failed reload; empty while healthy. Guarded by mu_.
  std::string broken_;
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
};

// The delta that imports `document`: assets and teams upserted, edges grouped by provenance
// (an edge's own, else the document's, else `default_provenance`), each group replacing that
// provenance's edges.
model::Delta ImportDelta(const model::CatalogDocument& document,
                         std::string_view default_provenance);
// The delta that removes the asset `fqn`, its children and every edge touching them.
model::Delta DeleteDelta(std::string_view fqn);

}  // namespace linea::catalog
