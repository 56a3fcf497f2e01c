#include "ingest/manifest/manifest_parser.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <exception>
#include <map>
#include <optional>
#include <span>
#include <string>

#include "common/strings.h"
#include "common/time_text.h"
#include "model/fqn.h"
#include "yaml/yaml_stream.h"

namespace linea::manifest {
namespace {

using KeyList = std::span<const std::string_view>;
constexpr std::string_view kTopKeys[] = {
    "model",   "version",     "description", "owners", "domain",  "features",
    "outputs", "deployments", "repository",  "checks", "quality", "training_window"};
// What a quality document (`quality: <name>`) may hold besides its name.
constexpr std::string_view kQualityKeys[] = {"quality", "description", "checks"};
// The keys of a check that are not numeric parameters.
constexpr std::string_view kCheckKeys[] = {"asset",    "feature",     "kind",   "name",
                                           "severity", "description", "columns"};
constexpr std::string_view kFeatureKeys[] = {"name", "sources", "transform",
                                             "type", "table",   "columns"};
constexpr std::string_view kDeploymentKeys[] = {"fqn", "description", "owners"};
constexpr std::string_view kOutputKeys[] = {"table", "description", "columns"};
constexpr std::string_view kColumnKeys[] = {"name", "type"};

// A finite decimal number, e.g. "0.25", "3", "1e-4".
bool ParseDouble(const std::string& text, double* out) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, *out);
  return ec == std::errc() && ptr == end && std::isfinite(*out);
}

// 1-based line of `node`, or `fallback` when yaml-cpp has no mark for it.
int LineOf(const YAML::Node& node, int fallback) {
  int line = node.Mark().line;
  return line >= 0 ? line + 1 : fallback;
}

std::string Describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Scalar:
      return "a string";
    default:
      return "nothing";
  }
}

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// The valid key closest to `key`, or "" when none is close enough to be a likely typo.
std::string_view ClosestKey(std::string_view key, KeyList valid) {
  std::string lower = ToLower(key);
  std::string_view best;
  size_t best_distance = SIZE_MAX;
  for (std::string_view candidate : valid) {
    size_t d = EditDistance(lower, candidate, 16);
    if (d < best_distance) best_distance = d, best = candidate;
  }
  size_t limit = std::max<size_t>(2, best.size() / 3);
  return best_distance <= limit && best_distance < key.size() ? best : std::string_view();
}

std::string UnknownKeyMessage(std::string_view key, KeyList valid, std::string_view where) {
  std::string message = "unknown key " + Quoted(key) + " " + std::string(where);
  std::string_view closest = ClosestKey(key, valid);
  if (!closest.empty()) return message + "; did you mean " + Quoted(closest) + "?";
  std::vector<std::string> names(valid.begin(), valid.end());
  return message + " (valid keys: " + Join(names, ", ") + ")";
}

bool IsOwner(std::string_view owner) {
  size_t colon = owner.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view type = owner.substr(0, colon), name = owner.substr(colon + 1);
  if (type != "team" && type != "user") return false;
  if (name.empty()) return false;
  return std::none_of(name.begin(), name.end(),
                      [](char c) { return static_cast<unsigned char>(c) <= ' ' || c == 0x7f; });
}

// A node with the line it is reported at.
struct Entry {
  YAML::Node value;
  int line = 0;      // line of the value (the key's line when yaml-cpp gives none)
  int key_line = 0;  // line of its key, for mapping values
};
using Fields = std::map<std::string, Entry, std::less<>>;

const Entry* Find(const Fields& fields, std::string_view key) {
  auto it = fields.find(key);
  return it == fields.end() || it->second.value.IsNull() ? nullptr : &it->second;
}

// Turns the YAML documents of one file into manifests. Diagnostics and the read budget are
// shared across the documents.
class Parser {
 public:
  Parser(std::string file, ParseOutput* out) : file_(std::move(file)), out_(out) {}

  void ParseDocument(const YAML::Node& doc);
  void Error(int line, std::string message) {
    out_->errors.push_back(Diagnostic{file_, line, std::move(message), {}});
  }
  bool exhausted() const { return exhausted_; }

 private:
  bool Spend(const YAML::Node& node, size_t extra, int line);
  Fields ReadFields(const YAML::Node& map, int line, KeyList valid, std::string_view where);
  std::optional<std::string> ReadScalar(const Entry& e, std::string_view what);
  std::optional<std::vector<Entry>> ReadList(const Entry& e, std::string_view what,
                                             bool allow_scalar);
  std::optional<model::Fqn> ReadFqn(const Entry& e, std::string_view what);
  std::optional<std::string> ReadSegment(const Entry& e, std::string_view what);

  void ParseModel(const Fields& fields, int doc_line, Manifest* m);
  std::optional<std::vector<std::string>> ReadOwners(const Entry& e);
  std::optional<std::string> ReadOptionalScalar(const Fields& fields, std::string_view key);
  void ParseOutputs(const Entry& e, Manifest* m);
  void ParseOwnedOutput(const Entry& item, Manifest* m);
  std::optional<ColumnSpec> ParseColumn(const Entry& item);
  void ParseDeployments(const Entry& e, Manifest* m);
  void ParseDeployment(const Entry& item, Manifest* m);
  // Reports each FQN of `refs` (name, line) listed a second time, as "duplicate <what>".
  void CheckDuplicates(const std::vector<std::pair<std::string, int>>& refs, std::string_view what);
  void ParseFeatures(const Entry& e, Manifest* m);
  void ParseFeature(const Entry& item, Manifest* m);
  void ParseNamedFeature(const Fields& fields, FeatureSpec spec, Manifest* m);
  void ParseTableFeature(const Fields& fields, const FeatureSpec& base, Manifest* m);
  void CheckDuplicateFeatures(const Manifest& m);
  void ParseQualityDocument(const Fields& fields, int doc_line, Manifest* m);
  void ParseChecks(const Entry& e, Manifest* m);
  void ParseCheck(const Entry& item, Manifest* m);

  std::string file_;
  ParseOutput* out_;
  size_t spent_ = 0;
  bool exhausted_ = false;
};

// Charges one node (1 + its scalar bytes + `extra`) to the budget; false once exhausted.
bool Parser::Spend(const YAML::Node& node, size_t extra, int line) {
  if (exhausted_) return false;
  spent_ += 1 + extra + (node.IsScalar() ? node.Scalar().size() : 0);
  if (spent_ <= kMaxExpandedBytes) return true;
  exhausted_ = true;
  Error(line, "manifest too large: more than " + std::to_string(kMaxExpandedBytes) +
                  " bytes to read (each use of an alias counts again)");
  return false;
}

// The keys of `map` (a mapping node), reporting non-string, unknown and duplicate keys.
Fields Parser::ReadFields(const YAML::Node& map, int line, KeyList valid, std::string_view where) {
  Fields fields;
  for (auto it = map.begin(); it != map.end(); ++it) {
    int key_line = LineOf(it->first, line);
    if (!Spend(it->second, it->first.Scalar().size(), key_line)) break;
    if (!it->first.IsScalar()) {
      Error(key_line,
            "keys " + std::string(where) + " must be strings, got " + Describe(it->first));
      continue;
    }
    const std::string& key = it->first.Scalar();
    if (std::find(valid.begin(), valid.end(), key) == valid.end()) {
      Error(key_line, UnknownKeyMessage(key, valid, where));
    } else if (auto seen = fields.find(key); seen != fields.end()) {
      Error(key_line, "duplicate key " + Quoted(key) + " (first at line " +
                          std::to_string(seen->second.key_line) + ")");
    } else {
      // A null value has no position of its own (yaml-cpp marks where the next token starts).
      int line = it->second.IsNull() ? key_line : LineOf(it->second, key_line);
      fields.emplace(key, Entry{it->second, line, key_line});
    }
  }
  return fields;
}

std::optional<std::string> Parser::ReadScalar(const Entry& e, std::string_view what) {
  if (e.value.IsScalar()) return e.value.Scalar();
  Error(e.line, Quoted(what) + " must be a string, got " + Describe(e.value));
  return std::nullopt;
}

// The items of a list value (a single scalar is a one-element list when `allow_scalar`);
// nullopt after reporting a wrong type or an exhausted budget.
std::optional<std::vector<Entry>> Parser::ReadList(const Entry& e, std::string_view what,
                                                   bool allow_scalar) {
  if (e.value.IsNull()) return std::vector<Entry>{};
  if (allow_scalar && e.value.IsScalar()) return std::vector<Entry>{e};
  if (!e.value.IsSequence()) {
    Error(e.line, Quoted(what) + " must be a list, got " + Describe(e.value));
    return std::nullopt;
  }
  std::vector<Entry> items;
  for (const YAML::Node& item : e.value) {
    int line = LineOf(item, e.line);
    if (!Spend(item, 0, line)) return std::nullopt;
    items.push_back(Entry{item, line, e.key_line});
  }
  return items;
}

std::optional<model::Fqn> Parser::ReadFqn(const Entry& e, std::string_view what) {
  std::optional<std::string> text = ReadScalar(e, what);
  if (!text) return std::nullopt;
  Result<model::Fqn> fqn = model::Fqn::Parse(*text);
  if (fqn.ok()) return *std::move(fqn);
  Error(e.line, std::string(what) + ": " + fqn.status().message());
  return std::nullopt;
}

// A feature or column name: exactly one FQN segment, returned unquoted.
std::optional<std::string> Parser::ReadSegment(const Entry& e, std::string_view what) {
  std::optional<model::Fqn> fqn = ReadFqn(e, what);
  if (!fqn) return std::nullopt;
  if (fqn->size() == 1) return fqn->name();
  Error(e.line, std::string(what) + " " + Quoted(e.value.Scalar()) +
                    " must be a single name segment, got " + std::to_string(fqn->size()) +
                    " (quote a name that holds dots: '\"a.b\"')");
  return std::nullopt;
}

void Parser::ParseDocument(const YAML::Node& doc) {
  int line = LineOf(doc, 1);
  if (!doc.IsMap()) {
    Error(line, "top level must be a mapping with a \"model\" key, got " + Describe(doc));
    return;
  }
  size_t errors_before = out_->errors.size();
  Manifest m;
  m.file = file_;
  m.line = line;
  Fields fields = ReadFields(doc, line, kTopKeys, "at top level");
  if (fields.contains("quality") && !fields.contains("model")) {
    ParseQualityDocument(fields, line, &m);
    if (!exhausted_ && out_->errors.size() == errors_before) {
      out_->manifests.push_back(std::move(m));
    }
    return;
  }
  if (const Entry* e = Find(fields, "quality")) {
    Error(e->key_line,
          "a document is a model manifest (\"model\") or a quality document "
          "(\"quality\"), not both");
  }
  ParseModel(fields, line, &m);
  if (const Entry* e = Find(fields, "version")) m.version = ReadScalar(*e, "version");
  if (const Entry* e = Find(fields, "training_window")) {
    m.training_window = ReadScalar(*e, "training_window");
    if (m.training_window && !ParseMonthRange(*m.training_window)) {
      Error(e->line,
            "training_window: expected YYYY-MM..YYYY-MM (first month ≤ last) or one "
            "YYYY-MM, not \"" +
                *m.training_window + "\"");
    }
  }
  if (const Entry* e = Find(fields, "description")) m.description = ReadScalar(*e, "description");
  if (const Entry* e = Find(fields, "domain")) m.domain = ReadScalar(*e, "domain");
  if (const Entry* e = Find(fields, "repository")) {
    m.repository = ReadScalar(*e, "repository");
    m.repository_line = e->line;
    if (m.repository && m.repository->empty()) Error(e->line, "\"repository\" is empty");
  }
  if (const Entry* e = Find(fields, "owners")) {
    m.owners = ReadOwners(*e);
    m.owners_line = e->line;
  }
  if (const Entry* e = Find(fields, "features")) ParseFeatures(*e, &m);
  if (const Entry* e = Find(fields, "outputs")) ParseOutputs(*e, &m);
  if (const Entry* e = Find(fields, "deployments")) ParseDeployments(*e, &m);
  if (const Entry* e = Find(fields, "checks")) ParseChecks(*e, &m);
  if (exhausted_) return;
  CheckDuplicateFeatures(m);
  std::vector<std::pair<std::string, int>> outputs, deployments;
  for (const SourceRef& o : m.outputs) outputs.emplace_back(o.fqn, o.line);
  for (const OwnedOutputSpec& o : m.owned_outputs) outputs.emplace_back(o.fqn, o.line);
  for (const DeploymentSpec& d : m.deployments) deployments.emplace_back(d.fqn, d.line);
  CheckDuplicates(outputs, "output");
  CheckDuplicates(deployments, "deployment");
  if (out_->errors.size() == errors_before) out_->manifests.push_back(std::move(m));
}

void Parser::ParseModel(const Fields& fields, int doc_line, Manifest* m) {
  auto it = fields.find("model");
  if (it == fields.end()) return Error(doc_line, "missing required key \"model\"");
  const Entry& e = it->second;
  m->line = e.key_line;
  if (e.value.IsNull()) return Error(e.line, "\"model\" has no value");
  std::optional<model::Fqn> fqn = ReadFqn(e, "model");
  if (!fqn) return;
  m->model = fqn->ToString();
  if (fqn->size() < 2) {
    Error(e.line,
          "model " + Quoted(m->model) + " must have at least 2 segments (service.model_name)");
  }
}

// The owners list; nullopt after reporting a wrong type. Invalid entries are reported and left
// out.
std::optional<std::vector<std::string>> Parser::ReadOwners(const Entry& e) {
  std::optional<std::vector<Entry>> items = ReadList(e, "owners", true);
  if (!items) return std::nullopt;
  std::vector<std::string> owners;
  for (const Entry& item : *items) {
    std::optional<std::string> owner = ReadScalar(item, "owner");
    if (!owner) continue;
    if (IsOwner(*owner)) {
      owners.push_back(*owner);
    } else {
      Error(item.line, "owner " + Quoted(*owner) + " must be team:<name> or user:<name>");
    }
  }
  return owners;
}

std::optional<std::string> Parser::ReadOptionalScalar(const Fields& fields, std::string_view key) {
  const Entry* e = Find(fields, key);
  return e ? ReadScalar(*e, key) : std::nullopt;
}

// A plain name links an existing table; a mapping (`table:`, `columns:`) is a table the model
// owns (OwnedOutputSpec).
void Parser::ParseOutputs(const Entry& e, Manifest* m) {
  std::optional<std::vector<Entry>> items = ReadList(e, "outputs", true);
  if (!items) return;
  for (const Entry& item : *items) {
    if (item.value.IsMap()) {
      ParseOwnedOutput(item, m);
    } else if (std::optional<model::Fqn> fqn = ReadFqn(item, "output")) {
      m->outputs.push_back(SourceRef{fqn->ToString(), item.line});
    }
  }
}

void Parser::ParseOwnedOutput(const Entry& item, Manifest* m) {
  Fields fields = ReadFields(item.value, item.line, kOutputKeys, "in an output");
  OwnedOutputSpec spec;
  spec.line = item.line;
  const Entry* table = Find(fields, "table");
  if (table == nullptr) return Error(item.line, "an output mapping needs \"table\"");
  std::optional<model::Fqn> fqn = ReadFqn(*table, "output table");
  if (!fqn) return;
  spec.fqn = fqn->ToString();
  if (fqn->size() < 2) {
    return Error(table->line, "output table " + Quoted(spec.fqn) +
                                  " must have at least 2 segments (service.table)");
  }
  spec.description = ReadOptionalScalar(fields, "description");
  std::map<std::string, int> first_lines;
  if (const Entry* columns = Find(fields, "columns")) {
    std::optional<std::vector<Entry>> list = ReadList(*columns, "columns", true);
    for (const Entry& c : list.value_or(std::vector<Entry>{})) {
      std::optional<ColumnSpec> column = ParseColumn(c);
      if (!column) continue;
      auto [first, inserted] = first_lines.emplace(column->name, column->line);
      if (!inserted) {
        Error(column->line, "duplicate column " + Quoted(column->name) +
                                " (first defined at line " + std::to_string(first->second) + ")");
      }
      spec.columns.push_back(std::move(*column));
    }
  }
  m->owned_outputs.push_back(std::move(spec));
}

// A column of an owned output: a name, or {name, type}.
std::optional<ColumnSpec> Parser::ParseColumn(const Entry& item) {
  ColumnSpec column;
  column.line = item.line;
  if (!item.value.IsMap()) {
    std::optional<std::string> name = ReadSegment(item, "column");
    if (!name) return std::nullopt;
    column.name = *name;
    return column;
  }
  Fields fields = ReadFields(item.value, item.line, kColumnKeys, "in a column");
  const Entry* name = Find(fields, "name");
  if (name == nullptr) {
    Error(item.line, "column has no name");
    return std::nullopt;
  }
  std::optional<std::string> segment = ReadSegment(*name, "column");
  if (!segment) return std::nullopt;
  column.name = *segment;
  column.data_type = ReadOptionalScalar(fields, "type").value_or("");
  return column;
}

void Parser::ParseDeployments(const Entry& e, Manifest* m) {
  std::optional<std::vector<Entry>> items = ReadList(e, "deployments", true);
  if (!items) return;
  for (const Entry& item : *items) ParseDeployment(item, m);
}

// A deployment: its FQN, or {fqn, description, owners}.
void Parser::ParseDeployment(const Entry& item, Manifest* m) {
  DeploymentSpec spec;
  spec.line = item.line;
  Entry fqn_entry = item;
  if (item.value.IsMap()) {
    Fields fields = ReadFields(item.value, item.line, kDeploymentKeys, "in a deployment");
    const Entry* fqn = Find(fields, "fqn");
    if (fqn == nullptr) return Error(item.line, "a deployment mapping needs \"fqn\"");
    fqn_entry = *fqn;
    spec.description = ReadOptionalScalar(fields, "description");
    if (const Entry* owners = Find(fields, "owners")) spec.owners = ReadOwners(*owners);
  }
  std::optional<model::Fqn> fqn = ReadFqn(fqn_entry, "deployment");
  if (!fqn) return;
  spec.fqn = fqn->ToString();
  if (fqn->size() < 2) {
    return Error(fqn_entry.line, "deployment " + Quoted(spec.fqn) +
                                     " must have at least 2 segments (service.name)");
  }
  m->deployments.push_back(std::move(spec));
}

void Parser::CheckDuplicates(const std::vector<std::pair<std::string, int>>& refs,
                             std::string_view what) {
  std::map<std::string_view, int> first_lines;
  for (const auto& [fqn, line] : refs) {
    auto [first, inserted] = first_lines.emplace(fqn, line);
    if (!inserted) {
      Error(line, "duplicate " + std::string(what) + " " + fqn + " (first listed at line " +
                      std::to_string(first->second) + ")");
    }
  }
}

void Parser::ParseFeatures(const Entry& e, Manifest* m) {
  std::optional<std::vector<Entry>> items = ReadList(e, "features", false);
  if (!items) return;
  for (const Entry& item : *items) {
    if (exhausted_) return;
    ParseFeature(item, m);
  }
}

void Parser::ParseFeature(const Entry& item, Manifest* m) {
  if (!item.value.IsMap()) {
    return Error(item.line,
                 "a feature must be a mapping (name + sources, or table + columns), got " +
                     Describe(item.value));
  }
  Fields fields = ReadFields(item.value, item.line, kFeatureKeys, "in a feature");
  bool named = fields.count("name") || fields.count("sources");
  bool table = fields.count("table") || fields.count("columns");
  if (named && table) {
    return Error(item.line, "a feature has either name + sources or table + columns, not both");
  }
  if (!named && !table) {
    return Error(item.line, "a feature needs name + sources, or table + columns");
  }
  FeatureSpec base;
  base.line = item.line;
  if (const Entry* e = Find(fields, "transform")) {
    base.transform = ReadScalar(*e, "transform").value_or("");
  }
  if (const Entry* e = Find(fields, "type")) base.data_type = ReadScalar(*e, "type").value_or("");
  if (named) return ParseNamedFeature(fields, std::move(base), m);
  ParseTableFeature(fields, base, m);
}

void Parser::ParseNamedFeature(const Fields& fields, FeatureSpec spec, Manifest* m) {
  const Entry* name = Find(fields, "name");
  if (name == nullptr) {
    Error(spec.line, "feature has no name");
  } else if (std::optional<std::string> segment = ReadSegment(*name, "feature name")) {
    spec.name = *segment;
  }
  const Entry* sources = Find(fields, "sources");
  std::optional<std::vector<Entry>> items;
  if (sources != nullptr) items = ReadList(*sources, "sources", true);
  if (sources == nullptr || (items && items->empty())) {
    std::string what = spec.name.empty() ? "feature" : "feature " + Quoted(spec.name);
    Error(sources ? sources->line : spec.line, what + " has no sources");
  }
  for (const Entry& item : items.value_or(std::vector<Entry>{})) {
    if (std::optional<model::Fqn> fqn = ReadFqn(item, "source")) {
      spec.sources.push_back(SourceRef{fqn->ToString(), item.line});
    }
  }
  m->features.push_back(std::move(spec));
}

// Expands `table: T, columns: [a, b]` into features a, b with sources T.a, T.b.
void Parser::ParseTableFeature(const Fields& fields, const FeatureSpec& base, Manifest* m) {
  const Entry* table = Find(fields, "table");
  std::optional<model::Fqn> table_fqn;
  if (table == nullptr) {
    Error(base.line, "feature has columns but no table");
  } else {
    table_fqn = ReadFqn(*table, "table");
  }
  const Entry* columns = Find(fields, "columns");
  std::optional<std::vector<Entry>> items;
  if (columns != nullptr) items = ReadList(*columns, "columns", true);
  if (columns == nullptr || (items && items->empty())) {
    std::string what = table_fqn ? "table " + Quoted(table_fqn->ToString()) : "table feature";
    Error(columns ? columns->line : base.line, what + " has no columns");
  }
  for (const Entry& item : items.value_or(std::vector<Entry>{})) {
    std::optional<std::string> column = ReadSegment(item, "column");
    if (!column || !table_fqn) continue;
    FeatureSpec spec = base;
    spec.name = *column;
    spec.line = item.line;
    spec.sources = {SourceRef{model::JoinFqn(table_fqn->ToString(), *column), item.line}};
    m->features.push_back(std::move(spec));
  }
}

void Parser::CheckDuplicateFeatures(const Manifest& m) {
  std::map<std::string_view, int> first_lines;
  for (const FeatureSpec& f : m.features) {
    if (f.name.empty()) continue;
    auto [first, inserted] = first_lines.emplace(f.name, f.line);
    if (!inserted) {
      Error(f.line, "duplicate feature " + Quoted(f.name) + " (first defined at line " +
                        std::to_string(first->second) + ")");
    }
  }
}

void Parser::ParseQualityDocument(const Fields& fields, int doc_line, Manifest* m) {
  for (const auto& [key, entry] : fields) {
    if (std::find(std::begin(kQualityKeys), std::end(kQualityKeys), key) ==
        std::end(kQualityKeys)) {
      Error(entry.key_line, Quoted(key) +
                                " belongs in a model manifest (\"model\"), not in a "
                                "quality document");
    }
  }
  const Entry& e = fields.at("quality");
  m->line = e.key_line;
  std::optional<std::string> name = e.value.IsNull() ? std::nullopt : ReadScalar(e, "quality");
  if (!name || name->empty()) {
    Error(e.line, "\"quality\" names the set of checks, e.g. quality: geo-marts");
    return;
  }
  m->check_set = *name;
  if (const Entry* d = Find(fields, "description")) m->description = ReadScalar(*d, "description");
  const Entry* checks = Find(fields, "checks");
  if (checks == nullptr)
    return Error(doc_line, "quality document " + Quoted(*name) + " has no checks");
  ParseChecks(*checks, m);
}

void Parser::ParseChecks(const Entry& e, Manifest* m) {
  std::optional<std::vector<Entry>> items = ReadList(e, "checks", false);
  if (!items) return;
  for (const Entry& item : *items) ParseCheck(item, m);
  std::map<std::pair<std::string, std::string>, int> first_lines;
  for (const CheckSpec& c : m->checks) {
    auto [first, inserted] =
        first_lines.emplace(std::pair{c.asset, c.name.empty() ? c.kind : c.name}, c.line);
    if (!inserted) {
      Error(c.line, "duplicate check " + Quoted(first->first.second) + " on " + c.asset +
                        " (first at line " + std::to_string(first->second) +
                        "); give one of them a \"name\"");
    }
  }
}

// {asset | feature, kind, name?, severity?, description?, columns?, <param>: <number>…}
void Parser::ParseCheck(const Entry& item, Manifest* m) {
  if (!item.value.IsMap()) {
    Error(item.line,
          "a check must be a mapping with \"asset\" (or \"feature\") and \"kind\", "
          "got " +
              Describe(item.value));
    return;
  }
  CheckSpec spec;
  spec.line = item.line;
  const Entry* asset = nullptr;
  const Entry* feature = nullptr;
  std::optional<Entry> asset_entry, feature_entry;
  for (auto it = item.value.begin(); it != item.value.end(); ++it) {
    const int line = LineOf(it->first, item.line);
    if (!Spend(it->second, it->first.IsScalar() ? it->first.Scalar().size() : 0, line)) return;
    if (!it->first.IsScalar()) {
      Error(line, "keys of a check must be strings, got " + Describe(it->first));
      continue;
    }
    const std::string& key = it->first.Scalar();
    const Entry value{it->second, it->second.IsNull() ? line : LineOf(it->second, line), line};
    const bool known =
        std::find(std::begin(kCheckKeys), std::end(kCheckKeys), key) != std::end(kCheckKeys);
    if (!known) {  // a numeric parameter, checked against the kind by the planner
      double number = 0;
      if (!it->second.IsScalar() || !ParseDouble(it->second.Scalar(), &number)) {
        Error(value.line,
              "check parameter " + Quoted(key) + " must be a number, got " + Describe(it->second));
        continue;
      }
      spec.params[key] = number;
    } else if (key == "asset") {
      asset_entry = value;
    } else if (key == "feature") {
      feature_entry = value;
    } else if (key == "columns") {
      std::optional<std::vector<Entry>> columns = ReadList(value, "columns", false);
      for (const Entry& c : columns.value_or(std::vector<Entry>{})) {
        if (std::optional<std::string> text = ReadScalar(c, "column"))
          spec.columns.push_back(*text);
      }
    } else if (std::optional<std::string> text = ReadScalar(value, key)) {
      if (key == "kind") spec.kind = *text;
      if (key == "name") spec.name = *text;
      if (key == "severity") spec.severity = *text;
      if (key == "description") spec.description = *text;
    }
  }
  if (asset_entry) asset = &*asset_entry;
  if (feature_entry) feature = &*feature_entry;
  if ((asset != nullptr) == (feature != nullptr)) {
    Error(item.line,
          "a check names exactly one of \"asset\" (an FQN) or \"feature\" (a "
          "feature of this model)");
    return;
  }
  if (spec.kind.empty()) Error(item.line, "check has no \"kind\"");
  if (asset != nullptr) {
    if (std::optional<model::Fqn> fqn = ReadFqn(*asset, "asset")) spec.asset = fqn->ToString();
  } else if (!m->check_set.empty()) {
    Error(feature->line,
          "\"feature\" names a feature of a model: use \"asset\" in a quality "
          "document");
    return;
  } else if (std::optional<std::string> name = ReadSegment(*feature, "feature")) {
    if (!m->model.empty()) spec.asset = model::JoinFqn(m->model, *name);
  }
  if (!spec.asset.empty() && !spec.kind.empty()) m->checks.push_back(std::move(spec));
}

}  // namespace

ParseOutput ParseManifests(std::string_view text, std::string_view file) {
  ParseOutput out;
  Parser parser{std::string(file), &out};
  yaml::YamlStream stream = yaml::LoadYamlStream(text);
  if (stream.error) {
    parser.Error(stream.error->line, std::move(stream.error->message));
    return out;
  }
  bool any = false;
  try {
    for (const YAML::Node& doc : stream.documents) {
      if (doc.IsNull()) continue;  // an empty document in a stream, e.g. a trailing ---
      any = true;
      parser.ParseDocument(doc);
      if (parser.exhausted()) break;
    }
  } catch (const std::exception& e) {  // not expected: every access is type-checked
    parser.Error(1, std::string("internal error reading YAML: ") + e.what());
  }
  if (!any) parser.Error(1, "empty manifest: no YAML document");
  return out;
}

}  // namespace linea::manifest
