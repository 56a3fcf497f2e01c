// The SQL store reader: MLflow 2.x's tracking/registry tables (alembic head 0584bdc529eb),
// through a read-only sourcedb::Connection, and file:// artifacts from the local disk.
#include <map>

#include "common/status_macros.h"
#include "ingest/mlflow/reader.h"
#include "sourcedb/connection.h"

namespace linea::mlflow {
namespace {

class StoreReader : public Reader {
 public:
  explicit StoreReader(const MlflowConfig& config) : config_(config) {}

  std::string Describe() const override { return config_.store.Redacted(); }

  Status Connect() override {
    sourcedb::ConnectOptions options;
    options.password = config_.password;
    LINEA_ASSIGN_OR_RETURN(db_, sourcedb::Connection::Open(config_.store, options));
    std::string head;
    Status s = db_->Query("SELECT version_num FROM alembic_version", {}, [&](const sourcedb::Row& row) {
      head = std::string(row.Text(0));
      return Status::OK();
    });
    if (!s.ok() && s.code() != StatusCode::kUnavailable) {
      return FailedPreconditionError("not an MLflow tracking store (no readable alembic_version "
                                     "table): " + s.message());
    }
    LINEA_RETURN_IF_ERROR(s);
    // Every 2.x head has these; a missing one is reported by the first query that needs it.
    return Status::OK();
  }

  Result<std::vector<ListedModel>> ListModels() override {
    struct Marker {
      std::string text;
    };
    std::map<std::string, Marker> models;
    LINEA_RETURN_IF_ERROR(db_->Query(
        "SELECT name, last_updated_time FROM registered_models ORDER BY name", {},
        [&](const sourcedb::Row& row) {
          std::string name(row.Text(0));
          if (config_.Selects(name)) models[name].text = std::string(row.Text(1));
          return Status::OK();
        }));
    LINEA_RETURN_IF_ERROR(db_->Query(
        "SELECT name, max(last_updated_time), count(*), max(version) FROM model_versions "
        "WHERE current_stage <> 'Deleted_Internal' GROUP BY name",
        {}, [&](const sourcedb::Row& row) {
          auto it = models.find(std::string(row.Text(0)));
          if (it != models.end()) {
            it->second.text += ":" + std::string(row.Text(1)) + ":" + std::string(row.Text(2)) +
                               ":" + std::string(row.Text(3));
          }
          return Status::OK();
        }));
    LINEA_RETURN_IF_ERROR(db_->Query(
        "SELECT name, alias, version FROM registered_model_aliases ORDER BY name, alias", {},
        [&](const sourcedb::Row& row) {
          auto it = models.find(std::string(row.Text(0)));
          if (it != models.end()) {
            it->second.text += ":" + std::string(row.Text(1)) + "=" + std::string(row.Text(2));
          }
          return Status::OK();
        }));
    std::vector<ListedModel> out;
    for (auto& [name, marker] : models) out.push_back({name, std::move(marker.text)});
    return out;
  }

  Result<ModelRecord> ReadModel(const std::string& name) override {
    ModelRecord m;
    bool found = false;
    LINEA_RETURN_IF_ERROR(db_->Query(
        "SELECT name, description, last_updated_time FROM registered_models WHERE name = ?",
        {name}, [&](const sourcedb::Row& row) {
          found = true;
          m.name = std::string(row.Text(0));
          m.description = std::string(row.Text(1));
          m.last_updated_ms = row.Int(2);
          return Status::OK();
        }));
    if (!found) return NotFoundError("registered model " + name + " is gone");
    LINEA_RETURN_IF_ERROR(db_->Query(
        "SELECT " + db_->Quote("key") + ", value FROM registered_model_tags WHERE name = ?", {name},
        [&](const sourcedb::Row& row) {
          m.tags[std::string(row.Text(0))] = std::string(row.Text(1));
          return Status::OK();
        }));
    LINEA_RETURN_IF_ERROR(db_->Query(
        "SELECT alias, version FROM registered_model_aliases WHERE name = ?", {name},
        [&](const sourcedb::Row& row) {
          m.aliases[std::string(row.Text(0))] = row.Int(1);
          return Status::OK();
        }));
    LINEA_RETURN_IF_ERROR(db_->Query(
        "SELECT version, current_stage, source, run_id, status, last_updated_time "
        "FROM model_versions WHERE name = ? AND current_stage <> 'Deleted_Internal' "
        "ORDER BY version",
        {name}, [&](const sourcedb::Row& row) {
          m.versions.push_back({row.Int(0), std::string(row.Text(1)), std::string(row.Text(2)),
                                std::string(row.Text(3)), std::string(row.Text(4)), row.Int(5)});
          return Status::OK();
        }));
    if (m.versions.empty()) return m;
    const ModelVersionRecord& newest = m.versions.back();
    LINEA_RETURN_IF_ERROR(ReadRun(newest.run_id, &m.run));
    Result<std::string> mlmodel = ReadLocalMlmodel(ModelArtifactDir(newest, m.run), config_.base_dir);
    if (mlmodel.ok()) {
      m.mlmodel = std::move(*mlmodel);
    } else {
      m.mlmodel_error = mlmodel.status().message();
    }
    return m;
  }

 private:
  Status ReadRun(const std::string& run_id, RunRecord* run) {
    run->run_id = run_id;
    if (run_id.empty()) return Status::OK();
    LINEA_RETURN_IF_ERROR(db_->Query("SELECT artifact_uri FROM runs WHERE run_uuid = ?", {run_id},
                                     [&](const sourcedb::Row& row) {
                                       run->artifact_uri = std::string(row.Text(0));
                                       return Status::OK();
                                     }));
    LINEA_RETURN_IF_ERROR(db_->Query(
        "SELECT " + db_->Quote("key") + ", value FROM tags WHERE run_uuid = ? AND " +
            db_->Quote("key") + " = 'mlflow.log-model.history'",
        {run_id}, [&](const sourcedb::Row& row) {
          run->tags[std::string(row.Text(0))] = std::string(row.Text(1));
          return Status::OK();
        }));
    std::map<std::string, size_t> by_input;
    LINEA_RETURN_IF_ERROR(db_->Query(
        "SELECT i.input_uuid, d.name, d.dataset_source_type, d.dataset_source, d.dataset_schema "
        "FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id "
        "WHERE i.source_type = 'DATASET' AND i.destination_type = 'RUN' AND i.destination_id = ? "
        "ORDER BY d.name",
        {run_id}, [&](const sourcedb::Row& row) {
          by_input[std::string(row.Text(0))] = run->inputs.size();
          run->inputs.push_back({std::string(row.Text(1)), "", std::string(row.Text(2)),
                                 std::string(row.Text(3)), std::string(row.Text(4))});
          return Status::OK();
        }));
    if (by_input.empty()) return Status::OK();
    return db_->Query(
        "SELECT t.input_uuid, t.value FROM input_tags t JOIN inputs i ON i.input_uuid = "
        "t.input_uuid WHERE i.destination_id = ? AND t.name = 'mlflow.data.context'",
        {run_id}, [&](const sourcedb::Row& row) {
          auto it = by_input.find(std::string(row.Text(0)));
          if (it != by_input.end()) run->inputs[it->second].context = std::string(row.Text(1));
          return Status::OK();
        });
  }

  const MlflowConfig& config_;
  std::unique_ptr<sourcedb::Connection> db_;
};

}  // namespace

std::unique_ptr<Reader> MakeStoreReader(const MlflowConfig& config) {
  return std::make_unique<StoreReader>(config);
}

}  // namespace linea::mlflow
