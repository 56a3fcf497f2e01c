#include "graph/lineage_graph.h"

#include <algorithm>

#include "model/fqn.h"

namespace linea::graph {
namespace {

bool ByNode(const Adjacent& a, const Adjacent& b) { return a.node < b.node; }

// The unquoted last segment and the text of all-but-last / first segment of a canonical FQN.
struct FqnParts {
  std::string name;
  std::string prefix;
  std::string first;
};

FqnParts SplitCanonical(std::string_view fqn) {
  bool simple = fqn.find('"') == std::string_view::npos;
  if (simple) {
    size_t last = fqn.rfind('.');
    size_t first = fqn.find('.');
    if (last == std::string_view::npos) return {std::string(fqn), "", ""};
    return {std::string(fqn.substr(last + 1)), std::string(fqn.substr(0, last)),
            std::string(fqn.substr(0, first))};
  }
  Result<model::Fqn> parsed = model::Fqn::Parse(fqn);
  if (!parsed.ok() || parsed->size() == 1) return {std::string(fqn), "", ""};
  return {parsed->name(), parsed->Prefix().ToString(), model::QuoteSegment(parsed->segments()[0])};
}

}  // namespace

LineageGraph::LineageGraph()
    : fqns_([this](uint32_t id) { return fqn_[id]; }) {
  strings_.push_back({});
  owner_sets_.push_back({});
  more_witnesses_.push_back({});
}

// ---------------------------------------------------------------- interning

uint32_t LineageGraph::InternString(std::string_view s) {
  if (s.empty()) return 0;
  auto it = string_ids_.find(s);
  if (it != string_ids_.end()) return it->second;
  std::string_view stored = pool_.Add(s);
  uint32_t id = static_cast<uint32_t>(strings_.size());
  strings_.push_back(stored);
  string_ids_.emplace(stored, id);
  return id;
}

uint32_t LineageGraph::InternOwnerSet(const std::vector<std::string>& owners) {
  if (owners.empty()) return 0;
  std::vector<uint32_t> ids;
  ids.reserve(owners.size());
  for (const std::string& o : owners) ids.push_back(InternString(o));
  auto it = owner_set_ids_.find(ids);
  if (it != owner_set_ids_.end()) return it->second;
  uint32_t id = static_cast<uint32_t>(owner_sets_.size());
  owner_sets_.push_back(ids);
  owner_set_ids_.emplace(std::move(ids), id);
  return id;
}

ProvenanceId LineageGraph::InternProvenance(std::string_view provenance) {
  auto it = provenance_ids_.find(provenance);
  if (it != provenance_ids_.end()) return it->second;
  std::string_view stored = pool_.Add(provenance);
  ProvenanceId id = static_cast<ProvenanceId>(provenances_.size());
  provenances_.push_back(stored);
  provenance_ids_.emplace(stored, id);
  provenance_links_.emplace_back();
  return id;
}

// ---------------------------------------------------------------- assets

AssetId LineageGraph::AddAsset(const model::Asset& asset) {
  AssetId id = static_cast<AssetId>(kind_.size());
  std::string_view fqn = pool_.Add(asset.fqn);
  FqnParts parts = SplitCanonical(fqn);
  std::string_view name = fqn.substr(fqn.size() - std::min(fqn.size(), parts.name.size()));
  if (name != parts.name) name = pool_.Add(parts.name);
  fqn_.push_back(fqn);
  name_.push_back(name);
  kind_.push_back(asset.kind);
  alive_.push_back(1);
  parent_.push_back(kNoAsset);
  domain_.push_back(0);
  data_type_.push_back(0);
  owner_set_.push_back(0);
  children_.emplace_back();
  out_.emplace_back();
  in_.emplace_back();
  SetAttributes(id, asset);
  fqns_.Insert(id);
  return id;
}

void LineageGraph::SetAttributes(AssetId id, const model::Asset& asset) {
  kind_[id] = asset.kind;
  domain_[id] = InternString(asset.domain);
  data_type_[id] = InternString(asset.data_type);
  owner_set_[id] = InternOwnerSet(asset.owners);
}

AssetId LineageGraph::LoadAsset(const model::Asset& asset) { return AddAsset(asset); }

std::string_view LineageGraph::ParentFqn(AssetId id) const {
  // Computed on demand; returned views point into a thread-local buffer.
  thread_local std::string buffer;
  if (kind_[id] == model::AssetKind::kService) return {};
  FqnParts parts = SplitCanonical(fqn_[id]);
  buffer = model::IsChildOfPrefix(kind_[id]) ? parts.prefix : parts.first;
  return buffer;
}

void LineageGraph::LinkParent(AssetId id) {
  std::string_view parent_fqn = ParentFqn(id);
  if (parent_fqn.empty()) return;
  std::optional<AssetId> parent = fqns_.Find(parent_fqn);
  if (!parent || *parent == id) return;
  parent_[id] = *parent;
  std::vector<AssetId>& siblings = children_[*parent];
  siblings.insert(std::lower_bound(siblings.begin(), siblings.end(), id), id);
}

std::optional<AssetId> LineageGraph::Find(std::string_view fqn) const { return fqns_.Find(fqn); }

std::string_view LineageGraph::EffectiveDomain(AssetId id) const {
  for (AssetId a = id; a != kNoAsset; a = parent_[a]) {
    if (domain_[a] != 0) return strings_[domain_[a]];
  }
  return {};
}

std::vector<std::string_view> LineageGraph::owners(AssetId id) const {
  std::vector<std::string_view> out;
  for (uint32_t s : owner_sets_[owner_set_[id]]) out.push_back(strings_[s]);
  return out;
}

std::vector<std::string_view> LineageGraph::EffectiveOwners(AssetId id) const {
  for (AssetId a = id; a != kNoAsset; a = parent_[a]) {
    if (owner_set_[a] != 0) return owners(a);
  }
  return {};
}

const model::Team* LineageGraph::FindTeam(std::string_view name) const {
  auto it = teams_.find(name);
  return it == teams_.end() ? nullptr : &it->second;
}

void LineageGraph::UpsertTeam(const model::Team& team) { teams_[team.name] = team; }

const model::User* LineageGraph::FindUser(std::string_view name) const {
  auto it = users_.find(name);
  return it == users_.end() ? nullptr : &it->second;
}

void LineageGraph::UpsertUser(const model::User& user) { users_[user.name] = user; }

// ---------------------------------------------------------------- links

std::vector<std::string_view> LineageGraph::Witnesses(LinkId link) const {
  const Link& l = links_[link];
  std::vector<std::string_view> out = {provenances_[l.witness]};
  if (l.more) {
    for (ProvenanceId p : more_witnesses_[l.more]) out.push_back(provenances_[p]);
  }
  return out;
}

std::optional<LinkId> LineageGraph::FindLink(AssetId from, AssetId to) const {
  const std::vector<Adjacent>& adj = out_[from];
  auto it = std::lower_bound(adj.begin(), adj.end(), Adjacent{to, 0}, ByNode);
  if (it == adj.end() || it->node != to) return std::nullopt;
  return it->link;
}

void LineageGraph::AddWitness(LinkId link, ProvenanceId provenance) {
  Link& l = links_[link];
  if (l.witness == provenance) return;
  if (l.more == 0) {
    if (free_more_.empty()) {
      l.more = static_cast<uint32_t>(more_witnesses_.size());
      more_witnesses_.emplace_back();
    } else {
      l.more = free_more_.back();
      free_more_.pop_back();
    }
  }
  std::vector<ProvenanceId>& more = more_witnesses_[l.more];
  if (std::find(more.begin(), more.end(), provenance) == more.end()) more.push_back(provenance);
  provenance_links_[provenance].push_back(link);
}

// Returns true when `link` has no witness left.
bool LineageGraph::RemoveWitness(LinkId link, ProvenanceId provenance) {
  Link& l = links_[link];
  std::vector<ProvenanceId>* more = l.more ? &more_witnesses_[l.more] : nullptr;
  if (l.witness == provenance) {
    if (!more || more->empty()) return true;
    l.witness = more->front();
    more->erase(more->begin());
  } else if (more) {
    more->erase(std::remove(more->begin(), more->end(), provenance), more->end());
  }
  if (more && more->empty()) {
    free_more_.push_back(l.more);
    l.more = 0;
  }
  return false;
}

LinkId LineageGraph::NewLink(const PendingLink& p) {
  LinkId id;
  if (free_links_.empty()) {
    id = static_cast<LinkId>(links_.size());
    links_.emplace_back();
  } else {
    id = free_links_.back();
    free_links_.pop_back();
  }
  links_[id] = Link{p.from, p.to, p.provenance, 0, p.kind, true};
  provenance_links_[p.provenance].push_back(id);
  ++live_links_;
  return id;
}

void LineageGraph::KillLink(LinkId link, std::vector<AssetId>* touched) {
  Link& l = links_[link];
  if (!l.alive) return;
  l.alive = false;
  if (l.more) {
    more_witnesses_[l.more].clear();
    free_more_.push_back(l.more);
    l.more = 0;
  }
  touched->push_back(l.from);
  touched->push_back(l.to);
  // Not reusable until CompactAdjacency() has dropped the entries that still name it.
  dead_links_.push_back(link);
  --live_links_;
}

// Drops adjacency entries of dead links and re-sorts the touched nodes' lists.
void LineageGraph::CompactAdjacency(std::vector<AssetId>* touched) {
  std::sort(touched->begin(), touched->end());
  touched->erase(std::unique(touched->begin(), touched->end()), touched->end());
  auto dead = [this](const Adjacent& a) { return !links_[a.link].alive; };
  for (AssetId n : *touched) {
    for (std::vector<Adjacent>* adj : {&out_[n], &in_[n]}) {
      adj->erase(std::remove_if(adj->begin(), adj->end(), dead), adj->end());
      std::sort(adj->begin(), adj->end(), ByNode);
    }
  }
  touched->clear();
  free_links_.insert(free_links_.end(), dead_links_.begin(), dead_links_.end());
  dead_links_.clear();
}

// Creates or extends links for `pending` witnesses; appends new entries to adjacency lists
// (CompactAdjacency() re-sorts them).
void LineageGraph::AddLinks(std::vector<PendingLink> pending, std::vector<AssetId>* touched) {
  std::sort(pending.begin(), pending.end(), [](const PendingLink& a, const PendingLink& b) {
    return a.from != b.from ? a.from < b.from : a.to < b.to;
  });
  LinkId last = 0;
  size_t sorted_size = 0;  // out_[from] entries that predate this call, still sorted
  for (size_t i = 0; i < pending.size(); ++i) {
    const PendingLink& p = pending[i];
    bool new_from = i == 0 || pending[i - 1].from != p.from;
    if (new_from) sorted_size = out_[p.from].size();
    if (!new_from && pending[i - 1].to == p.to) {
      AddWitness(last, p.provenance);
      continue;
    }
    const std::vector<Adjacent>& adj = out_[p.from];
    auto end = adj.begin() + static_cast<std::ptrdiff_t>(sorted_size);
    auto it = std::lower_bound(adj.begin(), end, Adjacent{p.to, 0}, ByNode);
    if (it != end && it->node == p.to && links_[it->link].alive) {
      last = it->link;
      AddWitness(last, p.provenance);
      links_[last].kind = p.kind;
      continue;
    }
    last = NewLink(p);
    out_[p.from].push_back({p.to, last});
    in_[p.to].push_back({p.from, last});
    touched->push_back(p.from);
    touched->push_back(p.to);
  }
}

void LineageGraph::ReplaceProvenance(const model::EdgeSet& set, std::vector<PendingLink>* added,
                                     std::vector<AssetId>* touched) {
  ProvenanceId prov = InternProvenance(set.provenance);
  std::vector<LinkId> old = std::move(provenance_links_[prov]);
  provenance_links_[prov].clear();
  for (LinkId link : old) {
    if (!links_[link].alive) continue;
    if (RemoveWitness(link, prov)) KillLink(link, touched);
  }
  for (const model::Edge& e : set.edges) {
    std::optional<AssetId> from = fqns_.Find(e.from);
    std::optional<AssetId> to = fqns_.Find(e.to);
    if (!from || !to) continue;  // validated by catalog; defensive
    added->push_back({*from, *to, prov, e.kind});
  }
}

void LineageGraph::DeleteAsset(AssetId id, std::vector<AssetId>* touched) {
  if (!alive(id)) return;
  for (const Adjacent& a : out_[id]) KillLink(a.link, touched);
  for (const Adjacent& a : in_[id]) KillLink(a.link, touched);
  if (parent_[id] != kNoAsset) {
    std::vector<AssetId>& siblings = children_[parent_[id]];
    siblings.erase(std::remove(siblings.begin(), siblings.end(), id), siblings.end());
  }
  fqns_.Erase(id);
  alive_[id] = 0;
  parent_[id] = kNoAsset;
  children_[id].clear();
  children_[id].shrink_to_fit();
  out_[id].clear();
  out_[id].shrink_to_fit();
  in_[id].clear();
  in_[id].shrink_to_fit();
}

// ---------------------------------------------------------------- load & apply

void LineageGraph::LoadLink(AssetId from, AssetId to, ProvenanceId provenance,
                            model::EdgeKind kind) {
  load_links_.push_back({from, to, provenance, kind});
}

void LineageGraph::FinishLoad() {
  for (AssetId id = 0; id < kind_.size(); ++id) {
    if (alive_[id]) LinkParent(id);
  }
  std::vector<AssetId> touched;
  AddLinks(std::move(load_links_), &touched);
  load_links_ = {};
  CompactAdjacency(&touched);
}

void LineageGraph::ApplyDelta(const model::Delta& delta) {
  std::vector<AssetId> touched;
  for (const std::string& fqn : delta.delete_assets) {
    if (std::optional<AssetId> id = fqns_.Find(fqn)) DeleteAsset(*id, &touched);
  }
  std::vector<AssetId> created;
  for (const model::Asset& asset : delta.upsert_assets) {
    if (std::optional<AssetId> id = fqns_.Find(asset.fqn)) {
      SetAttributes(*id, asset);
    } else {
      created.push_back(AddAsset(asset));
    }
  }
  // After all creations, so a child listed before its parent in the delta still finds it.
  for (AssetId id : created) LinkParent(id);
  std::vector<PendingLink> added;
  for (const model::EdgeSet& set : delta.replace_edges) ReplaceProvenance(set, &added, &touched);
  // Removing witnesses first, then adding, keeps a link asserted by the same provenance alive.
  AddLinks(std::move(added), &touched);
  CompactAdjacency(&touched);
  for (const model::Team& team : delta.upsert_teams) UpsertTeam(team);
  for (const model::User& user : delta.upsert_users) UpsertUser(user);
}

size_t LineageGraph::ApproximateMemoryBytes() const {
  size_t bytes = pool_.bytes();
  size_t n = kind_.size();
  bytes += n * (2 * sizeof(std::string_view) + sizeof(model::AssetKind) + 1 + 4 * sizeof(uint32_t) +
                3 * sizeof(std::vector<Adjacent>));
  for (size_t i = 0; i < n; ++i) {
    bytes += (out_[i].capacity() + in_[i].capacity()) * sizeof(Adjacent) +
             children_[i].capacity() * sizeof(AssetId);
  }
  bytes += links_.capacity() * sizeof(Link) + fqns_.size() * 2 * sizeof(uint32_t);
  return bytes;
}

}  // namespace linea::graph
