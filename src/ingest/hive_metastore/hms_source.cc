#include "ingest/hive_metastore/hms_source.h"

#include <map>

#include "common/status_macros.h"
#include "ingest/hive_metastore/hms_config.h"
#include "ingest/hive_metastore/hms_mapping.h"
#include "ingest/hive_metastore/hms_reader.h"

namespace linea::hive_metastore {
namespace {

class HmsSource : public connectors::Source {
 public:
  explicit HmsSource(HmsConfig config) : config_(std::move(config)) {}

  std::string Describe() const override { return config_.url.Redacted(); }

  Status Connect() override {
    sourcedb::ConnectOptions options;
    options.password = config_.password;
    LINEA_ASSIGN_OR_RETURN(std::unique_ptr<sourcedb::Connection> db,
                           sourcedb::Connection::Open(config_.url, options));
    reader_ = std::make_unique<HmsReader>(std::move(db));
    return reader_->CheckVersion().status();
  }

  Result<std::vector<connectors::SourceItem>> ListItems() override {
    LINEA_ASSIGN_OR_RETURN(std::vector<ListedTable> tables, reader_->ListTables(config_.catalog));
    std::vector<connectors::SourceItem> items;
    std::map<std::pair<int, std::string>, int> per_database;  // tables so far, per (phase, db)
    ids_.clear();
    for (const ListedTable& t : tables) {
      if (!config_.Selects(t.database, t.name)) continue;
      connectors::SourceItem item;
      item.key = TableKey(t.database, t.name);
      item.version = std::to_string(t.create_time) + ":" + t.last_ddl_time + ":" + t.owner + ":" +
                     config_.mapping_hash;
      item.phase = t.is_view() ? 1 : 0;
      const int n = per_database[{item.phase, t.database}]++;
      char chunk[24];
      std::snprintf(chunk, sizeof chunk, "%06d", n / config_.tables_per_transaction);
      item.group = t.database + "/" + chunk;
      item.label = (t.is_view() ? "views of " : "database ") + t.database;
      ids_[item.key] = t.id;
      items.push_back(std::move(item));
    }
    return items;
  }

  Result<std::vector<connectors::MappedItem>> ReadItems(
      const std::vector<connectors::SourceItem>& items, const catalog::Catalog& catalog) override {
    std::vector<int64_t> ids;
    for (const connectors::SourceItem& item : items) {
      if (auto it = ids_.find(item.key); it != ids_.end()) ids.push_back(it->second);
    }
    LINEA_ASSIGN_OR_RETURN(std::vector<HmsTable> tables, reader_->ReadTables(ids));
    std::vector<connectors::MappedItem> mapped;
    CatalogSchema schema(catalog, config_.service);
    for (const HmsTable& t : tables) {
      mapped.push_back(MapTable(t, config_));
      std::vector<std::string> columns;
      for (const HmsColumn& c : t.columns) columns.push_back(c.name);
      schema.Add(TableKey(t.listed.database, t.listed.name), std::move(columns));
    }
    for (size_t i = 0; i < tables.size(); ++i) {
      if (tables[i].listed.is_view()) AddViewLineage(tables[i], config_, schema, &mapped[i]);
    }
    return mapped;
  }

 private:
  HmsConfig config_;
  std::unique_ptr<HmsReader> reader_;
  std::map<std::string, int64_t> ids_;  // item key → TBL_ID, from the last ListItems()
};

}  // namespace

Result<std::unique_ptr<connectors::Source>> MakeSource(const connectors::ConnectorConfig& config) {
  LINEA_ASSIGN_OR_RETURN(HmsConfig hms, ReadHmsConfig(config));
  return std::unique_ptr<connectors::Source>(std::make_unique<HmsSource>(std::move(hms)));
}

}  // namespace linea::hive_metastore
