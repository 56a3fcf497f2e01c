#include "ingest/openlineage/decode.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "common/status_macros.h"
#include "common/strings.h"

namespace linea::ingest::openlineage {
namespace {

using nlohmann::json;

// Deepest nesting a parsed event may have (objects and arrays); deeper input is rejected
// before it is built, so no later recursive walk (dump, destruction) can exhaust the stack.
constexpr int kMaxDepth = 128;

// ---- Parsing ------------------------------------------------------------------------------

// Thrown from the parser callback to stop at the depth bound.
struct DepthExceeded {};

struct ParseFailure {
  size_t line = 0;    // 1-based; 0 when the failure has no position
  size_t column = 0;  // 1-based
  std::string detail;
};

// Offset of the first byte that is not part of valid UTF-8 (no overlongs, surrogates or code
// points past U+10FFFF), or npos.
size_t FindInvalidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t extra;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (s.size() - i <= extra) return i;
    unsigned char second = static_cast<unsigned char>(s[i + 1]);
    if (second < lo || second > hi) return i;
    for (size_t k = 2; k <= extra; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    }
    i += extra + 1;
  }
  return std::string_view::npos;
}

// 1-based line and column of byte offset `offset` (clamped to the text).
std::pair<size_t, size_t> LineColumn(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  size_t line = 1, line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, offset - line_start + 1};
}

// Parses `text` as one JSON value nested at most `max_depth` levels. On failure fills
// `*failure` and returns a discarded value.
json ParseBounded(std::string_view text, int max_depth, ParseFailure* failure) {
  if (Trim(text).empty()) {
    *failure = {0, 0, "empty input"};
    return json(json::value_t::discarded);
  }
  if (size_t bad = FindInvalidUtf8(text); bad != std::string_view::npos) {
    auto [line, column] = LineColumn(text, bad);
    *failure = {line, column, "invalid UTF-8 (byte " + std::to_string(bad) + ")"};
    return json(json::value_t::discarded);
  }
  json::parser_callback_t bound = [max_depth](int depth, json::parse_event_t event, json&) {
    if ((event == json::parse_event_t::object_start || event == json::parse_event_t::array_start) &&
        depth >= max_depth) {
      throw DepthExceeded{};
    }
    return true;
  };
  try {
    return json::parse(text.begin(), text.end(), bound);
  } catch (const DepthExceeded&) {
    *failure = {0, 0, "nested deeper than " + std::to_string(max_depth) + " levels"};
  } catch (const json::parse_error& e) {
    // e.byte is the 1-based index of the byte the lexer stopped at.
    auto [line, column] = LineColumn(text, e.byte > 0 ? e.byte - 1 : 0);
    std::string what = e.what();
    size_t colon = what.find(": ");
    std::string detail = colon == std::string::npos ? what : what.substr(colon + 2);
    *failure = {line, column, detail};
  } catch (const json::exception& e) {
    // e.g. out_of_range.406 "number overflow parsing '1e999'", which has no position.
    std::string what = e.what();
    size_t bracket = what.find("] ");
    *failure = {0, 0, bracket == std::string::npos ? what : what.substr(bracket + 2)};
  }
  return json(json::value_t::discarded);
}

std::string DescribeFailure(const ParseFailure& f) {
  if (f.line == 0) return "invalid JSON: " + f.detail;
  return "invalid JSON at line " + std::to_string(f.line) + ", column " + std::to_string(f.column) +
         ": " + f.detail;
}

std::string Sha256Hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest;
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1) {
    std::abort();  // SHA-256 is always available in OpenSSL's default provider
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xF]);
  }
  return hex;
}

// ---- Typed access with JSON paths -----------------------------------------------------------

bool IsIdentifier(std::string_view key) {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key[0]))) return false;
  for (unsigned char c : key) {
    if (!std::isalnum(c) && c != '_') return false;
  }
  return true;
}

// `path` extended by member `key`: $.a.b, or $.a["spark.logicalPlan"] for other keys.
std::string Member(const std::string& path, std::string_view key) {
  if (IsIdentifier(key)) return path + "." + std::string(key);
  return path + "[" + json(std::string(key)).dump(-1, ' ', false, json::error_handler_t::replace) +
         "]";
}

std::string Element(const std::string& path, size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

Status Expected(const std::string& path, std::string_view what) {
  return InvalidArgumentError(path + ": expected " + std::string(what));
}

// Member `key` of the object `obj`; nullptr when absent or null.
const json* Find(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

// A string member; "" when absent or null.
Result<std::string> OptString(const json& obj, const char* key, const std::string& path) {
  const json* v = Find(obj, key);
  if (v == nullptr) return std::string();
  if (!v->is_string()) return Expected(Member(path, key), "a string");
  return v->get<std::string>();
}

Result<std::string> RequiredString(const json& obj, const char* key, const std::string& path) {
  const json* v = Find(obj, key);
  if (v == nullptr || !v->is_string() || v->get_ref<const std::string&>().empty()) {
    return Expected(Member(path, key), "a non-empty string");
  }
  return v->get<std::string>();
}

// An object member; nullptr when absent or null.
Result<const json*> OptObject(const json& obj, const char* key, const std::string& path) {
  const json* v = Find(obj, key);
  if (v != nullptr && !v->is_object()) return Expected(Member(path, key), "an object");
  return v;
}

// An array member; nullptr when absent or null.
Result<const json*> OptArray(const json& obj, const char* key, const std::string& path) {
  const json* v = Find(obj, key);
  if (v != nullptr && !v->is_array()) return Expected(Member(path, key), "an array");
  return v;
}

// Element `i` of `array`, which must be an object.
Result<const json*> ObjectAt(const json& array, size_t i, const std::string& array_path) {
  if (!array[i].is_object()) return Expected(Element(array_path, i), "an object");
  return &array[i];
}

// The facet `key` of the facets object `facets` (may be null); nullptr when absent, null or
// marked `"_deleted": true`. A facet that is not an object is an error.
Result<const json*> FindFacet(const json* facets, const char* key, const std::string& path) {
  if (facets == nullptr) return nullptr;
  LINEA_ASSIGN_OR_RETURN(const json* facet, OptObject(*facets, key, path));
  if (facet != nullptr) {
    const json* deleted = Find(*facet, "_deleted");
    if (deleted != nullptr && deleted->is_boolean() && deleted->get<bool>()) return nullptr;
  }
  return facet;
}

// ---- Facets -------------------------------------------------------------------------------

// Appends the fields of a schema `fields` array to `out`, nested ones as "parent.child".
Status ReadSchemaFields(const json& fields, const std::string& path, const std::string& prefix,
                        std::vector<OlSchemaField>* out) {
  for (size_t i = 0; i < fields.size(); ++i) {
    std::string field_path = Element(path, i);
    LINEA_ASSIGN_OR_RETURN(const json* f, ObjectAt(fields, i, path));
    OlSchemaField field;
    LINEA_ASSIGN_OR_RETURN(std::string name, RequiredString(*f, "name", field_path));
    field.name = prefix + name;
    LINEA_ASSIGN_OR_RETURN(field.type, OptString(*f, "type", field_path));
    LINEA_ASSIGN_OR_RETURN(field.description, OptString(*f, "description", field_path));
    out->push_back(field);
    LINEA_ASSIGN_OR_RETURN(const json* nested, OptArray(*f, "fields", field_path));
    if (nested != nullptr) {
      LINEA_RETURN_IF_ERROR(
          ReadSchemaFields(*nested, Member(field_path, "fields"), field.name + ".", out));
    }
  }
  return Status::OK();
}

Result<std::vector<OlOwner>> ReadOwners(const json& facet, const std::string& path) {
  std::vector<OlOwner> owners;
  LINEA_ASSIGN_OR_RETURN(const json* list, OptArray(facet, "owners", path));
  if (list == nullptr) return owners;
  std::string list_path = Member(path, "owners");
  for (size_t i = 0; i < list->size(); ++i) {
    LINEA_ASSIGN_OR_RETURN(const json* o, ObjectAt(*list, i, list_path));
    OlOwner owner;
    LINEA_ASSIGN_OR_RETURN(owner.name, RequiredString(*o, "name", Element(list_path, i)));
    LINEA_ASSIGN_OR_RETURN(owner.type, OptString(*o, "type", Element(list_path, i)));
    owners.push_back(std::move(owner));
  }
  return owners;
}

std::string TransformationLabel(const std::string& type, const std::string& subtype) {
  if (type.empty()) return subtype;
  if (subtype.empty()) return type;
  return type + "/" + subtype;
}

// The deprecated per-output `transformationType` of columnLineage 1-0-0/1-1-0.
struct DeprecatedTransformation {
  std::string type;  // as sent
  std::string description;
};

// Fills in->type/subtype/description/transformations from a deprecated transformationType:
// IDENTITY, TRANSFORMATION and AGGREGATION are DIRECT subtypes; MASKED (1-0-0's other value)
// is DIRECT/TRANSFORMATION; anything else is kept as the subtype with no type.
void ApplyDeprecated(const DeprecatedTransformation& dep, OlInputField* in) {
  std::string value = dep.type;
  for (char& c : value) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (value == "IDENTITY" || value == "TRANSFORMATION" || value == "AGGREGATION") {
    in->type = "DIRECT";
    in->subtype = value;
  } else if (value == "MASKED") {
    in->type = "DIRECT";
    in->subtype = "TRANSFORMATION";
  } else {
    in->subtype = value;
  }
  in->description = dep.description;
  in->transformations.push_back(TransformationLabel(in->type, in->subtype));
}

Result<OlInputField> ReadInputField(const json& v, const std::string& path,
                                    const DeprecatedTransformation& dep) {
  OlInputField in;
  LINEA_ASSIGN_OR_RETURN(in.namespace_, RequiredString(v, "namespace", path));
  LINEA_ASSIGN_OR_RETURN(in.name, RequiredString(v, "name", path));
  LINEA_ASSIGN_OR_RETURN(in.field, RequiredString(v, "field", path));
  LINEA_ASSIGN_OR_RETURN(const json* list, OptArray(v, "transformations", path));
  std::string list_path = Member(path, "transformations");
  for (size_t i = 0; list != nullptr && i < list->size(); ++i) {
    LINEA_ASSIGN_OR_RETURN(const json* t, ObjectAt(*list, i, list_path));
    std::string t_path = Element(list_path, i);
    LINEA_ASSIGN_OR_RETURN(std::string type, OptString(*t, "type", t_path));
    LINEA_ASSIGN_OR_RETURN(std::string subtype, OptString(*t, "subtype", t_path));
    LINEA_ASSIGN_OR_RETURN(std::string description, OptString(*t, "description", t_path));
    if (i == 0) {
      in.type = type;
      in.subtype = subtype;
      in.description = description;
    }
    in.transformations.push_back(TransformationLabel(type, subtype));
  }
  if (in.transformations.empty() && !dep.type.empty()) ApplyDeprecated(dep, &in);
  return in;
}

Result<std::vector<OlInputField>> ReadInputFields(const json& list, const std::string& path,
                                                  const DeprecatedTransformation& dep) {
  std::vector<OlInputField> out;
  for (size_t i = 0; i < list.size(); ++i) {
    LINEA_ASSIGN_OR_RETURN(const json* v, ObjectAt(list, i, path));
    LINEA_ASSIGN_OR_RETURN(OlInputField in, ReadInputField(*v, Element(path, i), dep));
    out.push_back(std::move(in));
  }
  return out;
}

// columnLineage 1-0-0..1-2-0: `fields` (output column → inputFields) and `dataset`.
Status ReadColumnLineage(const json& facet, const std::string& path, OlDataset* ds) {
  LINEA_ASSIGN_OR_RETURN(const json* fields, OptObject(facet, "fields", path));
  std::string fields_path = Member(path, "fields");
  if (fields != nullptr) {
    for (const auto& item : fields->items()) {
      std::string column_path = Member(fields_path, item.key());
      if (item.key().empty()) return Expected(column_path, "a non-empty output field name");
      if (!item.value().is_object()) return Expected(column_path, "an object");
      DeprecatedTransformation dep;
      LINEA_ASSIGN_OR_RETURN(dep.type, OptString(item.value(), "transformationType", column_path));
      LINEA_ASSIGN_OR_RETURN(dep.description,
                             OptString(item.value(), "transformationDescription", column_path));
      LINEA_ASSIGN_OR_RETURN(const json* inputs,
                             OptArray(item.value(), "inputFields", column_path));
      OlColumnLineage lineage;
      lineage.output_field = item.key();
      if (inputs != nullptr) {
        LINEA_ASSIGN_OR_RETURN(lineage.inputs,
                               ReadInputFields(*inputs, Member(column_path, "inputFields"), dep));
      }
      ds->column_lineage.push_back(std::move(lineage));
    }
  }
  LINEA_ASSIGN_OR_RETURN(const json* dataset, OptArray(facet, "dataset", path));
  if (dataset != nullptr) {
    LINEA_ASSIGN_OR_RETURN(ds->dataset_dependencies,
                           ReadInputFields(*dataset, Member(path, "dataset"), {}));
  }
  return Status::OK();
}

Result<std::vector<OlSymlink>> ReadSymlinks(const json& facet, const std::string& path) {
  std::vector<OlSymlink> out;
  LINEA_ASSIGN_OR_RETURN(const json* ids, OptArray(facet, "identifiers", path));
  if (ids == nullptr) return out;
  std::string ids_path = Member(path, "identifiers");
  for (size_t i = 0; i < ids->size(); ++i) {
    LINEA_ASSIGN_OR_RETURN(const json* v, ObjectAt(*ids, i, ids_path));
    OlSymlink link;
    LINEA_ASSIGN_OR_RETURN(link.namespace_, RequiredString(*v, "namespace", Element(ids_path, i)));
    LINEA_ASSIGN_OR_RETURN(link.name, RequiredString(*v, "name", Element(ids_path, i)));
    LINEA_ASSIGN_OR_RETURN(link.type, OptString(*v, "type", Element(ids_path, i)));
    out.push_back(std::move(link));
  }
  return out;
}

Result<std::vector<OlAssertion>> ReadAssertions(const json& facet, const std::string& path) {
  std::vector<OlAssertion> out;
  LINEA_ASSIGN_OR_RETURN(const json* list, OptArray(facet, "assertions", path));
  if (list == nullptr) return out;
  std::string list_path = Member(path, "assertions");
  for (size_t i = 0; i < list->size(); ++i) {
    LINEA_ASSIGN_OR_RETURN(const json* v, ObjectAt(*list, i, list_path));
    std::string item_path = Element(list_path, i);
    OlAssertion a;
    LINEA_ASSIGN_OR_RETURN(a.assertion, RequiredString(*v, "assertion", item_path));
    const json* success = Find(*v, "success");
    if (success == nullptr || !success->is_boolean()) {
      return Expected(Member(item_path, "success"), "a boolean");
    }
    a.success = success->get<bool>();
    LINEA_ASSIGN_OR_RETURN(a.column, OptString(*v, "column", item_path));
    out.push_back(std::move(a));
  }
  return out;
}

// A facet without its `_producer`/`_schemaURL`/`_deleted` bookkeeping, for quality_json.
json FacetBody(const json& facet) {
  json body = json::object();
  for (const auto& item : facet.items()) {
    if (!StartsWith(item.key(), "_")) body[item.key()] = item.value();
  }
  return body;
}

// The data-quality facet `key`, from inputFacets when there, else from facets.
Result<std::pair<const json*, std::string>> QualityFacet(const json* facets,
                                                         const json* input_facets, const char* key,
                                                         const std::string& path) {
  std::string input_path = Member(path, "inputFacets");
  LINEA_ASSIGN_OR_RETURN(const json* facet, FindFacet(input_facets, key, input_path));
  if (facet != nullptr) return std::make_pair(facet, Member(input_path, key));
  std::string facets_path = Member(path, "facets");
  LINEA_ASSIGN_OR_RETURN(facet, FindFacet(facets, key, facets_path));
  return std::make_pair(facet, Member(facets_path, key));
}

Status ReadQuality(const json* facets, const json* input_facets, const std::string& path,
                   OlDataset* ds) {
  json quality = json::object();
  LINEA_ASSIGN_OR_RETURN(auto assertions,
                         QualityFacet(facets, input_facets, "dataQualityAssertions", path));
  if (assertions.first != nullptr) {
    LINEA_ASSIGN_OR_RETURN(ds->assertions, ReadAssertions(*assertions.first, assertions.second));
    quality["dataQualityAssertions"] = FacetBody(*assertions.first);
  }
  LINEA_ASSIGN_OR_RETURN(auto metrics,
                         QualityFacet(facets, input_facets, "dataQualityMetrics", path));
  if (metrics.first != nullptr) quality["dataQualityMetrics"] = FacetBody(*metrics.first);
  if (!quality.empty()) ds->quality_json = quality.dump();
  return Status::OK();
}

Result<OlDataset> ReadDataset(const json& v, const std::string& path) {
  OlDataset ds;
  LINEA_ASSIGN_OR_RETURN(ds.namespace_, RequiredString(v, "namespace", path));
  LINEA_ASSIGN_OR_RETURN(ds.name, RequiredString(v, "name", path));
  LINEA_ASSIGN_OR_RETURN(const json* facets, OptObject(v, "facets", path));
  LINEA_ASSIGN_OR_RETURN(const json* input_facets, OptObject(v, "inputFacets", path));
  std::string fp = Member(path, "facets");

  LINEA_ASSIGN_OR_RETURN(const json* schema, FindFacet(facets, "schema", fp));
  if (schema != nullptr) {
    std::string schema_path = Member(fp, "schema");
    LINEA_ASSIGN_OR_RETURN(const json* fields, OptArray(*schema, "fields", schema_path));
    if (fields != nullptr) {
      ds.has_schema = true;
      LINEA_RETURN_IF_ERROR(
          ReadSchemaFields(*fields, Member(schema_path, "fields"), "", &ds.schema));
    }
  }
  LINEA_ASSIGN_OR_RETURN(const json* symlinks, FindFacet(facets, "symlinks", fp));
  if (symlinks != nullptr) {
    LINEA_ASSIGN_OR_RETURN(ds.symlinks, ReadSymlinks(*symlinks, Member(fp, "symlinks")));
  }
  LINEA_ASSIGN_OR_RETURN(const json* lineage, FindFacet(facets, "columnLineage", fp));
  if (lineage != nullptr) {
    LINEA_RETURN_IF_ERROR(ReadColumnLineage(*lineage, Member(fp, "columnLineage"), &ds));
  }
  LINEA_ASSIGN_OR_RETURN(const json* ownership, FindFacet(facets, "ownership", fp));
  if (ownership != nullptr) {
    ds.has_ownership = true;
    LINEA_ASSIGN_OR_RETURN(ds.owners, ReadOwners(*ownership, Member(fp, "ownership")));
  }
  LINEA_ASSIGN_OR_RETURN(const json* doc, FindFacet(facets, "documentation", fp));
  if (doc != nullptr) {
    ds.has_documentation = true;
    LINEA_ASSIGN_OR_RETURN(ds.documentation,
                           OptString(*doc, "description", Member(fp, "documentation")));
  }
  LINEA_ASSIGN_OR_RETURN(const json* lifecycle, FindFacet(facets, "lifecycleStateChange", fp));
  if (lifecycle != nullptr) {
    LINEA_ASSIGN_OR_RETURN(
        ds.lifecycle_state_change,
        OptString(*lifecycle, "lifecycleStateChange", Member(fp, "lifecycleStateChange")));
  }
  LINEA_RETURN_IF_ERROR(ReadQuality(facets, input_facets, path, &ds));
  return ds;
}

Result<std::vector<OlDataset>> ReadDatasets(const json& event, const char* key) {
  std::vector<OlDataset> out;
  LINEA_ASSIGN_OR_RETURN(const json* list, OptArray(event, key, "$"));
  if (list == nullptr) return out;
  std::string path = Member("$", key);
  for (size_t i = 0; i < list->size(); ++i) {
    LINEA_ASSIGN_OR_RETURN(const json* v, ObjectAt(*list, i, path));
    LINEA_ASSIGN_OR_RETURN(OlDataset ds, ReadDataset(*v, Element(path, i)));
    out.push_back(std::move(ds));
  }
  return out;
}

Result<OlJob> ReadJob(const json& event) {
  const json* v = Find(event, "job");
  if (v == nullptr || !v->is_object()) return Expected("$.job", "an object");
  OlJob job;
  LINEA_ASSIGN_OR_RETURN(job.namespace_, RequiredString(*v, "namespace", "$.job"));
  LINEA_ASSIGN_OR_RETURN(job.name, RequiredString(*v, "name", "$.job"));
  LINEA_ASSIGN_OR_RETURN(const json* facets, OptObject(*v, "facets", "$.job"));
  const std::string fp = "$.job.facets";
  LINEA_ASSIGN_OR_RETURN(const json* ownership, FindFacet(facets, "ownership", fp));
  if (ownership != nullptr) {
    job.has_ownership = true;
    LINEA_ASSIGN_OR_RETURN(job.owners, ReadOwners(*ownership, Member(fp, "ownership")));
  }
  LINEA_ASSIGN_OR_RETURN(const json* doc, FindFacet(facets, "documentation", fp));
  if (doc != nullptr) {
    job.has_documentation = true;
    LINEA_ASSIGN_OR_RETURN(job.documentation,
                           OptString(*doc, "description", Member(fp, "documentation")));
  }
  LINEA_ASSIGN_OR_RETURN(const json* sql, FindFacet(facets, "sql", fp));
  if (sql != nullptr) {
    LINEA_ASSIGN_OR_RETURN(job.sql, OptString(*sql, "query", Member(fp, "sql")));
  }
  return job;
}

// run.runId and the errorMessage run facet.
Status ReadRun(const json& event, OlEvent* out) {
  const json* run = Find(event, "run");
  if (run == nullptr || !run->is_object()) return Expected("$.run", "an object");
  LINEA_ASSIGN_OR_RETURN(out->run_id, RequiredString(*run, "runId", "$.run"));
  LINEA_ASSIGN_OR_RETURN(const json* facets, OptObject(*run, "facets", "$.run"));
  LINEA_ASSIGN_OR_RETURN(const json* error, FindFacet(facets, "errorMessage", "$.run.facets"));
  if (error != nullptr) {
    LINEA_ASSIGN_OR_RETURN(out->error_message,
                           OptString(*error, "message", "$.run.facets.errorMessage"));
  }
  return Status::OK();
}

Status ReadEventType(const json& event, OlEvent* out) {
  LINEA_ASSIGN_OR_RETURN(std::string type, OptString(event, "eventType", "$"));
  for (char& c : type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  static constexpr std::string_view kTypes[] = {"START", "RUNNING", "COMPLETE",
                                                "ABORT", "FAIL",    "OTHER"};
  if (!type.empty() && std::find(std::begin(kTypes), std::end(kTypes), type) == std::end(kTypes)) {
    return Expected("$.eventType",
                    "one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER, got " +
                        json(type).dump(-1, ' ', false, json::error_handler_t::replace));
  }
  out->event_type = std::move(type);
  return Status::OK();
}

Status ReadEventTime(const json& event, OlEvent* out) {
  const json* time = Find(event, "eventTime");
  if (time == nullptr || !time->is_string()) {
    return Expected("$.eventTime", "an ISO-8601 date-time string");
  }
  out->event_time = time->get<std::string>();
  Result<int64_t> ms = ParseEventTime(out->event_time);
  if (!ms.ok()) return InvalidArgumentError("$.eventTime: " + ms.status().message());
  out->event_time_ms = *ms;
  return Status::OK();
}

Result<OlEvent> ReadEvent(const json& event) {
  if (!event.is_object()) return Expected("$", "a JSON object (an OpenLineage event)");
  OlEvent out;
  LINEA_RETURN_IF_ERROR(ReadEventTime(event, &out));
  LINEA_RETURN_IF_ERROR(ReadEventType(event, &out));
  LINEA_ASSIGN_OR_RETURN(out.producer, OptString(event, "producer", "$"));
  if (Find(event, "run") != nullptr) {
    out.event_class = EventClass::kRun;
    LINEA_RETURN_IF_ERROR(ReadRun(event, &out));
  } else if (Find(event, "job") != nullptr) {
    out.event_class = EventClass::kJob;
  } else if (const json* dataset = Find(event, "dataset"); dataset != nullptr) {
    out.event_class = EventClass::kDataset;
    if (!dataset->is_object()) return Expected("$.dataset", "an object");
    LINEA_ASSIGN_OR_RETURN(out.dataset, ReadDataset(*dataset, "$.dataset"));
    return out;
  } else {
    return Expected("$", "a RunEvent (run and job), a JobEvent (job) or a DatasetEvent (dataset)");
  }
  LINEA_ASSIGN_OR_RETURN(out.job, ReadJob(event));
  LINEA_ASSIGN_OR_RETURN(out.inputs, ReadDatasets(event, "inputs"));
  LINEA_ASSIGN_OR_RETURN(out.outputs, ReadDatasets(event, "outputs"));
  return out;
}

// ---- Event time ---------------------------------------------------------------------------

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `n` digits at `*pos` into `*value`.
bool Digits(std::string_view s, size_t* pos, size_t n, int* value) {
  if (*pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *value = v;
  return true;
}

bool Expect(std::string_view s, size_t* pos, char c) {
  if (*pos >= s.size() || s[*pos] != c) return false;
  ++*pos;
  return true;
}

// Offset in minutes east of UTC from "Z", "+HH:MM", "+HHMM" or "+HH" at `*pos`, or 0 when the
// text ends there (no offset: UTC). False for anything else.
bool ParseOffset(std::string_view s, size_t* pos, int* minutes) {
  *minutes = 0;
  if (*pos == s.size()) return true;
  char c = s[*pos];
  if (c == 'Z' || c == 'z') return ++*pos == s.size();
  if (c != '+' && c != '-') return false;
  ++*pos;
  int hh = 0, mm = 0;
  if (!Digits(s, pos, 2, &hh)) return false;
  if (*pos < s.size()) {
    Expect(s, pos, ':');
    if (!Digits(s, pos, 2, &mm)) return false;
  }
  if (*pos != s.size() || hh > 23 || mm > 59) return false;
  *minutes = (c == '-' ? -1 : 1) * (hh * 60 + mm);
  return true;
}

std::optional<int64_t> ParseTime(std::string_view s) {
  size_t pos = 0;
  int year, month, day, hour, minute, second;
  if (!Digits(s, &pos, 4, &year) || !Expect(s, &pos, '-') || !Digits(s, &pos, 2, &month) ||
      !Expect(s, &pos, '-') || !Digits(s, &pos, 2, &day)) {
    return std::nullopt;
  }
  if (pos >= s.size() || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ')) return std::nullopt;
  ++pos;
  if (!Digits(s, &pos, 2, &hour) || !Expect(s, &pos, ':') || !Digits(s, &pos, 2, &minute) ||
      !Expect(s, &pos, ':') || !Digits(s, &pos, 2, &second)) {
    return std::nullopt;
  }
  int millis = 0;
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    ++pos;
    size_t start = pos;
    for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos) {
      if (pos - start < 3) millis = millis * 10 + (s[pos] - '0');
    }
    if (pos == start) return std::nullopt;
    for (size_t n = pos - start; n < 3; ++n) millis *= 10;
  }
  int offset = 0;
  if (!ParseOffset(s, &pos, &offset)) return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 ||
      minute > 59 || second > 60) {
    return std::nullopt;
  }
  int64_t seconds = DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second -
                    static_cast<int64_t>(offset) * 60;
  return seconds * 1000 + millis;
}

}  // namespace

Result<int64_t> ParseEventTime(std::string_view text) {
  std::optional<int64_t> ms = ParseTime(text);
  if (ms.has_value()) return *ms;
  std::string shown(text.substr(0, 64));
  if (text.size() > 64) shown += "…";
  return InvalidArgumentError(
      "expected an ISO-8601 date-time (e.g. 2024-10-16T16:53:47.366Z), got " +
      json(shown).dump(-1, ' ', false, json::error_handler_t::replace));
}

Result<DecodedEvent> DecodeEvent(const nlohmann::json& event_json) {
  LINEA_ASSIGN_OR_RETURN(OlEvent event, ReadEvent(event_json));
  DecodedEvent out;
  out.event = std::move(event);
  try {
    out.canonical = event_json.dump();
  } catch (const nlohmann::json::type_error&) {
    return InvalidArgumentError("$: a string is not valid UTF-8");
  }
  out.hash = Sha256Hex(out.canonical);
  return out;
}

Result<DecodedEvent> DecodeEventText(std::string_view text) {
  ParseFailure failure;
  json parsed = ParseBounded(text, kMaxDepth, &failure);
  if (parsed.is_discarded()) return InvalidArgumentError(DescribeFailure(failure));
  return DecodeEvent(parsed);
}

Result<std::vector<std::string>> SplitEvents(std::string_view text) {
  if (StartsWith(text, "\xEF\xBB\xBF")) text.remove_prefix(3);  // a UTF-8 byte order mark
  std::string_view body = Trim(text);
  if (body.empty()) return InvalidArgumentError("no events: the body is empty");
  std::vector<std::string> events;
  ParseFailure failure;
  if (body.front() == '[') {
    // One level more than an event: the array holds the events.
    json array = ParseBounded(text, kMaxDepth + 1, &failure);
    if (array.is_discarded()) return InvalidArgumentError(DescribeFailure(failure));
    for (const json& element : array) events.push_back(element.dump());
    return events;
  }
  if (body.front() != '{') {
    return InvalidArgumentError(
        "expected a JSON object, a JSON array of events or JSON Lines (one event per line)");
  }
  json whole = ParseBounded(text, kMaxDepth, &failure);
  if (!whole.is_discarded()) {
    events.push_back(whole.dump());
    return events;
  }
  // JSON Lines when the first non-blank line is a JSON value on its own; otherwise the text
  // is one (broken) object and its parse error is the answer.
  std::vector<std::string> lines = Split(text, '\n');
  size_t first = 0;
  while (first < lines.size() && Trim(lines[first]).empty()) ++first;
  ParseFailure line_failure;
  if (first == lines.size() ||
      ParseBounded(lines[first], kMaxDepth, &line_failure).is_discarded()) {
    return InvalidArgumentError(DescribeFailure(failure));
  }
  for (size_t i = first; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Trim(line).empty()) continue;
    json value = ParseBounded(line, kMaxDepth, &line_failure);
    if (value.is_discarded()) {
      std::string where = "line " + std::to_string(i + 1);
      if (line_failure.line != 0) where += ", column " + std::to_string(line_failure.column);
      return InvalidArgumentError(where + ": invalid JSON: " + line_failure.detail);
    }
    events.push_back(value.dump());
  }
  return events;
}

}  // namespace linea::ingest::openlineage
