// src/store/store.h: the durable truth behind the catalog, as a set of narrow interfaces that
// one backend implements.
//
// Each domain has its own sub-store — lineage (assets, edges, teams; lineage_store.h), runs
// (OpenLineage runs, aliases, the event log; run_store.h), incidents (incidents, deliveries,
// subscriptions; incident_store.h), tokens (token_store.h), pull connectors (their items and
// runs; connector_store.h), the audit log (audit_store.h), data quality (checks and the time
// series of their results; quality_store.h) — with its reads and a Write() that writes the
// domain's part of an open transaction. A Store ties them together: Write() opens
// one transaction, lets the caller write any parts of any sub-stores into it, and commits them
// together or not at all. A new backend is brought up one sub-store at a time, each against its
// contract suite (store_*_contract_test.cc). Stores do no validation beyond what their schema
// enforces; catalog/ validates before writing.
//
// Thread safety: a Store may be used from several threads; writes are serialized inside it.
// Readers see committed state only, except during a batch (below).
#pragma once

#include <functional>

#include "common/result.h"
#include "store/audit_store.h"
#include "store/connector_store.h"
#include "store/incident_store.h"
#include "store/lineage_store.h"
#include "store/quality_store.h"
#include "store/run_store.h"
#include "store/token_store.h"
#include "store/write_txn.h"

namespace linea::store {

class Store {
 public:
  virtual ~Store() = default;

  // Runs `write` inside one write transaction and commits when it returns OK; on an error
  // nothing it wrote remains. During a batch, `write` runs inside the batch's transaction under
  // its own savepoint instead (rolled back alone when it fails) and is durable only with the
  // batch. `write` may call the sub-stores' Write(txn, …) only, with the `txn` it is given.
  // Errors: `write`'s; kUnavailable (locked, read-only, I/O), kDataLoss (corrupt).
  virtual Status Write(const std::function<Status(WriteTxn& txn)>& write) = 0;

  // ---- Group commit. Between BeginBatch() and CommitBatch(), each Write() runs inside one
  // open transaction under its own savepoint: a write that fails changes nothing and the batch
  // goes on. Every read and write on this store, from any thread, sees the batch's writes
  // before they commit. CommitBatch() makes them durable together; when it fails, none of them
  // is. RollbackBatch() drops them all. One batch at a time: BeginBatch() during a batch is
  // kFailedPrecondition, and so are CommitBatch()/RollbackBatch() without one.
  // Errors: kUnavailable (locked, read-only, and from CommitBatch: I/O errors, disk full,
  // or an error inside the batch after which the backend had already rolled it back).
  virtual Status BeginBatch() = 0;
  virtual Status CommitBatch() = 0;
  virtual Status RollbackBatch() = 0;

  virtual LineageStore& lineage() = 0;
  virtual RunStore& runs() = 0;
  virtual IncidentStore& incidents() = 0;
  virtual TokenStore& tokens() = 0;
  virtual ConnectorStore& connectors() = 0;
  virtual AuditStore& audit() = 0;
  virtual QualityStore& quality() = 0;

  // Version of the schema this store was opened with.
  virtual int schema_version() const = 0;
};

}  // namespace linea::store
