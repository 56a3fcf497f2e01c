#include "store/sqlite/openlineage_tables.h"

#include <limits>
#include <map>
#include <string>

#include "common/status_macros.h"
#include "common/zstd.h"
#include "store/sqlite/json_columns.h"

namespace linea::store::sqlite_internal {
namespace {

constexpr const char* kUpsertAlias =
    "INSERT INTO aliases(alias, fqn) VALUES(?1, ?2) "
    "ON CONFLICT(alias) DO UPDATE SET fqn = excluded.fqn";
constexpr const char* kUpsertRun =
    "INSERT INTO runs(asset, job, run_id, state, event_time, event_time_ms, error_message, "
    "failed_assertions, quality_json) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
    "ON CONFLICT(asset) DO UPDATE SET job = excluded.job, run_id = excluded.run_id, "
    "state = excluded.state, event_time = excluded.event_time, "
    "event_time_ms = excluded.event_time_ms, error_message = excluded.error_message, "
    "failed_assertions = excluded.failed_assertions, quality_json = excluded.quality_json";
// DO NOTHING on hash only: any other constraint failure still fails the Apply.
constexpr const char* kAppendEvent =
    "INSERT INTO events(hash, event_type, job, run_id, event_time_ms, received_at, body, "
    "body_zstd, base) VALUES(?1, ?2, ?3, ?4, ?5, ?6, '', ?7, ?8) ON CONFLICT(hash) DO NOTHING";
// A base must be logged and have no base itself, so each body needs at most one other.
constexpr const char* kIsBase = "SELECT 1 FROM events WHERE hash = ?1 AND base = ''";
constexpr const char* kBaseOf = "SELECT body, body_zstd, base FROM events WHERE hash = ?1";
constexpr const char* kDeleteRun = "DELETE FROM runs WHERE asset = ?1";
constexpr const char* kDeleteAliasesOf = "DELETE FROM aliases WHERE fqn = ?1";

constexpr const char* kListAliases = "SELECT alias, fqn FROM aliases ORDER BY alias";
constexpr const char* kListRuns =
    "SELECT asset, job, run_id, state, event_time, event_time_ms, error_message, "
    "failed_assertions, quality_json FROM runs ORDER BY asset";
constexpr const char* kHasEvent = "SELECT 1 FROM events WHERE hash = ?1";
constexpr const char* kListEvents =
    "SELECT seq, hash, event_type, job, run_id, event_time_ms, received_at, body, body_zstd, "
    "base FROM events WHERE seq > ?1 ORDER BY seq LIMIT ?2";
constexpr const char* kCountEvents = "SELECT count(*) FROM events";

Status ReadRun(const Statement& stmt, model::RunRecord& run) {
  run.asset.assign(stmt.Text(0));
  run.job.assign(stmt.Text(1));
  run.run_id.assign(stmt.Text(2));
  run.state.assign(stmt.Text(3));
  run.event_time.assign(stmt.Text(4));
  run.event_time_ms = stmt.Int(5);
  run.error_message.assign(stmt.Text(6));
  if (!DecodeStringList(stmt.Text(7), run.failed_assertions)) {
    return DataLossError("store holds a malformed failed_assertions for " + run.asset);
  }
  run.quality_json.assign(stmt.Text(8));
  return Status::OK();
}

// The body of event `hash`, a base: plain or one zstd frame.
Result<std::string> BaseBody(Db& db, const std::string& hash) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kBaseOf));
  stmt->BindText(1, hash);
  LINEA_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) return DataLossError("its base event " + hash + " is missing from the log");
  if (!stmt->Text(2).empty()) return DataLossError("its base event " + hash + " has a base too");
  if (stmt->IsNull(1)) return std::string(stmt->Text(0));
  return ZstdDecompress(stmt->Blob(1));
}

// `stmt`'s row of kListEvents; the bodies of bases it needed are kept in `bases` by hash.
Status ReadEvent(Db& db, const Statement& stmt, model::RawEvent& event,
                 std::map<std::string, std::string>& bases) {
  event.hash.assign(stmt.Text(1));
  event.event_type.assign(stmt.Text(2));
  event.job.assign(stmt.Text(3));
  event.run_id.assign(stmt.Text(4));
  event.event_time_ms = stmt.Int(5);
  event.received_at = stmt.Int(6);
  event.base.assign(stmt.Text(9));
  if (stmt.IsNull(8)) {  // logged before schema 5
    event.body.assign(stmt.Text(7));
    return Status::OK();
  }
  std::string_view prefix;
  if (!event.base.empty()) {
    auto it = bases.find(event.base);
    if (it == bases.end()) {
      Result<std::string> base = BaseBody(db, event.base);
      if (!base.ok()) return base.status().WithPrefix("event " + event.hash + " in the log");
      it = bases.emplace(event.base, std::move(*base)).first;
    }
    prefix = it->second;
  }
  Result<std::string> body = ZstdDecompress(stmt.Blob(8), size_t{1} << 30, prefix);
  if (!body.ok()) return body.status().WithPrefix("event " + event.hash + " in the log");
  event.body = std::move(*body);
  return Status::OK();
}

}  // namespace

// ---- writes ----

Status UpsertAlias(Db& db, const model::Alias& alias) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kUpsertAlias));
  stmt->BindText(1, alias.alias);
  stmt->BindText(2, alias.fqn);
  return stmt->Run();
}

Status UpsertRun(Db& db, const model::RunRecord& run) {
  const std::string failed_assertions = EncodeStringList(run.failed_assertions);
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kUpsertRun));
  stmt->BindText(1, run.asset);
  stmt->BindText(2, run.job);
  stmt->BindText(3, run.run_id);
  stmt->BindText(4, run.state);
  stmt->BindText(5, run.event_time);
  stmt->BindInt(6, run.event_time_ms);
  stmt->BindText(7, run.error_message);
  stmt->BindText(8, failed_assertions);
  stmt->BindText(9, run.quality_json);
  return stmt->Run();
}

Status AppendEvent(Db& db, const model::RawEvent& event, int64_t now) {
  if (!event.base.empty()) {
    LINEA_ASSIGN_OR_RETURN(Statement * is_base, db.Prepare(kIsBase));
    is_base->BindText(1, event.base);
    LINEA_ASSIGN_OR_RETURN(bool logged, is_base->Step());
    if (!logged) {
      return FailedPreconditionError("event " + event.hash + ": its base " + event.base +
                                     " is not a logged event without a base");
    }
  }
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kAppendEvent));
  stmt->BindText(1, event.hash);
  stmt->BindText(2, event.event_type);
  stmt->BindText(3, event.job);
  stmt->BindText(4, event.run_id);
  stmt->BindInt(5, event.event_time_ms);
  stmt->BindInt(6, now);
  // Compressed here only when the caller did not (see model::RawEvent::body_zstd).
  const std::string compressed = event.body_zstd.empty() ? ZstdCompress(event.body) : "";
  stmt->BindBlob(7, event.body_zstd.empty() ? compressed : event.body_zstd);
  stmt->BindText(8, event.base);
  return stmt->Run();
}

Status DeleteRunAndAliasesOf(Db& db, std::string_view fqn) {
  for (const char* sql : {kDeleteRun, kDeleteAliasesOf}) {
    LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(sql));
    stmt->BindText(1, fqn);
    LINEA_RETURN_IF_ERROR(stmt->Run());
  }
  return Status::OK();
}

// ---- reads ----

Result<std::vector<model::Alias>> ReadAliases(Db& db) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kListAliases));
  std::vector<model::Alias> aliases;
  for (;;) {
    LINEA_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) return aliases;
    model::Alias& alias = aliases.emplace_back();
    alias.alias.assign(stmt->Text(0));
    alias.fqn.assign(stmt->Text(1));
  }
}

Result<std::vector<model::RunRecord>> ReadRuns(Db& db) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kListRuns));
  std::vector<model::RunRecord> runs;
  for (;;) {
    LINEA_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) return runs;
    LINEA_RETURN_IF_ERROR(ReadRun(*stmt, runs.emplace_back()));
  }
}

Result<bool> EventLogged(Db& db, std::string_view hash) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kHasEvent));
  stmt->BindText(1, hash);
  return stmt->Step();
}

Result<std::vector<std::pair<int64_t, model::RawEvent>>> ReadEvents(Db& db, int64_t after,
                                                                    size_t limit) {
  constexpr auto kMaxLimit = static_cast<size_t>(std::numeric_limits<int64_t>::max());
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kListEvents));
  stmt->BindInt(1, after);
  stmt->BindInt(2, static_cast<int64_t>(limit < kMaxLimit ? limit : kMaxLimit));
  std::vector<std::pair<int64_t, model::RawEvent>> events;
  std::map<std::string, std::string> bases;
  for (;;) {
    LINEA_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) return events;
    auto& [seq, event] = events.emplace_back();
    seq = stmt->Int(0);
    LINEA_RETURN_IF_ERROR(ReadEvent(db, *stmt, event, bases));
  }
}

Result<int64_t> CountLoggedEvents(Db& db) {
  LINEA_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(kCountEvents));
  LINEA_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) return InternalError("count of events returned no row");
  return stmt->Int(0);
}

}  // namespace linea::store::sqlite_internal
