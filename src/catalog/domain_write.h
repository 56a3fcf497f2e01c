// src/catalog/domain_write.h: the one extension point of the catalog's write path, through
// which the other domains (runs/, incident/, auth/) join a catalog write.
//
// A catalog write is: validate the lineage delta → one store transaction → update memory.
// A domain whose change must be atomic with it (an OpenLineage event: edges, the run and the
// logged event; an incident and the deliveries it queues) hands Catalog::Apply() a DomainWrite
// beside the delta; a domain that keeps in-memory state derived from the store registers a
// DomainState once, at startup (app/).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "model/delta.h"
#include "catalog/writer.h"
#include "model/kind.h"
#include "store/store.h"

namespace linea::catalog {

// The catalog as a write's lineage delta will leave it, for a DomainWrite to check its part
// against (does the asset a run or an incident names exist?).
class FutureCatalog {
 public:
  virtual ~FutureCatalog() = default;
  // The kind of `fqn` (canonical) once the delta is applied; nullopt when it will not exist.
  virtual std::optional<model::AssetKind> KindOf(std::string_view fqn) const = 0;
  // Existing FQNs close to `fqn`, for "did you mean" candidates.
  virtual std::vector<std::string> Suggest(std::string_view fqn) const = 0;
  // The effective domain `fqn` has before the write (its own, else its nearest ancestor's);
  // "" when it has none or does not exist yet — what a scope check of a domain's part of the
  // write measures an asset by (ScopeCoversAsset in writer.h).
  virtual std::string DomainOf(std::string_view fqn) const = 0;
};

// A domain's part of one catalog write. Catalog::Apply() calls, with its writer lock held:
//   Validate() once the lineage delta is valid, before anything is written: check the part
//             (canonical FQNs, referenced assets exist in `future`) and normalize it;
//   Write()   inside the write's store transaction, after the lineage delta was written;
//   Publish() once the transaction committed (in a batch: once its savepoint was released),
//             while ReadConsistent() readers are held off — update in-memory state here.
// When Write() fails, the whole write fails and nothing of it remains, in the store or in
// memory. Publish() must not fail or block.
class DomainWrite {
 public:
  virtual ~DomainWrite() = default;
  virtual Status Validate(const FutureCatalog& future) = 0;
  virtual Status Write(store::Store& store, store::WriteTxn& txn) = 0;
  virtual void Publish() = 0;
  // OK when `writer` may make this part (called after Validate(), only for writes with a
  // writer); kPermissionDenied otherwise. The lineage delta was checked already.
  virtual Status CheckWriter(const Writer& writer) const { return Status(); }
  // What this part did, for the write's audit record (store/audit_store.h), e.g. "token ci
  // created (writer)"; "" for nothing worth noting. Called after Validate().
  virtual std::string AuditDetail() const { return {}; }
};

// A domain's in-memory state beside the graph, kept in step with the catalog's writes.
class DomainState {
 public:
  virtual ~DomainState() = default;
  // After every committed write with a lineage delta, while readers are held off: e.g. forget
  // the runs of deleted assets (`delta.delete_assets` is the closed set).
  virtual void LineageCommitted(const model::Delta& delta) {}
  // Another name this domain knows for an asset (an OpenLineage alias → its table); nullopt
  // when none. The catalog's reads resolve an unknown FQN through it. Must not block.
  virtual std::optional<std::string> ResolveName(std::string_view fqn) const {
    return std::nullopt;
  }
  // The catalog dropped writes that had reached memory but not the store (a failed batch) and
  // reloaded itself: reload this state from the store too. An error leaves the catalog
  // refusing further reads and writes.
  virtual Status Reload() = 0;
};

}  // namespace linea::catalog
