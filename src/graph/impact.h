// src/graph/impact.h: impact (downstream) and upstream (root cause) reports, docs/api.md "Queries".
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "graph/lineage_graph.h"
#include "graph/traverse.h"
#include "model/asset.h"

namespace linea::graph {

struct ImpactOptions {
  // Walk no farther. Default: unlimited.
  uint32_t max_depth = UINT32_MAX;
  // Node budget; when hit the report is partial and `truncated` is set. 0 = unlimited.
  size_t max_nodes = 0;
  // Which of model/dashboard/deployment to report; empty = all three.
  std::vector<model::AssetKind> kinds;
  // Report only assets whose effective domain is this one; "" = any.
  std::string domain;
  // How many reached data assets (columns, whole tables/topics, pipelines) to list in
  // ImpactReport::assets, nearest first. 0 = none. Default: 100.
  size_t max_assets = 100;
  // Skip indirect links (TraverseOptions::direct_only).
  bool direct_only = false;
};

// A reached model, dashboard or deployment (or, upstream, a source).
struct ReachedAsset {
  std::string fqn;
  model::AssetKind kind = model::AssetKind::kModel;
  uint32_t distance = 0;
  std::vector<std::string> path;      // one shortest path, root first
  // One per step of `path` (path.size() - 1): "contains" for a step between a container and
  // its part, else the lineage link's kind name ("indirect", "aggregation", …; "" unspecified).
  std::vector<std::string> path_edges;
  std::vector<std::string> features;  // models: the features hit, sorted
  std::vector<std::string> owners;    // effective owners
  std::string domain;                 // effective domain
};

// A team or user an impact concerns.
struct TeamImpact {
  // The team's name ("geo" for owner "team:geo"), or "user:<name>" for a user owner.
  std::string team;
  std::vector<model::Contact> contacts;
  std::vector<std::string> models, dashboards, deployments;
  // The team owns the broken asset itself (effective owner of the root): an incident on it
  // tells this team about everything affected.
  bool owns_root = false;
};

struct ImpactReport {
  std::string root_fqn;
  model::AssetKind root_kind = model::AssetKind::kColumn;
  // Each sorted by distance, then FQN.
  std::vector<ReachedAsset> models, dashboards, deployments;
  // The nearest reached data assets (columns, whole tables and topics, pipelines), at most
  // ImpactOptions::max_assets, by distance then FQN; `counts` has the totals. Owners/domain
  // filters do not apply. A table reached only through some of its columns is not listed.
  std::vector<ReachedAsset> assets;
  // Distinct assets reached per kind name, without the root and the root's own container.
  std::map<std::string, size_t> counts;
  // Every owning team of a reported asset and of the root itself (the teams an incident on the
  // root tells, subscribers aside; incident/service.h), once, sorted by name.
  std::vector<TeamImpact> teams;
  bool truncated = false;
};

// REQUIRES: graph.alive(root).
ImpactReport ComputeImpact(const LineageGraph& graph, AssetId root, const ImpactOptions& options);

// One piece of evidence that a source may be the cause (incident, failed run, failing check,
// staleness). Filled by later subsystems through UpstreamOptions::evidence.
struct Evidence {
  std::string type;    // "incident", "run_failed", "check_failed", "stale"
  std::string detail;  // human-readable
  std::string at;      // ISO-8601 time, may be empty
};

struct UpstreamSource {
  ReachedAsset asset;
  std::vector<Evidence> evidence;
};

struct UpstreamOptions {
  uint32_t max_depth = UINT32_MAX;
  size_t max_nodes = 0;
  bool direct_only = false;  // skip indirect links
  // Evidence for an asset; null = none known.
  std::function<std::vector<Evidence>(std::string_view fqn)> evidence;
};

struct UpstreamReport {
  std::string root_fqn;
  model::AssetKind root_kind = model::AssetKind::kModel;
  // Every upstream asset except the root's own children/parent: those with evidence first,
  // then by distance, then FQN.
  std::vector<UpstreamSource> sources;
  bool truncated = false;
};

// REQUIRES: graph.alive(root).
UpstreamReport ComputeUpstream(const LineageGraph& graph, AssetId root,
                               const UpstreamOptions& options);

}  // namespace linea::graph
