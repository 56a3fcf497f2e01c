// src/ingest/mlflow/mlflow_config.h: the keys of a `type: mlflow` connector
// (docs/connectors.md "MLflow"):
//
//   tracking_uri: https://mlflow.example/   # the REST API; or
//   store: postgresql://mlflow@db/mlflow     # the tracking server's SQL store (or sqlite:…)
//   token_env: MLFLOW_TOKEN                  # REST: a bearer token (or token_file:)
//   username: svc-linea                      # REST: basic auth, with password_env/password_file
//   password_env: MLFLOW_DB_PASSWORD         # store: the database password
//   service: mlflow_b2c                      # models are <service>.<registered model name>
//   include: [churn_*]                       # registered model name globs; default all
//   exclude: [tmp_*]
//   owner_tags: [owner, team]                # the first of these model tags names the owner
//   owners: {alice: team:scoring}            # a tag value → team ("team:x" values are taken as is)
//   domain: scoring                          # domain of every model (optional)
//   source_service: hive                     # service of table names in dataset sources
//   sources: {"s3://lake/churn/": hive.mart_b2c.churn_features}   # URI prefix → table
//   feature_renames: {tenure_m: tenure_months}   # feature name → column name
//   target_columns: [label, churned]         # left out of a training dataset's columns
//   deployments:                             # version/alias/stage → deployment assets
//     - {alias: champion, fqn: "seldon.{model}_prod"}
//     - {stage: Production, fqn: "kserve.{model}"}
//   models_per_transaction: 100
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/result.h"
#include "connectors/config.h"
#include "sourcedb/db_url.h"

namespace linea::mlflow {

struct DeploymentRule {
  std::string alias;  // one of alias / stage is set
  std::string stage;
  std::string fqn_template;  // "{model}" is replaced by the registered model's name
};

struct MlflowConfig {
  // Exactly one of the two readers.
  std::string tracking_uri;  // without a trailing '/'
  bool use_store = false;
  sourcedb::DbUrl store;
  std::string password;  // store password, or REST basic-auth password
  std::string token;     // REST bearer token
  std::string username;  // REST basic auth
  std::string base_dir;  // relative file:// artifact paths are relative to it

  std::string service = "mlflow";
  std::vector<std::string> include, exclude;
  std::vector<std::string> owner_tags = {"owner", "team"};
  std::map<std::string, std::string> owners;
  std::string domain;
  std::string source_service = "hive";
  std::map<std::string, std::string> sources;  // URI prefix → table FQN
  std::map<std::string, std::string> feature_renames;
  std::vector<std::string> target_columns;
  std::vector<DeploymentRule> deployments;
  int models_per_transaction = 100;
  std::string mapping_hash;  // changes when a mapping key changes: everything is read again

  bool Selects(const std::string& model) const;
  // "team:x" for a model whose owner tag is `value`; "" when `value` is empty.
  std::string TeamOf(const std::string& value) const;
};

// kInvalidArgument "FILE:LINE: …" for a bad or unknown key, neither or both of tracking_uri
// and store, a deployment without alias/stage or fqn, a team that is not "team:<name>".
Result<MlflowConfig> ReadMlflowConfig(const connectors::ConnectorConfig& config);

}  // namespace linea::mlflow
