#include "ingest/mlflow/features.h"

#include <gmock/gmock.h>

namespace linea::mlflow {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<std::string> Names(const std::vector<Feature>& features) {
  std::vector<std::string> out;
  for (const Feature& f : features) out.push_back(f.name);
  return out;
}

// An MLmodel as MLflow 2.x writes it: the signature's inputs are a single-quoted JSON string,
// folded across lines by PyYAML.
constexpr const char* kColumnMlmodel = R"(artifact_path: model
flavors:
  python_function:
    env:
      conda: conda.yaml
      virtualenv: python_env.yaml
    loader_module: mlflow.sklearn
    model_path: model.pkl
    predict_fn: predict
    python_version: 3.10.12
mlflow_version: 2.9.2
model_uuid: 3d22615565ae4f5f896d3a05072b552f
run_id: 7ee5e476cc964a99beec2f4269f8e811
signature:
  inputs: '[{"type": "double", "name": "tenure", "required": true}, {"type": "string",
    "name": "contract", "required": false}, {"type": "long", "name": "it''s"}]'
  outputs: '[{"type": "long", "required": true}]'
  params: null
utc_time_created: '2023-07-08 04:53:25.446742'
)";

constexpr const char* kTensorMlmodel = R"(artifact_path: model
signature:
  inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1, 14]}}]'
  outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1]}}]'
)";

ModelRecord WithVersion() {
  ModelRecord m;
  m.name = "churn";
  m.versions.push_back({1, "None", "runs:/r1/model", "r1", "READY", 0});
  return m;
}

TEST(FeaturesTest, ColumnSignatureGivesNamedFeaturesWithRequiredFlags) {
  ModelRecord m = WithVersion();
  m.mlmodel = kColumnMlmodel;
  Features f = ExtractFeatures(m, {});
  EXPECT_EQ(f.from, "signature");
  EXPECT_THAT(Names(f.features), ElementsAre("tenure", "contract", "it's"));
  EXPECT_EQ(f.features[0].type, "double");
  EXPECT_TRUE(f.features[0].required);
  EXPECT_FALSE(f.features[1].required);
  EXPECT_TRUE(f.features[2].required);  // absent: required
  EXPECT_THAT(f.problems, IsEmpty());
}

TEST(FeaturesTest, OptionalIsTheOlderSpellingOfNotRequired) {
  bool tensor = false;
  std::vector<Feature> f = ParseColSpecs(
      R"([{"type": "double", "name": "a", "optional": true}, {"type": "double"}, {"name": "a"}])",
      &tensor);
  ASSERT_EQ(f.size(), 1u);  // the unnamed and the repeated one are left out
  EXPECT_FALSE(f[0].required);
  EXPECT_FALSE(tensor);
}

TEST(FeaturesTest, TensorSignatureGivesNoFeaturesAndSaysSo) {
  ModelRecord m = WithVersion();
  m.mlmodel = kTensorMlmodel;
  m.run.inputs.push_back({"train", "training", "spark", R"({"table_name": "db.t"})",
                          R"({"mlflow_colspec": [{"type": "double", "name": "x"}]})"});
  Features f = ExtractFeatures(m, {});
  EXPECT_EQ(f.from, "none");
  EXPECT_THAT(f.features, IsEmpty());
  EXPECT_THAT(f.problems, ElementsAre(HasSubstr("note: the signature is tensor-based")));
}

TEST(FeaturesTest, WithoutASignatureTheTrainingDatasetSchemaMinusTheTarget) {
  ModelRecord m = WithVersion();
  m.mlmodel_error = "cannot read /x/MLmodel: No such file or directory";
  m.run.inputs.push_back({"eval", "eval", "spark", "{}",
                          R"({"mlflow_colspec": [{"type": "double", "name": "e"}]})"});
  m.run.inputs.push_back({"train", "training", "spark", "{}",
                          R"({"mlflow_colspec": [{"type": "double", "name": "tenure", "required": true},
                                                 {"type": "long", "name": "churned", "required": true}]})"});
  MlflowConfig config;
  config.target_columns = {"churned"};
  Features f = ExtractFeatures(m, config);
  EXPECT_EQ(f.from, "training_dataset");
  EXPECT_THAT(Names(f.features), ElementsAre("tenure"));
  EXPECT_THAT(f.problems, ElementsAre(HasSubstr("MLmodel of version 1 not read: cannot read")));
}

TEST(FeaturesTest, TheLegacyHistoryTagIsTheLastResort) {
  ModelRecord m = WithVersion();
  // Before MLflow 2.16 the tag held whole MLmodel dicts; from 2.16 no signature.
  m.run.tags["mlflow.log-model.history"] =
      R"([{"artifact_path": "model", "signature": {"inputs": "[{\"type\": \"double\", \"name\": \"arpu\"}]"}},
          {"artifact_path": "model2", "flavors": {}}])";
  Features f = ExtractFeatures(m, {});
  EXPECT_EQ(f.from, "log_model_history");
  EXPECT_THAT(Names(f.features), ElementsAre("arpu"));

  m.run.tags["mlflow.log-model.history"] = R"([{"artifact_path": "model", "flavors": {}}])";
  Features none = ExtractFeatures(m, {});
  EXPECT_EQ(none.from, "none");
  EXPECT_THAT(none.problems, ElementsAre(HasSubstr("note: no column signature")));
}

TEST(FeaturesTest, TrainingTablesFromSparkDeltaAndMappedLocations) {
  RunRecord run;
  run.inputs.push_back({"a", "training", "spark", R"({"table_name": "mart_b2c.churn"})", ""});
  run.inputs.push_back({"b", "training", "delta_table",
                        R"({"delta_table_name": "main.mart_geo.moves", "delta_table_version": 3})", ""});
  run.inputs.push_back({"c", "training", "s3", R"({"uri": "s3://lake/raw/cdr/2024/"})", ""});
  run.inputs.push_back({"d", "training", "http", R"({"url": "https://example.com/x.csv"})", ""});
  run.inputs.push_back({"e", "eval", "spark", R"({"table_name": "mart_b2c.holdout"})", ""});
  MlflowConfig config;
  config.sources = {{"s3://lake/raw/", "hive.raw.all"}, {"s3://lake/raw/cdr/", "hive.raw.cdr"}};
  std::vector<std::string> unresolved;
  EXPECT_THAT(TrainingTables(run, config, &unresolved),
              ElementsAre("hive.mart_b2c.churn", "hive.mart_geo.moves", "hive.raw.cdr"));
  EXPECT_THAT(unresolved, ElementsAre("d (http, https://example.com/x.csv)"));
}

}  // namespace
}  // namespace linea::mlflow
