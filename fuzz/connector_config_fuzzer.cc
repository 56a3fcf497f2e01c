// Fuzz target: connector config files (YAML) and database URLs, through the common keys and
// both types' own keys. Errors are expected; nothing may throw or crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "connectors/config.h"
#include "ingest/hive_metastore/hms_source.h"
#include "ingest/mlflow/mlflow_source.h"
#include "sourcedb/db_url.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)linea::sourcedb::ParseDbUrl(text);
  auto configs = linea::connectors::ParseConnectorConfigs(text, "/etc/linea/fuzz.yaml",
                                                          {"hive-metastore", "mlflow"}, false);
  if (!configs.ok()) return 0;
  for (const linea::connectors::ConnectorConfig& c : *configs) {
    if (c.type == "hive-metastore") (void)linea::hive_metastore::MakeSource(c);
    if (c.type == "mlflow") (void)linea::mlflow::MakeSource(c);
  }
  return 0;
}
