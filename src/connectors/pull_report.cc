#include "connectors/pull_report.h"

#include <ctime>

namespace linea::connectors {
namespace {

using Json = nlohmann::ordered_json;

std::string Iso8601(int64_t ms) {
  if (ms <= 0) return "";
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Json Counts(const std::map<std::string, size_t>& counts) {
  Json out = Json::object();
  for (const auto& [kind, n] : counts) out[kind] = n;
  return out;
}

std::map<std::string, size_t> CountsFrom(const Json& json) {
  std::map<std::string, size_t> out;
  if (!json.is_object()) return out;
  for (const auto& [kind, n] : json.items()) {
    if (n.is_number_unsigned()) out[kind] = n.get<size_t>();
  }
  return out;
}

// "1,234".
std::string Thousands(size_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string Plural(const std::string& kind, size_t n) { return n == 1 ? kind : kind + "s"; }

std::string CountLine(const std::map<std::string, size_t>& counts) {
  std::string out;
  for (const auto& [kind, n] : counts) {
    if (!out.empty()) out += ", ";
    out += Thousands(n) + " " + Plural(kind, n);
  }
  return out;
}

}  // namespace

size_t AssetCounts::total() const {
  size_t n = 0;
  for (const auto* m : {&created, &updated, &removed}) {
    for (const auto& [kind, count] : *m) n += count;
  }
  return n;
}

nlohmann::ordered_json ToJson(const PullReport& r) {
  Json retained = Json::array();
  for (const RetainedAsset& a : r.retained) {
    retained.push_back({{"asset", a.fqn}, {"referenced_by", a.referenced_by}});
  }
  Json out = {
      {"connector", r.connector},
      {"type", r.type},
      {"source", r.source},
      {"outcome", r.outcome},
      {"dry_run", r.dry_run},
      {"started_at", Iso8601(r.started_at_ms)},
      {"finished_at", Iso8601(r.finished_at_ms)},
      {"started_at_ms", r.started_at_ms},
      {"duration_ms", r.finished_at_ms - r.started_at_ms},
      {"changed", r.changed()},
      {"items",
       {{"listed", r.items_listed},
        {"unchanged", r.items_unchanged},
        {"read", r.items_read},
        {"written", r.items_written},
        {"removed", r.items_removed},
        {"failed", r.items_failed}}},
      {"assets",
       {{"created", Counts(r.assets.created)},
        {"updated", Counts(r.assets.updated)},
        {"removed", Counts(r.assets.removed)}}},
      {"edges_written", r.edges_written},
      {"batches", r.batches},
      {"retained", retained},
      {"problems", r.problems},
      {"problems_total", r.problems_total},
  };
  if (!r.error.empty()) out["error"] = r.error;
  return out;
}

PullReport FromJson(const nlohmann::ordered_json& j) {
  PullReport r;
  if (!j.is_object()) return r;
  auto str = [&](const char* key) { return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : ""; };
  auto num = [](const Json& o, const char* key) -> size_t {
    return o.is_object() && o.contains(key) && o[key].is_number_unsigned() ? o[key].get<size_t>() : 0;
  };
  r.connector = str("connector");
  r.type = str("type");
  r.source = str("source");
  r.outcome = str("outcome");
  r.error = str("error");
  r.dry_run = j.value("dry_run", false);
  r.started_at_ms = j.value("started_at_ms", int64_t{0});
  r.finished_at_ms = r.started_at_ms + j.value("duration_ms", int64_t{0});
  const Json items = j.value("items", Json::object());
  r.items_listed = num(items, "listed");
  r.items_unchanged = num(items, "unchanged");
  r.items_read = num(items, "read");
  r.items_written = num(items, "written");
  r.items_removed = num(items, "removed");
  r.items_failed = num(items, "failed");
  const Json assets = j.value("assets", Json::object());
  r.assets.created = CountsFrom(assets.value("created", Json()));
  r.assets.updated = CountsFrom(assets.value("updated", Json()));
  r.assets.removed = CountsFrom(assets.value("removed", Json()));
  r.edges_written = num(j, "edges_written");
  r.batches = num(j, "batches");
  r.problems_total = num(j, "problems_total");
  if (j.contains("problems") && j["problems"].is_array()) {
    for (const Json& p : j["problems"]) {
      if (p.is_string()) r.problems.push_back(p.get<std::string>());
    }
  }
  if (j.contains("retained") && j["retained"].is_array()) {
    for (const Json& a : j["retained"]) {
      RetainedAsset ra;
      ra.fqn = a.value("asset", "");
      if (a.contains("referenced_by") && a["referenced_by"].is_array()) {
        for (const Json& p : a["referenced_by"]) {
          if (p.is_string()) ra.referenced_by.push_back(p.get<std::string>());
        }
      }
      r.retained.push_back(std::move(ra));
    }
  }
  return r;
}

std::string Summary(const PullReport& r) {
  std::string out = r.connector + " (" + r.type + ", " + r.source + "): ";
  const std::string verb = r.dry_run ? "would be " : "";
  if (r.outcome == "failed") {
    out += "failed after " + std::to_string(r.finished_at_ms - r.started_at_ms) + " ms: " + r.error + "\n";
  } else if (!r.changed()) {
    out += "nothing changed (" + Thousands(r.items_listed) + " " + Plural("item", r.items_listed) + ", " +
           Thousands(r.items_unchanged) + " unchanged since the last pull, " +
           Thousands(r.items_read) + " read)" + (r.dry_run ? ", dry run" : "") + "\n";
  } else {
    out += Thousands(r.items_listed) + " " + Plural("item", r.items_listed) + ": " +
           Thousands(r.items_read) + " read, " +
           Thousands(r.items_unchanged) + " unchanged, " + Thousands(r.items_removed) +
           " removed" + (r.dry_run ? " (dry run: nothing written)" : "") + "\n";
    if (!r.assets.created.empty()) out += "  " + verb + "created: " + CountLine(r.assets.created) + "\n";
    if (!r.assets.updated.empty()) out += "  " + verb + "updated: " + CountLine(r.assets.updated) + "\n";
    if (!r.assets.removed.empty()) out += "  " + verb + "removed: " + CountLine(r.assets.removed) + "\n";
    if (r.edges_written) {
      out += "  lineage: " + Thousands(r.edges_written) + " " + Plural("edge", r.edges_written) + "\n";
    }
    out += "  took " + std::to_string(r.finished_at_ms - r.started_at_ms) + " ms in " +
           Thousands(r.batches) + " " + Plural("transaction", r.batches) + "\n";
  }
  for (const RetainedAsset& a : r.retained) {
    out += "  kept " + a.fqn + ": gone from the source, still used by lineage of ";
    for (size_t i = 0; i < a.referenced_by.size(); ++i) {
      out += (i ? ", " : "") + a.referenced_by[i];
    }
    out += "\n";
  }
  if (r.problems_total > 0) {
    out += "  " + Thousands(r.problems_total) + " " + Plural("problem", r.problems_total) + ":\n";
    for (const std::string& p : r.problems) out += "    " + p + "\n";
    if (r.problems.size() < r.problems_total) {
      out += "    … and " + Thousands(r.problems_total - r.problems.size()) + " more\n";
    }
  }
  return out;
}

}  // namespace linea::connectors
