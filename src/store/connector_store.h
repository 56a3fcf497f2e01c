// src/store/connector_store.h: the pull connectors' state as persisted — each connector's items
// (model::ConnectorItem) and its recent runs.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "model/connector.h"
#include "store/write_txn.h"

namespace linea::store {

class ConnectorStore {
 public:
  virtual ~ConnectorStore() = default;

  // Writes `delta` inside `txn`, in this order: delete_items (unknown pairs are ignored),
  // put_items (replacing an item of the same connector and key), runs (appended; the oldest
  // beyond model::kConnectorRunsKept of their connector are dropped).
  virtual Status Write(WriteTxn& txn, const model::ConnectorDelta& delta) = 0;
  // The items of `connector`, ordered by key; empty for an unknown connector.
  virtual Result<std::vector<model::ConnectorItem>> ListItems(std::string_view connector) = 0;
  // The last `limit` runs of `connector` ("" = of every connector), newest first (by start
  // time, then by the order they were written).
  virtual Result<std::vector<model::ConnectorRun>> ListRuns(std::string_view connector,
                                                            size_t limit) = 0;
};

}  // namespace linea::store
