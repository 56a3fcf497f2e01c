// Catalog's search and "did you mean" over the name index (catalog.h).
#include <algorithm>
#include <set>

#include "catalog/catalog.h"
#include "common/strings.h"
#include "model/fqn.h"

namespace linea::catalog {
namespace {

bool HasOwner(const graph::LineageGraph& g, graph::AssetId id, std::string_view owner) {
  for (std::string_view o : g.EffectiveOwners(id)) {
    if (o == owner) return true;
  }
  return false;
}

// What a search is most likely after ranks first among names that match equally well: models,
// dashboards and deployments, then tables, topics, pipelines and services, then features, then
// columns (docs/impact.md "Search").
double KindBoost(model::AssetKind kind) {
  switch (kind) {
    case model::AssetKind::kModel:
    case model::AssetKind::kDashboard:
    case model::AssetKind::kDeployment:
      return 0.03;
    case model::AssetKind::kTable:
    case model::AssetKind::kTopic:
    case model::AssetKind::kPipeline:
    case model::AssetKind::kService:
      return 0.02;
    case model::AssetKind::kFeature:
      return 0.01;
    case model::AssetKind::kColumn:
      return 0.0;
  }
  return 0.0;
}

// Splits "geo.moves_30d" into the name part ("moves_30d") and the qualifier ("geo.").
std::pair<std::string, std::string> SplitQuery(std::string_view text) {
  std::string t(Trim(text));
  size_t dot = t.rfind('.');
  if (dot == std::string::npos || dot + 1 == t.size()) return {t, ""};
  return {t.substr(dot + 1), ToLower(t.substr(0, dot + 1))};
}

}  // namespace

SearchResults Catalog::Search(const SearchQuery& query) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  auto [name, qualifier] = SplitQuery(query.text);
  search::SearchRequest request;
  request.query = name;
  request.limit = query.limit;
  request.offset = query.offset;
  request.tie_key = [this](uint32_t id) { return graph_->fqn(id); };
  request.boost = [this](uint32_t id) { return KindBoost(graph_->kind(id)); };
  // The index holds live assets only (ApplyToGraphLocked removes every deleted one), so without
  // a filter every match counts as it is, without a look at each asset.
  const bool filtered =
      query.kind || !query.domain.empty() || !query.owner.empty() || !qualifier.empty();
  if (filtered) {
    request.accept = [&](uint32_t id) {
      if (query.kind && graph_->kind(id) != *query.kind) return false;
      if (!query.domain.empty() && graph_->EffectiveDomain(id) != query.domain) return false;
      if (!query.owner.empty() && !HasOwner(*graph_, id, query.owner)) return false;
      return qualifier.empty() || ToLower(graph_->fqn(id)).find(qualifier) != std::string::npos;
    };
  }
  search::SearchPage page = Names().Search(request);
  SearchResults out;
  out.total = page.total;
  for (const search::Match& m : page.matches) {
    SearchHit hit;
    hit.fqn = std::string(graph_->fqn(m.id));
    hit.kind = graph_->kind(m.id);
    hit.name = std::string(graph_->name(m.id));
    hit.score = m.score;
    hit.domain = std::string(graph_->EffectiveDomain(m.id));
    for (std::string_view o : graph_->EffectiveOwners(m.id)) hit.owners.emplace_back(o);
    out.results.push_back(std::move(hit));
  }
  return out;
}

std::pair<size_t, size_t> Catalog::SearchIndexBytes() const {
  std::shared_lock<std::shared_mutex> read(mu_);
  const search::NameIndex& names = Names();
  return {names.MemoryBytes(), names.BitmapBytes()};
}

std::vector<std::string> Catalog::Suggest(std::string_view fqn, size_t limit) const {
  std::shared_lock<std::shared_mutex> read(mu_);
  return SuggestLocked(fqn, limit);
}

// REQUIRES: mu_ held (shared or exclusive).
std::vector<std::string> Catalog::SuggestLocked(std::string_view fqn, size_t limit) const {
  Result<model::Fqn> parsed = model::Fqn::Parse(fqn);
  if (!parsed.ok()) return {};
  std::set<graph::AssetId> candidates;
  // Siblings under the nearest existing ancestor ("moves_3d" → the table's "moves_30d").
  for (model::Fqn prefix = *parsed; prefix.size() > 1;) {
    prefix = prefix.Prefix();
    if (std::optional<graph::AssetId> id = graph_->Find(prefix.ToString())) {
      for (graph::AssetId child : graph_->children(*id)) candidates.insert(child);
      break;
    }
  }
  // Assets named like the last segment anywhere ("moves_30d" in another table).
  search::SearchRequest request;
  request.query = parsed->name();
  request.limit = 50;
  request.tie_key = [this](uint32_t id) { return graph_->fqn(id); };
  request.min_score = 0.01;
  for (const search::Match& m : Names().Search(request).matches) candidates.insert(m.id);

  // The same name under a similar parent ("cell_event.cell_id" → "cell_events.cell_id").
  if (parsed->size() > 2) {
    for (const std::string& parent : SuggestLocked(parsed->Prefix().ToString(), 3)) {
      if (std::optional<graph::AssetId> id = graph_->Find(model::JoinFqn(parent, parsed->name()))) {
        candidates.insert(*id);
      }
    }
  }

  std::string target = parsed->ToString();
  size_t budget = std::max<size_t>(3, target.size() / 3);
  std::vector<std::pair<size_t, std::string_view>> ranked;
  for (graph::AssetId id : candidates) {
    size_t d = EditDistance(target, graph_->fqn(id), budget);
    if (d <= budget) ranked.emplace_back(d, graph_->fqn(id));
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < ranked.size() && out.size() < limit; ++i) {
    out.emplace_back(ranked[i].second);
  }
  return out;
}

}  // namespace linea::catalog
