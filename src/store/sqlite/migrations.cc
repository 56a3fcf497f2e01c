#include "store/sqlite/migrations.h"

#include <sqlite3.h>

#include <string>

#include "store/sqlite/sqlite_db.h"

namespace linea::store::sqlite_internal {
namespace {

// Version 1. Kinds are the model enums' integer values; owners/tags are JSON arrays and
// properties/contacts JSON objects/arrays, or '' when empty. Edges have no foreign keys: the
// store deletes an asset's edges itself (indexes on from_id and to_id make that cheap).
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE assets(
  id INTEGER PRIMARY KEY,
  fqn TEXT NOT NULL UNIQUE,
  kind INTEGER NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  domain TEXT NOT NULL DEFAULT '',
  owners TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '',
  properties TEXT NOT NULL DEFAULT '',
  data_type TEXT NOT NULL DEFAULT '');
CREATE TABLE provenances(
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE);
CREATE TABLE edges(
  provenance_id INTEGER NOT NULL,
  from_id INTEGER NOT NULL,
  to_id INTEGER NOT NULL,
  kind INTEGER NOT NULL DEFAULT 0,
  transform TEXT NOT NULL DEFAULT '',
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  PRIMARY KEY(provenance_id, from_id, to_id)) WITHOUT ROWID;
CREATE INDEX edges_by_from ON edges(from_id);
CREATE INDEX edges_by_to ON edges(to_id);
CREATE TABLE teams(
  name TEXT PRIMARY KEY,
  description TEXT NOT NULL DEFAULT '',
  contacts TEXT NOT NULL DEFAULT '') WITHOUT ROWID;
PRAGMA application_id = 1280197953;
)sql";

// Version 2. API tokens: only the SHA-256 hash of a secret is stored. `role` is the role's
// name; revoked_at 0 means active. Revoked rows are kept, so a name is never reused.
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE tokens(
  name TEXT PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
)sql";

// Version 3. OpenLineage state, keyed by FQN text (no asset ids): the store deletes an asset's
// run record and the aliases pointing at it itself. `failed_assertions` is a JSON array of
// strings, or '' when empty. `events` is the append-only event log; `seq` is its position,
// never reused because rows are never deleted.
constexpr const char* kSchemaV3 = R"sql(
CREATE TABLE aliases(
  alias TEXT PRIMARY KEY,
  fqn TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX aliases_by_fqn ON aliases(fqn);
CREATE TABLE runs(
  asset TEXT PRIMARY KEY,
  job TEXT NOT NULL DEFAULT '',
  run_id TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT '',
  event_time TEXT NOT NULL DEFAULT '',
  event_time_ms INTEGER NOT NULL DEFAULT 0,
  error_message TEXT NOT NULL DEFAULT '',
  failed_assertions TEXT NOT NULL DEFAULT '',
  quality_json TEXT NOT NULL DEFAULT '') WITHOUT ROWID;
CREATE TABLE events(
  seq INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  event_type TEXT NOT NULL DEFAULT '',
  job TEXT NOT NULL DEFAULT '',
  run_id TEXT NOT NULL DEFAULT '',
  event_time_ms INTEGER NOT NULL DEFAULT 0,
  received_at INTEGER NOT NULL,
  body TEXT NOT NULL);
CREATE INDEX events_by_job ON events(job);
)sql";

// Version 4. Incidents, their notification outbox and subscriptions, keyed by text (no asset
// ids): incidents are history and outlive their asset. Times are unix milliseconds. An
// incident's `timeline` is a JSON array of {at, type, actor, note}, or '' when empty. The
// partial index serves the sender's scan of pending deliveries by due time.
constexpr const char* kSchemaV4 = R"sql(
CREATE TABLE incidents(
  id TEXT PRIMARY KEY,
  asset TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  severity TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT '',
  resolution TEXT NOT NULL DEFAULT '',
  opened_at INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0,
  reminders INTEGER NOT NULL DEFAULT 0,
  impact_json TEXT NOT NULL DEFAULT '',
  timeline TEXT NOT NULL DEFAULT '') WITHOUT ROWID;
CREATE INDEX incidents_by_state ON incidents(state, opened_at);
CREATE INDEX incidents_by_asset ON incidents(asset);
CREATE TABLE deliveries(
  id TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL,
  event TEXT NOT NULL DEFAULT '',
  team TEXT NOT NULL DEFAULT '',
  contact_index INTEGER NOT NULL DEFAULT 0,
  channel TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT '',
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  delivered_at INTEGER NOT NULL DEFAULT 0,
  last_status INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  payload_json TEXT NOT NULL DEFAULT '') WITHOUT ROWID;
CREATE INDEX deliveries_by_incident ON deliveries(incident_id, created_at);
CREATE INDEX deliveries_pending ON deliveries(next_attempt_at) WHERE state = 'pending';
CREATE TABLE subscriptions(
  subscriber TEXT NOT NULL,
  kind TEXT NOT NULL,
  target TEXT NOT NULL,
  PRIMARY KEY(subscriber, kind, target)) WITHOUT ROWID;
)sql";

// Version 5. Event bodies are stored as one zstd frame in `body_zstd` (with `body` = ''):
// a ct_CLL_8 body shrinks from 21 KB to 3 KB, so the log writes a page per event instead of
// six. Rows logged before keep their plain `body` and a NULL `body_zstd`. The index by job,
// which no query used, is dropped: one page less to write per event.
constexpr const char* kSchemaV5 = R"sql(
ALTER TABLE events ADD COLUMN body_zstd BLOB;
DROP INDEX events_by_job;
)sql";

// Version 6. An event's body may be compressed against the body of an earlier event, its
// `base` (model::RawEvent::base); '' for the events logged before and for every base itself.
constexpr const char* kSchemaV6 = R"sql(
ALTER TABLE events ADD COLUMN base TEXT NOT NULL DEFAULT '';
)sql";

// Version 7. The pull connectors' state (connectors/): each connector's items as last pulled
// and its recent runs. Lists are JSON text (json_columns.h).
constexpr const char* kSchemaV7 = R"sql(
CREATE TABLE connector_items(
  connector TEXT NOT NULL,
  key TEXT NOT NULL,
  version TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  assets TEXT NOT NULL,
  retained TEXT NOT NULL,
  problems TEXT NOT NULL,
  PRIMARY KEY(connector, key)) WITHOUT ROWID;
CREATE TABLE connector_runs(
  id INTEGER PRIMARY KEY,
  connector TEXT NOT NULL,
  started_at_ms INTEGER NOT NULL,
  finished_at_ms INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  report TEXT NOT NULL);
CREATE INDEX connector_runs_by_connector ON connector_runs(connector, id);
)sql";

// Every client write to the catalog (store/audit_store.h), and each token's write scope as
// JSON ('' = every scope: tokens made before scopes existed keep working as before).
constexpr const char* kSchemaV8 = R"sql(
CREATE TABLE audit(
  id INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  outcome TEXT NOT NULL,
  error TEXT NOT NULL,
  provenances TEXT NOT NULL,
  provenances_total INTEGER NOT NULL,
  assets_added INTEGER NOT NULL,
  assets_changed INTEGER NOT NULL,
  assets_removed INTEGER NOT NULL,
  edge_sets_replaced INTEGER NOT NULL,
  edges_written INTEGER NOT NULL,
  teams_changed INTEGER NOT NULL,
  detail TEXT NOT NULL);
CREATE INDEX audit_by_time ON audit(at_ms);
CREATE INDEX audit_by_actor ON audit(actor, id);
ALTER TABLE tokens ADD COLUMN scope TEXT NOT NULL DEFAULT '';
)sql";

// Version 9. Users, the people "user:<name>" owners name: contacts like teams' (sealed at
// rest the same way, contacts/at_rest.h).
constexpr const char* kSchemaV9 = R"sql(
CREATE TABLE users(
  name TEXT PRIMARY KEY,
  description TEXT NOT NULL DEFAULT '',
  contacts TEXT NOT NULL DEFAULT '') WITHOUT ROWID;
)sql";

// Version 10. Data-quality checks and the time series of their results (store/quality_store.h),
// keyed by text like incidents: results are history and outlive their check and asset. A
// result's key is its series (asset, check name), then newest first, so the rows of one series
// lie together in the order its reads want, and the first row of a series is its latest. The
// index by time serves ListResults over every asset and the pruning of old results. Lists and
// maps are JSON text, '' when empty (json_columns.h); a result's distribution is NULL when
// empty, and value/reference NULL when absent (a NaN is stored as the text 'NaN', since SQLite
// would store it as NULL). The column is `check_name`: CHECK is an SQL keyword.
constexpr const char* kSchemaV10 = R"sql(
CREATE TABLE quality_checks(
  asset TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  params TEXT NOT NULL DEFAULT '',
  columns TEXT NOT NULL DEFAULT '',
  severity TEXT NOT NULL DEFAULT '',
  provenance TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(asset, name)) WITHOUT ROWID;
CREATE TABLE quality_results(
  asset TEXT NOT NULL,
  check_name TEXT NOT NULL,
  kind TEXT NOT NULL,
  timestamp_ms INTEGER NOT NULL,
  period TEXT NOT NULL,
  status TEXT NOT NULL,
  value REAL,
  reference REAL,
  threshold TEXT NOT NULL DEFAULT '',
  message TEXT NOT NULL DEFAULT '',
  metrics TEXT NOT NULL DEFAULT '',
  distribution TEXT,
  columns TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  provenance TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(asset, check_name, timestamp_ms DESC, period)) WITHOUT ROWID;
CREATE INDEX quality_results_by_time
  ON quality_results(timestamp_ms DESC, asset, check_name, period);
)sql";

// Append-only: a released step is never edited, so files of every version migrate the same way.
constexpr Migration kMigrations[] = {
    {"assets, provenances, edges, teams", kSchemaV1},
    {"tokens", kSchemaV2},
    {"aliases, runs, events", kSchemaV3},
    {"incidents, deliveries, subscriptions", kSchemaV4},
    {"compressed event bodies", kSchemaV5},
    {"event bodies compressed against a base event", kSchemaV6},
    {"connector items and runs", kSchemaV7},
    {"audit log, token scopes", kSchemaV8},
    {"users", kSchemaV9},
    {"quality checks and results", kSchemaV10},
};
static_assert(kLineaApplicationId == 1280197953, "keep kSchemaV1's application_id in sync");

Status Exec(sqlite3* db, std::string_view path, const char* sql) {
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  return rc == SQLITE_OK ? Status::OK() : SqliteError(rc, path, sqlite3_errmsg(db));
}

Result<int64_t> UserVersion(sqlite3* db, std::string_view path) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr);
  if (rc == SQLITE_OK) rc = sqlite3_step(stmt);
  const int64_t version = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
  sqlite3_finalize(stmt);
  if (rc != SQLITE_ROW) return SqliteError(rc, path, sqlite3_errmsg(db));
  return version;
}

// REQUIRES: inside the migration transaction.
Result<int> ApplyMissing(sqlite3* db, std::string_view path, std::span<const Migration> steps) {
  Result<int64_t> version = UserVersion(db, path);
  if (!version.ok()) return version.status();
  const auto known = static_cast<int64_t>(steps.size());
  if (*version > known) return NewerSchemaError(path, *version, known);
  for (int64_t i = *version; i < known; ++i) {
    Status status = Exec(db, path, steps[i].sql);
    if (!status.ok()) {
      return status.WithPrefix("migration " + std::to_string(i + 1) + " (" +
                               std::string(steps[i].description) + ")");
    }
  }
  const std::string set_version = "PRAGMA user_version = " + std::to_string(known);
  Status status = Exec(db, path, set_version.c_str());
  if (!status.ok()) return status;
  return static_cast<int>(known - *version);
}

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

Status NewerSchemaError(std::string_view path, int64_t found, int64_t known) {
  return FailedPreconditionError("store " + std::string(path) + " has schema version " +
                                 std::to_string(found) + ", newer than this linea (" +
                                 std::to_string(known) + "); upgrade linea");
}

Result<int> ApplyMigrations(sqlite3* db, std::string_view path, std::span<const Migration> steps) {
  // Checked before taking the write lock so a current store opens without writing.
  Result<int64_t> version = UserVersion(db, path);
  if (!version.ok()) return version.status();
  const auto known = static_cast<int64_t>(steps.size());
  if (*version > known) return NewerSchemaError(path, *version, known);
  if (*version == known) return 0;

  Status status = Exec(db, path, "BEGIN IMMEDIATE");
  if (!status.ok()) return status;
  Result<int> applied = ApplyMissing(db, path, steps);  // re-reads: another process may have won
  if (applied.ok()) status = Exec(db, path, "COMMIT");
  if (!applied.ok() || !status.ok()) {
    if (!sqlite3_get_autocommit(db)) Exec(db, path, "ROLLBACK").IgnoreError();
    return applied.ok() ? status : applied.status();
  }
  return applied;
}

}  // namespace linea::store::sqlite_internal
