// src/store/run_store.h: what OpenLineage adds to the catalog — last runs, aliases and the raw
// event log (see model/run.h).
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "model/run.h"
#include "store/write_txn.h"

namespace linea::store {

class RunStore {
 public:
  virtual ~RunStore() = default;

  // Writes `delta` inside `txn` (order: upsert_aliases, upsert_runs, append_events; an event
  // whose hash is already logged is skipped, a new one gets received_at = the transaction's
  // time). Errors: kDataLoss, kInternal (`txn` of another backend).
  virtual Status Write(WriteTxn& txn, const model::RunDelta& delta) = 0;

  // Every alias, ordered by alias.
  virtual Result<std::vector<model::Alias>> ListAliases() = 0;
  // Every asset's last run, ordered by asset FQN.
  virtual Result<std::vector<model::RunRecord>> ListRuns() = 0;
  // Whether an event with `hash` is in the event log.
  virtual Result<bool> HasEvent(std::string_view hash) = 0;
  // Up to `limit` logged events in append order, starting after position `after` (0 = from the
  // first); each event's position is returned with it. Positions are stable and increasing.
  virtual Result<std::vector<std::pair<int64_t, model::RawEvent>>> ListEvents(int64_t after,
                                                                              size_t limit) = 0;
  // Number of logged events.
  virtual Result<int64_t> CountEvents() = 0;
};

}  // namespace linea::store
