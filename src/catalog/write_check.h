// src/catalog/write_check.h: a validated write measured against its writer (catalog/writer.h)
// — the scope check, and the counts its audit record carries. Internal to catalog/.
#pragma once

#include <string>

#include "catalog/writer.h"
#include "common/status.h"
#include "graph/lineage_graph.h"
#include "model/delta.h"
#include "store/audit_store.h"

namespace linea::catalog::internal {

// OK when `writer` may make the validated (canonical, closed) `delta` against `graph`, the
// graph before it. Otherwise kPermissionDenied naming the first thing out of reach and the
// scope, e.g.
//   token ci-geo may not change hive.billing.invoices: not in its domains [geo] or
//   prefixes [hive.geo]
//   deleting hive (a service, 10,579 assets) needs an admin token
// Rules: every asset upserted or deleted lies in the scope's assets (for an existing asset,
// by its current effective domain and its new one); a write may create an empty service its
// assets live in; every replaced edge set's provenance is in the scope's provenances; every
// upserted team is one of the scope's teams. Deleting a service, or more than
// kMaxAssetsDeletedByWriter assets, needs `writer.admin`.
// REQUIRES: the graph is stable (the caller holds the catalog's writer lock).
Status CheckWriter(const graph::LineageGraph& graph, const model::Delta& delta,
                   const Writer& writer);

// The audit record of `writer` making `delta` (validated, against the graph before it):
// actor, role, action, counts and provenances; outcome "ok". The caller sets at_ms, detail
// and, for a refused or failed write, outcome and error.
store::AuditRecord AuditOf(const graph::LineageGraph& graph, const model::Delta& delta,
                           const Writer& writer);

// The audit record of a write refused before its delta could be measured.
store::AuditRecord RefusalOf(const Writer& writer, const Status& status);

}  // namespace linea::catalog::internal
