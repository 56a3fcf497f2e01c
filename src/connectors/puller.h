// src/connectors/puller.h: one pull of one connector — list the source, skip what did not
// change, read the rest group by group, and write each group through the catalog's write path
// as one transaction with the connector's item state (docs/connectors.md).
//
// Replace semantics per item: an item's assets and its lineage (provenance
// connector:<name>/<key>) are what its last mapping said; assets it no longer maps and items
// gone from the source are removed — except assets that lineage of another provenance (a
// manifest, OpenLineage, SQL logs, another connector) still touches: those stay, are listed
// as retained in the report, and are removed by the first pull after that lineage is gone.
// A pull killed half-way leaves whole groups; the next pull converges to the source.
#pragma once

#include <functional>
#include <string>

#include "catalog/catalog.h"
#include "connectors/config.h"
#include "connectors/pull_report.h"
#include "connectors/source.h"

namespace linea::connectors {

struct PullOptions {
  bool dry_run = false;  // read and map everything, write nothing
  // After each group: (groups done, groups total, the group's label). May be null.
  std::function<void(size_t, size_t, const std::string&)> progress;
  // A group is split into transactions of at most this many assets. Default: 50,000.
  size_t max_batch_assets = 50000;
  // Milliseconds since the epoch; tests set it.
  std::function<int64_t()> clock;
};

// The provenance of `key`'s lineage: "connector:<name>/<key>".
std::string ItemProvenance(const std::string& connector, const std::string& key);

// Runs one pull and records it as a run of the connector (unless dry). The report's outcome is
// "failed" when the source could not be read or a write failed (what was written before
// stays); errors of single items are problems of an "ok" pull.
PullReport Pull(catalog::Catalog& catalog, const ConnectorConfig& config, Source& source,
                const PullOptions& options);

}  // namespace linea::connectors
