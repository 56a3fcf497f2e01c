#include "app/connector_types.h"

#include "ingest/hive_metastore/hms_source.h"
#include "ingest/mlflow/mlflow_source.h"

namespace linea::app {

std::vector<std::string> ConnectorTypes() { return {hive_metastore::kType, mlflow::kType}; }

Result<std::unique_ptr<connectors::Source>> MakeConnectorSource(
    const connectors::ConnectorConfig& config) {
  if (config.type == hive_metastore::kType) return hive_metastore::MakeSource(config);
  if (config.type == mlflow::kType) return mlflow::MakeSource(config);
  return InvalidArgumentError(config.file + ":" + std::to_string(config.line) +
                              ": unknown connector type \"" + config.type + "\"");
}

}  // namespace linea::app
