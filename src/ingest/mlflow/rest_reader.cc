// The REST reader: MLflow's /api/2.0/mlflow API (registered-models/search and get,
// model-versions/search, runs/get) and the MLmodel file through the server's
// /model-versions/get-artifact route (or the artifact proxy, or the local disk for file://).
// Every field is optional; versions may come as strings, timestamps as numbers or strings.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "common/status_macros.h"
#include "ingest/mlflow/http_get.h"
#include "ingest/mlflow/reader.h"

namespace linea::mlflow {
namespace {

using Json = nlohmann::json;

int64_t Int(const Json& j, const char* key) {
  if (!j.is_object() || !j.contains(key)) return 0;
  const Json& v = j[key];
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_string()) return std::atoll(v.get<std::string>().c_str());
  return 0;
}

std::string Str(const Json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

const Json& List(const Json& j, const char* key) {
  static const Json kEmpty = Json::array();
  return j.is_object() && j.contains(key) && j[key].is_array() ? j[key] : kEmpty;
}

class RestReader : public Reader {
 public:
  explicit RestReader(const MlflowConfig& config)
      : config_(config), http_(config.token, config.username, config.password) {}

  std::string Describe() const override { return config_.tracking_uri; }

  Status Connect() override {
    return Call("/api/2.0/mlflow/registered-models/search", {{"max_results", "1"}}).status();
  }

  Result<std::vector<ListedModel>> ListModels() override {
    std::vector<ListedModel> out;
    std::string token;
    do {
      std::vector<std::pair<std::string, std::string>> query = {{"max_results", "1000"}};
      if (!token.empty()) query.emplace_back("page_token", token);
      LINEA_ASSIGN_OR_RETURN(Json page, Call("/api/2.0/mlflow/registered-models/search", query));
      for (const Json& m : List(page, "registered_models")) {
        ListedModel listed;
        listed.name = Str(m, "name");
        if (listed.name.empty() || !config_.Selects(listed.name)) continue;
        listed.version = std::to_string(Int(m, "last_updated_timestamp"));
        for (const Json& v : List(m, "latest_versions")) {
          listed.version += ":" + std::to_string(Int(v, "version")) + "@" +
                            std::to_string(Int(v, "last_updated_timestamp")) + Str(v, "current_stage");
        }
        for (const Json& a : List(m, "aliases")) {
          listed.version += ":" + Str(a, "alias") + "=" + std::to_string(Int(a, "version"));
        }
        out.push_back(std::move(listed));
      }
      token = Str(page, "next_page_token");
    } while (!token.empty());
    std::sort(out.begin(), out.end(), [](const ListedModel& a, const ListedModel& b) { return a.name < b.name; });
    return out;
  }

  Result<ModelRecord> ReadModel(const std::string& name) override {
    Result<Json> got = Call("/api/2.0/mlflow/registered-models/get", {{"name", name}});
    if (!got.ok()) return got.status();
    const Json& rm = (*got).contains("registered_model") ? (*got)["registered_model"] : Json();
    ModelRecord m;
    m.name = name;
    m.description = Str(rm, "description");
    m.last_updated_ms = Int(rm, "last_updated_timestamp");
    for (const Json& t : List(rm, "tags")) m.tags[Str(t, "key")] = Str(t, "value");
    for (const Json& a : List(rm, "aliases")) m.aliases[Str(a, "alias")] = Int(a, "version");
    LINEA_RETURN_IF_ERROR(ReadVersions(name, &m.versions));
    if (m.versions.empty()) return m;
    const ModelVersionRecord& newest = m.versions.back();
    if (!newest.run_id.empty()) LINEA_RETURN_IF_ERROR(ReadRun(newest.run_id, &m.run));
    ReadMlmodel(name, newest, &m);
    return m;
  }

 private:
  // GET `path` as JSON. Errors: kUnavailable (unreachable, 401/403, 5xx), kNotFound (404 with
  // RESOURCE_DOES_NOT_EXIST), kFailedPrecondition (any other 4xx, or a body that is not JSON).
  Result<Json> Call(const std::string& path,
                    const std::vector<std::pair<std::string, std::string>>& query) {
    const std::string url = config_.tracking_uri + path;
    LINEA_ASSIGN_OR_RETURN(HttpResponse r, http_.Get(url, query));
    Json body = Json::parse(r.body, nullptr, false);
    const std::string why = body.is_object() && body.contains("message")
                                ? Str(body, "error_code") + ": " + Str(body, "message")
                                : r.body.substr(0, 200);
    if (r.status == 401 || r.status == 403) {
      return UnavailableError(config_.tracking_uri + ": authentication failed (HTTP " +
                              std::to_string(r.status) + "); check token_env/username");
    }
    if (r.status == 404 && Str(body, "error_code") == "RESOURCE_DOES_NOT_EXIST") {
      return NotFoundError(Str(body, "message"));
    }
    if (r.status >= 500) {
      return UnavailableError(url + ": HTTP " + std::to_string(r.status) + ": " + why);
    }
    if (r.status != 200) {
      return FailedPreconditionError(url + ": HTTP " + std::to_string(r.status) +
                                     " (is this an MLflow 2.x tracking server?): " + why);
    }
    if (body.is_discarded() || !body.is_object()) {
      return FailedPreconditionError(url + ": the answer is not JSON (is this an MLflow tracking "
                                     "server?)");
    }
    return body;
  }

  Status ReadVersions(const std::string& name, std::vector<ModelVersionRecord>* versions) {
    std::string quoted;
    for (char c : name) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    std::string token;
    do {
      std::vector<std::pair<std::string, std::string>> query = {
          {"filter", "name='" + quoted + "'"}, {"max_results", "1000"}};
      if (!token.empty()) query.emplace_back("page_token", token);
      LINEA_ASSIGN_OR_RETURN(Json page, Call("/api/2.0/mlflow/model-versions/search", query));
      for (const Json& v : List(page, "model_versions")) {
        if (Str(v, "name") != name || Str(v, "current_stage") == "Deleted_Internal") continue;
        versions->push_back({Int(v, "version"), Str(v, "current_stage"), Str(v, "source"),
                             Str(v, "run_id"), Str(v, "status"), Int(v, "last_updated_timestamp")});
      }
      token = Str(page, "next_page_token");
    } while (!token.empty());
    std::sort(versions->begin(), versions->end(),
              [](const ModelVersionRecord& a, const ModelVersionRecord& b) { return a.version < b.version; });
    return Status::OK();
  }

  Status ReadRun(const std::string& run_id, RunRecord* run) {
    Result<Json> got = Call("/api/2.0/mlflow/runs/get", {{"run_id", run_id}});
    if (got.status().code() == StatusCode::kNotFound) return Status::OK();  // run deleted
    LINEA_RETURN_IF_ERROR(got.status());
    const Json& r = (*got).contains("run") ? (*got)["run"] : Json();
    const Json& info = r.is_object() && r.contains("info") ? r["info"] : Json();
    run->run_id = run_id;
    run->artifact_uri = Str(info, "artifact_uri");
    const Json& data = r.is_object() && r.contains("data") ? r["data"] : Json();
    for (const Json& t : List(data, "tags")) {
      if (Str(t, "key") == "mlflow.log-model.history") run->tags[Str(t, "key")] = Str(t, "value");
    }
    const Json& inputs = r.is_object() && r.contains("inputs") ? r["inputs"] : Json();
    for (const Json& input : List(inputs, "dataset_inputs")) {
      DatasetInputRecord d;
      for (const Json& t : List(input, "tags")) {
        if (Str(t, "key") == "mlflow.data.context") d.context = Str(t, "value");
      }
      const Json& ds = input.contains("dataset") ? input["dataset"] : Json();
      d.name = Str(ds, "name");
      d.source_type = Str(ds, "source_type");
      d.source_json = Str(ds, "source");
      d.schema_json = Str(ds, "schema");
      run->inputs.push_back(std::move(d));
    }
    return Status::OK();
  }

  // The newest version's MLmodel: through the server, else from the local disk (file://).
  void ReadMlmodel(const std::string& name, const ModelVersionRecord& v, ModelRecord* m) {
    Result<HttpResponse> r = http_.Get(config_.tracking_uri + "/model-versions/get-artifact",
                                       {{"name", name},
                                        {"version", std::to_string(v.version)},
                                        {"path", "MLmodel"}});
    if (r.ok() && r->status == 200) {
      m->mlmodel = std::move(r->body);
      return;
    }
    const std::string dir = ModelArtifactDir(v, m->run);
    const std::string proxy = "mlflow-artifacts:";
    if (dir.rfind(proxy, 0) == 0) {
      std::string path = dir.substr(proxy.size());
      if (path.rfind("//", 0) == 0) {  // //host:port/p
        const size_t slash = path.find('/', 2);
        path = slash == std::string::npos ? "" : path.substr(slash);
      }
      while (!path.empty() && path[0] == '/') path.erase(0, 1);
      Result<HttpResponse> p = http_.Get(
          config_.tracking_uri + "/api/2.0/mlflow-artifacts/artifacts/" + path + "/MLmodel", {});
      if (p.ok() && p->status == 200) {
        m->mlmodel = std::move(p->body);
        return;
      }
      m->mlmodel_error = "the server gave no MLmodel for " + dir;
      return;
    }
    Result<std::string> local = ReadLocalMlmodel(dir, config_.base_dir);
    if (local.ok()) {
      m->mlmodel = std::move(*local);
    } else {
      m->mlmodel_error = local.status().message();
    }
  }

  const MlflowConfig& config_;
  HttpGetter http_;
};

}  // namespace

std::unique_ptr<Reader> MakeRestReader(const MlflowConfig& config) {
  return std::make_unique<RestReader>(config);
}

}  // namespace linea::mlflow
