#include "catalog/validate.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "common/status_macros.h"
#include "model/fqn.h"
#include "contacts/contact.h"

namespace linea::catalog::internal {
namespace {

using model::AssetKind;

Status Canonicalize(std::string* fqn, std::string_view what) {
  Result<std::string> canonical = model::CanonicalFqn(*fqn);
  if (!canonical.ok()) return canonical.status().WithPrefix(what);
  *fqn = std::move(*canonical);
  return Status();
}

Status CheckOwner(const std::string& owner, const std::string& fqn) {
  bool prefixed = owner.rfind("team:", 0) == 0 || owner.rfind("user:", 0) == 0;
  if (!prefixed || owner.size() == 5) {
    return InvalidArgumentError("asset " + fqn + ": owner \"" + owner +
                                "\" must be team:<name> or user:<name>");
  }
  return Status();
}


Status ExpandDeletes(const graph::LineageGraph& g, const SuggestFn& suggest,
                     std::vector<std::string>* deletes) {
  std::set<std::string> closed;
  std::vector<graph::AssetId> stack;
  for (std::string& fqn : *deletes) {
    LINEA_RETURN_IF_ERROR(Canonicalize(&fqn, "delete"));
    std::optional<graph::AssetId> id = g.Find(fqn);
    if (!id) return NotFoundError("unknown asset " + fqn, suggest(fqn));
    stack.push_back(*id);
  }
  while (!stack.empty()) {
    graph::AssetId id = stack.back();
    stack.pop_back();
    if (!closed.emplace(g.fqn(id)).second) continue;
    for (graph::AssetId child : g.children(id)) stack.push_back(child);
  }
  deletes->assign(closed.begin(), closed.end());
  return Status();
}

Status CheckAssetShape(const model::Asset& a, size_t segments) {
  if (a.kind == AssetKind::kService) {
    if (segments != 1) return InvalidArgumentError("asset " + a.fqn + ": a service has one segment");
    return Status();
  }
  if (segments < 2) {
    return InvalidArgumentError("asset " + a.fqn + ": a " + std::string(model::KindName(a.kind)) +
                                " needs <service>.<name>");
  }
  if (model::IsChildOfPrefix(a.kind) && segments < 3) {
    return InvalidArgumentError("asset " + a.fqn + ": a " + std::string(model::KindName(a.kind)) +
                                " needs <parent>.<name>");
  }
  return Status();
}

Status CheckParent(const FutureView& future, const model::Asset& a, const model::Fqn& fqn,
                   const SuggestFn& suggest) {
  if (!model::IsChildOfPrefix(a.kind)) return Status();
  std::string parent = fqn.Prefix().ToString();
  std::optional<AssetKind> kind = future.KindOf(parent);
  bool want_model = a.kind == AssetKind::kFeature;
  std::string want = want_model ? "model" : "table or topic";
  if (!kind) {
    return NotFoundError("asset " + a.fqn + ": parent " + want + " " + parent + " does not exist",
                         suggest(parent));
  }
  bool ok = want_model ? *kind == AssetKind::kModel : model::CanHoldColumns(*kind);
  if (!ok) {
    return InvalidArgumentError("asset " + a.fqn + ": parent " + parent + " is a " +
                                std::string(model::KindName(*kind)) + ", not a " + want);
  }
  return Status();
}

Status CheckUpserts(const graph::LineageGraph& g, const SuggestFn& suggest, model::Delta* d) {
  std::set<std::string> seen;
  std::set<std::string> services;
  for (model::Asset& a : d->upsert_assets) {
    LINEA_RETURN_IF_ERROR(Canonicalize(&a.fqn, "asset"));
    if (!seen.insert(a.fqn).second) return InvalidArgumentError("asset " + a.fqn + " listed twice");
    for (const std::string& owner : a.owners) LINEA_RETURN_IF_ERROR(CheckOwner(owner, a.fqn));
    std::optional<graph::AssetId> existing = g.Find(a.fqn);
    bool deleted = std::binary_search(d->delete_assets.begin(), d->delete_assets.end(), a.fqn);
    if (existing && !deleted && g.kind(*existing) != a.kind) {
      return AlreadyExistsError("asset " + a.fqn + " already exists as a " +
                                std::string(model::KindName(g.kind(*existing))) + ", not a " +
                                std::string(model::KindName(a.kind)));
    }
  }
  FutureView future(g, *d, suggest);
  std::vector<model::Asset> added_services;
  for (const model::Asset& a : d->upsert_assets) {
    model::Fqn fqn = *model::Fqn::Parse(a.fqn);
    LINEA_RETURN_IF_ERROR(CheckAssetShape(a, fqn.size()));
    LINEA_RETURN_IF_ERROR(CheckParent(future, a, fqn, suggest));
    if (a.kind == AssetKind::kService) continue;
    std::string service = model::QuoteSegment(fqn.segments()[0]);
    std::optional<AssetKind> kind = future.KindOf(service);
    if (kind && *kind != AssetKind::kService) {
      return InvalidArgumentError("asset " + a.fqn + ": " + service + " is a " +
                                  std::string(model::KindName(*kind)) + ", not a service");
    }
    if (!kind && services.insert(service).second) {
      model::Asset s;
      s.fqn = service;
      s.kind = AssetKind::kService;
      added_services.push_back(std::move(s));
    }
  }
  d->upsert_assets.insert(d->upsert_assets.begin(), added_services.begin(), added_services.end());
  return Status();
}

Status CheckEdges(const graph::LineageGraph& g, const SuggestFn& suggest, model::Delta* d) {
  FutureView future(g, *d, suggest);
  std::set<std::string> provenances;
  for (model::EdgeSet& set : d->replace_edges) {
    if (set.provenance.empty()) return InvalidArgumentError("edge set without a provenance");
    if (!provenances.insert(set.provenance).second) {
      return InvalidArgumentError("provenance " + set.provenance + " replaced twice in one change");
    }
    std::map<std::pair<std::string, std::string>, model::Edge> unique;
    for (model::Edge& e : set.edges) {
      LINEA_RETURN_IF_ERROR(Canonicalize(&e.from, "edge from"));
      LINEA_RETURN_IF_ERROR(Canonicalize(&e.to, "edge to"));
      std::string label = "edge " + e.from + " -> " + e.to;
      if (e.from == e.to) return InvalidArgumentError(label + ": an asset cannot feed itself");
      for (const std::string* end : {&e.from, &e.to}) {
        if (!future.KindOf(*end)) {
          return NotFoundError(label + ": unknown asset " + *end, suggest(*end));
        }
      }
      e.provenance = set.provenance;
      unique[{e.from, e.to}] = std::move(e);
    }
    set.edges.clear();
    for (auto& [key, e] : unique) set.edges.push_back(std::move(e));
  }
  return Status();
}

// Teams and users alike: a name without spaces, ':' or ',', listed once, valid contacts.
// `what` is "team" or "user".
template <typename Holder>
Status CheckContactHolders(const std::vector<Holder>& holders, const std::string& what) {
  std::set<std::string> names;
  for (const Holder& h : holders) {
    if (h.name.empty()) return InvalidArgumentError(what + " without a name");
    if (h.name.find_first_of(" \t\n:,") != std::string::npos) {
      return InvalidArgumentError(what + " \"" + h.name +
                                  "\": name may not hold spaces, ':' or ','");
    }
    if (!names.insert(h.name).second) {
      return InvalidArgumentError(what + " " + h.name + " listed twice");
    }
    for (size_t i = 0; i < h.contacts.size(); ++i) {
      Status contact = contacts::ValidateContact(h.contacts[i], i);
      if (!contact.ok()) return contact.WithPrefix(what + " " + h.name);
    }
  }
  return Status();
}

}  // namespace

Status ValidateDelta(const graph::LineageGraph& graph, const SuggestFn& suggest,
                     model::Delta* delta) {
  LINEA_RETURN_IF_ERROR(ExpandDeletes(graph, suggest, &delta->delete_assets));
  LINEA_RETURN_IF_ERROR(CheckUpserts(graph, suggest, delta));
  LINEA_RETURN_IF_ERROR(CheckEdges(graph, suggest, delta));
  LINEA_RETURN_IF_ERROR(CheckContactHolders(delta->upsert_teams, "team"));
  return CheckContactHolders(delta->upsert_users, "user");
}

FutureView::FutureView(const graph::LineageGraph& graph, const model::Delta& delta,
                       SuggestFn suggest)
    : graph_(graph), suggest_(std::move(suggest)) {
  for (const std::string& f : delta.delete_assets) deleted_.insert(f);
  for (const model::Asset& a : delta.upsert_assets) upserted_[a.fqn] = a.kind;
}

std::optional<model::AssetKind> FutureView::KindOf(std::string_view fqn) const {
  auto it = upserted_.find(fqn);
  if (it != upserted_.end()) return it->second;
  if (deleted_.count(fqn)) return std::nullopt;
  std::optional<graph::AssetId> id = graph_.Find(fqn);
  if (!id) return std::nullopt;
  return graph_.kind(*id);
}

std::string FutureView::DomainOf(std::string_view fqn) const {
  std::optional<graph::AssetId> id = graph_.Find(fqn);
  return id ? std::string(graph_.EffectiveDomain(*id)) : std::string();
}

}  // namespace linea::catalog::internal
