// The mlflow connector end to end through the real puller into a real SQLite catalog: from
// the SQL store (the real MLflow 2.x schema in SQLite and in a real PostgreSQL 15 server, with
// file:// artifacts on disk) and from the REST API (a loopback server answering in MLflow's
// documented shapes: versions as strings, pages with and without next_page_token, missing
// optional fields, {"error_code": …} bodies, bearer auth).
#include "ingest/mlflow/mlflow_source.h"

#include <gmock/gmock.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "catalog/testing/catalog_fixture.h"
#include "common/testing/status_matchers.h"
#include "connectors/puller.h"
#include "sourcedb/testing/test_servers.h"

namespace linea::mlflow {
namespace {

using ::linea::testing::IsOk;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;
using Json = nlohmann::json;

// ---- The registry the tests describe, written to a SQL store or served over REST.

struct FakeDataset {
  std::string name, context, source_type, source, schema;
};
struct FakeVersion {
  int64_t version;
  std::string stage, source, run_id;
  int64_t last_updated;
};
struct FakeRun {
  std::string id, artifact_uri, history;
  std::vector<FakeDataset> inputs;
};
struct FakeModel {
  std::string name, description;
  int64_t last_updated = 1718000000000;
  std::map<std::string, std::string> tags;
  std::map<std::string, int64_t> aliases;
  std::vector<FakeVersion> versions;
};
struct Registry {
  std::vector<FakeModel> models;
  std::vector<FakeRun> runs;
  std::map<std::string, std::string> mlmodels;  // artifact dir path → MLmodel text
};

std::string Sql(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string RegistrySql(const Registry& r) {
  std::string sql =
      "INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage) VALUES "
      "(1, 'churn', 'file:///tmp', 'active');";
  for (const FakeRun& run : r.runs) {
    sql += "INSERT INTO runs (run_uuid, name, status, start_time, lifecycle_stage, artifact_uri, "
           "experiment_id) VALUES (" + Sql(run.id) + ", 'r', 'FINISHED', 1, 'active', " +
           Sql(run.artifact_uri) + ", 1);";
    if (!run.history.empty()) {
      sql += "INSERT INTO tags (\"key\", value, run_uuid) VALUES ('mlflow.log-model.history', " +
             Sql(run.history) + ", " + Sql(run.id) + ");";
    }
    for (size_t i = 0; i < run.inputs.size(); ++i) {
      const FakeDataset& d = run.inputs[i];
      const std::string uuid = run.id + "-d" + std::to_string(i);
      sql += "INSERT INTO datasets VALUES (" + Sql(uuid) + ", 1, " + Sql(d.name) + ", " +
             Sql(uuid.substr(0, 8)) + ", " + Sql(d.source_type) + ", " + Sql(d.source) + ", " +
             (d.schema.empty() ? "NULL" : Sql(d.schema)) + ", NULL);";
      sql += "INSERT INTO inputs VALUES (" + Sql(uuid + "-i") + ", 'DATASET', " + Sql(uuid) +
             ", 'RUN', " + Sql(run.id) + ");";
      if (!d.context.empty()) {
        sql += "INSERT INTO input_tags VALUES (" + Sql(uuid + "-i") +
               ", 'mlflow.data.context', " + Sql(d.context) + ");";
      }
    }
  }
  for (const FakeModel& m : r.models) {
    sql += "INSERT INTO registered_models VALUES (" + Sql(m.name) + ", 1, " +
           std::to_string(m.last_updated) + ", " + (m.description.empty() ? "NULL" : Sql(m.description)) + ");";
    for (const auto& [k, v] : m.tags) {
      sql += "INSERT INTO registered_model_tags VALUES (" + Sql(k) + ", " + Sql(v) + ", " + Sql(m.name) + ");";
    }
    for (const FakeVersion& v : m.versions) {
      sql += "INSERT INTO model_versions (name, version, creation_time, last_updated_time, "
             "current_stage, source, run_id, status) VALUES (" + Sql(m.name) + ", " +
             std::to_string(v.version) + ", 1, " + std::to_string(v.last_updated) + ", " +
             Sql(v.stage) + ", " + Sql(v.source) + ", " + Sql(v.run_id) + ", 'READY');";
    }
    for (const auto& [alias, version] : m.aliases) {
      sql += "INSERT INTO registered_model_aliases VALUES (" + Sql(alias) + ", " +
             std::to_string(version) + ", " + Sql(m.name) + ");";
    }
  }
  return sql;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A loopback MLflow REST server over `registry`, paging registered models two at a time.
class FakeMlflowServer {
 public:
  FakeMlflowServer(const Registry* registry, std::string token) : r_(registry), token_(std::move(token)) {
    server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (req.get_header_value("Authorization") != "Bearer " + token_) {
        res.status = 401;
        res.set_content("You are not authenticated.", "text/plain");  // not JSON, as MLflow's
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    server_.Get("/api/2.0/mlflow/registered-models/search", [this](const auto& req, auto& res) {
      const int max_results = std::stoi(req.get_param_value("max_results"));  // always sent
      EXPECT_TRUE(max_results >= 1 && max_results <= 1000) << max_results;
      const size_t start = req.has_param("page_token") ? std::stoul(req.get_param_value("page_token")) : 0;
      Json page = {{"registered_models", Json::array()}};
      for (size_t i = start; i < r_->models.size() && i < start + 2; ++i) {
        page["registered_models"].push_back(ModelJson(r_->models[i]));
      }
      if (start + 2 < r_->models.size()) page["next_page_token"] = std::to_string(start + 2);
      res.set_content(page.dump(), "application/json");
    });
    server_.Get("/api/2.0/mlflow/registered-models/get", [this](const auto& req, auto& res) {
      for (const FakeModel& m : r_->models) {
        if (m.name == req.get_param_value("name")) {
          return res.set_content(Json{{"registered_model", ModelJson(m)}}.dump(), "application/json");
        }
      }
      res.status = 404;
      res.set_content(R"({"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Registered Model with name=x not found"})",
                      "application/json");
    });
    server_.Get("/api/2.0/mlflow/model-versions/search", [this](const auto& req, auto& res) {
      Json list = Json::array();
      for (const FakeModel& m : r_->models) {
        if ("name='" + m.name + "'" != req.get_param_value("filter")) continue;
        for (const FakeVersion& v : m.versions) {
          list.push_back({{"name", m.name}, {"version", std::to_string(v.version)},
                          {"current_stage", v.stage}, {"source", v.source}, {"run_id", v.run_id},
                          {"status", "READY"}, {"last_updated_timestamp", v.last_updated}});
        }
      }
      res.set_content(Json{{"model_versions", list}, {"next_page_token", ""}}.dump(), "application/json");
    });
    server_.Get("/api/2.0/mlflow/runs/get", [this](const auto& req, auto& res) {
      for (const FakeRun& run : r_->runs) {
        if (run.id != req.get_param_value("run_id")) continue;
        Json inputs = Json::array();
        for (const FakeDataset& d : run.inputs) {
          Json dataset = {{"name", d.name}, {"digest", "abc"}, {"source_type", d.source_type}, {"source", d.source}};
          if (!d.schema.empty()) dataset["schema"] = d.schema;
          Json input = {{"dataset", dataset}};
          if (!d.context.empty()) input["tags"] = {{{"key", "mlflow.data.context"}, {"value", d.context}}};
          inputs.push_back(input);
        }
        Json tags = Json::array({{{"key", "mlflow.runName"}, {"value", "bold-owl"}}});
        if (!run.history.empty()) tags.push_back({{"key", "mlflow.log-model.history"}, {"value", run.history}});
        Json body = {{"run", {{"info", {{"run_id", run.id}, {"artifact_uri", run.artifact_uri}, {"experiment_id", "1"}}},
                              {"data", {{"tags", tags}}}, {"inputs", {{"dataset_inputs", inputs}}}}}};
        return res.set_content(body.dump(), "application/json");
      }
      res.status = 404;
      res.set_content(R"({"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Run not found"})", "application/json");
    });
    server_.Get("/model-versions/get-artifact", [this](const auto& req, auto& res) {
      ++artifact_requests;
      for (const FakeModel& m : r_->models) {
        if (m.name != req.get_param_value("name")) continue;
        for (const FakeVersion& v : m.versions) {
          if (std::to_string(v.version) != req.get_param_value("version")) continue;
          std::string dir = v.source;
          if (dir.rfind("runs:/", 0) == 0) {
            for (const FakeRun& run : r_->runs) {
              if (run.id == v.run_id) dir = run.artifact_uri + dir.substr(dir.find('/', 6));
            }
          }
          auto it = r_->mlmodels.find(dir);
          if (it != r_->mlmodels.end()) return res.set_content(it->second, "text/plain");
        }
      }
      res.status = 500;  // an artifact that is missing: MLflow answers 500 with HTML
      res.set_content("<html>Internal Server Error</html>", "text/html");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FakeMlflowServer() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int artifact_requests = 0;

 private:
  Json ModelJson(const FakeModel& m) const {
    Json j = {{"name", m.name}, {"creation_timestamp", 1}, {"last_updated_timestamp", m.last_updated}};
    if (!m.description.empty()) j["description"] = m.description;
    if (!m.tags.empty()) {
      j["tags"] = Json::array();
      for (const auto& [k, v] : m.tags) j["tags"].push_back({{"key", k}, {"value", v}});
    }
    if (!m.aliases.empty()) {
      j["aliases"] = Json::array();
      for (const auto& [a, v] : m.aliases) j["aliases"].push_back({{"alias", a}, {"version", std::to_string(v)}});
    }
    if (!m.versions.empty()) {
      j["latest_versions"] = {{{"name", m.name}, {"version", std::to_string(m.versions.back().version)},
                               {"current_stage", m.versions.back().stage},
                               {"last_updated_timestamp", std::to_string(m.versions.back().last_updated)}}};
    }
    return j;
  }

  const Registry* r_;
  std::string token_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

constexpr const char* kChurnMlmodel = R"(artifact_path: model
flavors:
  python_function:
    loader_module: mlflow.sklearn
mlflow_version: 2.19.0
signature:
  inputs: '[{"type": "double", "name": "tenure", "required": true}, {"type": "double",
    "name": "arpu_3m", "required": true}, {"type": "string", "name": "contract", "required":
    false}, {"type": "long", "name": "tenur_days", "required": true}]'
  outputs: '[{"type": "long", "required": true}]'
  params: null
)";

constexpr const char* kFraudMlmodel = R"(artifact_path: model
signature:
  inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 30]}}]'
)";

class MlflowSourceTest : public catalog::testing::SqliteCatalogTest,
                         public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override {
    SqliteCatalogTest::SetUp();
    // The Hive side, as the hive-metastore connector (or a catalog import) left it.
    model::Delta hive;
    hive.upsert_assets.push_back({"hive.mart_b2c.churn_features", model::AssetKind::kTable});
    for (const char* c : {"tenure", "arpu", "contract", "tenure_days"}) {
      model::Asset col;
      col.fqn = std::string("hive.mart_b2c.churn_features.") + c;
      col.kind = model::AssetKind::kColumn;
      hive.upsert_assets.push_back(col);
    }
    ASSERT_THAT(catalog_->Apply(hive), IsOk());

    artifacts_ = dir_.string() + "/mlruns";
    const std::string r2 = "file://" + artifacts_ + "/1/r2/artifacts";
    registry_.runs = {
        {"r1", "file://" + artifacts_ + "/1/r1/artifacts", "", {}},
        {"r2", r2, "",
         {{"churn_train", "training", "spark", R"({"table_name": "mart_b2c.churn_features"})", ""},
          {"churn_holdout", "eval", "spark", R"({"table_name": "mart_b2c.holdout"})", ""}}},
        {"r3", "file://" + artifacts_ + "/1/r3/artifacts", "", {}},
        {"r4", "file://" + artifacts_ + "/1/r4/artifacts", "",
         {{"upsell_train", "training", "local", R"({"uri": "/data/upsell.parquet"})",
           R"({"mlflow_colspec": [{"type": "double", "name": "tenure"}, {"type": "long", "name": "label"}]})"}}},
    };
    registry_.models = {
        {"churn", "Predicts churn", 1718000000000, {{"team", "scoring"}, {"framework", "sklearn"}},
         {{"champion", 2}},
         {{1, "Production", "runs:/r1/model", "r1", 1718000000000},
          {2, "None", r2 + "/model", "r2", 1718000500000}}},
        {"fraud", "", 1718000000000, {}, {}, {{1, "None", "runs:/r3/model", "r3", 1718000000000}}},
        {"upsell", "", 1718000000000, {{"owner", "alice"}}, {},
         {{1, "None", "runs:/r4/model", "r4", 1718000000000}}},
    };
    WriteMlmodel(r2 + "/model", kChurnMlmodel);
    WriteMlmodel("file://" + artifacts_ + "/1/r3/artifacts/model", kFraudMlmodel);
    // Logged without a signature.
    WriteMlmodel("file://" + artifacts_ + "/1/r4/artifacts/model",
                 "artifact_path: model\nflavors: {}\nmlflow_version: 2.19.0\n");
  }

  void WriteMlmodel(const std::string& dir_uri, const std::string& text) {
    const std::string dir = dir_uri.substr(7);
    std::filesystem::create_directories(dir);
    std::ofstream(dir + "/MLmodel") << text;
    registry_.mlmodels[dir_uri] = text;
  }

  // Writes the registry to a fresh store of the test's engine, or serves it over REST; returns
  // the connector config's source lines. Skips when the engine is not installed.
  std::string Source() {
    const std::string engine = GetParam();
    if (engine == "rest") {
      rest_ = std::make_unique<FakeMlflowServer>(&registry_, "t0ken");
      setenv("LINEA_TEST_MLFLOW_TOKEN", "t0ken", 1);
      return "tracking_uri: " + rest_->url() + "/\ntoken_env: LINEA_TEST_MLFLOW_TOKEN\n";
    }
    const std::string schema = ReadFile(std::string(LINEA_SOURCE_DIR_DEFAULT) +
                                        "/tests/data/mlflow/schema." + engine + ".sql");
    static int databases = 0;
    if (engine == "sqlite") {
      const std::string path = dir_.string() + "/mlflow.db";
      if (!std::filesystem::exists(path)) {
        EXPECT_THAT(sourcedb::testing::ExecSqlite(path, schema), IsOk());
        EXPECT_THAT(sourcedb::testing::ExecSqlite(path, RegistrySql(registry_)), IsOk());
      }
      return "store: sqlite://" + path + "\n";
    }
    if (pg_database_.empty()) {
      auto pg = sourcedb::testing::SharedPostgres();
      if (!pg.ok()) return "";
      pg_database_ = "mlflow_" + std::to_string(++databases);
      EXPECT_THAT((*pg)->CreateDatabase(pg_database_), IsOk());
      EXPECT_THAT((*pg)->Exec(pg_database_, schema), IsOk());
      EXPECT_THAT((*pg)->Exec(pg_database_, RegistrySql(registry_)), IsOk());
      pg_ = *pg;
    }
    return "store: " + pg_->Url(pg_database_) + "\n";
  }

  connectors::PullReport Pull(const std::string& extra = "") {
    const std::string source = Source();
    const std::string text = "name: mlflow-prod\ntype: mlflow\nservice: mlflow_b2c\n" + source +
                             "owners: {alice: 'team:upsell'}\n"
                             "feature_renames: {arpu_3m: arpu}\n"
                             "target_columns: [label]\n"
                             "deployments:\n"
                             "  - {alias: champion, fqn: 'seldon.{model}_prod'}\n"
                             "  - {stage: Production, fqn: 'kserve.{model}'}\n" + extra;
    auto configs = connectors::ParseConnectorConfigs(text, dir_.string() + "/mlflow.yaml", {"mlflow"}, true);
    EXPECT_THAT(configs, IsOk());
    auto src = MakeSource(configs->at(0));
    EXPECT_THAT(src, IsOk());
    return connectors::Pull(*catalog_, configs->at(0), **src, {});
  }

  std::vector<std::string> Edges(const std::string& provenance) {
    std::vector<std::string> out;
    auto edges = catalog_->EdgesOfProvenance(provenance);
    if (!edges.ok()) return out;
    for (const model::Edge& e : *edges) out.push_back(e.from + " -> " + e.to);
    return out;
  }

  void SkipWithoutPostgres() {
    if (GetParam() != "postgres") return;
    auto pg = sourcedb::testing::SharedPostgres();
    if (!pg.ok() && sourcedb::testing::Absent(pg.status())) GTEST_SKIP() << pg.status().message();
  }

  Registry registry_;
  std::string artifacts_;
  std::unique_ptr<FakeMlflowServer> rest_;
  sourcedb::testing::PostgresServer* pg_ = nullptr;
  std::string pg_database_;
};

TEST_P(MlflowSourceTest, ModelsFeaturesDeploymentsAndFeatureLineage) {
  SkipWithoutPostgres();
  connectors::PullReport r = Pull();
  ASSERT_EQ(r.outcome, "ok") << r.error;
  EXPECT_EQ(r.items_listed, 3u);
  EXPECT_THAT(r.assets.created, UnorderedElementsAre(Pair("model", 3), Pair("feature", 5),
                                                     Pair("deployment", 2)));

  auto churn = catalog_->GetAsset("mlflow_b2c.churn");
  ASSERT_THAT(churn, IsOk());
  EXPECT_EQ(churn->kind, model::AssetKind::kModel);
  EXPECT_EQ(churn->description, "Predicts churn");
  EXPECT_THAT(churn->owners, ElementsAre("team:scoring"));
  EXPECT_THAT(churn->properties,
              UnorderedElementsAre(Pair("tag.framework", "sklearn"), Pair("latest_version", "2"),
                                   Pair("run_id", "r2"), Pair("aliases", "champion=2"),
                                   Pair("stages", "Production=1"), Pair("features_from", "signature")));
  EXPECT_THAT(catalog_->ChildNames("mlflow_b2c.churn"),
              ElementsAre("arpu_3m", "contract", "tenur_days", "tenure"));
  auto contract = catalog_->GetAsset("mlflow_b2c.churn.contract");
  EXPECT_EQ(contract->data_type, "string");
  EXPECT_THAT(contract->properties,
              UnorderedElementsAre(Pair("name_from", "signature"), Pair("required", "false")));
  EXPECT_THAT(Edges("connector:mlflow-prod/churn"),
              UnorderedElementsAre(
                  "hive.mart_b2c.churn_features.arpu -> mlflow_b2c.churn.arpu_3m",
                  "hive.mart_b2c.churn_features.contract -> mlflow_b2c.churn.contract",
                  "hive.mart_b2c.churn_features.tenure -> mlflow_b2c.churn.tenure",
                  "mlflow_b2c.churn -> seldon.churn_prod", "mlflow_b2c.churn -> kserve.churn"));
  EXPECT_EQ(catalog_->GetAsset("seldon.churn_prod")->properties.at("model_version"), "2");
  EXPECT_EQ(catalog_->GetAsset("kserve.churn")->properties.at("model_version"), "1");

  // The unresolved feature says what it could be; the tensor model says why it has none.
  EXPECT_THAT(r.problems,
              Contains("churn: feature tenur_days: no column tenur_days in "
                       "hive.mart_b2c.churn_features (did you mean "
                       "hive.mart_b2c.churn_features.tenure_days, "
                       "hive.mart_b2c.churn_features.tenure, "
                       "hive.mart_b2c.churn_features.contract? map it under "
                       "\"feature_renames:\")"));
  EXPECT_THAT(r.problems, Contains(HasSubstr("fraud: note: the signature is tensor-based")));
  EXPECT_EQ(catalog_->GetAsset("mlflow_b2c.fraud")->properties.at("features_from"), "none");
  // No signature: the training dataset's columns minus the target.
  EXPECT_THAT(catalog_->ChildNames("mlflow_b2c.upsell"), ElementsAre("tenure"));
  EXPECT_THAT(catalog_->GetAsset("mlflow_b2c.upsell")->owners, ElementsAre("team:upsell"));
  EXPECT_THAT(r.problems, Contains(HasSubstr("upsell: note: training dataset upsell_train (local, "
                                             "/data/upsell.parquet) names no table")));

  // A Hive column reaches the model and its deployment.
  auto impact = catalog_->Impact("hive.mart_b2c.churn_features.tenure", {});
  ASSERT_THAT(impact, IsOk());
  std::vector<std::string> models, deployments;
  for (const auto& a : impact->models) models.push_back(a.fqn);
  for (const auto& a : impact->deployments) deployments.push_back(a.fqn);
  EXPECT_THAT(models, ElementsAre("mlflow_b2c.churn"));
  EXPECT_THAT(deployments, ElementsAre("kserve.churn", "seldon.churn_prod"));
}

TEST_P(MlflowSourceTest, ASecondPullWithNothingChangedReadsOnlyModelsWithOpenProblems) {
  SkipWithoutPostgres();
  ASSERT_EQ(Pull().outcome, "ok");
  connectors::PullReport r = Pull();
  EXPECT_EQ(r.outcome, "ok") << r.error;
  EXPECT_FALSE(r.changed());
  // churn has an unresolved feature (the column may appear): read again; fraud and upsell only
  // have notes: not read.
  EXPECT_EQ(r.items_read, 1u);
  EXPECT_EQ(r.items_unchanged, 2u);
  EXPECT_THAT(r.problems, Contains(HasSubstr("fraud: note: the signature is tensor-based")));
}

TEST_P(MlflowSourceTest, AManifestStaysTheAuthorityForItsModelsFeatures) {
  SkipWithoutPostgres();
  model::Delta manifest;
  model::Asset churn;
  churn.fqn = "mlflow_b2c.churn";
  churn.kind = model::AssetKind::kModel;
  churn.owners = {"team:churn-squad"};
  model::Asset feature;
  feature.fqn = "mlflow_b2c.churn.tenure_days";
  feature.kind = model::AssetKind::kFeature;
  manifest.upsert_assets = {churn, feature};
  manifest.replace_edges.push_back({"manifest:mlflow_b2c.churn",
                                    {{"hive.mart_b2c.churn_features.tenure_days",
                                      "mlflow_b2c.churn.tenure_days", model::EdgeKind::kIdentity, "", ""}}});
  ASSERT_THAT(catalog_->Apply(manifest), IsOk());
  connectors::PullReport r = Pull();
  ASSERT_EQ(r.outcome, "ok") << r.error;
  auto model = catalog_->GetAsset("mlflow_b2c.churn");
  EXPECT_THAT(model->owners, ElementsAre("team:churn-squad"));  // the manifest's
  EXPECT_EQ(model->description, "Predicts churn");                // filled in: it had none
  EXPECT_EQ(model->properties.at("features_from"), "manifest");
  EXPECT_THAT(catalog_->ChildNames("mlflow_b2c.churn"), ElementsAre("tenure_days"));
  EXPECT_THAT(Edges("manifest:mlflow_b2c.churn"),
              ElementsAre("hive.mart_b2c.churn_features.tenure_days -> mlflow_b2c.churn.tenure_days"));
  EXPECT_THAT(Edges("connector:mlflow-prod/churn"),
              UnorderedElementsAre("mlflow_b2c.churn -> seldon.churn_prod",
                                   "mlflow_b2c.churn -> kserve.churn"));
}

INSTANTIATE_TEST_SUITE_P(Readers, MlflowSourceTest, ::testing::Values("sqlite", "postgres", "rest"),
                         [](const auto& info) { return info.param; });

// ---- REST specifics.

class MlflowRestTest : public MlflowSourceTest {};

TEST_F(MlflowRestTest, PaginationAndTheArtifactRoute) {
  // Five models: three pages of registered-models/search.
  for (int i = 0; i < 2; ++i) {
    registry_.models.push_back({"extra" + std::to_string(i), "", 1, {}, {}, {}});
  }
  rest_ = std::make_unique<FakeMlflowServer>(&registry_, "t0ken");
  setenv("LINEA_TEST_MLFLOW_TOKEN", "t0ken", 1);
  auto configs = connectors::ParseConnectorConfigs(
      "name: m\ntype: mlflow\ntracking_uri: " + rest_->url() + "\ntoken_env: LINEA_TEST_MLFLOW_TOKEN\n",
      "m.yaml", {"mlflow"}, true);
  auto source = MakeSource(configs->at(0));
  connectors::PullReport r = connectors::Pull(*catalog_, configs->at(0), **source, {});
  EXPECT_EQ(r.outcome, "ok") << r.error;
  EXPECT_EQ(r.items_listed, 5u);
  EXPECT_TRUE(catalog_->KindOf("mlflow.extra1"));
  EXPECT_GE(rest_->artifact_requests, 3);  // MLmodel fetched through the server
}

TEST_F(MlflowRestTest, AWrongTokenFailsTheRunWithTheCauseAndWritesNothing) {
  rest_ = std::make_unique<FakeMlflowServer>(&registry_, "t0ken");
  setenv("LINEA_TEST_MLFLOW_TOKEN", "wrong", 1);
  auto configs = connectors::ParseConnectorConfigs(
      "name: m\ntype: mlflow\ntracking_uri: " + rest_->url() + "\ntoken_env: LINEA_TEST_MLFLOW_TOKEN\n",
      "m.yaml", {"mlflow"}, true);
  auto source = MakeSource(configs->at(0));
  connectors::PullReport r = connectors::Pull(*catalog_, configs->at(0), **source, {});
  EXPECT_EQ(r.outcome, "failed");
  EXPECT_EQ(r.error, rest_->url() + ": authentication failed (HTTP 401); check token_env/username");
  EXPECT_FALSE(catalog_->KindOf("mlflow.churn"));
}

TEST_F(MlflowRestTest, AServerThatIsNotMlflowIsNamed) {
  httplib::Server other;
  other.Get("/.*", [](const auto&, auto& res) {
    res.status = 404;
    res.set_content("<html>Not Found</html>", "text/html");
  });
  const int port = other.bind_to_any_port("127.0.0.1");
  std::thread t([&] { other.listen_after_bind(); });
  while (!other.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  auto configs = connectors::ParseConnectorConfigs(
      "name: m\ntype: mlflow\ntracking_uri: http://127.0.0.1:" + std::to_string(port) + "\n",
      "m.yaml", {"mlflow"}, true);
  auto source = MakeSource(configs->at(0));
  connectors::PullReport r = connectors::Pull(*catalog_, configs->at(0), **source, {});
  other.stop();
  t.join();
  EXPECT_EQ(r.outcome, "failed");
  EXPECT_THAT(r.error, HasSubstr("HTTP 404 (is this an MLflow 2.x tracking server?)"));
}

}  // namespace
}  // namespace linea::mlflow
