// src/store/store.h: the durable truth behind the catalog.
//
// A Store persists assets, lineage edges (grouped by provenance), teams, API tokens and the
// OpenLineage state: aliases, last runs and the raw event log. Every
// write is one transaction: Apply() either commits the whole Delta or changes nothing. Stores
// do no validation beyond what their schema enforces; catalog/ validates before calling Apply().
//
// Thread safety: a Store may be used from several threads; implementations serialize writes
// internally. Readers see committed state only, except during a batch (below).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "model/asset.h"
#include "model/delta.h"
#include "model/incident.h"
#include "model/run.h"

namespace linea::store {

// An API token as persisted: the hash of its secret, never the secret itself. The store does
// not interpret `hash` or `role`; auth/ and catalog/ give them meaning.
struct TokenRecord {
  std::string name;        // unique, also among revoked tokens
  std::string hash;        // lower-case hex SHA-256 of the secret; unique
  std::string role;        // "reader", "writer" or "admin"
  int64_t created_at = 0;  // unix seconds
  int64_t revoked_at = 0;  // unix seconds; 0 = active

  bool operator==(const TokenRecord&) const = default;
};

// Receives the catalog for building the in-memory graph, in this order: every provenance,
// every asset, every edge, every team. Keys are the store's own and only meaningful within
// one Load() call.
class LoadVisitor {
 public:
  virtual ~LoadVisitor() = default;
  virtual void OnProvenance(int64_t key, std::string_view provenance) = 0;
  // `asset` carries fqn, kind, domain, owners and data_type only (what the graph indexes).
  virtual void OnAsset(int64_t key, const model::Asset& asset) = 0;
  virtual void OnEdge(int64_t from_key, int64_t to_key, int64_t provenance_key,
                      model::EdgeKind kind) = 0;
  virtual void OnTeam(const model::Team& team) = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Commits `delta` in one transaction (order: delete_assets, upsert_assets, replace_edges,
  // upsert_teams, upsert_aliases, upsert_runs, append_events, upsert_incidents,
  // upsert_deliveries, delete_subscriptions, upsert_subscriptions). Deleting an asset also
  // deletes its run record and the aliases pointing at it (not its incidents or subscriptions).
  // Edges name assets by FQN; an edge whose endpoint does not exist after the
  // delete/upsert steps fails the whole call with kInvalidArgument. Edges of a replaced
  // provenance that persist keep their first_seen; every edge written gets last_seen = now.
  // Errors: kUnavailable (locked, read-only), kDataLoss (corrupt), kInvalidArgument.
  virtual Status Apply(const model::Delta& delta) = 0;

  // ---- Group commit. Between BeginBatch() and CommitBatch(), each Apply() runs inside one
  // open transaction under its own savepoint: a delta that fails changes nothing and the batch
  // goes on. Every read and write on this store, from any thread, sees the batch's writes
  // before they commit. CommitBatch() makes them durable together; when it fails, none of them
  // is. RollbackBatch() drops them all. One batch at a time: BeginBatch() during a batch is
  // kFailedPrecondition, and so are CommitBatch()/RollbackBatch() without one.
  // Errors: kUnavailable (locked, read-only, and from CommitBatch: I/O errors, disk full,
  // or an error inside the batch after which SQLite had already rolled the transaction back).
  virtual Status BeginBatch() = 0;
  virtual Status CommitBatch() = 0;
  virtual Status RollbackBatch() = 0;

  // Streams the committed catalog to `visitor` from one consistent read snapshot.
  virtual Status Load(LoadVisitor& visitor) = 0;

  // The full asset, or nullopt when `fqn` is unknown.
  virtual Result<std::optional<model::Asset>> GetAsset(std::string_view fqn) = 0;
  // Every asset, ordered by FQN.
  virtual Result<std::vector<model::Asset>> ListAssets() = 0;
  // Every edge with its provenance and timestamps, ordered by (provenance, from, to).
  virtual Result<std::vector<model::Edge>> ListEdges() = 0;
  // The edges of one provenance, ordered by (from, to); empty when unknown.
  virtual Result<std::vector<model::Edge>> EdgesOfProvenance(std::string_view provenance) = 0;
  // Every team, ordered by name.
  virtual Result<std::vector<model::Team>> ListTeams() = 0;

  // ---- OpenLineage state (see model/run.h).
  // Every alias, ordered by alias.
  virtual Result<std::vector<model::Alias>> ListAliases() = 0;
  // Every asset's last run, ordered by asset FQN.
  virtual Result<std::vector<model::RunRecord>> ListRuns() = 0;
  // Whether an event with `hash` is in the event log.
  virtual Result<bool> HasEvent(std::string_view hash) = 0;
  // Up to `limit` logged events in append order, starting after position `after` (0 = from the
  // first); each event's position is returned with it. Positions are stable and increasing.
  virtual Result<std::vector<std::pair<int64_t, model::RawEvent>>> ListEvents(int64_t after,
                                                                              size_t limit) = 0;
  // Number of logged events.
  virtual Result<int64_t> CountEvents() = 0;

  // ---- Incidents (see model/incident.h).
  // The incident `id` with its timeline; nullopt when unknown.
  virtual Result<std::optional<model::Incident>> GetIncident(std::string_view id) = 0;
  // Incidents, newest first (opened_at descending, then id ascending); `state` "" = any, else
  // only that state.
  // Timelines and impact_json included.
  virtual Result<std::vector<model::Incident>> ListIncidents(std::string_view state) = 0;
  // The deliveries of one incident, ordered by (created_at, id).
  virtual Result<std::vector<model::Delivery>> DeliveriesOf(std::string_view incident_id) = 0;
  // Every delivery in state "pending", ordered by (next_attempt_at, id).
  virtual Result<std::vector<model::Delivery>> PendingDeliveries() = 0;
  // Every subscription, ordered by (subscriber, kind, target).
  virtual Result<std::vector<model::Subscription>> ListSubscriptions() = 0;

  // ---- API tokens.
  // Stores a new token. kAlreadyExists when `token.name` (or its hash) is already stored,
  // revoked or not; kUnavailable when the store is read-only or locked.
  virtual Status PutToken(const TokenRecord& token) = 0;
  // Marks the token `name` revoked at `at` (unix seconds). Revoking a revoked token is OK and
  // keeps its first revoked_at. kNotFound when no token is named `name`.
  virtual Status RevokeToken(std::string_view name, int64_t at) = 0;
  // Every token, revoked ones included, ordered by name.
  virtual Result<std::vector<TokenRecord>> ListTokens() = 0;

  // Version of the schema this store was opened with.
  virtual int schema_version() const = 0;
};

}  // namespace linea::store
