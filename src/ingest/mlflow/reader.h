// src/ingest/mlflow/reader.h: one way of reading an MLflow tracking server — its REST API
// (rest_reader.h) or its SQL store (store_reader.h).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "ingest/mlflow/mlflow_config.h"
#include "ingest/mlflow/records.h"

namespace linea::mlflow {

class Reader {
 public:
  virtual ~Reader() = default;
  virtual std::string Describe() const = 0;
  // kUnavailable: unreachable, refused, authentication failed; kFailedPrecondition: not an
  // MLflow server / store this reader knows.
  virtual Status Connect() = 0;
  // Every registered model, by name.
  virtual Result<std::vector<ListedModel>> ListModels() = 0;
  // The model with its versions, aliases, and its newest version's run and MLmodel file.
  // kNotFound when it was deleted since ListModels().
  virtual Result<ModelRecord> ReadModel(const std::string& name) = 0;
};

std::unique_ptr<Reader> MakeStoreReader(const MlflowConfig& config);
std::unique_ptr<Reader> MakeRestReader(const MlflowConfig& config);

// Reads `<artifact dir uri>/MLmodel` when the URI is file:// or a plain path (relative to
// `base_dir`). kFailedPrecondition for other schemes (s3://, mlflow-artifacts:, …): only the REST
// reader fetches those, through the server.
Result<std::string> ReadLocalMlmodel(const std::string& artifact_dir_uri, const std::string& base_dir);

// The artifact directory of a model version: its `source` unless that is runs:/<id>/<path>,
// which is `<run artifact_uri>/<path>`.
std::string ModelArtifactDir(const ModelVersionRecord& version, const RunRecord& run);

}  // namespace linea::mlflow
