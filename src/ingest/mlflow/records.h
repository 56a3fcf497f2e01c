// src/ingest/mlflow/records.h: what both MLflow readers (the REST API, the SQL store) produce —
// the same records whichever way they were read, so the mapping has one input.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace linea::mlflow {

// A registered model as listed: its name and a change marker.
struct ListedModel {
  std::string name;
  std::string version;  // changes when the model, its versions or aliases change
};

struct ModelVersionRecord {
  int64_t version = 0;
  std::string current_stage;  // None, Staging, Production, Archived
  std::string source;         // runs:/…, mlflow-artifacts:/…, file:///…, s3://…
  std::string run_id;
  std::string status;         // READY, …
  int64_t last_updated_ms = 0;
};

struct DatasetInputRecord {
  std::string name;
  std::string context;      // input tag mlflow.data.context: training, eval, …
  std::string source_type;  // spark, delta_table, local, s3, http, …
  std::string source_json;  // the dataset source as JSON text
  std::string schema_json;  // {"mlflow_colspec": […]} or other; may be empty
};

// The training run of the version features are read from.
struct RunRecord {
  std::string run_id;
  std::string artifact_uri;
  std::map<std::string, std::string> tags;  // mlflow.log-model.history, …
  std::vector<DatasetInputRecord> inputs;
};

struct ModelRecord {
  std::string name;
  std::string description;
  int64_t last_updated_ms = 0;
  std::map<std::string, std::string> tags;
  std::map<std::string, int64_t> aliases;  // alias → version
  std::vector<ModelVersionRecord> versions;  // not deleted, by version ascending
  // Of the newest version (versions.back()), when it has one:
  RunRecord run;
  std::string mlmodel;        // the MLmodel file's text; "" when it could not be read
  std::string mlmodel_error;  // why not
};

}  // namespace linea::mlflow
