#include "ingest/hive_metastore/hms_reader.h"

#include <unordered_map>

#include "common/status_macros.h"

namespace linea::hive_metastore {
namespace {

constexpr int kOldestMajor = 2;
constexpr int kNewestMajor = 4;

}  // namespace

Result<std::string> HmsReader::CheckVersion() {
  std::string version;
  Status s = db_->Query("SELECT " + Q("SCHEMA_VERSION") + " FROM " + Q("VERSION"), {},
                        [&](const sourcedb::Row& row) {
                          version = std::string(row.Text(0));
                          return Status::OK();
                        });
  if (s.code() == StatusCode::kFailedPrecondition) {
    return FailedPreconditionError("not a Hive Metastore database (no readable VERSION table): " +
                                   s.message());
  }
  LINEA_RETURN_IF_ERROR(s);
  if (version.empty()) return FailedPreconditionError("the metastore's VERSION table is empty");
  const int major = std::atoi(version.c_str());
  if (major < kOldestMajor || major > kNewestMajor) {
    return FailedPreconditionError("Hive Metastore schema version " + version +
                                   " is not supported (linea reads 2.x, 3.x and 4.x)");
  }
  major_ = major;
  return version;
}

Result<std::vector<ListedTable>> HmsReader::ListTables(const std::string& catalog) {
  std::vector<std::string> params;
  std::string sql = "SELECT t." + Q("TBL_ID") + ", d." + Q("NAME") + ", t." + Q("TBL_NAME") +
                    ", t." + Q("TBL_TYPE") + ", t." + Q("CREATE_TIME") + ", p." +
                    Q("PARAM_VALUE") + ", t." + Q("OWNER") + " FROM " + Q("TBLS") + " t JOIN " +
                    Q("DBS") + " d ON t." + Q("DB_ID") + " = d." + Q("DB_ID") + " LEFT JOIN " +
                    Q("TABLE_PARAMS") + " p ON p." + Q("TBL_ID") + " = t." + Q("TBL_ID") +
                    " AND p." + Q("PARAM_KEY") + " = 'transient_lastDdlTime'";
  if (major_ >= 3) {
    sql += " WHERE d." + Q("CTLG_NAME") + " = ?";
    params.push_back(catalog);
  }
  sql += " ORDER BY d." + Q("NAME") + ", t." + Q("TBL_NAME");
  std::vector<ListedTable> out;
  LINEA_RETURN_IF_ERROR(db_->Query(sql, params, [&](const sourcedb::Row& row) {
    ListedTable t;
    t.id = row.Int(0);
    t.database = std::string(row.Text(1));
    t.name = std::string(row.Text(2));
    t.type = std::string(row.Text(3));
    t.create_time = row.Int(4);
    t.last_ddl_time = std::string(row.Text(5));
    t.owner = std::string(row.Text(6));
    out.push_back(std::move(t));
    return Status::OK();
  }));
  return out;
}

std::string HmsReader::InList(const std::vector<int64_t>& ids, std::vector<std::string>* params) {
  std::string list = "(";
  for (size_t i = 0; i < ids.size(); ++i) {
    list += i == 0 ? "?" : ", ?";
    params->push_back(std::to_string(ids[i]));
  }
  return list + ")";
}

Result<std::vector<HmsTable>> HmsReader::ReadTables(const std::vector<int64_t>& ids) {
  std::vector<HmsTable> tables;
  if (ids.empty()) return tables;
  std::unordered_map<int64_t, size_t> index;
  std::vector<std::string> params;
  const std::string in = InList(ids, &params);

  LINEA_RETURN_IF_ERROR(db_->Query(
      "SELECT t." + Q("TBL_ID") + ", d." + Q("NAME") + ", t." + Q("TBL_NAME") + ", t." +
          Q("TBL_TYPE") + ", t." + Q("CREATE_TIME") + ", t." + Q("OWNER") + ", t." +
          Q("OWNER_TYPE") + ", t." + Q("VIEW_EXPANDED_TEXT") + " FROM " + Q("TBLS") + " t JOIN " +
          Q("DBS") + " d ON t." + Q("DB_ID") + " = d." + Q("DB_ID") + " WHERE t." + Q("TBL_ID") +
          " IN " + in,
      params, [&](const sourcedb::Row& row) {
        HmsTable t;
        t.listed.id = row.Int(0);
        t.listed.database = std::string(row.Text(1));
        t.listed.name = std::string(row.Text(2));
        t.listed.type = std::string(row.Text(3));
        t.listed.create_time = row.Int(4);
        t.listed.owner = std::string(row.Text(5));
        t.owner_type = std::string(row.Text(6));
        t.view_expanded_text = std::string(row.Text(7));
        index[t.listed.id] = tables.size();
        tables.push_back(std::move(t));
        return Status::OK();
      }));

  auto table_of = [&](const sourcedb::Row& row) -> HmsTable* {
    auto it = index.find(row.Int(0));
    return it == index.end() ? nullptr : &tables[it->second];
  };
  LINEA_RETURN_IF_ERROR(db_->Query(
      "SELECT t." + Q("TBL_ID") + ", c." + Q("COLUMN_NAME") + ", c." + Q("TYPE_NAME") + ", c." +
          Q("COMMENT") + " FROM " + Q("TBLS") + " t JOIN " + Q("SDS") + " s ON t." + Q("SD_ID") +
          " = s." + Q("SD_ID") + " JOIN " + Q("COLUMNS_V2") + " c ON c." + Q("CD_ID") + " = s." +
          Q("CD_ID") + " WHERE t." + Q("TBL_ID") + " IN " + in + " ORDER BY t." + Q("TBL_ID") +
          ", c." + Q("INTEGER_IDX"),
      params, [&](const sourcedb::Row& row) {
        if (HmsTable* t = table_of(row)) {
          t->columns.push_back({std::string(row.Text(1)), std::string(row.Text(2)),
                                std::string(row.Text(3)), false});
        }
        return Status::OK();
      }));
  LINEA_RETURN_IF_ERROR(db_->Query(
      "SELECT " + Q("TBL_ID") + ", " + Q("PKEY_NAME") + ", " + Q("PKEY_TYPE") + ", " +
          Q("PKEY_COMMENT") + " FROM " + Q("PARTITION_KEYS") + " WHERE " + Q("TBL_ID") + " IN " +
          in + " ORDER BY " + Q("TBL_ID") + ", " + Q("INTEGER_IDX"),
      params, [&](const sourcedb::Row& row) {
        if (HmsTable* t = table_of(row)) {
          t->columns.push_back({std::string(row.Text(1)), std::string(row.Text(2)),
                                std::string(row.Text(3)), true});
        }
        return Status::OK();
      }));
  LINEA_RETURN_IF_ERROR(db_->Query(
      "SELECT " + Q("TBL_ID") + ", " + Q("PARAM_KEY") + ", " + Q("PARAM_VALUE") + " FROM " +
          Q("TABLE_PARAMS") + " WHERE " + Q("TBL_ID") + " IN " + in + " AND " + Q("PARAM_KEY") +
          " IN ('comment', 'numRows', 'transient_lastDdlTime')",
      params, [&](const sourcedb::Row& row) {
        if (HmsTable* t = table_of(row)) {
          t->params[std::string(row.Text(1))] = std::string(row.Text(2));
        }
        return Status::OK();
      }));
  for (HmsTable& t : tables) {
    if (auto it = t.params.find("transient_lastDdlTime"); it != t.params.end()) {
      t.listed.last_ddl_time = it->second;
    }
  }
  return tables;
}

}  // namespace linea::hive_metastore
