#include "quality/training_window.h"

#include <string_view>

#include "model/fqn.h"

namespace linea::quality {

std::string ResultMonth(const model::QualityResult& r) {
  if (r.period.size() >= 7 && IsMonth(std::string_view(r.period).substr(0, 7))) {
    return r.period.substr(0, 7);
  }
  return UtcMonth(r.timestamp_ms);
}

std::string TrainingWindowModel(const catalog::Catalog& catalog, const model::QualityCheck& check) {
  constexpr std::string_view kManifest = "manifest:";
  if (check.provenance.starts_with(kManifest)) return check.provenance.substr(kManifest.size());
  if (catalog.KindOf(check.asset) != model::AssetKind::kFeature) return std::string();
  Result<model::Fqn> feature = model::Fqn::Parse(check.asset);
  if (!feature.ok() || feature->size() < 2) return std::string();
  return feature->Prefix().ToString();
}

std::optional<TrainingWindow> ModelTrainingWindow(const catalog::Catalog& catalog,
                                                  const std::string& model) {
  Result<model::Asset> asset = catalog.GetAsset(model);
  if (!asset.ok() || asset->kind != model::AssetKind::kModel) return std::nullopt;
  std::string text;
  for (const char* key : {"training_window", "tag.training_window"}) {
    auto it = asset->properties.find(key);
    if (it == asset->properties.end()) continue;
    text = it->second;
    break;
  }
  if (text.empty()) return std::nullopt;
  TrainingWindow window;
  window.model = model;
  window.months = ParseMonthRange(text);
  if (!window.months) {
    window.problem = "training window \"" + text + "\" of " + model + " is not YYYY-MM..YYYY-MM";
  }
  return window;
}

std::optional<TrainingWindow> TrainingWindowOf(const catalog::Catalog& catalog,
                                               const model::QualityCheck& check) {
  const std::string model = TrainingWindowModel(catalog, check);
  if (model.empty()) return std::nullopt;
  return ModelTrainingWindow(catalog, model);
}

}  // namespace linea::quality
