#include "ingest/mlflow/mlflow_source.h"

#include <cstdio>

#include "common/status_macros.h"
#include "ingest/mlflow/mapping.h"
#include "ingest/mlflow/mlflow_config.h"
#include "ingest/mlflow/reader.h"

namespace linea::mlflow {
namespace {

class MlflowSource : public connectors::Source {
 public:
  explicit MlflowSource(MlflowConfig config)
      : config_(std::move(config)),
        reader_(config_.use_store ? MakeStoreReader(config_) : MakeRestReader(config_)) {}

  std::string Describe() const override { return reader_->Describe(); }
  Status Connect() override { return reader_->Connect(); }

  Result<std::vector<connectors::SourceItem>> ListItems() override {
    LINEA_ASSIGN_OR_RETURN(std::vector<ListedModel> models, reader_->ListModels());
    std::vector<connectors::SourceItem> items;
    for (size_t i = 0; i < models.size(); ++i) {
      char group[24];
      std::snprintf(group, sizeof group, "%06zu", i / config_.models_per_transaction);
      items.push_back({models[i].name, models[i].version + ":" + config_.mapping_hash,
                       std::string("models/") + group, 0, "registered models"});
    }
    return items;
  }

  Result<std::vector<connectors::MappedItem>> ReadItems(
      const std::vector<connectors::SourceItem>& items, const catalog::Catalog& catalog) override {
    std::vector<connectors::MappedItem> out;
    for (const connectors::SourceItem& item : items) {
      Result<ModelRecord> model = reader_->ReadModel(item.key);
      if (model.status().code() == StatusCode::kNotFound) continue;  // deleted meanwhile
      if (model.status().code() == StatusCode::kUnavailable) return model.status();
      if (!model.ok()) {  // this model only: the others are still read
        connectors::MappedItem failed;
        failed.key = item.key;
        failed.error = model.status().message();
        out.push_back(std::move(failed));
        continue;
      }
      out.push_back(MapModel(*model, config_, catalog));
    }
    return out;
  }

 private:
  MlflowConfig config_;
  std::unique_ptr<Reader> reader_;
};

}  // namespace

Result<std::unique_ptr<connectors::Source>> MakeSource(const connectors::ConnectorConfig& config) {
  LINEA_ASSIGN_OR_RETURN(MlflowConfig mlflow, ReadMlflowConfig(config));
  return std::unique_ptr<connectors::Source>(std::make_unique<MlflowSource>(std::move(mlflow)));
}

}  // namespace linea::mlflow
