// src/store/sqlite/audit_table.h: the queries of the SQLite store's `audit` table (schema
// version 8): one row per audited catalog write (store/audit_store.h).
//
// REQUIRES: every call runs inside a transaction the caller holds: a write transaction for
// InsertAudit / DeleteAuditBefore, at least a read transaction for ReadAudit.
#pragma once

#include <cstdint>
#include <vector>

#include "common/result.h"
#include "store/audit_store.h"
#include "store/sqlite/sqlite_db.h"

namespace linea::store::sqlite_internal {

// Inserts `record` under a new id (record.id is ignored).
Status InsertAudit(Db& db, const AuditRecord& record);
// Rows matching `filter`, highest id first, at most filter.limit.
Result<std::vector<AuditRecord>> ReadAudit(Db& db, const AuditFilter& filter);
// Deletes rows with at_ms < `before_ms`; returns how many.
Result<int64_t> DeleteAuditBefore(Db& db, int64_t before_ms);

}  // namespace linea::store::sqlite_internal
