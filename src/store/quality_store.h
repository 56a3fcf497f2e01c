// src/store/quality_store.h: data-quality checks and the time series of their results (see
// model/quality.h).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "model/quality.h"
#include "store/write_txn.h"

namespace linea::store {

// Which results ListResults() returns. Empty strings and 0 mean "any".
struct ResultQuery {
  std::string_view asset;   // exact FQN; "" = every asset
  std::string_view check;   // exact check name; "" = every check of the asset(s)
  int64_t since_ms = 0;     // timestamp_ms >= since_ms; 0 = no lower bound
  int64_t before_ms = 0;    // timestamp_ms < before_ms; 0 = no upper bound
  size_t limit = 0;         // at most this many (the newest); 0 = all
};

class QualityStore {
 public:
  virtual ~QualityStore() = default;

  // Writes `delta` inside `txn` (order: delete_checks, upsert_checks, append_results).
  // Errors: kDataLoss, kInternal (`txn` of another backend).
  virtual Status Write(WriteTxn& txn, const model::QualityDelta& delta) = 0;

  // Every check, ordered by (asset, name).
  virtual Result<std::vector<model::QualityCheck>> ListChecks() = 0;
  // Results matching `query`, newest first (timestamp_ms descending, then asset, check, period
  // ascending).
  virtual Result<std::vector<model::QualityResult>> ListResults(const ResultQuery& query) = 0;
  // The newest result of every series (asset, check), ordered by (asset, check): its highest
  // timestamp_ms, and among equal ones the smallest period (the series' first in ListResults).
  virtual Result<std::vector<model::QualityResult>> LatestResults() = 0;
  // Deletes the results measured before `before_ms` inside `txn`; returns how many.
  virtual Result<int64_t> PruneResults(WriteTxn& txn, int64_t before_ms) = 0;
  // Number of stored results.
  virtual Result<int64_t> CountResults() = 0;
};

}  // namespace linea::store
