// src/ingest/hive_metastore/hms_reader.h: reads a Hive Metastore's backing database (the
// Hive 2.x–4.x schema: VERSION, CTLGS, DBS, TBLS, SDS, COLUMNS_V2, PARTITION_KEYS,
// TABLE_PARAMS) through a read-only sourcedb::Connection. Identifiers are upper-case and
// quoted for the engine; nothing is written.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "sourcedb/connection.h"

namespace linea::hive_metastore {

// A table as listed: enough to decide whether to read it again.
struct ListedTable {
  int64_t id = 0;  // TBLS.TBL_ID
  std::string database;
  std::string name;
  std::string type;  // MANAGED_TABLE, EXTERNAL_TABLE, VIRTUAL_VIEW, MATERIALIZED_VIEW
  int64_t create_time = 0;
  std::string last_ddl_time;  // TABLE_PARAMS transient_lastDdlTime ("" when absent)
  std::string owner;

  bool is_view() const { return type == "VIRTUAL_VIEW" || type == "MATERIALIZED_VIEW"; }
};

struct HmsColumn {
  std::string name;
  std::string type;
  std::string comment;
  bool partition_key = false;
};

// A table as read.
struct HmsTable {
  ListedTable listed;
  std::string owner_type;  // USER, ROLE, GROUP
  std::string view_expanded_text;
  std::vector<HmsColumn> columns;  // COLUMNS_V2 by INTEGER_IDX, then PARTITION_KEYS by INTEGER_IDX
  std::map<std::string, std::string> params;  // comment, numRows, transient_lastDdlTime
};

class HmsReader {
 public:
  explicit HmsReader(std::unique_ptr<sourcedb::Connection> db) : db_(std::move(db)) {}

  // Reads VERSION.SCHEMA_VERSION ("3.1.0"). kFailedPrecondition for a database that is not a
  // metastore (no VERSION table) or a major version this reader does not know (it knows 2–4).
  Result<std::string> CheckVersion();

  // Every table of catalog `catalog` (ignored on 2.x, which has no catalogs), by database and
  // name.
  Result<std::vector<ListedTable>> ListTables(const std::string& catalog);

  // The tables of `ids` that still exist (in no particular order).
  Result<std::vector<HmsTable>> ReadTables(const std::vector<int64_t>& ids);

 private:
  std::string Q(std::string_view ident) const { return db_->Quote(ident); }
  // "(?, ?, …)" and the ids as parameters.
  static std::string InList(const std::vector<int64_t>& ids, std::vector<std::string>* params);

  std::unique_ptr<sourcedb::Connection> db_;
  int major_ = 0;
};

}  // namespace linea::hive_metastore
