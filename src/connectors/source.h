// src/connectors/source.h: what a connector type implements — a reader of one source (a Hive
// Metastore, an MLflow tracking server) that lists its items cheaply and maps the ones the
// puller (puller.h) asks for to catalog assets and lineage.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/result.h"
#include "connectors/config.h"
#include "model/asset.h"

namespace linea::connectors {

// One item of the source as listed, before it is read.
struct SourceItem {
  std::string key;      // unique in the source: "geo.moves" (a table), "churn" (a model)
  std::string version;  // the source's change marker ("" = unknown: always read)
  std::string group;    // items of one group are read and written in one transaction
  int phase = 0;        // every item of phase 0 is written before any of phase 1 is read
                        // (a view's lineage needs the columns of the tables it reads)
  std::string label;    // what the progress bar shows for the group ("database geo")
};

// An item as the source maps it.
struct MappedItem {
  std::string key;
  // The item's assets, parents before children. The item owns them: an asset missing from a
  // later mapping of the item is removed from the catalog (unless other lineage holds it).
  std::vector<model::Asset> assets;
  // Lineage the item asserts; each edge's provenance is set by the puller to the item's
  // provenance, connector:<name>/<key>. Endpoints must exist once the item is written.
  std::vector<model::Edge> edges;
  // What the mapping could not do; the item is read again on every pull while it has any —
  // except notes (problems starting "note: "): facts about the source that reading it again
  // cannot change ("note: the signature is tensor-based …"), reported on every pull.
  std::vector<std::string> problems;
  // Set when this one item could not be read (the source refused it): the item keeps what
  // the catalog holds, the report counts it failed with this error, the next pull reads it.
  std::string error;
};

class Source {
 public:
  virtual ~Source() = default;

  // The source's address without credentials, for reports ("postgresql://hive@db/metastore").
  virtual std::string Describe() const = 0;
  // Connects and checks the source is one this reader knows (schema version, API). Errors:
  // kUnavailable (unreachable, refused, authentication), kFailedPrecondition (an unknown
  // schema version).
  virtual Status Connect() = 0;
  // Every item the config selects.
  virtual Result<std::vector<SourceItem>> ListItems() = 0;
  // Reads and maps `items` (one group). `catalog` holds everything earlier groups wrote, for
  // resolving lineage against it. Returns one MappedItem per item still in the source (an
  // item dropped since ListItems() is left out and removed by the next pull).
  virtual Result<std::vector<MappedItem>> ReadItems(const std::vector<SourceItem>& items,
                                                    const catalog::Catalog& catalog) = 0;
};

// Builds the source of a connector type from its config (connectors/registry.h).
using SourceFactory =
    std::function<Result<std::unique_ptr<Source>>(const ConnectorConfig& config)>;

}  // namespace linea::connectors
