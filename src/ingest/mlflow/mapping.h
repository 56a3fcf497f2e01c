// src/ingest/mlflow/mapping.h: an MLflow registered model → catalog assets and lineage
// (docs/connectors.md "MLflow mapping"):
//
//   model       <service>.<name>, kind model: description, owners (owner tag), domain, the
//               registered model's tags as properties, latest_version, aliases, stages,
//               features_from
//   feature     <model>.<name>, kind feature: data_type, name_from, required
//   deployment  per config rule (alias or stage → FQN template), with a model → deployment edge
//   lineage     training-table column → feature, matched by name (or feature_renames)
//
// A model that a lineage.yaml manifest also describes keeps the manifest as the authority for
// its features and their sources: the connector writes no features or feature edges for it,
// and fills only what the manifest left empty on the model.
#pragma once

#include "catalog/catalog.h"
#include "connectors/source.h"
#include "ingest/mlflow/mlflow_config.h"
#include "ingest/mlflow/records.h"

namespace linea::mlflow {

connectors::MappedItem MapModel(const ModelRecord& model, const MlflowConfig& config,
                                const catalog::Catalog& catalog);

}  // namespace linea::mlflow
