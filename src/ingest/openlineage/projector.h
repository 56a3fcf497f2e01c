// src/ingest/openlineage/projector.h: one decoded OpenLineage event → one catalog Delta.
//
// Projection rules (docs/openlineage.md):
//  - datasets become tables (topics for kafka-like namespaces) under the naming table
//    (naming.h); a `symlinks` identifier of type TABLE (else the first one) is the dataset's
//    identity and its own path identity becomes an alias. When that path already exists as an
//    asset, it is merged into the table: its columns move, every edge touching it is rewritten
//    under its own provenance, and the path asset is deleted (retroactive merge);
//  - `schema` fields become columns (with type and description); `documentation` sets the
//    description, `ownership` the owners; new assets get properties.discovered_by=openlineage;
//  - the job becomes a pipeline asset; job → output edges always, input → job edges for inputs
//    without column-level lineage in the event (column edges already say which columns flow);
//  - `columnLineage` fields become column → column edges whose kind follows the first
//    transformation (DIRECT/IDENTITY identity, DIRECT/TRANSFORMATION transformation,
//    DIRECT/AGGREGATION aggregation, INDIRECT/* indirect); the dataset-level `dataset` array
//    becomes indirect edges from those columns to the output table;
//  - edges belong to provenance "openlineage:<job namespace>/<job name>". A COMPLETE run (and
//    a JobEvent) replaces them; START/RUNNING/OTHER edges go to "<provenance>#provisional",
//    accumulated per run, visible at once, folded into the final set by the run's COMPLETE and
//    dropped by its FAIL/ABORT (which keep the last COMPLETE's edges);
//  - run state: the job and each output keep their last run (state, time, error message,
//    failed data-quality assertions); inputs carrying quality facets keep those. An event older
//    than the recorded run (another run id, earlier time) changes no run state and no edges.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/result.h"
#include "ingest/openlineage/decode.h"
#include "ingest/openlineage/event.h"
#include "ingest/openlineage/naming.h"
#include "model/delta.h"
#include "runs/run_state.h"

namespace linea::openlineage {

// The provenance of a job's not-yet-complete runs: JobProvenance(...) + "#provisional".
std::string ProvisionalProvenance(std::string_view job_provenance);

struct Projection {
  model::Delta delta;    // the lineage part
  model::RunDelta runs;  // aliases and last runs (the logged event is the ingester's)
  size_t datasets = 0;      // distinct datasets named by the event
  size_t column_edges = 0;  // column → column (and column → table) edges from columnLineage
  bool stale = false;       // older than the recorded run: run state and edges left alone
};

// Builds the delta for `event` against the catalog's current state. The caller applies it
// (with the raw event appended) under one lock, so no other writer interleaves.
// Errors (kInvalidArgument / kFailedPrecondition, naming the dataset): a name the naming table
// rejects, a dataset identity that exists as an asset of a kind without columns.
Result<Projection> ProjectEvent(const OlEvent& event, const catalog::Catalog& catalog,
                                const runs::RunState& runs, const NamespaceMap& namespaces);

}  // namespace linea::openlineage
