#include "ingest/querylog/ingest.h"

#include <set>

#include "common/status_macros.h"

namespace linea::querylog {
namespace {

// "expected FROM, got 'FORM'" → "expected FROM": the part before the offending token.
std::string Reason(const std::string& message) {
  size_t cut = message.find(", got");
  std::string r = message.substr(0, cut == std::string::npos ? 60 : cut);
  return r.empty() ? "parse error" : r;
}

bool IsStoreFailure(const Status& s) {
  return s.code() == StatusCode::kUnavailable || s.code() == StatusCode::kDataLoss ||
         s.code() == StatusCode::kInternal;
}

class Batcher {
 public:
  Batcher(catalog::Catalog& catalog, IngestSummary* summary) : catalog_(catalog), s_(summary) {}

  void Add(model::Delta delta) { parts_.push_back(std::move(delta)); }
  size_t size() const { return parts_.size(); }

  // Commits the batch; on refusal retries each statement alone.
  Status Flush(std::set<std::string>* pending) {
    if (parts_.empty()) return Status();
    model::Delta merged;
    for (const model::Delta& p : parts_) MergeDelta(p, &merged);
    Status s = Commit(std::move(merged), parts_.size());
    if (!s.ok() && !IsStoreFailure(s)) {
      for (model::Delta& p : parts_) {
        Status one = Commit(std::move(p), 1);
        if (IsStoreFailure(one)) return one;
        if (!one.ok()) Reject(one.message());
      }
      s = Status();
    }
    parts_.clear();
    pending->clear();  // discovered assets are now in the catalog (or were refused)
    return s;
  }

  void Reject(const std::string& message) {
    ++s_->rejected;
    if (s_->problems.size() < 20) s_->problems.push_back(message);
  }

 private:
  Status Commit(model::Delta delta, size_t statements) {
    size_t assets = delta.upsert_assets.size();
    Result<catalog::ApplyStats> stats = catalog_.Apply(std::move(delta));
    if (!stats.ok()) return stats.status();
    s_->with_lineage += statements;
    s_->edges_written += stats->edges_written;
    s_->assets_discovered += assets;
    return Status();
  }

  catalog::Catalog& catalog_;
  IngestSummary* s_;
  std::vector<model::Delta> parts_;
};

}  // namespace

Result<IngestSummary> IngestQueryLog(catalog::Catalog& catalog,
                                     const std::vector<QueryRecord>& records,
                                     const IngestOptions& options) {
  IngestSummary summary;
  summary.records = records.size();
  Batcher batcher(catalog, &summary);
  std::set<std::string> pending;
  for (size_t r = 0; r < records.size(); ++r) {
    sql::AnalyzeOptions analyze = options.analyze;
    if (!records[r].database.empty()) analyze.default_database = records[r].database;
    for (const sql::StatementLineage& st : sql::AnalyzeScript(records[r].query_text, analyze)) {
      ++summary.statements;
      if (st.error) {
        ++summary.failed;
        ++summary.failed_by_reason[Reason(st.error->message)];
        continue;
      }
      ++summary.parsed;
      Result<model::Delta> delta = StatementDelta(st, catalog, options.catalog, &pending);
      if (!delta.ok()) {
        batcher.Reject("record at line " + std::to_string(records[r].line) + ": " +
                       delta.status().message());
        continue;
      }
      if (!delta->empty()) batcher.Add(std::move(*delta));
      if (batcher.size() >= options.batch) LINEA_RETURN_IF_ERROR(batcher.Flush(&pending));
    }
    if (options.progress) options.progress(r + 1, records.size());
  }
  LINEA_RETURN_IF_ERROR(batcher.Flush(&pending));
  return summary;
}

}  // namespace linea::querylog
