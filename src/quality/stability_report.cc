#include "quality/stability_report.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "common/status_macros.h"
#include "common/time_text.h"
#include "model/fqn.h"
#include "quality/check_kinds.h"
#include "quality/training_window.h"

namespace linea::quality {
namespace {

int Rank(std::string_view status) {  // worse is higher
  if (status == "fail") return 4;
  if (status == "aborted") return 3;
  if (status == "warn") return 2;
  if (status == "success") return 1;
  return 0;
}

class TrendBuilder {
 public:
  TrendBuilder(const catalog::Catalog& catalog, const QualityState& state,
               const std::vector<std::string>& months)
      : catalog_(catalog),
        state_(state),
        months_(months),
        since_ms_(MonthStartMs(months.front())) {}

  // Every series of `asset` (its defined checks and the series with results).
  Result<std::vector<SeriesTrend>> Of(const std::string& asset, bool volume_only) {
    std::set<std::pair<std::string, std::string>> names;  // (check, kind)
    for (const model::QualityCheck& c : state_.Checks(asset)) names.emplace(c.name, c.kind);
    for (const model::QualityResult& r : state_.Latest(asset)) names.emplace(r.check, r.kind);
    std::vector<SeriesTrend> out;
    for (const auto& [check, kind] : names) {
      if (volume_only && kind != "volume") continue;
      LINEA_ASSIGN_OR_RETURN(SeriesTrend trend, Trend(asset, check, kind));
      out.push_back(std::move(trend));
    }
    return out;
  }

 private:
  Result<SeriesTrend> Trend(const std::string& asset, const std::string& check,
                            const std::string& kind) {
    auto key = std::make_pair(asset, check);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    store::ResultQuery q{.asset = asset, .check = check, .since_ms = since_ms_};
    LINEA_ASSIGN_OR_RETURN(std::vector<model::QualityResult> results,
                           catalog_.store().quality().ListResults(q));
    std::map<std::string, const model::QualityResult*> by_month;  // the newest of each month
    for (const model::QualityResult& r : results) by_month.try_emplace(ResultMonth(r), &r);
    SeriesTrend t{.asset = asset, .check = check, .kind = kind};
    for (const std::string& month : months_) {
      ChartPoint point{.label = month};
      if (auto it = by_month.find(month); it != by_month.end()) {
        point.value = it->second->value;
        point.status = it->second->status;
      }
      t.points.push_back(std::move(point));
    }
    if (auto it = by_month.find(months_.back()); it != by_month.end()) {
      t.status = it->second->status;
      t.message = it->second->message;
    }
    if (kind == "drift" || kind == "score_drift") {  // absolute thresholds: drawn
      std::optional<model::QualityCheck> c = state_.Check(asset, check);
      const model::QualityCheck& judged = c ? *c : DefaultCheck(asset, kind);
      t.warn = Param(judged, "warn");
      t.fail = Param(judged, "fail");
    }
    cache_.emplace(key, t);
    return t;
  }

  const catalog::Catalog& catalog_;
  const QualityState& state_;
  const std::vector<std::string>& months_;
  const int64_t since_ms_;
  std::map<std::pair<std::string, std::string>, SeriesTrend> cache_;
};

std::string Number(std::optional<double> v) {
  if (!v) return "–";
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", *v);
  return text;
}

const char* kStyle = R"(
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1f2933;max-width:1200px}
h1{font-size:20px;margin:0 0 4px} h2{font-size:16px;margin:28px 0 8px}
.meta{color:#52606d;margin-bottom:16px}
table{border-collapse:collapse;width:100%} th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e4e7eb;vertical-align:middle}
th{font-size:12px;color:#52606d;text-transform:uppercase;letter-spacing:.04em}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600}
.success{background:#e3f9e5;color:#1f7a33}.warn{background:#fff3c4;color:#8d5b00}
.fail{background:#ffe3e3;color:#a61b1b}.aborted{background:#e4e7eb;color:#3e4c59}
.none{background:#f5f7fa;color:#7b8794}
.fqn{font-family:ui-monospace,monospace;font-size:12px}.num{font-variant-numeric:tabular-nums}
.cards{display:flex;gap:12px;margin:12px 0}.card{border:1px solid #e4e7eb;border-radius:8px;padding:8px 14px}
.card b{font-size:20px;display:block}
.detail{display:inline-block;margin:0 16px 16px 0;vertical-align:top}
)";

std::string Badge(std::string_view status) {
  std::string s = status.empty() ? "none" : std::string(status);
  return "<span class=\"badge " + s + "\">" + (status.empty() ? "no data" : s) + "</span>";
}

const SeriesTrend* Find(const std::vector<SeriesTrend>& trends, std::string_view asset,
                        std::string_view kind) {
  for (const SeriesTrend& t : trends) {
    if (t.asset == asset && t.kind == kind) return &t;
  }
  return nullptr;
}

std::string Spark(const SeriesTrend* t) {
  if (!t) return "<span class=\"none\">–</span>";
  ChartOptions o{.title = t->check,
                 .warn = t->warn,
                 .fail = t->fail,
                 .width = 140,
                 .height = 32,
                 .sparkline = true,
                 .y_min = 0.0,
                 .y_max = t->fail};
  std::optional<double> last = t->points.empty() ? std::nullopt : t->points.back().value;
  return LineChartSvg(t->points, o) + " <span class=\"num\">" + Number(last) + "</span>";
}

}  // namespace

std::string PreviousMonth(int64_t unix_ms) {
  std::string month = UtcMonth(unix_ms);
  return MonthsEndingWith(month, 2).front();
}

Result<StabilityReport> BuildStabilityReport(const catalog::Catalog& catalog,
                                             const QualityState& state, std::string_view model,
                                             std::string_view period, int periods) {
  if (!IsMonth(period)) {
    return InvalidArgumentError("period: expected a month YYYY-MM, not \"" + std::string(period) +
                                "\"");
  }
  const std::string fqn = catalog.Resolve(model);
  std::optional<model::AssetKind> kind = catalog.KindOf(fqn);
  if (!kind) return catalog.UnknownAsset(model);
  if (*kind != model::AssetKind::kModel) {
    return InvalidArgumentError(fqn + " is a " + std::string(model::KindName(*kind)) +
                                ", not a model");
  }
  StabilityReport report{.model = fqn, .period = std::string(period)};
  report.periods = MonthsEndingWith(period, std::max(1, periods));
  if (std::optional<catalog::AssetSummary> s = catalog.Summary(fqn)) report.owners = s->owners;
  TrendBuilder trends(catalog, state, report.periods);
  for (const std::string& name : catalog.ChildNames(fqn)) {
    FeatureStability f{.fqn = model::JoinFqn(fqn, name)};
    graph::UpstreamOptions up;
    up.max_depth = 1;
    LINEA_ASSIGN_OR_RETURN(graph::UpstreamReport sources, catalog.Upstream(f.fqn, up));
    std::set<std::string> tables;
    for (const graph::UpstreamSource& s : sources.sources) {
      if (s.asset.distance != 1) continue;
      f.sources.push_back(s.asset.fqn);
      LINEA_ASSIGN_OR_RETURN(std::vector<SeriesTrend> own, trends.Of(s.asset.fqn, false));
      for (SeriesTrend& t : own) f.trends.push_back(std::move(t));
      if (s.asset.kind == model::AssetKind::kColumn) {
        Result<model::Fqn> column = model::Fqn::Parse(s.asset.fqn);
        if (column.ok() && column->size() > 1) tables.insert(column->Prefix().ToString());
      }
    }
    std::sort(f.sources.begin(), f.sources.end());
    for (const std::string& table : tables) {
      LINEA_ASSIGN_OR_RETURN(std::vector<SeriesTrend> volume, trends.Of(table, true));
      for (SeriesTrend& t : volume) f.trends.push_back(std::move(t));
    }
    for (const SeriesTrend& t : f.trends) {
      if (Rank(t.status) > Rank(f.status)) f.status = t.status;
    }
    if (f.status == "fail" || f.status == "aborted")
      ++report.fail;
    else if (f.status == "warn")
      ++report.warn;
    else if (f.status == "success")
      ++report.success;
    else
      ++report.unmeasured;
    report.features.push_back(std::move(f));
  }
  std::stable_sort(report.features.begin(), report.features.end(),
                   [](const FeatureStability& a, const FeatureStability& b) {
                     return Rank(a.status) > Rank(b.status);
                   });
  return report;
}

std::string RenderStabilityHtml(const StabilityReport& r) {
  std::string html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
                     XmlEscape("Feature stability · " + r.model + " · " + r.period) +
                     "</title><style>" + kStyle + "</style></head><body>";
  html += "<h1>Feature stability of " + XmlEscape(r.model) + " — " + XmlEscape(r.period) + "</h1>";
  std::string owners;
  for (const std::string& o : r.owners) owners += (owners.empty() ? "" : ", ") + o;
  html += "<div class=\"meta\">Owners: " + XmlEscape(owners.empty() ? "none" : owners) +
          " · trends over " + XmlEscape(r.periods.front()) + " … " + XmlEscape(r.periods.back()) +
          " · drift is the population stability index (PSI) against the previous periods</div>";
  html += "<div class=\"cards\">";
  for (auto [label, n, cls] :
       {std::tuple{"features failing", r.fail, "fail"}, std::tuple{"warning", r.warn, "warn"},
        std::tuple{"stable", r.success, "success"},
        std::tuple{"not measured", r.unmeasured, "none"}}) {
    html += "<div class=\"card " + std::string(cls) + "\"><b>" + std::to_string(n) + "</b>" +
            label + "</div>";
  }
  html +=
      "</div><table><tr><th>Feature</th><th>Status</th><th>Source</th><th>Drift (PSI)</th>"
      "<th>Null rate</th><th>Table volume (rows)</th></tr>";
  for (const FeatureStability& f : r.features) {
    const size_t rows = std::max<size_t>(1, f.sources.size());
    for (size_t i = 0; i < rows; ++i) {
      html += "<tr>";
      if (i == 0) {
        const std::string span = " rowspan=\"" + std::to_string(rows) + "\"";
        html += "<td" + span + " class=\"fqn\">" + XmlEscape(f.fqn.substr(r.model.size() + 1)) +
                "</td><td" + span + ">" + Badge(f.status) + "</td>";
      }
      if (f.sources.empty()) {
        html += "<td colspan=\"4\" class=\"none\">no source in the catalog</td></tr>";
        continue;
      }
      const std::string& source = f.sources[i];
      const std::string table = source.substr(0, source.rfind('.'));
      html += "<td class=\"fqn\">" + XmlEscape(source) + "</td><td>" +
              Spark(Find(f.trends, source, "drift")) + "</td><td>" +
              Spark(Find(f.trends, source, "null_rate")) + "</td><td>" +
              Spark(Find(f.trends, table, "volume")) + "</td></tr>";
    }
  }
  html += "</table>";
  std::string details;
  std::set<std::pair<std::string, std::string>> shown;
  for (const FeatureStability& f : r.features) {
    for (const SeriesTrend& t : f.trends) {
      if ((t.status != "fail" && t.status != "warn") || !shown.emplace(t.asset, t.check).second) {
        continue;
      }
      ChartOptions o{.title = t.asset + " · " + t.check,
                     .y_label = t.kind == "drift" ? "PSI" : t.kind,
                     .warn = t.warn,
                     .fail = t.fail,
                     .width = 520,
                     .height = 200,
                     .y_min = 0.0,
                     .y_max = t.fail};
      details += "<div class=\"detail\">" + LineChartSvg(t.points, o) + "<div>" + Badge(t.status) +
                 " " + XmlEscape(t.message) + "</div></div>";
    }
  }
  if (!details.empty()) html += "<h2>What moved in " + XmlEscape(r.period) + "</h2>" + details;
  html += "</body></html>\n";
  return html;
}

}  // namespace linea::quality
