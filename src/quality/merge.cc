// Merge (psi.h): the reference distribution of several periods.
#include <map>
#include <string>

#include "quality/internal/distribution.h"
#include "quality/psi.h"

namespace linea::quality {
namespace {

using model::Distribution;

enum class Form { kNone, kCategories, kBins, kQuantiles };

Form FormOf(const Distribution& d) {
  if (!d.categories.empty()) return Form::kCategories;
  if (!d.edges.empty()) return Form::kBins;
  if (!d.quantiles.empty()) return Form::kQuantiles;
  return Form::kNone;
}

void AddCategories(const Distribution& part, Distribution& out) {
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < out.categories.size(); ++i) index[out.categories[i]] = i;
  for (size_t i = 0; i < part.categories.size(); ++i) {
    auto [it, fresh] = index.emplace(part.categories[i], out.categories.size());
    if (fresh) {
      out.categories.push_back(part.categories[i]);
      out.counts.push_back(0);
    }
    out.counts[it->second] += part.counts[i];
  }
}

void AddBins(const Distribution& part, Distribution& out) {
  if (part.edges == out.edges) {
    for (size_t i = 0; i < out.counts.size(); ++i) out.counts[i] += part.counts[i];
    return;
  }
  // Re-binned onto out's edges, the outer bins open: the mass between consecutive edges.
  const size_t bins = out.counts.size();
  const double total = internal::CountedValues(part);
  double below = 0;
  for (size_t i = 0; i < bins; ++i) {
    const double upto = i + 1 == bins ? total : internal::MassBelow(part, out.edges[i + 1]);
    out.counts[i] += upto - below;
    below = upto;
  }
}

}  // namespace

Distribution QuantilesToBins(const Distribution& d, double values) {
  const auto& q = d.quantiles;
  if (q.empty()) return d;
  Distribution out;
  out.missing = d.missing;
  if (q.size() == 1) {
    out.edges = {q[0].second, q[0].second};
    out.counts = {values};
    return out;
  }
  if (q.front().first > 0) {  // the mass below the first p, at the first value
    out.edges.push_back(q.front().second);
    out.counts.push_back(q.front().first * values);
  }
  for (size_t k = 0; k < q.size(); ++k) {
    out.edges.push_back(q[k].second);
    if (k + 1 < q.size()) out.counts.push_back((q[k + 1].first - q[k].first) * values);
  }
  if (q.back().first < 1) {  // the mass above the last p, at the last value
    out.edges.push_back(q.back().second);
    out.counts.push_back((1 - q.back().first) * values);
  }
  return out;
}

Distribution Merge(const std::vector<const Distribution*>& parts) {
  Distribution out;
  Form form = Form::kNone;
  std::vector<const Distribution*> quantile_parts;
  for (const Distribution* part : parts) {
    if (part == nullptr || !ValidateDistribution(*part).ok()) continue;
    const Form part_form = FormOf(*part);
    if (part_form == Form::kNone) {
      out.missing += part->missing;  // only nulls: no values to merge
      continue;
    }
    if (form == Form::kNone) {
      form = part_form;
      if (form == Form::kBins) {
        out.edges = part->edges;
        out.counts.assign(part->counts.size(), 0);
      }
    }
    if (part_form != form) continue;
    out.missing += part->missing;
    if (form == Form::kCategories) AddCategories(*part, out);
    if (form == Form::kBins) AddBins(*part, out);
    if (form == Form::kQuantiles) quantile_parts.push_back(part);
  }
  if (!quantile_parts.empty()) {
    for (const auto& [p, unused] : quantile_parts.front()->quantiles) {
      double sum = 0;
      for (const Distribution* part : quantile_parts)
        sum += internal::QuantileAt(part->quantiles, p);
      out.quantiles.emplace_back(p, sum / static_cast<double>(quantile_parts.size()));
    }
  }
  return out;
}

}  // namespace linea::quality
