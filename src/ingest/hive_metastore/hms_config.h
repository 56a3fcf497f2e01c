// src/ingest/hive_metastore/hms_config.h: the keys of a `type: hive-metastore` connector
// (docs/connectors.md "Hive Metastore"):
//
//   url: postgresql://hive@metastore-db:5432/metastore   # or mysql://…, sqlite:///abs/path.db
//   password_env: HMS_PASSWORD        # or password_file: secrets/hms
//   catalog: hive                     # HMS catalog (CTLGS.NAME); default hive
//   include: [mart_*, raw_geo]        # databases (no dot) or db.table globs; default all
//   exclude: ["*.tmp_*"]
//   owners: {etl_geo: team:geo}       # HMS owner (user or role) → owning team
//   database_owners: {raw_geo: team:geo}   # the owner of a database's unmapped tables
//   domains: {raw_geo: geo}           # database → domain
//   domain_from: '^(?:raw|mart)_(.+)$'     # else: the first capture group of this regex
//   tables_per_transaction: 500       # tables of one database written together
#pragma once

#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "common/result.h"
#include "connectors/config.h"
#include "sourcedb/db_url.h"

namespace linea::hive_metastore {

struct HmsConfig {
  sourcedb::DbUrl url;
  std::string password;  // from password_env/password_file; never printed
  std::string service = "hive";
  std::string catalog = "hive";
  std::vector<std::string> include;  // globs; empty = everything
  std::vector<std::string> exclude;
  std::map<std::string, std::string> owners;
  std::map<std::string, std::string> database_owners;
  std::map<std::string, std::string> domains;
  std::optional<std::regex> domain_from;
  std::string domain_from_text;
  int tables_per_transaction = 500;
  // A hash of the mapping keys above: a changed mapping re-reads every table.
  std::string mapping_hash;

  // Whether the config selects database `db` / table `db`.`table`.
  bool Selects(const std::string& db, const std::string& table) const;
  // The team owning a table of `db` whose HMS owner is `owner`; "" when none maps.
  std::string TeamOf(const std::string& db, const std::string& owner) const;
  std::string DomainOf(const std::string& db) const;
};

// Reads the type's keys. kInvalidArgument "FILE:LINE: …" for a bad or unknown key, a bad URL
// (an unknown scheme, a missing database), a bad regex or an owner that is not "team:<name>".
Result<HmsConfig> ReadHmsConfig(const connectors::ConnectorConfig& config);

}  // namespace linea::hive_metastore
