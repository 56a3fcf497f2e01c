#include "catalog/catalog.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <unordered_set>

#include "catalog/validate.h"
#include "catalog/write_check.h"
#include "common/sha256.h"
#include "common/status_macros.h"
#include "common/strings.h"
#include "model/fqn.h"

namespace linea::catalog {
namespace {

// Feeds store rows into the graph, translating store keys to graph ids.
class GraphLoader : public store::LoadVisitor {
 public:
  explicit GraphLoader(graph::LineageGraph* graph) : graph_(graph) {}

  void OnProvenance(int64_t key, std::string_view provenance) override {
    Slot(&provenances_, key) = graph_->InternProvenance(provenance);
  }
  void OnAsset(int64_t key, const model::Asset& asset) override {
    Slot(&assets_, key) = graph_->LoadAsset(asset);
  }
  void OnEdge(int64_t from, int64_t to, int64_t provenance, model::EdgeKind kind) override {
    graph::AssetId f = Get(assets_, from), t = Get(assets_, to);
    uint32_t p = Get(provenances_, provenance);
    if (f == graph::kNoAsset || t == graph::kNoAsset || p == graph::kNoAsset) {
      ++dangling_;
      return;
    }
    graph_->LoadLink(f, t, p, kind);
  }
  void OnTeam(const model::Team& team) override { graph_->UpsertTeam(team); }
  void OnUser(const model::User& user) override { graph_->UpsertUser(user); }
  size_t dangling() const { return dangling_; }

 private:
  static uint32_t& Slot(std::vector<uint32_t>* map, int64_t key) {
    size_t k = static_cast<size_t>(key);
    if (map->size() <= k) map->resize(std::max(k + 1, map->size() * 2), graph::kNoAsset);
    return (*map)[k];
  }
  static uint32_t Get(const std::vector<uint32_t>& map, int64_t key) {
    size_t k = static_cast<size_t>(key);
    return key >= 0 && k < map.size() ? map[k] : graph::kNoAsset;
  }

  graph::LineageGraph* graph_;
  std::vector<uint32_t> assets_;
  std::vector<uint32_t> provenances_;
  size_t dangling_ = 0;
};

// SHA-256 of an edge set's edges in their order, each as from, to, kind and transform.
std::string FingerprintOf(const model::EdgeSet& set) {
  std::string text;
  for (const model::Edge& e : set.edges) {
    text += e.from;
    text += '\0';
    text += e.to;
    text += '\0';
    text += std::to_string(static_cast<int>(e.kind));
    text += '\0';
    text += e.transform;
    text += '\n';
  }
  return Sha256Hex(text);
}

int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Two audit details as one: "a; b", or whichever is not empty.
std::string JoinDetails(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  return b.empty() ? a : a + "; " + b;
}

ApplyStats StatsOf(const model::Delta& d) {
  ApplyStats s;
  s.assets_upserted = d.upsert_assets.size();
  s.assets_deleted = d.delete_assets.size();
  s.edge_sets_replaced = d.replace_edges.size();
  for (const model::EdgeSet& set : d.replace_edges) s.edges_written += set.edges.size();
  s.teams_upserted = d.upsert_teams.size();
  s.users_upserted = d.upsert_users.size();
  return s;
}

}  // namespace

Catalog::Catalog(std::unique_ptr<store::Store> store)
    : store_(std::move(store)), graph_(std::make_unique<graph::LineageGraph>()) {}

Result<std::unique_ptr<Catalog>> Catalog::Open(std::unique_ptr<store::Store> store) {
  std::unique_ptr<Catalog> catalog(new Catalog(std::move(store)));
  LINEA_RETURN_IF_ERROR(catalog->Load());
  return catalog;
}

Status Catalog::Load() {
  GraphLoader loader(graph_.get());
  LINEA_RETURN_IF_ERROR(store_->lineage().Load(loader));
  graph_->FinishLoad();
  return Status();
}

Status Catalog::Reload() {
  auto fresh = std::make_unique<graph::LineageGraph>();
  GraphLoader loader(fresh.get());
  Status loaded = store_->lineage().Load(loader);
  for (DomainState* domain : domains_) {
    if (loaded.ok()) loaded = domain->Reload();
  }
  written_edge_sets_.clear();
  std::unique_lock<std::shared_mutex> write(mu_);
  if (!loaded.ok()) {
    // Memory holds writes the store dropped and cannot be rebuilt: refuse to serve it.
    broken_ = "the catalog could not reload from its store after a failed batch (" +
              loaded.message() + "); restart the process";
    return loaded;
  }
  fresh->FinishLoad();
  graph_ = std::move(fresh);
  if (names_built_) {
    names_.Clear();
    IndexAllNamesLocked();
  }
  return Status();
}

void Catalog::AddDomain(DomainState* state) { domains_.push_back(state); }

Status Catalog::health() const {
  std::shared_lock<std::shared_mutex> read(mu_);
  if (broken_.empty()) return Status();
  return UnavailableError(broken_);
}

void Catalog::IndexAllNamesLocked() const {
  for (graph::AssetId id = 0; id < graph_->capacity(); ++id) {
    if (graph_->alive(id)) names_.Add(id, graph_->name(id));
  }
}

const search::NameIndex& Catalog::Names() const {
  std::call_once(names_once_, [this] {
    IndexAllNamesLocked();
    names_built_ = true;
  });
  return names_;
}

// ---------------------------------------------------------------- writes

Result<ApplyStats> Catalog::Apply(model::Delta delta, DomainWrite* domain,
                                 const Writer* writer) {
  std::lock_guard<std::mutex> lock(write_mu_);
  return ApplyLocked(std::move(delta), domain, writer);
}

Result<int64_t> Catalog::PruneAudit(int64_t before_ms) {
  std::lock_guard<std::mutex> lock(write_mu_);
  LINEA_RETURN_IF_ERROR(health());
  int64_t pruned = 0;
  LINEA_RETURN_IF_ERROR(store_->Write([&](store::WriteTxn& txn) -> Status {
    LINEA_ASSIGN_OR_RETURN(pruned, store_->audit().Prune(txn, before_ms));
    return Status();
  }));
  return pruned;
}

Result<ApplyStats> Catalog::ApplyLocked(model::Delta delta, DomainWrite* domain,
                                        const Writer* writer) {
  Result<ApplyStats> stats = ApplyChecked(std::move(delta), domain, writer);
  if (!stats.ok() && writer) AuditFailure(*writer, stats.status());
  return stats;
}

void Catalog::AuditFailure(const Writer& writer, const Status& status) {
  if (!health().ok()) return;
  store::AuditRecord record = internal::RefusalOf(writer, status);
  record.at_ms = NowMillis();
  store_->Write([&](store::WriteTxn& txn) { return store_->audit().Append(txn, record); })
      .IgnoreError();  // a write that failed for the store's sake cannot be recorded either
}

Result<ApplyStats> Catalog::ApplyChecked(model::Delta delta, DomainWrite* domain,
                                         const Writer* writer) {
  LINEA_RETURN_IF_ERROR(health());
  const int64_t now = NowSeconds();
  DropUnchangedEdgeSets(&delta, now);
  std::optional<store::AuditRecord> audit;
  {
    std::shared_lock<std::shared_mutex> read(mu_);
    auto suggest = [this](std::string_view fqn) { return SuggestLocked(fqn, 5); };
    LINEA_RETURN_IF_ERROR(internal::ValidateDelta(*graph_, suggest, &delta));
    if (writer) LINEA_RETURN_IF_ERROR(internal::CheckWriter(*graph_, delta, *writer));
    if (domain) {
      internal::FutureView future(*graph_, delta, suggest);
      LINEA_RETURN_IF_ERROR(domain->Validate(future));
      if (writer) LINEA_RETURN_IF_ERROR(domain->CheckWriter(*writer));
    }
    if (writer) {
      audit = internal::AuditOf(*graph_, delta, *writer);
      audit->at_ms = NowMillis();
      if (domain) audit->detail = JoinDetails(audit->detail, domain->AuditDetail());
    }
  }
  if (delta.empty() && !domain && !audit) return ApplyStats{};
  std::unique_lock<std::shared_mutex> no_reader(consistent_mu_);
  LINEA_RETURN_IF_ERROR(store_->Write([&](store::WriteTxn& txn) -> Status {
    if (!delta.empty()) LINEA_RETURN_IF_ERROR(store_->lineage().Write(txn, delta));
    if (domain) LINEA_RETURN_IF_ERROR(domain->Write(*store_, txn));
    return audit ? store_->audit().Append(txn, *audit) : Status();
  }));
  if (!delta.empty()) {
    std::unique_lock<std::shared_mutex> write(mu_);
    ApplyToGraphLocked(delta);
    for (DomainState* state : domains_) state->LineageCommitted(delta);
  }
  RememberEdgeSets(delta, now);
  if (domain) domain->Publish();
  return StatsOf(delta);
}

void Catalog::ApplyToGraphLocked(const model::Delta& delta) {
  // Until the name index is first used there is nothing to keep current.
  bool index = names_built_;
  for (const std::string& fqn : delta.delete_assets) {
    std::optional<graph::AssetId> id = graph_->Find(fqn);
    if (index && id) names_.Remove(*id, graph_->name(*id));
  }
  std::vector<const model::Asset*> created;
  for (const model::Asset& a : delta.upsert_assets) {
    bool deleted = std::binary_search(delta.delete_assets.begin(), delta.delete_assets.end(), a.fqn);
    if (deleted || !graph_->Find(a.fqn)) created.push_back(&a);
  }
  graph_->ApplyDelta(delta);
  for (const model::Asset* a : created) {
    if (!index) break;
    graph::AssetId id = *graph_->Find(a->fqn);
    names_.Add(id, graph_->name(id));
  }
}

void Catalog::DropUnchangedEdgeSets(model::Delta* delta, int64_t now) {
  if (written_edge_sets_.empty() || delta->replace_edges.empty()) return;
  std::erase_if(delta->replace_edges, [&](const model::EdgeSet& set) {
    auto it = written_edge_sets_.find(set.provenance);
    return it != written_edge_sets_.end() && now - it->second.at < kEdgeSetRefresh &&
           it->second.fingerprint == FingerprintOf(set);
  });
}

void Catalog::RememberEdgeSets(const model::Delta& delta, int64_t now) {
  // A delete removes edges of any provenance: what was written is no longer known.
  if (!delta.delete_assets.empty()) written_edge_sets_.clear();
  for (const model::EdgeSet& set : delta.replace_edges) {
    written_edge_sets_[set.provenance] = {FingerprintOf(set), now};
  }
}

// ---------------------------------------------------------------- group commit

Result<std::unique_ptr<Catalog::WriteBatch>> Catalog::BeginBatch() {
  std::unique_lock<std::mutex> writer(write_mu_);
  LINEA_RETURN_IF_ERROR(health());
  LINEA_RETURN_IF_ERROR(store_->BeginBatch());
  return std::unique_ptr<WriteBatch>(new WriteBatch(this, std::move(writer)));
}

Catalog::WriteBatch::~WriteBatch() {
  if (open_) Abandon().IgnoreError();
}

Result<ApplyStats> Catalog::WriteBatch::Apply(model::Delta delta, DomainWrite* domain,
                                             const Writer* writer) {
  if (!open_) return FailedPreconditionError("the write batch is already committed");
  Result<ApplyStats> stats = catalog_->ApplyLocked(std::move(delta), domain, writer);
  if (stats.ok()) applied_ = true;
  return stats;
}

Status Catalog::WriteBatch::Commit() {
  if (!open_) return FailedPreconditionError("the write batch is already committed");
  Status committed = catalog_->store_->CommitBatch();
  if (!committed.ok()) {
    Status reloaded = Abandon();
    if (!reloaded.ok()) {
      return UnavailableError(committed.message() + "; reloading the catalog failed too: " +
                              reloaded.message());
    }
    return committed;
  }
  open_ = false;
  writer_.unlock();
  return committed;
}

Status Catalog::WriteBatch::Abandon() {
  open_ = false;
  Status reloaded;
  {
    // Readers see neither the rolled-back store with the batch's graph nor the reverse.
    std::unique_lock<std::shared_mutex> no_reader(catalog_->consistent_mu_);
    catalog_->store_->RollbackBatch().IgnoreError();  // kFailedPrecondition after a failed commit
    reloaded = applied_ ? catalog_->Reload() : Status::OK();
  }
  writer_.unlock();
  return reloaded;
}

model::Delta ImportDelta(const model::CatalogDocument& document,
                         std::string_view default_provenance) {
  model::Delta delta;
  delta.upsert_assets = document.assets;
  delta.upsert_teams = document.teams;
  delta.upsert_users = document.users;
  std::map<std::string, std::vector<model::Edge>> by_provenance;
  for (const model::Edge& e : document.edges) {
    std::string provenance = !e.provenance.empty()           ? e.provenance
                             : !document.provenance.empty() ? document.provenance
                                                            : std::string(default_provenance);
    by_provenance[provenance].push_back(e);
  }
  for (auto& [provenance, edges] : by_provenance) {
    delta.replace_edges.push_back({provenance, std::move(edges)});
  }
  return delta;
}

model::Delta DeleteDelta(std::string_view fqn) {
  model::Delta delta;
  delta.delete_assets.emplace_back(fqn);
  return delta;
}

// ---------------------------------------------------------------- graph reads

Result<graph::ImpactReport> Catalog::Impact(std::string_view fqn,
                                            const graph::ImpactOptions& options) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  if (!broken_.empty()) return UnavailableError(broken_);
  LINEA_ASSIGN_OR_RETURN(graph::AssetId id, FindLocked(fqn));
  return graph::ComputeImpact(*graph_, id, options);
}

Result<graph::UpstreamReport> Catalog::Upstream(std::string_view fqn,
                                                const graph::UpstreamOptions& options) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  if (!broken_.empty()) return UnavailableError(broken_);
  LINEA_ASSIGN_OR_RETURN(graph::AssetId id, FindLocked(fqn));
  return graph::ComputeUpstream(*graph_, id, options);
}

Result<graph::AssetId> Catalog::FindLocked(std::string_view fqn) const {
  std::optional<graph::AssetId> id = graph_->Find(fqn);
  for (size_t i = 0; !id && i < domains_.size(); ++i) {
    // Another name a domain knows for an asset (an OpenLineage alias).
    if (std::optional<std::string> name = domains_[i]->ResolveName(fqn)) id = graph_->Find(*name);
  }
  if (!id) return NotFoundError("unknown asset " + std::string(fqn), SuggestLocked(fqn, 5));
  return *id;
}

Status Catalog::UnknownAsset(std::string_view fqn) const {
  return NotFoundError("unknown asset " + std::string(fqn), Suggest(fqn));
}

std::optional<model::AssetKind> Catalog::KindOf(std::string_view fqn) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  std::optional<graph::AssetId> id = graph_->Find(fqn);
  if (!id) return std::nullopt;
  return graph_->kind(*id);
}

std::string Catalog::Resolve(std::string_view fqn) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  if (graph_->Find(fqn)) return std::string(fqn);
  for (const DomainState* domain : domains_) {
    if (std::optional<std::string> name = domain->ResolveName(fqn)) return *name;
  }
  return std::string(fqn);
}

std::vector<std::string> Catalog::ChildNames(std::string_view fqn) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  std::vector<std::string> names;
  std::optional<graph::AssetId> id = graph_->Find(fqn);
  if (!id) return names;
  for (graph::AssetId child : graph_->children(*id)) names.emplace_back(graph_->name(child));
  std::sort(names.begin(), names.end());
  return names;
}

CatalogStats Catalog::stats() const {
  std::shared_lock<std::shared_mutex> read(mu_);
  return {graph_->asset_count(), graph_->link_count(), graph_->provenance_count(),
          graph_->teams().size(), graph_->ApproximateMemoryBytes()};
}

// ---------------------------------------------------------------- store reads

Result<model::Asset> Catalog::GetAsset(std::string_view fqn) const {
  LINEA_RETURN_IF_ERROR(health());
  LINEA_ASSIGN_OR_RETURN(std::optional<model::Asset> asset, store_->lineage().GetAsset(fqn));
  if (!asset) return UnknownAsset(fqn);
  return std::move(*asset);
}

Result<std::vector<model::Edge>> Catalog::EdgesOfProvenance(std::string_view provenance) const {
  return store_->lineage().EdgesOfProvenance(provenance);
}

Result<model::CatalogDocument> Catalog::Export() const {
  LINEA_RETURN_IF_ERROR(health());
  std::shared_lock<std::shared_mutex> no_writer(consistent_mu_);  // one consistent document
  model::CatalogDocument doc;
  LINEA_ASSIGN_OR_RETURN(doc.teams, store_->lineage().ListTeams());
  LINEA_ASSIGN_OR_RETURN(doc.users, store_->lineage().ListUsers());
  LINEA_ASSIGN_OR_RETURN(doc.assets, store_->lineage().ListAssets());
  LINEA_ASSIGN_OR_RETURN(doc.edges, store_->lineage().ListEdges());
  return doc;
}

}  // namespace linea::catalog
