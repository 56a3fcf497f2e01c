#include "ingest/openlineage/projector.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "common/status_macros.h"
#include "model/fqn.h"

namespace linea::openlineage {
namespace {

using model::AssetKind;
using model::EdgeKind;

bool IsTerminal(std::string_view state) {
  return state == "COMPLETE" || state == "FAIL" || state == "ABORT";
}

// Stronger evidence of flow wins when two transformations link the same columns.
int Strength(EdgeKind kind) {
  switch (kind) {
    case EdgeKind::kIdentity: return 4;
    case EdgeKind::kTransformation: return 3;
    case EdgeKind::kAggregation: return 2;
    case EdgeKind::kUnspecified: return 1;
    case EdgeKind::kIndirect: return 0;
  }
  return 0;
}

EdgeKind KindOf(std::string_view type, std::string_view subtype) {
  if (type == "INDIRECT") return EdgeKind::kIndirect;
  if (subtype == "IDENTITY") return EdgeKind::kIdentity;
  if (subtype == "TRANSFORMATION") return EdgeKind::kTransformation;
  if (subtype == "AGGREGATION") return EdgeKind::kAggregation;
  return type == "DIRECT" ? EdgeKind::kTransformation : EdgeKind::kUnspecified;
}

// The strongest of the input field's transformations ("TYPE/SUBTYPE"): any DIRECT one beats
// INDIRECT ones, whatever their order.
EdgeKind KindOfTransformation(const OlInputField& in) {
  EdgeKind best = KindOf(in.type, in.subtype);
  for (const std::string& t : in.transformations) {
    size_t slash = t.find('/');
    std::string_view type = std::string_view(t).substr(0, slash);
    std::string_view subtype =
        slash == std::string::npos ? std::string_view() : std::string_view(t).substr(slash + 1);
    EdgeKind kind = KindOf(type, subtype);
    if (Strength(kind) > Strength(best)) best = kind;
  }
  return best;
}

std::string TransformText(const OlInputField& in) {
  std::string text;
  for (const std::string& t : in.transformations) {
    if (!text.empty()) text += ", ";
    text += t;
  }
  if (!in.description.empty()) text += (text.empty() ? "" : ": ") + in.description;
  return text;
}

// "team:x" / "user:x" pass through; otherwise the owner type decides ("team" → team:).
std::vector<std::string> OwnersOf(const std::vector<OlOwner>& owners) {
  std::vector<std::string> out;
  for (const OlOwner& o : owners) {
    if (o.name.empty()) continue;
    std::string name = o.name;
    if (name.rfind("team:", 0) != 0 && name.rfind("user:", 0) != 0) {
      std::string type = o.type;
      for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      name = (type == "team" || type == "group" ? "team:" : "user:") + name;
    }
    if (name.size() > 5 && std::find(out.begin(), out.end(), name) == out.end()) {
      out.push_back(std::move(name));
    }
  }
  return out;
}

std::vector<std::string> FailedAssertions(const OlDataset& d) {
  std::vector<std::string> out;
  for (const OlAssertion& a : d.assertions) {
    if (!a.success) out.push_back(a.column.empty() ? a.assertion : a.assertion + ":" + a.column);
  }
  return out;
}

class Builder {
 public:
  Builder(const OlEvent& event, const catalog::Catalog& catalog, const runs::RunState& runs,
          const NamespaceMap& namespaces)
      : event_(event), catalog_(catalog), runs_state_(runs), namespaces_(namespaces) {}

  Result<Projection> Build() {
    std::vector<const OlDataset*> datasets;
    if (event_.event_class == EventClass::kDataset) {
      datasets.push_back(&event_.dataset);
    } else {
      for (const OlDataset& d : event_.inputs) datasets.push_back(&d);
      for (const OlDataset& d : event_.outputs) datasets.push_back(&d);
    }
    // Identities first, so column lineage naming a path resolves to its symlinked table.
    for (const OlDataset* d : datasets) LINEA_RETURN_IF_ERROR(Register(*d));
    for (const auto& [own, table] : merges_) LINEA_RETURN_IF_ERROR(Merge(own, table));
    for (const OlDataset* d : datasets) LINEA_RETURN_IF_ERROR(Describe(*d));
    projection_.datasets = identity_.size();
    if (event_.event_class != EventClass::kDataset) LINEA_RETURN_IF_ERROR(ProjectJob());
    return Finish();
  }

 private:
  static std::string Key(std::string_view ns, std::string_view name) {
    std::string key(ns);
    key += '\n';
    key += name;
    return key;
  }

  // The canonical FQN of a dataset named outside this event's dataset list (e.g. an input
  // field of column lineage): its naming-table FQN, through a known alias.
  Result<std::string> Resolve(std::string_view ns, std::string_view name) {
    auto it = identity_.find(Key(ns, name));
    if (it != identity_.end()) return it->second;
    LINEA_ASSIGN_OR_RETURN(DatasetIdentity id, DatasetFqn(ns, name, namespaces_));
    std::string fqn = Rewrite(runs_state_.ResolveAlias(id.fqn));
    LINEA_RETURN_IF_ERROR(EnsureContainer(fqn, id.kind));
    identity_.emplace(Key(ns, name), fqn);
    return fqn;
  }

  Status Register(const OlDataset& d) {
    LINEA_ASSIGN_OR_RETURN(DatasetIdentity own, DatasetFqn(d.namespace_, d.name, namespaces_));
    const OlSymlink* link = nullptr;
    for (const OlSymlink& s : d.symlinks) {
      if (s.type == "TABLE") {
        link = &s;
        break;
      }
      if (!link) link = &s;
    }
    std::string fqn;
    AssetKind kind = own.kind;
    if (link) {
      LINEA_ASSIGN_OR_RETURN(DatasetIdentity table,
                             link->type == "TABLE"
                                 ? TableFqn(link->namespace_, link->name, namespaces_)
                                 : DatasetFqn(link->namespace_, link->name, namespaces_));
      fqn = runs_state_.ResolveAlias(table.fqn);
      kind = table.kind;
      identity_[Key(link->namespace_, link->name)] = fqn;
      if (own.fqn != fqn && runs_state_.ResolveAlias(own.fqn) != fqn) {
        aliases_[own.fqn] = fqn;
        if (catalog_.KindOf(own.fqn)) merges_.emplace(own.fqn, fqn);
      }
    } else {
      fqn = runs_state_.ResolveAlias(own.fqn);
    }
    identity_[Key(d.namespace_, d.name)] = fqn;
    return EnsureContainer(fqn, kind);
  }

  // Retroactive merge of the existing asset `own` (a storage path) into `table`.
  Status Merge(const std::string& own, const std::string& table) {
    LINEA_RETURN_IF_ERROR(EnsureContainer(table, AssetKind::kTable));
    for (const std::string& child : catalog_.ChildNames(own)) {
      LINEA_ASSIGN_OR_RETURN(model::Asset column, catalog_.GetAsset(model::JoinFqn(own, child)));
      LINEA_RETURN_IF_ERROR(EnsureColumn(table, child, column.data_type, column.description));
    }
    deletes_.insert(own);
    for (const std::string& provenance : catalog_.ProvenancesTouching(own)) {
      LINEA_ASSIGN_OR_RETURN(std::vector<model::Edge> edges, Existing(provenance));
      sets_[provenance] = std::move(edges);
    }
    return Status();
  }

  // `fqn` with every merged path replaced by its table.
  std::string Rewrite(const std::string& fqn) const {
    for (const auto& [own, table] : merges_) {
      if (fqn == own) return table;
      if (fqn.size() > own.size() && fqn.compare(0, own.size(), own) == 0 && fqn[own.size()] == '.') {
        return table + fqn.substr(own.size());
      }
    }
    return fqn;
  }

  // The stored edges of `provenance`, endpoints rewritten through this event's merges.
  Result<std::vector<model::Edge>> Existing(const std::string& provenance) {
    LINEA_ASSIGN_OR_RETURN(std::vector<model::Edge> edges, catalog_.EdgesOfProvenance(provenance));
    std::vector<model::Edge> out;
    for (model::Edge& e : edges) {
      e.from = Rewrite(e.from);
      e.to = Rewrite(e.to);
      if (e.from != e.to) out.push_back(std::move(e));
    }
    return out;
  }

  // Makes sure a table/topic `fqn` exists after the delta.
  Status EnsureContainer(const std::string& fqn, AssetKind kind) {
    if (assets_.count(fqn) || existing_.count(fqn)) return Status();
    if (std::optional<AssetKind> have = catalog_.KindOf(fqn); have && !deletes_.count(fqn)) {
      if (!model::CanHoldColumns(*have)) {
        return FailedPreconditionError("dataset " + fqn + " exists as a " +
                                       std::string(model::KindName(*have)) + ", not a table");
      }
      existing_.insert(fqn);
      return Status();
    }
    model::Asset a;
    a.fqn = fqn;
    a.kind = kind;
    a.properties["discovered_by"] = "openlineage";
    assets_.emplace(fqn, std::move(a));
    return Status();
  }

  Status EnsureColumn(const std::string& table, std::string_view field, std::string_view type,
                      std::string_view description) {
    std::string fqn = model::JoinFqn(table, field);
    auto pending = assets_.find(fqn);
    if (pending == assets_.end() && !existing_.count(fqn)) {
      std::optional<AssetKind> have = catalog_.KindOf(fqn);
      if (have && !deletes_.count(fqn)) {
        if (*have != AssetKind::kColumn) {
          return FailedPreconditionError("column " + fqn + " exists as a " +
                                         std::string(model::KindName(*have)));
        }
        existing_.insert(fqn);
      } else {
        model::Asset a;
        a.fqn = fqn;
        a.kind = AssetKind::kColumn;
        pending = assets_.emplace(fqn, std::move(a)).first;
      }
    }
    if (type.empty() && description.empty()) return Status();
    if (description.empty() && existing_.count(fqn) && DataTypeOf(fqn) == type) {
      return Status();  // nothing new: no store read
    }
    LINEA_ASSIGN_OR_RETURN(model::Asset * a, Editable(fqn));
    if (!type.empty()) a->data_type = std::string(type);
    if (!description.empty()) a->description = std::string(description);
    return Status();
  }

  // The pending upsert of `fqn`, loading the stored asset first when it exists.
  Result<model::Asset*> Editable(const std::string& fqn) {
    auto it = assets_.find(fqn);
    if (it != assets_.end()) return &it->second;
    LINEA_ASSIGN_OR_RETURN(model::Asset stored, catalog_.GetAsset(fqn));
    originals_.emplace(fqn, stored);
    return &assets_.emplace(fqn, std::move(stored)).first->second;
  }

  Status Describe(const OlDataset& d) {
    const std::string& fqn = identity_.at(Key(d.namespace_, d.name));
    for (const OlSchemaField& f : d.schema) {
      LINEA_RETURN_IF_ERROR(EnsureColumn(fqn, f.name, f.type, f.description));
    }
    if (d.has_documentation && !d.documentation.empty()) {
      LINEA_ASSIGN_OR_RETURN(model::Asset * a, Editable(fqn));
      a->description = d.documentation;
    }
    if (d.has_ownership) {
      std::vector<std::string> owners = OwnersOf(d.owners);
      if (!owners.empty()) {
        LINEA_ASSIGN_OR_RETURN(model::Asset * a, Editable(fqn));
        a->owners = std::move(owners);
      }
    }
    return Status();
  }

  void AddEdge(std::map<std::pair<std::string, std::string>, model::Edge>* edges,
               std::string from, std::string to, EdgeKind kind, std::string transform) {
    if (from == to) return;
    auto key = std::make_pair(from, to);
    auto it = edges->find(key);
    if (it != edges->end() && Strength(it->second.kind) >= Strength(kind)) return;
    model::Edge e;
    e.from = std::move(from);
    e.to = std::move(to);
    e.kind = kind;
    e.transform = std::move(transform);
    (*edges)[key] = std::move(e);
  }

  // The job's pipeline asset, the lineage of this event and the run it records — in steps.
  Status ProjectJob() {
    LINEA_ASSIGN_OR_RETURN(std::string job, JobFqn(event_.job.namespace_, event_.job.name,
                                                   namespaces_));
    LINEA_RETURN_IF_ERROR(EnsurePipeline(job));
    LINEA_ASSIGN_OR_RETURN(std::vector<model::Edge> mine, EventEdges(job));
    std::string provenance = JobProvenance(event_.job.namespace_, event_.job.name);
    if (event_.event_class == EventClass::kJob) {
      sets_[provenance] = std::move(mine);
      return Status();
    }
    std::string state = event_.event_type.empty() ? "OTHER" : event_.event_type;
    std::optional<model::RunRecord> last = runs_state_.LastRun(job);
    bool same_run = last && last->run_id == event_.run_id;
    if ((last && !same_run && last->event_time_ms > event_.event_time_ms) ||
        (same_run && IsTerminal(last->state) && !IsTerminal(state))) {
      projection_.stale = true;
      return Status();
    }
    provisional_may_exist_ = last && !IsTerminal(last->state);
    LINEA_RETURN_IF_ERROR(
        PlaceEdges(provenance, state, same_run && !IsTerminal(last->state), std::move(mine)));
    RecordRun(job, state);
    return Status();
  }

  // Makes sure `job` is a pipeline (creating it), with the job facets' documentation,
  // ownership and SQL.
  Status EnsurePipeline(const std::string& job) {
    if (std::optional<AssetKind> have = catalog_.KindOf(job)) {
      if (*have != AssetKind::kPipeline) {
        return FailedPreconditionError("job " + job + " exists as a " +
                                       std::string(model::KindName(*have)) + ", not a pipeline");
      }
    } else {
      model::Asset a;
      a.fqn = job;
      a.kind = AssetKind::kPipeline;
      a.properties["discovered_by"] = "openlineage";
      assets_.emplace(job, std::move(a));
    }
    if (event_.job.has_documentation && !event_.job.documentation.empty()) {
      LINEA_ASSIGN_OR_RETURN(model::Asset * a, Editable(job));
      a->description = event_.job.documentation;
    }
    if (event_.job.has_ownership) {
      std::vector<std::string> owners = OwnersOf(event_.job.owners);
      if (!owners.empty()) {
        LINEA_ASSIGN_OR_RETURN(model::Asset * a, Editable(job));
        a->owners = std::move(owners);
      }
    }
    if (!event_.job.sql.empty()) {
      LINEA_ASSIGN_OR_RETURN(model::Asset * a, Editable(job));
      a->properties["sql"] = event_.job.sql;
    }
    return Status();
  }

  // The lineage this event states: job → each output, columnLineage and datasetDependencies
  // column edges, and input → job for inputs no column edge already connects.
  Result<std::vector<model::Edge>> EventEdges(const std::string& job) {
    std::map<std::pair<std::string, std::string>, model::Edge> edges;
    std::set<std::string> with_columns;  // inputs that reach an output through columnLineage
    for (const OlDataset& out : event_.outputs) {
      const std::string& table = identity_.at(Key(out.namespace_, out.name));
      AddEdge(&edges, job, table, EdgeKind::kUnspecified, "");
      for (const OlColumnLineage& cl : out.column_lineage) {
        LINEA_RETURN_IF_ERROR(EnsureColumn(table, cl.output_field, "", ""));
        std::string to = model::JoinFqn(table, cl.output_field);
        for (const OlInputField& in : cl.inputs) {
          LINEA_ASSIGN_OR_RETURN(std::string source, Resolve(in.namespace_, in.name));
          LINEA_RETURN_IF_ERROR(EnsureColumn(source, in.field, "", ""));
          with_columns.insert(source);
          AddEdge(&edges, model::JoinFqn(source, in.field), to, KindOfTransformation(in),
                  TransformText(in));
          ++projection_.column_edges;
        }
      }
      for (const OlInputField& in : out.dataset_dependencies) {
        LINEA_ASSIGN_OR_RETURN(std::string source, Resolve(in.namespace_, in.name));
        LINEA_RETURN_IF_ERROR(EnsureColumn(source, in.field, "", ""));
        with_columns.insert(source);
        AddEdge(&edges, model::JoinFqn(source, in.field), table, EdgeKind::kIndirect,
                TransformText(in));
        ++projection_.column_edges;
      }
    }
    for (const OlDataset& in : event_.inputs) {
      const std::string& table = identity_.at(Key(in.namespace_, in.name));
      if (!with_columns.count(table)) AddEdge(&edges, table, job, EdgeKind::kUnspecified, "");
    }
    std::vector<model::Edge> mine;
    for (auto& [key, e] : edges) mine.push_back(std::move(e));
    return mine;
  }

  // Where a run's edges go: a COMPLETE replaces the job's edges (and clears the provisional
  // set), a FAIL/ABORT clears the provisional set, anything else accumulates into it (with
  // what the same open run stated before).
  Status PlaceEdges(const std::string& provenance, const std::string& state, bool open_run,
                    std::vector<model::Edge> mine) {
    std::string provisional = ProvisionalProvenance(provenance);
    if (state == "FAIL" || state == "ABORT") {
      sets_[provisional] = {};
      return Status();
    }
    std::vector<model::Edge> merged;
    if (open_run) {
      LINEA_ASSIGN_OR_RETURN(merged, Existing(provisional));
    }
    std::map<std::pair<std::string, std::string>, model::Edge> all;
    for (model::Edge& e : merged) {
      AddEdge(&all, std::move(e.from), std::move(e.to), e.kind, std::move(e.transform));
    }
    for (model::Edge& e : mine) {
      AddEdge(&all, std::move(e.from), std::move(e.to), e.kind, std::move(e.transform));
    }
    std::vector<model::Edge> final_edges;
    for (auto& [key, e] : all) final_edges.push_back(std::move(e));
    if (state == "COMPLETE") {
      sets_[provenance] = std::move(final_edges);
      sets_[provisional] = {};
    } else {
      sets_[provisional] = std::move(final_edges);
    }
    return Status();
  }

  // The run's record on the job, each output, and each input a check job recorded quality for.
  void RecordRun(const std::string& job, const std::string& state) {
    model::RunRecord run;
    run.job = job;
    run.run_id = event_.run_id;
    run.state = state;
    run.event_time = event_.event_time;
    run.event_time_ms = event_.event_time_ms;
    run.error_message = event_.error_message;
    run.asset = job;
    runs_[job] = run;
    for (const OlDataset& out : event_.outputs) {
      model::RunRecord r = run;
      r.asset = identity_.at(Key(out.namespace_, out.name));
      r.failed_assertions = FailedAssertions(out);
      r.quality_json = out.quality_json;
      runs_[r.asset] = std::move(r);
    }
    for (const OlDataset& in : event_.inputs) {
      if (in.quality_json.empty()) continue;
      std::string fqn = identity_.at(Key(in.namespace_, in.name));
      if (runs_.count(fqn)) continue;  // also an output of this run
      // A record of the job that produced the dataset stays; a record of this job (a test or
      // check job reading it) follows this run.
      std::optional<model::RunRecord> before = runs_state_.LastRun(fqn);
      model::RunRecord r = before && before->job != job ? *before : run;
      r.asset = fqn;
      r.failed_assertions = FailedAssertions(in);
      r.quality_json = in.quality_json;
      runs_[fqn] = std::move(r);
    }
  }


  Result<Projection> Finish() {
    model::Delta& d = projection_.delta;
    d.delete_assets.assign(deletes_.begin(), deletes_.end());
    for (auto& [fqn, asset] : assets_) {
      auto original = originals_.find(fqn);
      if (original != originals_.end() && original->second == asset) continue;
      d.upsert_assets.push_back(std::move(asset));
    }
    for (auto& [provenance, edges] : sets_) {
      if (edges.empty() && provenance.size() > 12 &&
          provenance.compare(provenance.size() - 12, 12, "#provisional") == 0) {
        // Only a job whose last run is still open can have provisional edges (a terminal
        // event clears them), unless a merge rewrote them.
        if (!provisional_may_exist_ && merges_.empty()) continue;
        LINEA_ASSIGN_OR_RETURN(std::vector<model::Edge> stored,
                               catalog_.EdgesOfProvenance(provenance));
        if (stored.empty()) continue;  // nothing to drop
      }
      d.replace_edges.push_back({provenance, std::move(edges)});
    }
    model::RunDelta& r = projection_.runs;
    for (const auto& [alias, fqn] : aliases_) r.upsert_aliases.push_back({alias, fqn});
    for (auto& [fqn, run] : runs_) r.upsert_runs.push_back(std::move(run));
    return std::move(projection_);
  }

  // The data type of the column `fqn` ("" when unset); nullopt when unknown.
  std::optional<std::string> DataTypeOf(const std::string& fqn) const {
    std::optional<catalog::AssetSummary> summary = catalog_.Summary(fqn);
    if (!summary) return std::nullopt;
    return summary->data_type;
  }

  const OlEvent& event_;
  const catalog::Catalog& catalog_;
  const runs::RunState& runs_state_;
  const NamespaceMap& namespaces_;
  Projection projection_;
  std::map<std::string, std::string> identity_;  // Key(ns, name) → canonical FQN
  std::map<std::string, std::string> aliases_;   // path FQN → table FQN
  std::map<std::string, std::string> merges_;    // existing path asset → table
  std::set<std::string> deletes_;
  std::map<std::string, model::Asset> assets_;     // upserts (new or edited)
  std::map<std::string, model::Asset> originals_;  // stored state of edited assets
  std::set<std::string> existing_;                 // known to exist, untouched
  std::map<std::string, std::vector<model::Edge>> sets_;
  std::map<std::string, model::RunRecord> runs_;
  bool provisional_may_exist_ = false;  // the job's last run is not terminal
};

}  // namespace

std::string ProvisionalProvenance(std::string_view job_provenance) {
  return std::string(job_provenance) + "#provisional";
}

Result<Projection> ProjectEvent(const OlEvent& event, const catalog::Catalog& catalog,
                                const runs::RunState& runs, const NamespaceMap& namespaces) {
  return Builder(event, catalog, runs, namespaces).Build();
}

}  // namespace linea::openlineage
