// src/ingest/openlineage/ingester.h: OpenLineage events → event log + catalog, one at a time.
//
// Each event: decode → skip when its hash is already logged (replays change nothing) →
// project against the current catalog → one catalog Apply carrying the projection and the raw
// event. Events are serialized by the ingester (projection reads what the previous event
// wrote), so one Ingester per catalog.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "common/result.h"
#include "ingest/openlineage/decode.h"
#include "ingest/openlineage/naming.h"

namespace linea::ingest::openlineage {

struct EventOutcome {
  std::string hash;
  bool duplicate = false;  // already logged: nothing changed
  bool stale = false;      // logged, but older than the recorded run (see projector.h)
  size_t datasets = 0;
  size_t column_edges = 0;
  size_t assets_upserted = 0;
  // The run (RunEvents): job FQN, run id, state ("COMPLETE", "FAIL", …), errorMessage.
  std::string job;
  std::string run_id;
  std::string state;
  std::string error_message;
  // Datasets whose last run became FAIL or ABORT with this event: the outputs, and inputs a
  // check job (dbt test) recorded quality for. Auto-incidents open on them.
  std::vector<std::string> failed_outputs;
};

// One failed element of a batch.
struct BatchFailure {
  size_t index = 0;
  std::string reason;      // the error message
  StatusCode code = StatusCode::kInvalidArgument;
  bool retriable = false;  // kUnavailable (locked store, …): sending it again may succeed
};

// The OpenLineage batch response summary.
struct BatchResult {
  size_t received = 0;
  size_t successful = 0;  // duplicates count as successful
  size_t duplicates = 0;
  size_t column_edges = 0;
  std::vector<BatchFailure> failures;
  size_t retriable() const;
  // "success" (none failed), "partial_success" or "failure" (all failed).
  std::string status() const;
};

class Ingester {
 public:
  Ingester(catalog::Catalog* catalog, NamespaceMap namespaces)
      : catalog_(catalog), namespaces_(std::move(namespaces)) {}

  // One event as JSON text. Errors: DecodeEventText's, ProjectEvent's, the catalog's.
  Result<EventOutcome> IngestText(std::string_view json);
  Result<EventOutcome> Ingest(const DecodedEvent& event);
  // Each element of `events` (JSON texts, e.g. from SplitEvents) on its own: good events are
  // applied, bad ones listed; `on_event` (optional) is called after each with its index.
  // `on_outcome` (optional) is called after each applied event with its outcome.
  BatchResult IngestAll(const std::vector<std::string>& events,
                        const std::function<void(size_t)>& on_event = nullptr,
                        const std::function<void(const EventOutcome&)>& on_outcome = nullptr);

 private:
  catalog::Catalog* catalog_;
  NamespaceMap namespaces_;
  std::mutex mu_;
};

}  // namespace linea::ingest::openlineage
