// Fuzz target: what an MLflow server hands the mlflow connector — an MLmodel file (YAML with a
// JSON string inside), column specs, dataset source JSON, the log-model history tag. The input
// is used as each of them in turn; nothing may throw or crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/mlflow/features.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  linea::mlflow::ModelRecord model;
  model.name = "m";
  model.versions.push_back({1, "None", "runs:/r/model", "r", "READY", 0});
  model.mlmodel = text;
  model.run.tags["mlflow.log-model.history"] = text;
  model.run.inputs.push_back({"d", "training", "spark", text, text});
  linea::mlflow::MlflowConfig config;
  config.sources = {{"s3://", "hive.a.b"}};
  (void)linea::mlflow::ExtractFeatures(model, config);
  bool tensor = false;
  (void)linea::mlflow::ParseColSpecs(text, &tensor);
  std::vector<std::string> unresolved;
  (void)linea::mlflow::TrainingTables(model.run, config, &unresolved);
  return 0;
}
