// src/store/audit_store.h: the audit log — one record per client write to the catalog, written
// in the write's own transaction (or, for a refused or failed write, in one of its own).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "store/write_txn.h"

namespace linea::store {

// The store does not interpret the strings; catalog/ fills them (catalog/writer.h).
struct AuditRecord {
  int64_t id = 0;     // assigned by Append(), increasing
  int64_t at_ms = 0;  // unix milliseconds
  std::string actor;   // token name, "cli", "anonymous", "openlineage", "scheduler", "connector:<name>"
  std::string role;    // "admin", "writer", "local", "no-auth", "system"
  std::string action;  // "POST /api/v1/manifests", "linea apply"
  // "ok", or the error code's name ("permission_denied", "invalid_argument", …).
  std::string outcome;
  std::string error;  // the error message; "" when ok
  // The provenances of the replaced edge sets, sorted; at most the first 20 of them.
  std::vector<std::string> provenances;
  int64_t provenances_total = 0;  // all of them
  int64_t assets_added = 0;
  int64_t assets_changed = 0;
  int64_t assets_removed = 0;
  int64_t edge_sets_replaced = 0;
  int64_t edges_written = 0;
  int64_t teams_changed = 0;
  // What a domain's part of the write did, e.g. "token ci-churn created (writer)", "incident
  // inc-20261207-0001 opened"; "" when none.
  std::string detail;

  bool operator==(const AuditRecord&) const = default;
};

struct AuditFilter {
  std::string actor;    // exact; "" = any
  std::string outcome;  // exact ("ok", "permission_denied", …); "" = any
  std::string action;   // substring; "" = any
  int64_t since_ms = 0;  // at_ms >= since_ms; 0 = no bound
  int64_t until_ms = 0;  // at_ms < until_ms; 0 = no bound
  int64_t before_id = 0;  // id < before_id (paging); 0 = no bound
  size_t limit = 100;
};

class AuditStore {
 public:
  virtual ~AuditStore() = default;

  // Appends `record` inside `txn`; its id is assigned by the store (record.id is ignored).
  virtual Status Append(WriteTxn& txn, const AuditRecord& record) = 0;
  // Records matching `filter`, newest (highest id) first, at most filter.limit.
  virtual Result<std::vector<AuditRecord>> List(const AuditFilter& filter) = 0;
  // Removes records with at_ms < before_ms inside `txn`; returns how many.
  virtual Result<int64_t> Prune(WriteTxn& txn, int64_t before_ms) = 0;
};

}  // namespace linea::store
