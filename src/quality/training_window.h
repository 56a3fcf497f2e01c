// src/quality/training_window.h: the months of data a model was trained on — the reference of
// the checks its manifest defines and of the checks on its features (issue #18: "the model's
// training window if known, else the previous N periods"; docs/quality.md).
#pragma once

#include <optional>
#include <string>

#include "catalog/catalog.h"
#include "common/time_text.h"
#include "model/quality.h"

namespace linea::quality {

// The month a result belongs to: its period's when the period starts with "YYYY-MM"
// ("2026-11", "2026-11-30"), else its timestamp's (UTC).
std::string ResultMonth(const model::QualityResult& result);

struct TrainingWindow {
  std::string model;  // FQN of the model whose window it is
  // The months; nullopt when the model's value is malformed (`problem` says why).
  std::optional<MonthRange> months;
  std::string problem;
};

// The training window that is the reference of `check`: that of the model whose manifest
// defined it (provenance "manifest:<model>"), else, for a check on a feature, of the feature's
// model. A model's window is its property training_window (lineage.yaml `training_window:`),
// else tag.training_window (the MLflow registered model's tag `training_window`), as
// "YYYY-MM..YYYY-MM" or one "YYYY-MM". nullopt when neither applies or the model has no window.
std::optional<TrainingWindow> TrainingWindowOf(const catalog::Catalog& catalog,
                                               const model::QualityCheck& check);

// The two steps of TrainingWindowOf: the model whose window applies to `check` ("" for none),
// and that model's window.
std::string TrainingWindowModel(const catalog::Catalog& catalog, const model::QualityCheck& check);
std::optional<TrainingWindow> ModelTrainingWindow(const catalog::Catalog& catalog,
                                                  const std::string& model);

}  // namespace linea::quality
