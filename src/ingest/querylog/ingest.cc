#include "ingest/querylog/ingest.h"

#include <cstdint>
#include <map>
#include <set>
#include <string_view>

#include "common/status_macros.h"

namespace linea::querylog {
namespace {

// "expected FROM, got 'FORM'" → "expected FROM": the part before the offending token.
std::string Reason(const std::string& message) {
  size_t cut = message.find(", got");
  std::string r = message.substr(0, cut == std::string::npos ? 60 : cut);
  return r.empty() ? "parse error" : r;
}

// The first `max` characters of `sql`, whitespace runs as one space, "…" when cut (never inside
// a UTF-8 sequence).
std::string Excerpt(std::string_view sql, size_t max = 60) {
  std::string out;
  for (char c : sql) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out.push_back(space ? ' ' : c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() <= max) return out;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  return out.substr(0, cut) + "…";
}

// Where a statement of a record is, for a Problem (error left empty).
Problem Locate(const QueryRecord& record, size_t record_number, const sql::StatementLineage& st) {
  Problem p;
  p.record = record_number;
  p.line = record.line + (st.line > 0 ? st.line - 1 : 0);
  p.text = Excerpt(st.text);
  return p;
}

void AddProblem(Problem problem, IngestSummary* summary) {
  if (summary->problems.size() < IngestSummary::kMaxProblems) {
    summary->problems.push_back(std::move(problem));
  } else {
    ++summary->problems_omitted;
  }
}

// Failures that end the ingest: the store's, and the writer's scope (a refusal of the caller,
// not of one statement).
bool Fatal(const Status& s) {
  return s.code() == StatusCode::kUnavailable || s.code() == StatusCode::kDataLoss ||
         s.code() == StatusCode::kInternal || s.code() == StatusCode::kPermissionDenied;
}

class Batcher {
 public:
  Batcher(catalog::Catalog& catalog, const catalog::Writer& writer, IngestSummary* summary)
      : catalog_(catalog), writer_(writer), s_(summary) {}

  // `where` names the statement if the catalog refuses it.
  void Add(model::Delta delta, Problem where) {
    parts_.push_back(std::move(delta));
    where_.push_back(std::move(where));
  }
  size_t size() const { return parts_.size(); }

  // Commits the batch; on refusal retries each statement alone.
  Status Flush(std::set<std::string>* pending) {
    if (parts_.empty()) return Status();
    model::Delta merged;
    for (const model::Delta& p : parts_) MergeDelta(p, &merged);
    Status s = Commit(std::move(merged), parts_.size());
    if (!s.ok() && !Fatal(s)) {
      for (size_t i = 0; i < parts_.size(); ++i) {
        Status one = Commit(std::move(parts_[i]), 1);
        if (Fatal(one)) return one;
        if (!one.ok()) Reject(std::move(where_[i]), one.message());
      }
      s = Status();
    }
    parts_.clear();
    where_.clear();
    pending->clear();  // discovered assets are now in the catalog (or were refused)
    return s;
  }

  void Reject(Problem where, const std::string& message) {
    ++s_->rejected;
    where.kind = Problem::Kind::kRejected;
    where.error = message;
    AddProblem(std::move(where), s_);
  }

 private:
  Status Commit(model::Delta delta, size_t statements) {
    size_t assets = delta.upsert_assets.size();
    Result<catalog::ApplyStats> stats = catalog_.Apply(std::move(delta), nullptr, &writer_);
    if (!stats.ok()) return stats.status();
    s_->with_lineage += statements;
    s_->edges_written += stats->edges_written;
    s_->assets_discovered += assets;
    return Status();
  }

  catalog::Catalog& catalog_;
  const catalog::Writer& writer_;
  IngestSummary* s_;
  std::vector<model::Delta> parts_;
  std::vector<Problem> where_;  // one per part
};

}  // namespace

std::string_view ProblemKindName(Problem::Kind kind) {
  return kind == Problem::Kind::kParseError ? "parse_error" : "rejected";
}

Result<IngestSummary> IngestQueryLog(catalog::Catalog& catalog,
                                     const std::vector<QueryRecord>& records,
                                     const IngestOptions& options) {
  IngestSummary summary;
  summary.records = records.size();
  // A scoped writer's log is one batch: a statement out of its scope refuses all of it.
  const size_t batch = options.writer.scope ? SIZE_MAX : options.batch;
  Batcher batcher(catalog, options.writer, &summary);
  std::set<std::string> pending;
  std::map<std::string, sql::TempObjects> sessions;  // by user
  for (size_t r = 0; r < records.size(); ++r) {
    sql::AnalyzeOptions analyze = options.analyze;
    if (!records[r].database.empty()) analyze.default_database = records[r].database;
    analyze.session = &sessions[records[r].user];
    for (const sql::StatementLineage& st : sql::AnalyzeScript(records[r].query_text, analyze)) {
      ++summary.statements;
      if (st.error) {
        ++summary.failed;
        ++summary.failed_by_reason[Reason(st.error->message)];
        Problem p = Locate(records[r], r + 1, st);
        p.error = std::to_string(st.error->line) + ":" + std::to_string(st.error->column) + ": " +
                  st.error->message;
        AddProblem(std::move(p), &summary);
        continue;
      }
      ++summary.parsed;
      Result<model::Delta> delta = StatementDelta(st, catalog, options.catalog, &pending);
      if (!delta.ok()) {
        batcher.Reject(Locate(records[r], r + 1, st), delta.status().message());
        continue;
      }
      if (!delta->empty()) batcher.Add(std::move(*delta), Locate(records[r], r + 1, st));
      if (batcher.size() >= batch) LINEA_RETURN_IF_ERROR(batcher.Flush(&pending));
    }
    if (options.progress) options.progress(r + 1, records.size());
  }
  LINEA_RETURN_IF_ERROR(batcher.Flush(&pending));
  return summary;
}

}  // namespace linea::querylog
