// src/ingest/hive_metastore/hms_mapping.h: a metastore table → catalog assets, and a view's
// SQL → column lineage (docs/connectors.md "Mapping rules").
//
//   table  <service>.<db>.<table>  kind table; description = TABLE_PARAMS comment; owners =
//          the team its HMS owner (or its database) maps to; domain from the database;
//          properties table_type, hms_owner, num_rows, last_ddl_time
//   column <table>.<column>        kind column; data_type, description = comment; partition
//          keys have the property partition_key=true
//   view   as a table (table_type VIRTUAL_VIEW), and one lineage edge per (source column →
//          view column) that linea's Hive SQL analysis of VIEW_EXPANDED_TEXT finds
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "connectors/source.h"
#include "ingest/hive_metastore/hms_config.h"
#include "ingest/hive_metastore/hms_reader.h"
#include "sql/lineage.h"

namespace linea::hive_metastore {

// "<db>.<table>": the item key of a table.
std::string TableKey(const std::string& db, const std::string& table);

// The table's assets (the table, then its columns in order). A column whose name cannot be an
// FQN segment is left out, with a problem.
connectors::MappedItem MapTable(const HmsTable& table, const HmsConfig& config);

// Table schemas for view analysis: the catalog's columns, overlaid by tables of the group
// being read (a view over a view of the same group).
class CatalogSchema : public sql::SchemaLookup {
 public:
  CatalogSchema(const catalog::Catalog& catalog, std::string service)
      : catalog_(catalog), service_(std::move(service)) {}
  void Add(const std::string& db_table, std::vector<std::string> columns) {
    pending_.Add(db_table, std::move(columns));
  }
  std::optional<std::vector<std::string>> Columns(std::string_view table) const override;
  // Whether `fqn` is in the catalog or among the added tables' columns.
  bool Knows(const std::string& fqn) const;

 private:
  const catalog::Catalog& catalog_;
  std::string service_;
  sql::MapSchema pending_;
};

// Adds the view's lineage to `item` (which MapTable built): edges into the view's columns from
// the columns its SQL reads. Analysis errors and sources `schema` does not know become problems
// of the item; the view itself stays catalogued.
void AddViewLineage(const HmsTable& view, const HmsConfig& config, const CatalogSchema& schema,
                    connectors::MappedItem* item);

}  // namespace linea::hive_metastore
