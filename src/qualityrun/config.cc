#include "qualityrun/config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "common/strings.h"
#include "connectors/config.h"
#include "connectors/secrets.h"
#include "model/fqn.h"
#include "yaml/yaml_stream.h"

namespace linea::qualityrun {
namespace {

using connectors::ConfigReader;

constexpr size_t kMaxConfigBytes = 1 << 20;

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// " (did you mean "x"?)" for the closest of `known` within two edits, else "".
std::string DidYouMean(std::string_view word, const std::vector<std::string>& known) {
  std::string best;
  size_t best_distance = 3;
  for (const std::string& k : known) {
    const size_t d = EditDistance(word, k, best_distance);
    if (d < best_distance) {
      best_distance = d;
      best = k;
    }
  }
  return best.empty() ? "" : "; did you mean " + Quoted(best) + "?";
}

// Collects problems; `Take` unwraps a Result or records its error.
struct Problems {
  std::vector<std::string> lines;
  template <typename T>
  bool Take(Result<T> result, T* out) {
    if (!result.ok()) {
      lines.push_back(result.status().message());
      return false;
    }
    *out = std::move(*result);
    return true;
  }
  bool Check(const Status& status) {
    if (!status.ok()) lines.push_back(status.message());
    return status.ok();
  }
};

bool IsSourceName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
  });
}

// Adds the source's name to `names` once it is known to be valid, even when a later key is bad
// (so its tables are not also reported).
std::optional<SourceConfig> ParseSource(ConfigReader& r, const std::string& base_dir,
                                        std::vector<std::string>* names, Problems& p) {
  SourceConfig s;
  s.line = r.LineOf("name");
  if (!p.Take(r.RequiredString("name"), &s.name)) return std::nullopt;
  if (!IsSourceName(s.name)) {
    p.Check(r.ErrorAt("name", "bad source name " + Quoted(s.name) +
                                  ": lower-case letters, digits, '_', '-', '.'"));
    return std::nullopt;
  }
  if (std::find(names->begin(), names->end(), s.name) == names->end()) names->push_back(s.name);
  std::optional<std::string> url;
  if (!p.Take(r.OptionalString("url"), &url)) return std::nullopt;
  if (!p.Take(r.StringList("command"), &s.command)) return std::nullopt;
  if (url.has_value() == !s.command.empty()) {
    p.Check(r.ErrorAt("name", "source " + Quoted(s.name) + " needs either \"url\" or \"command\""));
    return std::nullopt;
  }
  if (url) {
    Result<sourcedb::DbUrl> parsed = sourcedb::ParseDbUrl(*url);
    if (!parsed.ok()) {
      p.Check(r.ErrorAt("url", parsed.status().message()));
      return std::nullopt;
    }
    if (parsed->engine == sourcedb::Engine::kSqlite) {
      parsed->path = connectors::ResolvePath(base_dir, parsed->path);
    }
    s.url = std::move(*parsed);
  }
  if (!p.Take(connectors::ReadSecret(r, "password", base_dir), &s.password)) return std::nullopt;
  std::optional<std::chrono::seconds> timeout;
  if (!p.Take(r.OptionalDuration("timeout"), &timeout)) return std::nullopt;
  if (timeout) s.timeout = *timeout;
  if (!p.Check(r.CheckAllRead())) return std::nullopt;
  return s;
}

std::optional<ColumnConfig> ParseColumn(ConfigReader& r, Problems& p) {
  ColumnConfig c;
  c.line = r.LineOf("name");
  if (!p.Take(r.RequiredString("name"), &c.name)) return std::nullopt;
  if (!IsPlainIdentifier(c.name)) {
    p.Check(
        r.ErrorAt("name", "bad column name " + Quoted(c.name) + ": letters, digits and '_' only"));
    return std::nullopt;
  }
  std::vector<std::string> measure;
  if (!p.Take(r.StringList("measure"), &measure)) return std::nullopt;
  if (!r.Has("measure")) measure = {"null_rate", "drift"};
  const std::vector<std::string> known(std::begin(kMeasures), std::end(kMeasures));
  for (const std::string& m : measure) {
    if (std::find(known.begin(), known.end(), m) == known.end()) {
      p.Check(r.ErrorAt("measure", "unknown measure " + Quoted(m) + " (known: " +
                                       Join(known, ", ") + ")" + DidYouMean(m, known)));
      return std::nullopt;
    }
  }
  for (const std::string& m : known) {  // the canonical order, without repeats
    if (std::find(measure.begin(), measure.end(), m) != measure.end()) c.measure.push_back(m);
  }
  std::optional<std::string> type;
  if (!p.Take(r.OptionalString("type"), &type)) return std::nullopt;
  if (type && *type != "numeric" && *type != "text") {
    p.Check(r.ErrorAt("type", "\"type\" must be numeric or text, got " + Quoted(*type)));
    return std::nullopt;
  }
  if (type) c.type = *type == "numeric" ? ColumnType::kNumeric : ColumnType::kText;
  if (!p.Check(r.CheckAllRead())) return std::nullopt;
  return c;
}

std::optional<TableConfig> ParseTable(ConfigReader& r, const std::vector<std::string>& sources,
                                      Problems& p) {
  TableConfig t;
  t.line = r.LineOf("source");
  if (!p.Take(r.RequiredString("source"), &t.source)) return std::nullopt;
  if (std::find(sources.begin(), sources.end(), t.source) == sources.end()) {
    p.Check(
        r.ErrorAt("source", "unknown source " + Quoted(t.source) + DidYouMean(t.source, sources)));
    return std::nullopt;
  }
  if (!p.Take(r.RequiredString("table"), &t.table)) return std::nullopt;
  const std::vector<std::string> parts = Split(t.table, '.');
  if (parts.size() > 3 || !std::all_of(parts.begin(), parts.end(), IsPlainIdentifier)) {
    p.Check(r.ErrorAt("table", "bad table name " + Quoted(t.table) +
                                   ": [catalog.][schema.]table of letters, digits and '_'"));
    return std::nullopt;
  }
  std::string asset;
  if (!p.Take(r.RequiredString("asset"), &asset)) return std::nullopt;
  Result<std::string> canonical = model::CanonicalFqn(asset);
  if (!canonical.ok()) {
    p.Check(
        r.ErrorAt("asset", "bad asset FQN " + Quoted(asset) + ": " + canonical.status().message()));
    return std::nullopt;
  }
  t.asset = *canonical;
  std::optional<std::string> where;
  if (!p.Take(r.OptionalString("where"), &where)) return std::nullopt;
  t.where = where.value_or("");
  std::optional<bool> volume;
  if (!p.Take(r.OptionalBool("volume"), &volume)) return std::nullopt;
  t.volume = volume.value_or(true);
  std::vector<ConfigReader> columns;
  if (!p.Take(r.SectionList("columns"), &columns)) return std::nullopt;
  bool all_columns_ok = true;
  for (ConfigReader& column : columns) {
    std::optional<ColumnConfig> c = ParseColumn(column, p);
    if (c) t.columns.push_back(std::move(*c));
    all_columns_ok = all_columns_ok && c.has_value();
  }
  if (!p.Check(r.CheckAllRead()) || !all_columns_ok) return std::nullopt;
  if (!t.volume && t.columns.empty()) {
    p.Check(
        r.ErrorAt("table", "nothing to measure in " + t.table + " (volume: false and no columns)"));
    return std::nullopt;
  }
  return t;
}

}  // namespace

bool IsPlainIdentifier(std::string_view name) {
  return !name.empty() && name.size() <= 128 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::vector<std::string> ParseRunnerConfig(std::string_view text, const std::string& file,
                                           const std::string& base_dir, RunnerConfig* config) {
  if (text.size() > kMaxConfigBytes) return {file + ": larger than 1 MiB"};
  yaml::YamlStream stream = yaml::LoadYamlStream(text);
  if (stream.error) {
    return {file + ":" + std::to_string(stream.error->line) + ": " + stream.error->message};
  }
  if (stream.documents.size() != 1 || !stream.documents[0].IsMap()) {
    return {file + ":1: expected one mapping with \"sources\" and \"tables\""};
  }
  Problems p;
  ConfigReader top(stream.documents[0], file);
  std::vector<ConfigReader> sources, tables;
  p.Take(top.SectionList("sources"), &sources);
  p.Take(top.SectionList("tables"), &tables);
  p.Check(top.CheckAllRead());
  if (!p.lines.empty()) return p.lines;
  if (sources.empty()) p.lines.push_back(file + ":1: missing key \"sources\"");
  if (tables.empty()) p.lines.push_back(file + ":1: missing key \"tables\"");
  std::vector<std::string> names;  // of every source with a valid name, parsed or not
  std::map<std::string, int> first_line;
  for (ConfigReader& r : sources) {
    std::optional<SourceConfig> s = ParseSource(r, base_dir, &names, p);
    if (!s) continue;
    auto [it, fresh] = first_line.emplace(s->name, s->line);
    if (!fresh) {
      p.lines.push_back(file + ":" + std::to_string(s->line) + ": a second source named " +
                        Quoted(s->name) + " (first at line " + std::to_string(it->second) + ")");
      continue;
    }
    config->sources.push_back(std::move(*s));
  }
  for (ConfigReader& r : tables) {
    std::optional<TableConfig> t = ParseTable(r, names, p);
    if (t) config->tables.push_back(std::move(*t));
  }
  return p.lines;
}

std::vector<std::string> LoadRunnerConfig(const std::string& path, RunnerConfig* config) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {"cannot read " + path + ": " + std::strerror(errno)};
  std::stringstream text;
  text << in.rdbuf();
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash == 0 ? 1 : slash);
  return ParseRunnerConfig(text.str(), path, dir, config);
}

}  // namespace linea::qualityrun
