// src/ingest/mlflow/mlflow_source.h: the `mlflow` connector type — a connectors::Source over an
// MLflow tracking server, through its REST API or its SQL store (docs/connectors.md).
//
// Items are registered models, keyed by name, versioned by what the registry lists for them
// (last update, latest versions, aliases) and the config's mapping. A model is read with its
// versions, its newest version's run (dataset inputs) and MLmodel file. Groups are up to
// `models_per_transaction` models.
#pragma once

#include <memory>

#include "connectors/source.h"

namespace linea::mlflow {

inline constexpr const char* kType = "mlflow";

Result<std::unique_ptr<connectors::Source>> MakeSource(const connectors::ConnectorConfig& config);

}  // namespace linea::mlflow
