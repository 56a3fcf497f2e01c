// src/model/connector.h: what a pull connector (connectors/) keeps beside the catalog — the
// state of each source item it mapped, and the history of its runs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace linea::model {

// One item of a connector's source as last pulled: a Hive table or view ("db.table"), an MLflow
// registered model (its name). The connector compares `version` with the source's to skip
// unchanged items, and `fingerprint` with what the item maps to now to skip writing it.
struct ConnectorItem {
  std::string connector;  // the connector instance's name ("hms-prod")
  std::string key;        // the item's name in the source, unique per connector
  std::string version;    // the source's change marker as last read ("" = always re-read)
  std::string fingerprint;  // hash of the assets and edges the item mapped to
  // FQNs the item wrote and owns: removed from the catalog when the item or they leave the
  // source. Sorted.
  std::vector<std::string> assets;
  // FQNs gone from the source but kept because lineage of another provenance (a manifest, an
  // OpenLineage job) still touches them; removed by the first pull after that lineage is gone.
  // Sorted.
  std::vector<std::string> retained;
  // What the last mapping of the item could not do ("feature tenure: no column tenure in
  // hive.geo.subscribers (did you mean tenure_m?)"); shown in the connector's status.
  std::vector<std::string> problems;

  bool operator==(const ConnectorItem&) const = default;
};

// One run of a connector: a pull that ran (outcome "ok" or "failed") or a scheduled slot that
// was skipped because the previous run was still going ("skipped").
struct ConnectorRun {
  std::string connector;
  int64_t started_at_ms = 0;   // unix milliseconds
  int64_t finished_at_ms = 0;  // unix milliseconds
  std::string outcome;         // "ok", "failed", "skipped"
  // The run's report as one JSON object text (counts per kind, items read and skipped, the
  // error): the connector defines it, the store keeps it as is.
  std::string report_json;

  bool operator==(const ConnectorRun&) const = default;
};

// The connector part of one catalog write (catalog/domain_write.h).
struct ConnectorDelta {
  std::vector<ConnectorItem> put_items;  // replace the item of the same (connector, key)
  // (connector, key) pairs to forget.
  std::vector<std::pair<std::string, std::string>> delete_items;
  std::vector<ConnectorRun> runs;  // appended; a connector keeps its last kRunsKept

  bool empty() const { return put_items.empty() && delete_items.empty() && runs.empty(); }
};

// Runs kept per connector; older ones are dropped when a new one is written.
inline constexpr size_t kConnectorRunsKept = 100;

}  // namespace linea::model
