// src/store/testing/store_writes.h (tests only): one-call writes on a Store for tests — a write
// that carries parts of several domains, as the store contract cases build them, and the token
// writes.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "model/delta.h"
#include "model/incident.h"
#include "model/run.h"
#include "store/store.h"

namespace linea::store::testing {

// A lineage delta with the run and incident parts beside it, as one test write.
struct AnyDelta : model::Delta {
  std::vector<model::Alias> upsert_aliases;
  std::vector<model::RunRecord> upsert_runs;
  std::vector<model::RawEvent> append_events;
  std::vector<model::Incident> upsert_incidents;
  std::vector<model::Delivery> upsert_deliveries;
  std::vector<model::Subscription> delete_subscriptions;
  std::vector<model::Subscription> upsert_subscriptions;

  model::RunDelta runs() const { return {upsert_aliases, upsert_runs, append_events}; }
  model::IncidentDelta incidents() const {
    return {upsert_incidents, upsert_deliveries, delete_subscriptions, upsert_subscriptions};
  }
};

// Writes `delta`'s parts — lineage, runs, incidents, in that order — in one transaction.
Status Apply(Store& store, const AnyDelta& delta);
Status PutToken(Store& store, const TokenRecord& token);
Status RevokeToken(Store& store, std::string_view name, int64_t at);

}  // namespace linea::store::testing
