// src/model/run.h: run state, aliases and raw events — what OpenLineage adds to the catalog.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace linea::model {

// The last known run touching an asset: the pipeline that ran, or a dataset it wrote (or, for a
// quality check, read). One record per asset; a newer run replaces it.
struct RunRecord {
  std::string asset;       // FQN the record belongs to (must exist)
  std::string job;         // pipeline FQN of the run
  std::string run_id;      // as sent by the producer
  std::string state;       // "START", "RUNNING", "COMPLETE", "FAIL", "ABORT", "OTHER"
  std::string event_time;  // as sent (RFC 3339), for display
  int64_t event_time_ms = 0;  // unix milliseconds, for ordering
  std::string error_message;  // errorMessage run facet; "" when none
  // Data-quality assertions that failed in this run, as "assertion" or "assertion:column".
  std::vector<std::string> failed_assertions;
  // dataQualityMetrics / dataQualityAssertions facets of this run as one JSON object text
  // ({"dataQualityMetrics": …, "dataQualityAssertions": …}); "" when none.
  std::string quality_json;

  bool operator==(const RunRecord&) const = default;
};

// `alias` names the same thing as the asset `fqn` (e.g. a storage path merged into the Hive
// table it backs). An alias is never itself an asset.
struct Alias {
  std::string alias;
  std::string fqn;

  bool operator==(const Alias&) const = default;
};

// One raw event of the durable, append-only event log. Idempotent by `hash`.
struct RawEvent {
  std::string hash;        // lower-case hex SHA-256 of the canonical event JSON
  std::string event_type;  // "START", …, or "" (DatasetEvent/JobEvent without eventType)
  std::string job;         // "<namespace>/<name>"; "" for a DatasetEvent
  std::string run_id;      // "" unless a RunEvent
  int64_t event_time_ms = 0;
  std::string body;        // the canonical event JSON; may be left empty when body_zstd is set
  // Optional, written only: the canonical event JSON as one zstd frame (common/zstd.h), made
  // by a producer that wants the compression outside the writer's critical section. The store
  // writes this as is, or compresses `body` itself when this is empty; reads return `body` and
  // leave this empty.
  std::string body_zstd;
  // "" or the hash of a logged event whose canonical JSON `body_zstd` was compressed against
  // (common/zstd.h's ZstdPrefix): similar runs of one job then take a few dozen bytes each.
  // That event has no base itself. Requires body_zstd.
  std::string base;
  int64_t received_at = 0;  // unix seconds, set by the store

  bool operator==(const RawEvent&) const = default;
};

// The OpenLineage part of a catalog write (runs/): applied inside the write's store
// transaction, after its lineage delta.
struct RunDelta {
  // Each alias → asset mapping replaces any earlier one of the same alias. Deleting an asset
  // deletes the aliases pointing at it.
  std::vector<Alias> upsert_aliases;
  // Each record replaces its asset's last run. Deleting an asset deletes its record.
  std::vector<RunRecord> upsert_runs;
  // Appended to the event log; an event whose hash is already logged is skipped.
  std::vector<RawEvent> append_events;

  bool empty() const {
    return upsert_aliases.empty() && upsert_runs.empty() && append_events.empty();
  }
};

}  // namespace linea::model
