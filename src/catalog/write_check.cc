#include "catalog/write_check.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "common/strings.h"
#include "common/status.h"
#include "model/fqn.h"

namespace linea::catalog::internal {
namespace {

// Most provenances one audit record lists.
constexpr size_t kAuditedProvenances = 20;

bool IsEmptyService(const model::Asset& a) {
  return a.kind == model::AssetKind::kService && a.description.empty() && a.domain.empty() &&
         a.owners.empty() && a.tags.empty() && a.properties.empty();
}

std::string Assets(size_t n) { return std::to_string(n) + (n == 1 ? " asset" : " assets"); }

// The audit detail of a write that upserts `n` users ("1 user changed"); "" when none (the
// audit record has no column of its own for them).
std::string UsersChanged(size_t n) {
  if (n == 0) return "";
  return std::to_string(n) + (n == 1 ? " user changed" : " users changed");
}

std::string List(const std::vector<std::string>& values) {
  return "[" + Join(values, ", ") + "]";
}

// The graph as the delta leaves it, for what a scope check needs: effective domains.
class Future {
 public:
  Future(const graph::LineageGraph& graph, const model::Delta& delta) : graph_(graph) {
    for (const model::Asset& a : delta.upsert_assets) upserted_[a.fqn] = &a;
  }

  const model::Asset* Upserted(std::string_view fqn) const {
    auto it = upserted_.find(fqn);
    return it == upserted_.end() ? nullptr : it->second;
  }

  // The effective domain `fqn` has now; "" when it does not exist or has none.
  std::string CurrentDomain(std::string_view fqn) const {
    std::optional<graph::AssetId> id = graph_.Find(fqn);
    return id ? std::string(graph_.EffectiveDomain(*id)) : std::string();
  }

  // The effective domain `fqn` will have: its own when the delta sets one, else its parent's.
  std::string FutureDomain(std::string_view fqn) const {
    std::string current(fqn);
    for (int depth = 0; depth < 8; ++depth) {  // services ← tables ← columns: a few levels
      const model::Asset* a = Upserted(current);
      if (!a) return CurrentDomain(current);
      if (!a->domain.empty()) return a->domain;
      std::optional<std::string> parent = ParentOf(*a);
      if (!parent) return "";
      current = *parent;
    }
    return "";
  }

 private:
  static std::optional<std::string> ParentOf(const model::Asset& a) {
    if (a.kind == model::AssetKind::kService) return std::nullopt;
    Result<model::Fqn> fqn = model::Fqn::Parse(a.fqn);
    if (!fqn.ok() || fqn->size() < 2) return std::nullopt;
    if (model::IsChildOfPrefix(a.kind)) return fqn->Prefix().ToString();
    return model::Fqn::FromSegments({fqn->segments().front()}).ToString();
  }

  const graph::LineageGraph& graph_;
  std::unordered_map<std::string_view, const model::Asset*> upserted_;
};

bool CoversProvenance(const WriteScope& scope, std::string_view provenance) {
  if (scope.provenances.empty()) return true;
  return std::any_of(scope.provenances.begin(), scope.provenances.end(),
                     [&](const std::string& p) { return provenance.starts_with(p); });
}

class Checker {
 public:
  explicit Checker(const Writer& writer) : writer_(writer), scope_(*writer.scope) {}

  // `fqn` with the domain it has now and/or will have: both must be covered.
  Status Asset(std::string_view fqn, std::optional<std::string> now,
               std::optional<std::string> then) const {
    for (const std::optional<std::string>& domain : {now, then}) {
      if (domain && !ScopeCoversAsset(scope_, fqn, *domain)) {
        std::string where = domain->empty() ? "no domain" : "domain " + *domain;
        return PermissionDeniedError("token " + writer_.name + " may not change " +
                                     std::string(fqn) + " (" + where + "): its scope covers " +
                                     AssetScope());
      }
    }
    return Status();
  }

  Status Provenance(std::string_view provenance) const {
    if (CoversProvenance(scope_, provenance)) return Status();
    return PermissionDeniedError("token " + writer_.name + " may not replace the edges of " +
                                 std::string(provenance) + ": its scope covers provenances " +
                                 List(scope_.provenances));
  }

  Status Team(std::string_view team) const {
    if (std::find(scope_.teams.begin(), scope_.teams.end(), team) != scope_.teams.end()) {
      return Status();
    }
    return PermissionDeniedError("token " + writer_.name + " may not change team " +
                                 std::string(team) + ": its scope covers teams " +
                                 List(scope_.teams) + " (an admin may change any team)");
  }

  // A scope has no users dimension: a scoped token changes no user at all.
  Status User(std::string_view user) const {
    return PermissionDeniedError("token " + writer_.name + " may not change user " +
                                 std::string(user) +
                                 ": a scoped token changes no users (a writer token without a "
                                 "scope or an admin may)");
  }

  bool restricts_assets() const {
    return !scope_.domains.empty() || !scope_.fqn_prefixes.empty();
  }

 private:
  std::string AssetScope() const {
    std::string text;
    if (!scope_.domains.empty()) text = "domains " + List(scope_.domains);
    if (!scope_.fqn_prefixes.empty()) {
      text += (text.empty() ? "" : " and ") + std::string("prefixes ") + List(scope_.fqn_prefixes);
    }
    return text;
  }

  const Writer& writer_;
  const WriteScope& scope_;
};

Status CheckDeleteSize(const graph::LineageGraph& graph, const model::Delta& delta,
                       const Writer& writer) {
  if (writer.admin || delta.delete_assets.empty()) return Status();
  for (const std::string& fqn : delta.delete_assets) {
    std::optional<graph::AssetId> id = graph.Find(fqn);
    if (id && graph.kind(*id) == model::AssetKind::kService) {
      return PermissionDeniedError("deleting " + fqn + " (a service, " +
                                   Assets(delta.delete_assets.size()) +
                                   ") needs an admin token");
    }
  }
  if (delta.delete_assets.size() > kMaxAssetsDeletedByWriter) {
    return PermissionDeniedError("deleting " + Assets(delta.delete_assets.size()) +
                                 " at once needs an admin token (a writer may delete up to " +
                                 std::to_string(kMaxAssetsDeletedByWriter) + ")");
  }
  return Status();
}

// An audit record naming `writer`, nothing else set.
store::AuditRecord RecordOf(const Writer& writer) {
  store::AuditRecord r;
  r.actor = writer.name;
  r.role = writer.role;
  r.action = writer.action;
  return r;
}

}  // namespace
}  // namespace linea::catalog::internal

namespace linea::catalog {

bool ScopeCoversAsset(const WriteScope& scope, std::string_view fqn, std::string_view domain) {
  if (scope.domains.empty() && scope.fqn_prefixes.empty()) return true;
  if (!domain.empty() &&
      std::find(scope.domains.begin(), scope.domains.end(), domain) != scope.domains.end()) {
    return true;
  }
  for (const std::string& prefix : scope.fqn_prefixes) {
    if (fqn == prefix) return true;
    if (fqn.size() > prefix.size() && fqn.starts_with(prefix) && fqn[prefix.size()] == '.') {
      return true;
    }
  }
  return false;
}

}  // namespace linea::catalog

namespace linea::catalog::internal {

Status CheckWriter(const graph::LineageGraph& graph, const model::Delta& delta,
                   const Writer& writer) {
  if (Status size = CheckDeleteSize(graph, delta, writer); !size.ok()) return size;
  if (!writer.scope) return Status();
  const Future future(graph, delta);
  const Checker check(writer);
  if (check.restricts_assets()) {
    for (const model::Asset& a : delta.upsert_assets) {
      const bool exists = graph.Find(a.fqn).has_value();
      if (!exists && IsEmptyService(a)) continue;  // the service its assets live in
      std::optional<std::string> now;
      if (exists) now = future.CurrentDomain(a.fqn);
      if (Status s = check.Asset(a.fqn, now, future.FutureDomain(a.fqn)); !s.ok()) return s;
    }
    for (const std::string& fqn : delta.delete_assets) {
      if (Status s = check.Asset(fqn, future.CurrentDomain(fqn), std::nullopt); !s.ok()) {
        return s;
      }
    }
  }
  for (const model::EdgeSet& set : delta.replace_edges) {
    if (Status s = check.Provenance(set.provenance); !s.ok()) return s;
    if (!check.restricts_assets()) continue;
    std::unordered_set<std::string_view> targets;
    for (const model::Edge& e : set.edges) {
      if (!targets.insert(e.to).second) continue;
      if (Status s = check.Asset(e.to, std::nullopt, future.FutureDomain(e.to)); !s.ok()) {
        return s;
      }
    }
  }
  for (const model::Team& team : delta.upsert_teams) {
    if (Status s = check.Team(team.name); !s.ok()) return s;
  }
  if (!delta.upsert_users.empty()) return check.User(delta.upsert_users.front().name);
  return Status();
}

store::AuditRecord AuditOf(const graph::LineageGraph& graph, const model::Delta& delta,
                           const Writer& writer) {
  store::AuditRecord r = RecordOf(writer);
  r.outcome = "ok";
  const std::unordered_set<std::string_view> deleted(delta.delete_assets.begin(),
                                                     delta.delete_assets.end());
  for (const model::Asset& a : delta.upsert_assets) {
    const bool existed = graph.Find(a.fqn).has_value() && !deleted.contains(a.fqn);
    ++(existed ? r.assets_changed : r.assets_added);
  }
  r.assets_removed = static_cast<int64_t>(delta.delete_assets.size());
  r.edge_sets_replaced = static_cast<int64_t>(delta.replace_edges.size());
  for (const model::EdgeSet& set : delta.replace_edges) {
    r.edges_written += static_cast<int64_t>(set.edges.size());
    r.provenances.push_back(set.provenance);
  }
  std::sort(r.provenances.begin(), r.provenances.end());
  r.provenances.erase(std::unique(r.provenances.begin(), r.provenances.end()),
                      r.provenances.end());
  r.provenances_total = static_cast<int64_t>(r.provenances.size());
  if (r.provenances.size() > kAuditedProvenances) r.provenances.resize(kAuditedProvenances);
  r.teams_changed = static_cast<int64_t>(delta.upsert_teams.size());
  r.detail = UsersChanged(delta.upsert_users.size());
  return r;
}

store::AuditRecord RefusalOf(const Writer& writer, const Status& status) {
  store::AuditRecord r = RecordOf(writer);
  r.outcome = std::string(CodeName(status.code()));
  r.error = status.message();
  return r;
}

}  // namespace linea::catalog::internal
