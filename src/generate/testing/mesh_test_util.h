// src/generate/testing/mesh_test_util.h (tests only): checks over a generated mesh — the
// catalog's rules on a Delta, the impact graph with containment, counts. Header-only.
#pragma once

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "model/delta.h"
#include "model/fqn.h"
#include "model/kind.h"

namespace linea::generate::testing {

using model::AssetKind;
using model::Delta;

inline std::map<AssetKind, size_t> CountKinds(const Delta& d) {
  std::map<AssetKind, size_t> out;
  for (const model::Asset& a : d.upsert_assets) ++out[a.kind];
  return out;
}

inline size_t CountEdges(const Delta& d) {
  size_t n = 0;
  for (const model::EdgeSet& es : d.replace_edges) n += es.edges.size();
  return n;
}

// Edges whose target has kind `kind`.
inline size_t CountEdgesInto(const Delta& d, AssetKind kind) {
  std::unordered_map<std::string_view, AssetKind> kinds;
  for (const model::Asset& a : d.upsert_assets) kinds.emplace(a.fqn, a.kind);
  size_t n = 0;
  for (const model::EdgeSet& es : d.replace_edges) {
    for (const model::Edge& e : es.edges) n += kinds.at(e.to) == kind;
  }
  return n;
}

inline std::string Parent(const std::string& fqn) {
  return model::Fqn::Parse(fqn)->Prefix().ToString();
}

inline std::string FirstSegment(const std::string& fqn) {
  return model::Fqn::Parse(fqn)->segments().front();
}

// Every rule catalog enforces on a Delta; returns one line per violation.
inline std::vector<std::string> RuleViolations(const Delta& d) {
  std::vector<std::string> out;
  std::unordered_map<std::string, AssetKind> kinds;
  for (const model::Asset& a : d.upsert_assets) {
    Result<model::Fqn> fqn = model::Fqn::Parse(a.fqn);
    if (!fqn.ok() || fqn->ToString() != a.fqn) out.push_back("not canonical: " + a.fqn);
    if (!kinds.emplace(a.fqn, a.kind).second) out.push_back("duplicate: " + a.fqn);
  }
  std::unordered_set<std::string> teams;
  for (const model::Team& t : d.upsert_teams) {
    if (!teams.insert(t.name).second) out.push_back("duplicate team: " + t.name);
  }
  for (const model::Asset& a : d.upsert_assets) {
    if (a.kind == AssetKind::kService || !model::Fqn::Parse(a.fqn).ok()) continue;
    auto service = kinds.find(FirstSegment(a.fqn));
    if (service == kinds.end() || service->second != AssetKind::kService) {
      out.push_back("no service for " + a.fqn);
    }
    if (a.kind == AssetKind::kColumn || a.kind == AssetKind::kFeature) {
      auto parent = kinds.find(Parent(a.fqn));
      bool ok = parent != kinds.end() &&
                (a.kind == AssetKind::kFeature ? parent->second == AssetKind::kModel
                                               : model::CanHoldColumns(parent->second));
      if (!ok) out.push_back("no parent for " + a.fqn);
      if (!a.owners.empty() || !a.domain.empty()) out.push_back("child with owners: " + a.fqn);
      if (a.data_type.empty()) out.push_back("no data_type: " + a.fqn);
    }
    for (const std::string& owner : a.owners) {
      if (owner.rfind("team:", 0) != 0 || !teams.count(owner.substr(5))) {
        out.push_back("unknown owner " + owner + " of " + a.fqn);
      }
    }
  }
  std::unordered_set<std::string> provenances;
  for (const model::EdgeSet& es : d.replace_edges) {
    if (es.provenance.empty() || !provenances.insert(es.provenance).second) {
      out.push_back("bad provenance: " + es.provenance);
    }
    std::set<std::pair<std::string, std::string>> pairs;
    for (const model::Edge& e : es.edges) {
      if (!kinds.count(e.from) || !kinds.count(e.to)) {
        out.push_back("dangling edge " + e.from + " -> " + e.to);
        continue;
      }
      if (e.from == e.to) out.push_back("self edge " + e.from);
      if (!pairs.emplace(e.from, e.to).second) {
        out.push_back("duplicate edge " + e.from + " -> " + e.to + " in " + es.provenance);
      }
    }
  }
  return out;
}

// The impact graph: lineage edges plus containment in the direction impact follows
// (table → its columns, feature → its model).
class Graph {
 public:
  explicit Graph(const Delta& d) {
    for (const model::Asset& a : d.upsert_assets) Id(a.fqn);
    for (const model::Asset& a : d.upsert_assets) {
      kinds_.push_back(a.kind);
      if (a.kind == AssetKind::kColumn) Link(Parent(a.fqn), a.fqn);
      if (a.kind == AssetKind::kFeature) Link(a.fqn, Parent(a.fqn));
    }
    for (const model::EdgeSet& es : d.replace_edges) {
      for (const model::Edge& e : es.edges) Link(e.from, e.to);
    }
  }

  // Kahn's algorithm: true when every node can be ordered.
  bool Acyclic() const {
    std::vector<int> indegree(names_.size());
    for (const auto& outs : down_) {
      for (int v : outs) ++indegree[v];
    }
    std::vector<int> ready;
    for (size_t v = 0; v < indegree.size(); ++v) {
      if (indegree[v] == 0) ready.push_back(static_cast<int>(v));
    }
    size_t seen = 0;
    while (!ready.empty()) {
      int v = ready.back();
      ready.pop_back();
      ++seen;
      for (int w : down_[v]) {
        if (--indegree[w] == 0) ready.push_back(w);
      }
    }
    return seen == names_.size();
  }

  // FQNs of kind `kind` reachable from `root` (downstream, or upstream when `up`), sorted.
  std::vector<std::string> Reach(const std::string& root, AssetKind kind, bool up) const {
    const auto& adj = up ? up_ : down_;
    std::vector<char> seen(names_.size());
    std::vector<int> stack = {ids_.at(root)};
    std::vector<std::string> out;
    while (!stack.empty()) {
      int v = stack.back();
      stack.pop_back();
      if (seen[v]) continue;
      seen[v] = 1;
      if (kinds_[v] == kind && names_[v] != root) out.push_back(names_[v]);
      for (int w : adj[v]) stack.push_back(w);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  int Id(const std::string& fqn) {
    auto [it, added] = ids_.emplace(fqn, static_cast<int>(names_.size()));
    if (added) {
      names_.push_back(fqn);
      down_.emplace_back();
      up_.emplace_back();
    }
    return it->second;
  }
  void Link(const std::string& from, const std::string& to) {
    int f = Id(from), t = Id(to);
    down_[f].push_back(t);
    up_[t].push_back(f);
  }

  std::unordered_map<std::string, int> ids_;
  std::vector<std::string> names_;
  std::vector<AssetKind> kinds_;
  std::vector<std::vector<int>> down_, up_;
};

}  // namespace linea::generate::testing
