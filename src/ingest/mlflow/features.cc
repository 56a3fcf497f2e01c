#include "ingest/mlflow/features.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

namespace linea::mlflow {
namespace {

using Json = nlohmann::json;

// The MLmodel signature's inputs JSON text; "" when there is none.
std::string SignatureInputs(const std::string& mlmodel, std::string* problem) {
  if (mlmodel.empty()) return "";
  try {
    YAML::Node root = YAML::Load(mlmodel);
    YAML::Node inputs = root["signature"]["inputs"];
    if (!inputs || !inputs.IsScalar()) return "";
    return inputs.Scalar();
  } catch (const YAML::Exception& e) {
    *problem = "note: MLmodel is not valid YAML: " + std::string(e.what());
    return "";
  }
}

bool IsTraining(const DatasetInputRecord& input) { return input.context == "training"; }

// The training inputs: those tagged training, else (no context tags at all) every input.
std::vector<const DatasetInputRecord*> TrainingInputs(const RunRecord& run) {
  std::vector<const DatasetInputRecord*> out;
  for (const DatasetInputRecord& i : run.inputs) {
    if (IsTraining(i)) out.push_back(&i);
  }
  if (out.empty()) {
    bool tagged = std::any_of(run.inputs.begin(), run.inputs.end(),
                              [](const DatasetInputRecord& i) { return !i.context.empty(); });
    if (!tagged) {
      for (const DatasetInputRecord& i : run.inputs) out.push_back(&i);
    }
  }
  return out;
}

std::vector<Feature> FromDatasetSchema(const DatasetInputRecord& input, const MlflowConfig& config) {
  Json schema = Json::parse(input.schema_json, nullptr, false);
  if (!schema.is_object() || !schema.contains("mlflow_colspec")) return {};
  bool tensor = false;
  std::vector<Feature> out = ParseColSpecs(schema["mlflow_colspec"].dump(), &tensor);
  std::erase_if(out, [&](const Feature& f) {
    return std::find(config.target_columns.begin(), config.target_columns.end(), f.name) !=
           config.target_columns.end();
  });
  return out;
}

std::vector<Feature> FromHistory(const RunRecord& run) {
  auto it = run.tags.find("mlflow.log-model.history");
  if (it == run.tags.end()) return {};
  Json history = Json::parse(it->second, nullptr, false);
  if (!history.is_array()) return {};
  for (auto entry = history.rbegin(); entry != history.rend(); ++entry) {  // newest first
    if (!entry->is_object() || !entry->contains("signature")) continue;
    const Json& signature = (*entry)["signature"];
    if (!signature.is_object() || !signature.contains("inputs") || !signature["inputs"].is_string()) {
      continue;
    }
    bool tensor = false;
    std::vector<Feature> out = ParseColSpecs(signature["inputs"].get<std::string>(), &tensor);
    if (!out.empty()) return out;
  }
  return {};
}

std::string StringField(const Json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

// "cat.schema.tbl" or "db.tbl" → "<service>.<db>.<tbl>".
std::string TableFqn(const std::string& name, const std::string& service) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t dot = name.find('.'); dot != std::string::npos; dot = name.find('.', start)) {
    parts.push_back(name.substr(start, dot - start));
    start = dot + 1;
  }
  parts.push_back(name.substr(start));
  for (std::string& p : parts) std::erase(p, '`');
  if (parts.size() < 2) return "";
  return service + "." + parts[parts.size() - 2] + "." + parts.back();
}

}  // namespace

std::vector<Feature> ParseColSpecs(const std::string& json, bool* tensor) {
  std::vector<Feature> out;
  Json specs = Json::parse(json, nullptr, false);
  if (!specs.is_array()) return out;
  std::set<std::string> seen;
  for (const Json& spec : specs) {
    if (!spec.is_object()) continue;
    const std::string type = StringField(spec, "type");
    if (type == "tensor") {
      *tensor = true;
      continue;
    }
    Feature f;
    f.name = StringField(spec, "name");
    if (f.name.empty() || !seen.insert(f.name).second) continue;
    f.type = type;
    if (spec.contains("required") && spec["required"].is_boolean()) {
      f.required = spec["required"].get<bool>();
    } else if (spec.contains("optional") && spec["optional"].is_boolean()) {
      f.required = !spec["optional"].get<bool>();
    }
    out.push_back(std::move(f));
  }
  return out;
}

Features ExtractFeatures(const ModelRecord& model, const MlflowConfig& config) {
  Features result;
  if (model.versions.empty()) {
    result.problems.push_back("note: no model versions, so no features");
    return result;
  }
  std::string yaml_problem;
  const std::string inputs = SignatureInputs(model.mlmodel, &yaml_problem);
  if (!yaml_problem.empty()) result.problems.push_back(yaml_problem);
  if (!inputs.empty()) {
    bool tensor = false;
    result.features = ParseColSpecs(inputs, &tensor);
    if (!result.features.empty()) {
      result.from = "signature";
      return result;
    }
    if (tensor) {
      result.problems.push_back("note: the signature is tensor-based: its inputs have no names, "
                                "so no features");
      return result;
    }
  } else if (!model.mlmodel_error.empty()) {
    result.problems.push_back("note: MLmodel of version " +
                              std::to_string(model.versions.back().version) +
                              " not read: " + model.mlmodel_error);
  }
  for (const DatasetInputRecord* input : TrainingInputs(model.run)) {
    result.features = FromDatasetSchema(*input, config);
    if (!result.features.empty()) {
      result.from = "training_dataset";
      return result;
    }
  }
  result.features = FromHistory(model.run);
  if (!result.features.empty()) {
    result.from = "log_model_history";
    return result;
  }
  result.problems.push_back("note: no column signature, training dataset schema or log-model "
                            "history: no features");
  return result;
}

std::vector<std::string> TrainingTables(const RunRecord& run, const MlflowConfig& config,
                                        std::vector<std::string>* unresolved) {
  std::set<std::string> tables;
  for (const DatasetInputRecord* input : TrainingInputs(run)) {
    Json source = Json::parse(input->source_json, nullptr, false);
    std::string table;
    for (const char* key : {"table_name", "delta_table_name", "table"}) {
      if (table.empty() && !StringField(source, key).empty()) {
        table = TableFqn(StringField(source, key), config.source_service);
      }
    }
    std::string location;
    for (const char* key : {"uri", "path", "url"}) {
      if (location.empty()) location = StringField(source, key);
    }
    if (table.empty() && !location.empty()) {
      size_t best = 0;
      for (const auto& [prefix, fqn] : config.sources) {
        if (location.rfind(prefix, 0) == 0 && prefix.size() > best) {
          best = prefix.size();
          table = fqn;
        }
      }
    }
    if (!table.empty()) {
      tables.insert(table);
    } else {
      unresolved->push_back(input->name + " (" + input->source_type +
                            (location.empty() ? "" : ", " + location) + ")");
    }
  }
  return {tables.begin(), tables.end()};
}

}  // namespace linea::mlflow
