// src/ingest/mlflow/features.h: a model's features and where their names came from, in order
// of trust (docs/connectors.md "MLflow features"):
//   1. the MLmodel file's signature: its column-based inputs (a JSON string inside the YAML);
//      a tensor signature has no names: no features, and the model's status says so;
//   2. else the training dataset's schema (input tag mlflow.data.context = training), minus
//      the config's target columns;
//   3. else the run tag mlflow.log-model.history (MLflow < 2.16 kept the signature there).
// And the tables the training datasets were read from, for feature → column lineage.
#pragma once

#include <string>
#include <vector>

#include "ingest/mlflow/mlflow_config.h"
#include "ingest/mlflow/records.h"

namespace linea::mlflow {

struct Feature {
  std::string name;
  std::string type;       // MLflow's: double, long, string, …
  bool required = true;
};

struct Features {
  std::vector<Feature> features;
  // "signature", "training_dataset", "log_model_history" or "none".
  std::string from = "none";
  std::vector<std::string> problems;  // why a better source gave nothing
};

Features ExtractFeatures(const ModelRecord& model, const MlflowConfig& config);

// Parses an MLflow column spec list (`[{"type", "name", "required"|"optional"}…]`). Tensor
// specs and unnamed columns are skipped; `*tensor` is set when any spec was a tensor.
std::vector<Feature> ParseColSpecs(const std::string& json, bool* tensor);

// The catalog tables (FQNs) the run's training datasets name: a spark/delta table name under
// `config.source_service`, or a path/URI a `sources:` prefix maps. Unmapped sources are
// described in `unresolved` ("s3://lake/x (local)").
std::vector<std::string> TrainingTables(const RunRecord& run, const MlflowConfig& config,
                                        std::vector<std::string>* unresolved);

}  // namespace linea::mlflow
