#include "connectors/puller.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "common/hash.h"
#include "common/strings.h"
#include "connectors/connector_write.h"
#include "model/fqn.h"
#include "model/kind.h"

namespace linea::connectors {
namespace {

int64_t SystemNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The FQN of `fqn`'s parent segment path; "" for a one-segment or malformed FQN.
std::string ParentOf(const std::string& fqn) {
  Result<model::Fqn> parsed = model::Fqn::Parse(fqn);
  if (!parsed.ok() || parsed->size() < 2) return "";
  return parsed->Prefix().ToString();
}

bool OnlyNotes(const std::vector<std::string>& problems) {
  return std::all_of(problems.begin(), problems.end(),
                     [](const std::string& p) { return StartsWith(p, "note: "); });
}

bool IsStoreFailure(const Status& s) {
  return s.code() == StatusCode::kUnavailable || s.code() == StatusCode::kDataLoss ||
         s.code() == StatusCode::kInternal;
}

void AppendAsset(const model::Asset& a, std::string* out) {
  *out += a.fqn;
  *out += '\x1f';
  *out += model::KindName(a.kind);
  *out += '\x1f' + a.description + '\x1f' + a.domain + '\x1f' + Join(a.owners, ",") + '\x1f' +
          Join(a.tags, ",") + '\x1f' + a.data_type;
  for (const auto& [k, v] : a.properties) *out += '\x1f' + k + '=' + v;
  *out += '\x1e';
}

// "<assets hash>:<edges hash>": equal when the item maps to the same catalog content.
std::string Fingerprint(const MappedItem& item) {
  std::string assets, edges;
  for (const model::Asset& a : item.assets) AppendAsset(a, &assets);
  for (const model::Edge& e : item.edges) {
    edges += e.from + '\x1f' + e.to + '\x1f' + std::string(model::EdgeKindName(e.kind)) + '\x1f' +
             e.transform + '\x1e';
  }
  return HexHash64(assets) + ":" + HexHash64(edges);
}

std::string EdgesPart(const std::string& fingerprint) {
  const size_t colon = fingerprint.find(':');
  return colon == std::string::npos ? "" : fingerprint.substr(colon + 1);
}

class PullRun {
 public:
  PullRun(catalog::Catalog& catalog, const ConnectorConfig& config, Source& source,
          const PullOptions& options, PullReport* report)
      : catalog_(catalog), config_(config), source_(source), options_(options), r_(*report) {}

  Status Run();

 private:
  // The pending transaction.
  struct Batch {
    model::Delta delta;
    // Per item, in step: its state to put (an empty key: none), the state to forget (an empty
    // pair: none) and its own part of `delta`, for retrying one by one.
    std::vector<model::ConnectorItem> items;
    std::vector<std::pair<std::string, std::string>> forgets;
    std::vector<model::Delta> parts;
    std::vector<AssetCounts> counts;
    size_t assets = 0;
  };

  Status ProcessGroup(const std::vector<SourceItem>& group);
  // Adds the mapped item's changes to the batch (or only its new version when unchanged).
  Status AddMapped(MappedItem mapped, const SourceItem& listed);
  // The stored item, gone from the source: remove what no other lineage holds.
  void AddRemoved(const model::ConnectorItem& stored);
  // An unchanged item that retained assets: drop those no other lineage holds any more.
  void RecheckRetained(const model::ConnectorItem& stored);
  // Splits `candidates` (owned FQNs no longer mapped) into deletions and retained assets.
  void Release(const std::vector<std::string>& candidates, model::Delta* part, AssetCounts* counts,
               std::vector<std::string>* retained, std::vector<std::string>* problems);
  Status Flush();
  Status Commit(model::Delta delta, const std::vector<model::ConnectorItem>& items,
                const std::vector<std::pair<std::string, std::string>>& forgets);
  void Count(const AssetCounts& counts);
  // Queues a new item state (no catalog change) in the batch.
  void AddStateOnly(model::ConnectorItem state);
  Status ForceOtherConnectors();
  void ReportProblems(const model::ConnectorItem& item);

  catalog::Catalog& catalog_;
  const ConnectorConfig& config_;
  Source& source_;
  const PullOptions& options_;
  PullReport& r_;
  std::map<std::string, model::ConnectorItem> stored_;
  std::set<std::string> read_;  // keys read (and so already reconciled) this pull
  // Items of this connector whose lineage used an asset this pull removed: read again.
  std::set<std::string> forced_;
  // (connector, key) of other connectors' items whose lineage retained an asset this pull.
  std::set<std::pair<std::string, std::string>> other_items_;
  size_t total_groups_ = 0;
  Batch batch_;
  std::string own_prefix_;
};

void PullRun::Release(const std::vector<std::string>& candidates, model::Delta* part,
                      AssetCounts* counts, std::vector<std::string>* retained,
                      std::vector<std::string>* problems) {
  std::set<std::string> deleting;
  for (const std::string& fqn : candidates) {
    std::optional<model::AssetKind> kind = catalog_.KindOf(fqn);
    if (!kind) continue;  // gone already (deleted with its parent, or by someone else)
    const std::string parent = ParentOf(fqn);
    if (!parent.empty() && deleting.count(parent)) {  // goes with its parent
      ++counts->removed[std::string(model::KindName(*kind))];
      deleting.insert(fqn);
      continue;
    }
    std::vector<std::string> foreign, own;
    for (std::string& p : catalog_.ProvenancesTouching(fqn)) {
      (StartsWith(p, own_prefix_) ? own : foreign).push_back(std::move(p));
    }
    if (!foreign.empty()) {
      for (const std::string& p : foreign) {
        const size_t slash = p.find('/');
        if (StartsWith(p, "connector:") && slash != std::string::npos) {
          other_items_.emplace(p.substr(10, slash - 10), p.substr(slash + 1));
        }
      }
      retained->push_back(fqn);
      problems->push_back(fqn + ": gone from the source, kept: lineage of " + Join(foreign, ", ") +
                          " still uses it");
      r_.retained.push_back({fqn, std::move(foreign)});
      continue;
    }
    for (const std::string& p : own) forced_.insert(p.substr(own_prefix_.size()));
    deleting.insert(fqn);
    part->delete_assets.push_back(fqn);
    ++counts->removed[std::string(model::KindName(*kind))];
  }
}

Status PullRun::Run() {
  own_prefix_ = "connector:" + config_.name + "/";
  if (Status s = source_.Connect(); !s.ok()) return s;
  Result<std::vector<SourceItem>> listed = source_.ListItems();
  if (!listed.ok()) return listed.status();
  r_.items_listed = listed->size();
  Result<std::vector<model::ConnectorItem>> stored =
      catalog_.store().connectors().ListItems(config_.name);
  if (!stored.ok()) return stored.status();
  for (model::ConnectorItem& item : *stored) stored_.emplace(item.key, std::move(item));

  // What to read: new items, changed versions, unknown versions, items with problems, and
  // items whose lineage lost an endpoint earlier in this pull (forced_). Phase by phase, so
  // that a phase sees what earlier phases forced.
  std::set<std::string> present;
  std::map<int, std::vector<SourceItem*>> phases;
  for (SourceItem& item : *listed) {
    present.insert(item.key);
    phases[item.phase].push_back(&item);
  }
  // Items gone from the source first (one transaction), so that what their removal takes from
  // other items' lineage is seen when those are read.
  for (const auto& [key, item] : stored_) {
    if (!present.count(key)) AddRemoved(item);
  }
  if (Status s = Flush(); !s.ok()) return s;
  size_t done = 0;
  for (auto& [phase, items] : phases) {
    std::map<std::string, std::vector<SourceItem>> groups;
    for (SourceItem* item : items) {
      auto it = stored_.find(item->key);
      const bool unchanged = it != stored_.end() && !item->version.empty() &&
                             it->second.version == item->version &&
                             OnlyNotes(it->second.problems) && !forced_.count(item->key);
      if (unchanged) {
        ++r_.items_unchanged;
        ReportProblems(it->second);
        continue;
      }
      groups[item->group].push_back(std::move(*item));
    }
    total_groups_ += groups.size();
    for (auto& [name, group] : groups) {
      const std::string label = group.front().label.empty() ? name : group.front().label;
      if (Status s = ProcessGroup(group); !s.ok()) return s;
      if (options_.progress) options_.progress(++done, total_groups_, label);
    }
  }
  for (const auto& [key, item] : stored_) {
    if (present.count(key) && !item.retained.empty() && !read_.count(key)) RecheckRetained(item);
  }
  // Forced items this pull could no longer read (an earlier phase or group): the next pull
  // reads them.
  for (const std::string& key : forced_) {
    auto it = stored_.find(key);
    if (read_.count(key) || !present.count(key) || it == stored_.end()) continue;
    model::ConnectorItem state = it->second;
    state.version.clear();
    AddStateOnly(std::move(state));
  }
  // Items of other connectors whose lineage keeps an asset this source dropped: their next
  // pull reads them again, so that the lineage (and then the asset) can go.
  if (Status s = ForceOtherConnectors(); !s.ok()) return s;
  if (Status s = Flush(); !s.ok()) return s;
  std::sort(r_.problems.begin(), r_.problems.end());
  if (r_.problems.size() > kMaxProblems) r_.problems.resize(kMaxProblems);
  return Status::OK();
}

Status PullRun::ProcessGroup(const std::vector<SourceItem>& group) {
  Result<std::vector<MappedItem>> mapped = source_.ReadItems(group, catalog_);
  if (!mapped.ok()) return mapped.status();
  std::map<std::string, const SourceItem*> by_key;
  for (const SourceItem& item : group) by_key[item.key] = &item;
  for (MappedItem& item : *mapped) {
    auto it = by_key.find(item.key);
    if (it == by_key.end()) continue;  // the source answered for an item it was not asked for
    if (!item.error.empty()) {  // unread: its stored state and assets stay as they are
      ++r_.items_failed;
      ++r_.problems_total;
      r_.problems.push_back(item.key + ": " + item.error);
      read_.insert(item.key);
      continue;
    }
    ++r_.items_read;
    read_.insert(item.key);
    if (Status s = AddMapped(std::move(item), *it->second); !s.ok()) return s;
  }
  return Flush();  // one group, one transaction (split further only past max_batch_assets)
}

Status PullRun::AddMapped(MappedItem mapped, const SourceItem& listed) {
  const std::string provenance = ItemProvenance(config_.name, mapped.key);
  for (model::Edge& e : mapped.edges) e.provenance = provenance;
  // One edge per (from, to); a direct kind wins over indirect (a column both read and filtered
  // on), so the choice does not depend on the source's order.
  std::sort(mapped.edges.begin(), mapped.edges.end(), [](const model::Edge& a, const model::Edge& b) {
    const bool ai = a.kind == model::EdgeKind::kIndirect, bi = b.kind == model::EdgeKind::kIndirect;
    return std::tie(a.from, a.to, ai, a.kind) < std::tie(b.from, b.to, bi, b.kind);
  });
  mapped.edges.erase(std::unique(mapped.edges.begin(), mapped.edges.end(),
                                 [](const model::Edge& a, const model::Edge& b) {
                                   return a.from == b.from && a.to == b.to;
                                 }),
                     mapped.edges.end());
  model::ConnectorItem state;
  state.connector = config_.name;
  state.key = mapped.key;
  state.version = listed.version;
  state.fingerprint = Fingerprint(mapped);
  state.problems = mapped.problems;
  for (const model::Asset& a : mapped.assets) state.assets.push_back(a.fqn);
  std::sort(state.assets.begin(), state.assets.end());

  auto previous = stored_.find(mapped.key);
  const model::ConnectorItem* before = previous == stored_.end() ? nullptr : &previous->second;
  model::Delta part;
  AssetCounts counts;
  if (before == nullptr || before->fingerprint != state.fingerprint || !before->retained.empty()) {
    // Assets: create the missing, rewrite the changed.
    for (model::Asset& a : mapped.assets) {
      std::optional<model::AssetKind> kind = catalog_.KindOf(a.fqn);
      const std::string kind_name(model::KindName(a.kind));
      if (!kind) {
        ++counts.created[kind_name];
      } else {
        Result<model::Asset> current = catalog_.GetAsset(a.fqn);
        if (current.ok() && *current == a) continue;
        ++counts.updated[kind_name];
      }
      part.upsert_assets.push_back(std::move(a));
    }
    // Lineage: the item's edge set, when it changed.
    if (before == nullptr || EdgesPart(before->fingerprint) != EdgesPart(state.fingerprint)) {
      if (before != nullptr || !mapped.edges.empty()) {
        part.replace_edges.push_back({provenance, std::move(mapped.edges)});
      }
    }
    // Assets it no longer maps (and those it retained before): release them.
    if (before != nullptr) {
      std::set<std::string> now(state.assets.begin(), state.assets.end());
      std::vector<std::string> candidates;
      for (const std::string& fqn : before->assets) {
        if (!now.count(fqn)) candidates.push_back(fqn);
      }
      for (const std::string& fqn : before->retained) {
        if (!now.count(fqn)) candidates.push_back(fqn);
      }
      std::sort(candidates.begin(), candidates.end());
      candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
      Release(candidates, &part, &counts, &state.retained, &state.problems);
    }
  }
  ReportProblems(state);
  const bool writes_catalog = !part.empty();
  if (writes_catalog) ++r_.items_written;
  const size_t assets = part.upsert_assets.size() + part.delete_assets.size();
  batch_.parts.push_back(part);
  batch_.counts.push_back(counts);
  batch_.items.push_back(std::move(state));
  batch_.forgets.emplace_back();
  batch_.assets += assets;
  // Merge into the batch's delta.
  for (model::Asset& a : part.upsert_assets) batch_.delta.upsert_assets.push_back(std::move(a));
  for (std::string& f : part.delete_assets) batch_.delta.delete_assets.push_back(std::move(f));
  for (model::EdgeSet& s : part.replace_edges) batch_.delta.replace_edges.push_back(std::move(s));
  if (batch_.assets >= options_.max_batch_assets) return Flush();
  return Status::OK();
}

void PullRun::AddRemoved(const model::ConnectorItem& stored) {
  model::Delta part;
  AssetCounts counts;
  model::ConnectorItem state = stored;
  state.version.clear();
  state.fingerprint.clear();
  state.assets.clear();
  state.retained.clear();
  state.problems.clear();
  std::vector<std::string> candidates = stored.assets;
  candidates.insert(candidates.end(), stored.retained.begin(), stored.retained.end());
  std::sort(candidates.begin(), candidates.end());
  Release(candidates, &part, &counts, &state.retained, &state.problems);
  if (!stored.fingerprint.empty() || !EdgesPart(stored.fingerprint).empty()) {
    part.replace_edges.push_back({ItemProvenance(config_.name, stored.key), {}});
  }
  if (!stored.assets.empty() || !stored.fingerprint.empty()) ++r_.items_removed;
  for (const std::string& p : state.problems) {
    ++r_.problems_total;
    r_.problems.push_back(state.key + ": " + p);
  }
  for (std::string& f : part.delete_assets) batch_.delta.delete_assets.push_back(f);
  for (model::EdgeSet& s : part.replace_edges) batch_.delta.replace_edges.push_back(s);
  batch_.assets += part.delete_assets.size();
  batch_.parts.push_back(std::move(part));
  batch_.counts.push_back(counts);
  if (state.retained.empty()) {
    batch_.items.emplace_back();
    batch_.forgets.emplace_back(config_.name, stored.key);
  } else {
    batch_.items.push_back(std::move(state));
    batch_.forgets.emplace_back();
  }
}

void PullRun::RecheckRetained(const model::ConnectorItem& stored) {
  model::Delta part;
  AssetCounts counts;
  model::ConnectorItem state = stored;
  state.retained.clear();
  std::erase_if(state.problems, [](const std::string& p) { return p.find(": gone from the source, kept: ") != std::string::npos; });
  Release(stored.retained, &part, &counts, &state.retained, &state.problems);
  if (state == stored) {  // still held: report it again, change nothing
    for (const std::string& p : stored.problems) {
      ++r_.problems_total;
      r_.problems.push_back(stored.key + ": " + p);
    }
    return;
  }
  for (const std::string& p : state.problems) {
    ++r_.problems_total;
    r_.problems.push_back(state.key + ": " + p);
  }
  for (std::string& f : part.delete_assets) batch_.delta.delete_assets.push_back(f);
  batch_.assets += part.delete_assets.size();
  batch_.parts.push_back(std::move(part));
  batch_.counts.push_back(counts);
  batch_.items.push_back(std::move(state));
  batch_.forgets.emplace_back();
}

void PullRun::AddStateOnly(model::ConnectorItem state) {
  batch_.parts.emplace_back();
  batch_.counts.emplace_back();
  batch_.items.push_back(std::move(state));
  batch_.forgets.emplace_back();
}

Status PullRun::ForceOtherConnectors() {
  std::map<std::string, std::map<std::string, model::ConnectorItem>> items;  // by connector, key
  for (const auto& [connector, key] : other_items_) {
    if (!items.count(connector)) {
      Result<std::vector<model::ConnectorItem>> listed =
          catalog_.store().connectors().ListItems(connector);
      if (!listed.ok()) return listed.status();
      for (model::ConnectorItem& item : *listed) items[connector].emplace(item.key, std::move(item));
    }
    auto it = items[connector].find(key);
    if (it == items[connector].end() || it->second.version.empty()) continue;
    model::ConnectorItem state = it->second;
    state.version.clear();
    AddStateOnly(std::move(state));
  }
  return Status::OK();
}

void PullRun::ReportProblems(const model::ConnectorItem& item) {
  for (const std::string& p : item.problems) {
    ++r_.problems_total;
    if (r_.problems.size() < kMaxProblems * 4) r_.problems.push_back(item.key + ": " + p);
  }
}

void PullRun::Count(const AssetCounts& counts) {
  for (const auto& [k, n] : counts.created) r_.assets.created[k] += n;
  for (const auto& [k, n] : counts.updated) r_.assets.updated[k] += n;
  for (const auto& [k, n] : counts.removed) r_.assets.removed[k] += n;
}

Status PullRun::Commit(model::Delta delta, const std::vector<model::ConnectorItem>& items,
                       const std::vector<std::pair<std::string, std::string>>& forgets) {
  model::ConnectorDelta state;
  for (const model::ConnectorItem& item : items) {
    if (!item.key.empty()) state.put_items.push_back(item);
  }
  for (const auto& forget : forgets) {
    if (!forget.first.empty()) state.delete_items.push_back(forget);
  }
  if (delta.empty() && state.empty()) return Status::OK();
  ConnectorWrite write(std::move(state));
  // Audited as the connector: its provenance is "connector:<name>" too.
  const catalog::Writer writer =
      catalog::Writer::System("connector:" + config_.name, "connector pull");
  Result<catalog::ApplyStats> stats = catalog_.Apply(std::move(delta), &write, &writer);
  if (!stats.ok()) return stats.status();
  r_.edges_written += stats->edges_written;
  ++r_.batches;
  return Status::OK();
}

Status PullRun::Flush() {
  Batch batch = std::move(batch_);
  batch_ = Batch();
  if (batch.parts.empty()) return Status::OK();
  if (options_.dry_run) {
    for (const AssetCounts& c : batch.counts) Count(c);
    for (const model::Delta& p : batch.parts) {
      for (const model::EdgeSet& s : p.replace_edges) r_.edges_written += s.edges.size();
    }
    return Status::OK();
  }
  Status s = Commit(std::move(batch.delta), batch.items, batch.forgets);
  if (s.ok()) {
    for (const AssetCounts& c : batch.counts) Count(c);
    return s;
  }
  if (IsStoreFailure(s)) return s;
  // The catalog refused the batch: write each item alone so one bad item cannot sink the rest.
  for (size_t i = 0; i < batch.parts.size(); ++i) {
    const model::ConnectorItem& item = batch.items[i];
    Status one = Commit(batch.parts[i], {item}, {batch.forgets[i]});
    if (IsStoreFailure(one)) return one;
    if (one.ok()) {
      Count(batch.counts[i]);
      continue;
    }
    ++r_.items_failed;
    ++r_.problems_total;
    const std::string& key = item.key.empty() ? batch.forgets[i].second : item.key;
    r_.problems.push_back(key + ": " + one.message());
    if (r_.items_written > 0) --r_.items_written;
  }
  return Status::OK();
}

}  // namespace

std::string ItemProvenance(const std::string& connector, const std::string& key) {
  return "connector:" + connector + "/" + key;
}

PullReport Pull(catalog::Catalog& catalog, const ConnectorConfig& config, Source& source,
                const PullOptions& options) {
  auto now = options.clock ? options.clock : SystemNowMs;
  PullReport report;
  report.connector = config.name;
  report.type = config.type;
  report.source = source.Describe();
  report.dry_run = options.dry_run;
  report.started_at_ms = now();
  PullRun run(catalog, config, source, options, &report);
  Status status = run.Run();
  report.finished_at_ms = now();
  report.outcome = status.ok() ? "ok" : "failed";
  report.error = status.ok() ? "" : status.message();
  if (!options.dry_run) {
    model::ConnectorDelta delta;
    delta.runs.push_back({config.name, report.started_at_ms, report.finished_at_ms, report.outcome,
                          ToJson(report).dump(-1, ' ', false,
                                              nlohmann::ordered_json::error_handler_t::replace)});
    ConnectorWrite write(std::move(delta));
    Result<catalog::ApplyStats> recorded = catalog.Apply({}, &write);
    if (!recorded.ok() && status.ok()) {
      report.outcome = "failed";
      report.error = "cannot record the run: " + recorded.status().message();
    }
  }
  return report;
}

}  // namespace linea::connectors
