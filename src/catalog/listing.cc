// Catalog reads that list or walk without ranking: lineage views, asset pages, teams.
#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "catalog/catalog.h"
#include "common/status_macros.h"
#include "common/strings.h"

namespace linea::catalog {
namespace {

bool Matches(const graph::LineageGraph& g, graph::AssetId id, const SearchQuery& filter) {
  if (filter.kind && g.kind(id) != *filter.kind) return false;
  if (!filter.domain.empty() && g.EffectiveDomain(id) != filter.domain) return false;
  if (!filter.owner.empty()) {
    std::vector<std::string_view> owners = g.EffectiveOwners(id);
    if (std::find(owners.begin(), owners.end(), filter.owner) == owners.end()) return false;
  }
  return true;
}

AssetSummary Summarize(const graph::LineageGraph& g, graph::AssetId id) {
  AssetSummary s{std::string(g.fqn(id)), g.kind(id), std::string(g.EffectiveDomain(id)), {},
                 std::string(g.data_type(id))};
  for (std::string_view o : g.EffectiveOwners(id)) s.owners.emplace_back(o);
  return s;
}

// The first segment of a formatted FQN (or FQN tail), quotes included: `kafka` of
// `kafka."geo.moves".x`, `"geo.moves"` of `"geo.moves".x`.
std::string_view FirstSegment(std::string_view fqn) {
  if (fqn.empty() || fqn[0] != '"') return fqn.substr(0, fqn.find('.'));
  for (size_t i = 1; i < fqn.size(); ++i) {
    if (fqn[i] != '"') continue;
    if (i + 1 < fqn.size() && fqn[i + 1] == '"') {
      ++i;  // a doubled quote inside the segment
      continue;
    }
    return fqn.substr(0, i + 1);
  }
  return fqn;
}

// The (at most 5) keys of `by_name` within edit distance 3 of `name`, closest first.
template <typename Map>
std::vector<std::string> CloseNames(const Map& by_name, std::string_view name) {
  std::vector<std::pair<size_t, std::string>> close;
  for (const auto& [other, value] : by_name) {
    size_t d = EditDistance(name, other, 3);
    if (d <= 3) close.emplace_back(d, other);
  }
  std::sort(close.begin(), close.end());
  std::vector<std::string> candidates;
  for (size_t i = 0; i < close.size() && i < 5; ++i) candidates.push_back(close[i].second);
  return candidates;
}

}  // namespace

Result<BrowseLevel> Catalog::Browse(std::string_view prefix) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  Result<BrowseLevel> level = BrowseLocked(prefix);
  if (level.ok() || prefix.empty()) return level;
  // Candidates: the names one level up that look like the last segment ("hive.raw_ge" →
  // hive.raw_geo), then assets named like it.
  const size_t dot = prefix.rfind('.');
  const std::string_view parent = dot == std::string_view::npos ? "" : prefix.substr(0, dot);
  const std::string_view last = prefix.substr(dot == std::string_view::npos ? 0 : dot + 1);
  std::vector<std::string> candidates;
  if (Result<BrowseLevel> up = BrowseLocked(parent); up.ok()) {
    for (const BrowseEntry& e : up->entries) {
      if (StartsWith(e.name, last) || EditDistance(e.name, last, 2) <= 2) candidates.push_back(e.fqn);
    }
  }
  for (std::string& c : SuggestLocked(prefix, 5)) candidates.push_back(std::move(c));
  if (candidates.size() > 5) candidates.resize(5);
  return NotFoundError("nothing at or below " + std::string(prefix), std::move(candidates));
}

// REQUIRES: mu_ held (shared or exclusive).
Result<BrowseLevel> Catalog::BrowseLocked(std::string_view prefix) const {
  const std::string under = prefix.empty() ? "" : std::string(prefix) + ".";
  std::map<std::string_view, BrowseEntry> entries;
  BrowseLevel level;
  bool found = false;
  for (graph::AssetId id = 0; id < graph_->capacity(); ++id) {
    if (!graph_->alive(id)) continue;
    std::string_view fqn = graph_->fqn(id);
    if (fqn == prefix) {
      level.kind = graph_->kind(id);
      found = true;
      continue;
    }
    if (!StartsWith(fqn, under)) continue;
    const std::string_view rest = fqn.substr(under.size());
    const std::string_view name = FirstSegment(rest);
    BrowseEntry& entry = entries[name];
    if (entry.name.empty()) {
      entry.name = std::string(name);
      entry.fqn = under + entry.name;
    }
    ++entry.assets;
    if (name.size() == rest.size()) entry.kind = graph_->kind(id);
  }
  if (!found && entries.empty()) return NotFoundError("nothing at or below " + std::string(prefix));
  for (auto& [name, entry] : entries) level.entries.push_back(std::move(entry));
  return level;
}

std::optional<AssetSummary> Catalog::Summary(std::string_view fqn) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  std::optional<graph::AssetId> id = graph_->Find(fqn);
  if (!id) return std::nullopt;
  return Summarize(*graph_, *id);
}

Result<graph::LineageView> Catalog::Lineage(std::string_view fqn,
                                            const graph::LineageViewOptions& options) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  LINEA_ASSIGN_OR_RETURN(graph::AssetId id, FindLocked(fqn));
  return graph::ComputeLineageView(*graph_, id, options);
}

AssetPage Catalog::ListAssets(const SearchQuery& filter, std::string_view cursor) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  size_t limit = std::max<size_t>(1, filter.limit);
  // The `limit + 1` smallest FQNs after the cursor, kept as a sorted bounded list.
  std::vector<graph::AssetId> page;
  auto by_fqn = [this](graph::AssetId a, graph::AssetId b) {
    return graph_->fqn(a) < graph_->fqn(b);
  };
  for (graph::AssetId id = 0; id < graph_->capacity(); ++id) {
    if (!graph_->alive(id) || graph_->fqn(id) <= cursor) continue;
    if (page.size() > limit && !by_fqn(id, page.back())) continue;
    if (!Matches(*graph_, id, filter)) continue;
    page.insert(std::upper_bound(page.begin(), page.end(), id, by_fqn), id);
    if (page.size() > limit + 1) page.pop_back();
  }
  AssetPage out;
  for (size_t i = 0; i < page.size() && i < limit; ++i) {
    out.assets.push_back(Summarize(*graph_, page[i]));
  }
  if (page.size() > limit) out.next_cursor = out.assets.back().fqn;
  return out;
}

Result<model::Team> Catalog::GetTeam(std::string_view name) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  if (const model::Team* team = graph_->FindTeam(name)) return *team;
  return NotFoundError("unknown team " + std::string(name), CloseNames(graph_->teams(), name));
}

std::vector<model::Team> Catalog::ListTeams() const {
  std::shared_lock<std::shared_mutex> read(mu_);
  std::vector<model::Team> teams;
  for (const auto& [name, team] : graph_->teams()) teams.push_back(team);
  return teams;
}

Result<model::User> Catalog::GetUser(std::string_view name) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  if (const model::User* user = graph_->FindUser(name)) return *user;
  return NotFoundError("unknown user " + std::string(name), CloseNames(graph_->users(), name));
}

std::vector<model::User> Catalog::ListUsers() const {
  std::shared_lock<std::shared_mutex> read(mu_);
  std::vector<model::User> users;
  for (const auto& [name, user] : graph_->users()) users.push_back(user);
  return users;
}

std::vector<std::string> Catalog::ProvenancesTouching(std::string_view fqn) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  std::set<std::string> out;
  std::optional<graph::AssetId> root = graph_->Find(fqn);
  if (!root) return {};
  std::vector<graph::AssetId> ids = {*root};
  for (graph::AssetId child : graph_->children(*root)) ids.push_back(child);
  for (graph::AssetId id : ids) {
    for (auto adjacency : {graph_->downstream(id), graph_->upstream(id)}) {
      for (const graph::Adjacent& a : adjacency) {
        for (std::string_view p : graph_->Witnesses(a.link)) out.emplace(p);
      }
    }
  }
  return {out.begin(), out.end()};
}

Result<DeletePreview> Catalog::PreviewDelete(std::string_view fqn) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  LINEA_ASSIGN_OR_RETURN(graph::AssetId root, FindLocked(fqn));
  DeletePreview preview{std::string(graph_->fqn(root)), graph_->kind(root), {}, 0};
  std::unordered_set<graph::AssetId> closed;
  std::vector<graph::AssetId> stack = {root};
  while (!stack.empty()) {
    graph::AssetId id = stack.back();
    stack.pop_back();
    if (!closed.insert(id).second) continue;
    preview.assets.emplace_back(graph_->fqn(id));
    for (graph::AssetId child : graph_->children(id)) stack.push_back(child);
  }
  // Every link leaving a removed asset, plus those entering one from outside (not twice).
  for (graph::AssetId id : closed) {
    preview.links += graph_->downstream(id).size();
    for (const graph::Adjacent& a : graph_->upstream(id)) preview.links += !closed.count(a.node);
  }
  std::sort(preview.assets.begin(), preview.assets.end());
  return preview;
}

}  // namespace linea::catalog
