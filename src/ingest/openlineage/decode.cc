#include "ingest/openlineage/decode.h"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "common/sha256.h"
#include "common/status_macros.h"
#include "common/strings.h"

namespace linea::openlineage {
namespace {

namespace dom = simdjson::dom;

// Deepest nesting a parsed event may have, as simdjson counts it: a value inside 128 objects
// or arrays is rejected (an empty container may be the 128th level). Deeper input fails the
// parse, so no later recursive walk (serialization, quality_json) can exhaust the stack.
constexpr size_t kMaxDepth = 128;

// `text` without a leading UTF-8 byte order mark.
std::string_view WithoutBom(std::string_view text) {
  constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
  return StartsWith(text, kUtf8Bom) ? text.substr(kUtf8Bom.size()) : text;
}

// ---- Parsing ------------------------------------------------------------------------------

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

// A SAX consumer of nlohmann's parser that builds nothing and keeps the first error, the
// depth bound included. simdjson says what is wrong with a text but not where, so a text it
// rejected is read once more by nlohmann (iteratively: depth costs no stack) for the line and
// column, and for the error met first in reading order.
struct FirstSyntaxError {
  using json = nlohmann::json;
  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number_integer(json::number_integer_t) { return true; }
  bool number_unsigned(json::number_unsigned_t) { return true; }
  bool number_float(json::number_float_t, const json::string_t&) { return true; }
  bool string(json::string_t&) { return true; }
  bool binary(json::binary_t&) { return true; }
  bool start_object(std::size_t) { return Enter(); }
  bool key(json::string_t&) { return true; }
  bool end_object() { return Leave(); }
  bool start_array(std::size_t) { return Enter(); }
  bool end_array() { return Leave(); }
  bool Enter() {
    if (++depth <= max_depth) return true;
    found = true;
    failure = {0, 0, "nested deeper than " + std::to_string(max_depth) + " levels"};
    return false;
  }
  bool Leave() {
    --depth;
    return true;
  }
  bool parse_error(std::size_t /*position*/, const std::string&, const json::exception& e) {
    found = true;
    std::string what = e.what();
    if (const auto* error = dynamic_cast<const json::parse_error*>(&e)) {
      // error->byte is the 1-based index of the byte the lexer stopped at.
      auto [line, column] = LineColumn(text, error->byte > 0 ? error->byte - 1 : 0);
      size_t colon = what.find(": ");
      failure = {line, column, colon == std::string::npos ? what : what.substr(colon + 2)};
    } else {
      // e.g. out_of_range.406 "number overflow parsing '1e999'", which has no position.
      size_t bracket = what.find("] ");
      failure = {0, 0, bracket == std::string::npos ? what : what.substr(bracket + 2)};
    }
    return false;
  }

  std::string_view text;
  size_t max_depth = 0;
  size_t depth = 0;
  bool found = false;
  ParseFailure failure;
};

// Why `text` failed to parse with `error`, nested at most `max_depth` levels.
ParseFailure DiagnoseFailure(std::string_view text, simdjson::error_code error, size_t max_depth) {
  if (Trim(text).empty()) return {0, 0, "empty input"};
  if (size_t bad = FindInvalidUtf8(text); bad != std::string_view::npos) {
    auto [line, column] = LineColumn(text, bad);
    return {line, column, "invalid UTF-8 (byte " + std::to_string(bad) + ")"};
  }
  if (error == simdjson::DEPTH_ERROR) {
    return {0, 0, "nested deeper than " + std::to_string(max_depth) + " levels"};
  }
  FirstSyntaxError sax;
  sax.text = text;
  sax.max_depth = max_depth;
  nlohmann::json::sax_parse(text.begin(), text.end(), &sax);
  if (sax.found) return sax.failure;
  // Valid JSON that simdjson cannot represent: an integer past 64 bits.
  if (error == simdjson::NUMBER_ERROR) {
    return {0, 0, "a number is out of range (integers are 64-bit)"};
  }
  return {0, 0, simdjson::error_message(error)};
}

std::string DescribeFailure(const ParseFailure& f) {
  if (f.line == 0) return "invalid JSON: " + f.detail;
  return "invalid JSON at line " + std::to_string(f.line) + ", column " + std::to_string(f.column) +
         ": " + f.detail;
}

// Inputs up to this size are parsed by a parser kept per thread, whose buffers (about 15 bytes
// per input byte) serve the next call; larger ones get a parser of their own, freed after use.
constexpr size_t kReusedParserCapacity = 512 * 1024;
constexpr size_t kInitialParserCapacity = 64 * 1024;

// This thread's parser for texts nested at most `max_depth` levels: kMaxDepth for events,
// kMaxDepth + 1 for arrays of events. A dom::parser is not thread-safe.
dom::parser& ReusedParser(size_t max_depth) {
  thread_local dom::parser event_parser;
  thread_local dom::parser array_parser;
  return max_depth == kMaxDepth ? event_parser : array_parser;
}

// One parsed JSON text. `root` lives in `own` for a large text, else in this thread's reused
// parser for its depth, where the next Parse with that depth replaces it.
struct ParsedJson {
  std::unique_ptr<dom::parser> own;
  dom::element root;
};

// Parses `text` (after a UTF-8 byte order mark, which is skipped) as one JSON value nested at
// most `max_depth` levels. Returns simdjson's error, which DiagnoseFailure explains.
simdjson::error_code Parse(std::string_view text, size_t max_depth, ParsedJson* out) {
  if (Trim(text).empty()) return simdjson::EMPTY;
  std::string_view json = WithoutBom(text);
  dom::parser* parser;
  if (json.size() <= kReusedParserCapacity) {
    out->own.reset();
    parser = &ReusedParser(max_depth);
  } else {
    out->own = std::make_unique<dom::parser>();
    parser = out->own.get();
  }
  if (parser->max_depth() != max_depth || parser->capacity() < json.size()) {
    // Allocates with the depth bound; the parser's own growth keeps it.
    simdjson::error_code error =
        parser->allocate(std::max(json.size(), kInitialParserCapacity), max_depth);
    if (error) return error;
  }
  return parser->parse(json.data(), json.size()).get(out->root);
}

// ---- Typed access with JSON paths -----------------------------------------------------------

// `s` as a JSON string literal, for messages (invalid UTF-8 shown as U+FFFD).
std::string Quoted(std::string_view s) {
  return nlohmann::json(std::string(s))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

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
  return path + "[" + Quoted(key) + "]";
}

std::string Element(const std::string& path, size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

Status Expected(const std::string& path, std::string_view what) {
  return InvalidArgumentError(path + ": expected " + std::string(what));
}

using MaybeObject = std::optional<dom::object>;
using MaybeArray = std::optional<dom::array>;

// Member `key` of `obj`; nullopt when absent or null. Of repeated keys the last one counts.
std::optional<dom::element> Find(dom::object obj, std::string_view key) {
  std::optional<dom::element> found;
  for (dom::key_value_pair member : obj) {
    if (member.key == key) found = member.value;
  }
  if (found.has_value() && found->is_null()) return std::nullopt;
  return found;
}

// A string member; "" when absent or null.
Result<std::string> OptString(dom::object obj, std::string_view key, const std::string& path) {
  std::optional<dom::element> v = Find(obj, key);
  if (!v.has_value()) return std::string();
  std::string_view s;
  if (v->get_string().get(s)) return Expected(Member(path, key), "a string");
  return std::string(s);
}

Result<std::string> RequiredString(dom::object obj, std::string_view key, const std::string& path) {
  std::optional<dom::element> v = Find(obj, key);
  std::string_view s;
  if (!v.has_value() || v->get_string().get(s) || s.empty()) {
    return Expected(Member(path, key), "a non-empty string");
  }
  return std::string(s);
}

// `v` as an object, or the error "<path>: expected an object".
Result<dom::object> AsObject(dom::element v, const std::string& path) {
  dom::object obj;
  if (v.get_object().get(obj)) return Expected(path, "an object");
  return obj;
}

// An object member; nullopt when absent or null.
Result<MaybeObject> OptObject(dom::object obj, std::string_view key, const std::string& path) {
  std::optional<dom::element> v = Find(obj, key);
  if (!v.has_value()) return MaybeObject();
  LINEA_ASSIGN_OR_RETURN(dom::object member, AsObject(*v, Member(path, key)));
  return MaybeObject(member);
}

// An array member; nullopt when absent or null.
Result<MaybeArray> OptArray(dom::object obj, std::string_view key, const std::string& path) {
  std::optional<dom::element> v = Find(obj, key);
  if (!v.has_value()) return MaybeArray();
  dom::array array;
  if (v->get_array().get(array)) return Expected(Member(path, key), "an array");
  return MaybeArray(array);
}

// The facet `key` of the facets object `facets` (may be absent); nullopt when absent, null or
// marked `"_deleted": true`. A facet that is not an object is an error.
Result<MaybeObject> FindFacet(MaybeObject facets, std::string_view key, const std::string& path) {
  if (!facets.has_value()) return MaybeObject();
  LINEA_ASSIGN_OR_RETURN(MaybeObject facet, OptObject(*facets, key, path));
  if (facet.has_value()) {
    std::optional<dom::element> deleted = Find(*facet, "_deleted");
    bool is_deleted = false;
    if (deleted.has_value() && !deleted->get_bool().get(is_deleted) && is_deleted) {
      return MaybeObject();
    }
  }
  return facet;
}

// The members of `obj` sorted by key, the last of repeated keys winning: the order decoding has
// always reported (it once came from nlohmann's std::map), whatever order producers send.
std::vector<std::pair<std::string_view, dom::element>> SortedMembers(dom::object obj) {
  std::vector<std::pair<std::string_view, dom::element>> members;
  for (dom::key_value_pair member : obj) members.emplace_back(member.key, member.value);
  std::stable_sort(members.begin(), members.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::pair<std::string_view, dom::element>> unique;
  for (size_t i = 0; i < members.size(); ++i) {
    if (i + 1 < members.size() && members[i + 1].first == members[i].first) continue;
    unique.push_back(members[i]);
  }
  return unique;
}

// `v` as an nlohmann value (objects sorted, repeated keys: the last wins).
nlohmann::json ToNlohmann(dom::element v) {
  switch (v.type()) {
    case dom::element_type::ARRAY: {
      nlohmann::json array = nlohmann::json::array();
      dom::array items = v.get_array().value_unsafe();
      for (dom::element item : items) array.push_back(ToNlohmann(item));
      return array;
    }
    case dom::element_type::OBJECT: {
      nlohmann::json object = nlohmann::json::object();
      dom::object members = v.get_object().value_unsafe();
      for (dom::key_value_pair member : members) {
        object[std::string(member.key)] = ToNlohmann(member.value);
      }
      return object;
    }
    case dom::element_type::INT64:
      return v.get_int64().value_unsafe();
    case dom::element_type::UINT64:
      return v.get_uint64().value_unsafe();
    case dom::element_type::DOUBLE:
      return v.get_double().value_unsafe();
    case dom::element_type::STRING:
      return std::string(v.get_string().value_unsafe());
    case dom::element_type::BOOL:
      return v.get_bool().value_unsafe();
    case dom::element_type::NULL_VALUE:
      break;
  }
  return nullptr;
}

// ---- Facets -------------------------------------------------------------------------------

// Appends the fields of a schema `fields` array to `out`, nested ones as "parent.child".
Status ReadSchemaFields(dom::array fields, const std::string& path, const std::string& prefix,
                        std::vector<OlSchemaField>* out) {
  size_t i = 0;
  for (dom::element item : fields) {
    std::string field_path = Element(path, i++);
    LINEA_ASSIGN_OR_RETURN(dom::object f, AsObject(item, field_path));
    OlSchemaField field;
    LINEA_ASSIGN_OR_RETURN(std::string name, RequiredString(f, "name", field_path));
    field.name = prefix + name;
    LINEA_ASSIGN_OR_RETURN(field.type, OptString(f, "type", field_path));
    LINEA_ASSIGN_OR_RETURN(field.description, OptString(f, "description", field_path));
    out->push_back(field);
    LINEA_ASSIGN_OR_RETURN(MaybeArray nested, OptArray(f, "fields", field_path));
    if (nested.has_value()) {
      LINEA_RETURN_IF_ERROR(
          ReadSchemaFields(*nested, Member(field_path, "fields"), field.name + ".", out));
    }
  }
  return Status::OK();
}

Result<std::vector<OlOwner>> ReadOwners(dom::object facet, const std::string& path) {
  std::vector<OlOwner> owners;
  LINEA_ASSIGN_OR_RETURN(MaybeArray list, OptArray(facet, "owners", path));
  if (!list.has_value()) return owners;
  std::string list_path = Member(path, "owners");
  size_t i = 0;
  for (dom::element item : *list) {
    std::string owner_path = Element(list_path, i++);
    LINEA_ASSIGN_OR_RETURN(dom::object o, AsObject(item, owner_path));
    OlOwner owner;
    LINEA_ASSIGN_OR_RETURN(owner.name, RequiredString(o, "name", owner_path));
    LINEA_ASSIGN_OR_RETURN(owner.type, OptString(o, "type", owner_path));
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

Result<OlInputField> ReadInputField(dom::object v, const std::string& path,
                                    const DeprecatedTransformation& dep) {
  OlInputField in;
  LINEA_ASSIGN_OR_RETURN(in.namespace_, RequiredString(v, "namespace", path));
  LINEA_ASSIGN_OR_RETURN(in.name, RequiredString(v, "name", path));
  LINEA_ASSIGN_OR_RETURN(in.field, RequiredString(v, "field", path));
  LINEA_ASSIGN_OR_RETURN(MaybeArray list, OptArray(v, "transformations", path));
  if (list.has_value()) {
    std::string list_path = Member(path, "transformations");
    size_t i = 0;
    for (dom::element item : *list) {
      std::string t_path = Element(list_path, i);
      LINEA_ASSIGN_OR_RETURN(dom::object t, AsObject(item, t_path));
      LINEA_ASSIGN_OR_RETURN(std::string type, OptString(t, "type", t_path));
      LINEA_ASSIGN_OR_RETURN(std::string subtype, OptString(t, "subtype", t_path));
      LINEA_ASSIGN_OR_RETURN(std::string description, OptString(t, "description", t_path));
      if (i++ == 0) {
        in.type = type;
        in.subtype = subtype;
        in.description = description;
      }
      in.transformations.push_back(TransformationLabel(type, subtype));
    }
  }
  if (in.transformations.empty() && !dep.type.empty()) ApplyDeprecated(dep, &in);
  return in;
}

Result<std::vector<OlInputField>> ReadInputFields(dom::array list, const std::string& path,
                                                  const DeprecatedTransformation& dep) {
  std::vector<OlInputField> out;
  size_t i = 0;
  for (dom::element item : list) {
    std::string item_path = Element(path, i++);
    LINEA_ASSIGN_OR_RETURN(dom::object v, AsObject(item, item_path));
    LINEA_ASSIGN_OR_RETURN(OlInputField in, ReadInputField(v, item_path, dep));
    out.push_back(std::move(in));
  }
  return out;
}

// columnLineage 1-0-0..1-2-0: `fields` (output column → inputFields) and `dataset`. Output
// columns come sorted by name.
Status ReadColumnLineage(dom::object facet, const std::string& path, OlDataset* ds) {
  LINEA_ASSIGN_OR_RETURN(MaybeObject fields, OptObject(facet, "fields", path));
  std::string fields_path = Member(path, "fields");
  if (fields.has_value()) {
    for (const auto& [column, value] : SortedMembers(*fields)) {
      std::string column_path = Member(fields_path, column);
      if (column.empty()) return Expected(column_path, "a non-empty output field name");
      LINEA_ASSIGN_OR_RETURN(dom::object entry, AsObject(value, column_path));
      DeprecatedTransformation dep;
      LINEA_ASSIGN_OR_RETURN(dep.type, OptString(entry, "transformationType", column_path));
      LINEA_ASSIGN_OR_RETURN(dep.description,
                             OptString(entry, "transformationDescription", column_path));
      LINEA_ASSIGN_OR_RETURN(MaybeArray inputs, OptArray(entry, "inputFields", column_path));
      OlColumnLineage lineage;
      lineage.output_field = std::string(column);
      if (inputs.has_value()) {
        LINEA_ASSIGN_OR_RETURN(lineage.inputs,
                               ReadInputFields(*inputs, Member(column_path, "inputFields"), dep));
      }
      ds->column_lineage.push_back(std::move(lineage));
    }
  }
  LINEA_ASSIGN_OR_RETURN(MaybeArray dataset, OptArray(facet, "dataset", path));
  if (dataset.has_value()) {
    LINEA_ASSIGN_OR_RETURN(ds->dataset_dependencies,
                           ReadInputFields(*dataset, Member(path, "dataset"), {}));
  }
  return Status::OK();
}

Result<std::vector<OlSymlink>> ReadSymlinks(dom::object facet, const std::string& path) {
  std::vector<OlSymlink> out;
  LINEA_ASSIGN_OR_RETURN(MaybeArray ids, OptArray(facet, "identifiers", path));
  if (!ids.has_value()) return out;
  std::string ids_path = Member(path, "identifiers");
  size_t i = 0;
  for (dom::element item : *ids) {
    std::string link_path = Element(ids_path, i++);
    LINEA_ASSIGN_OR_RETURN(dom::object v, AsObject(item, link_path));
    OlSymlink link;
    LINEA_ASSIGN_OR_RETURN(link.namespace_, RequiredString(v, "namespace", link_path));
    LINEA_ASSIGN_OR_RETURN(link.name, RequiredString(v, "name", link_path));
    LINEA_ASSIGN_OR_RETURN(link.type, OptString(v, "type", link_path));
    out.push_back(std::move(link));
  }
  return out;
}

Result<std::vector<OlAssertion>> ReadAssertions(dom::object facet, const std::string& path) {
  std::vector<OlAssertion> out;
  LINEA_ASSIGN_OR_RETURN(MaybeArray list, OptArray(facet, "assertions", path));
  if (!list.has_value()) return out;
  std::string list_path = Member(path, "assertions");
  size_t i = 0;
  for (dom::element item : *list) {
    std::string item_path = Element(list_path, i++);
    LINEA_ASSIGN_OR_RETURN(dom::object v, AsObject(item, item_path));
    OlAssertion a;
    LINEA_ASSIGN_OR_RETURN(a.assertion, RequiredString(v, "assertion", item_path));
    std::optional<dom::element> success = Find(v, "success");
    if (!success.has_value() || success->get_bool().get(a.success)) {
      return Expected(Member(item_path, "success"), "a boolean");
    }
    LINEA_ASSIGN_OR_RETURN(a.column, OptString(v, "column", item_path));
    out.push_back(std::move(a));
  }
  return out;
}

// A facet without its `_producer`/`_schemaURL`/`_deleted` bookkeeping, for quality_json.
nlohmann::json FacetBody(dom::object facet) {
  nlohmann::json body = nlohmann::json::object();
  for (dom::key_value_pair member : facet) {
    if (!StartsWith(member.key, "_")) body[std::string(member.key)] = ToNlohmann(member.value);
  }
  return body;
}

// A data-quality facet and the path it was found at.
struct QualityFacetAt {
  MaybeObject facet;
  std::string path;
};

// The data-quality facet `key`, from inputFacets when there, else from facets.
Result<QualityFacetAt> QualityFacet(MaybeObject facets, MaybeObject input_facets,
                                    std::string_view key, const std::string& path) {
  std::string input_path = Member(path, "inputFacets");
  LINEA_ASSIGN_OR_RETURN(MaybeObject facet, FindFacet(input_facets, key, input_path));
  if (facet.has_value()) return QualityFacetAt{facet, Member(input_path, key)};
  std::string facets_path = Member(path, "facets");
  LINEA_ASSIGN_OR_RETURN(facet, FindFacet(facets, key, facets_path));
  return QualityFacetAt{facet, Member(facets_path, key)};
}

Status ReadQuality(MaybeObject facets, MaybeObject input_facets, const std::string& path,
                   OlDataset* ds) {
  if (!facets.has_value() && !input_facets.has_value()) return Status::OK();
  nlohmann::json quality = nlohmann::json::object();
  LINEA_ASSIGN_OR_RETURN(QualityFacetAt assertions,
                         QualityFacet(facets, input_facets, "dataQualityAssertions", path));
  if (assertions.facet.has_value()) {
    LINEA_ASSIGN_OR_RETURN(ds->assertions, ReadAssertions(*assertions.facet, assertions.path));
    quality["dataQualityAssertions"] = FacetBody(*assertions.facet);
  }
  LINEA_ASSIGN_OR_RETURN(QualityFacetAt metrics,
                         QualityFacet(facets, input_facets, "dataQualityMetrics", path));
  if (metrics.facet.has_value()) quality["dataQualityMetrics"] = FacetBody(*metrics.facet);
  if (!quality.empty()) ds->quality_json = quality.dump();
  return Status::OK();
}

Result<OlDataset> ReadDataset(dom::object v, const std::string& path) {
  OlDataset ds;
  LINEA_ASSIGN_OR_RETURN(ds.namespace_, RequiredString(v, "namespace", path));
  LINEA_ASSIGN_OR_RETURN(ds.name, RequiredString(v, "name", path));
  LINEA_ASSIGN_OR_RETURN(MaybeObject facets, OptObject(v, "facets", path));
  LINEA_ASSIGN_OR_RETURN(MaybeObject input_facets, OptObject(v, "inputFacets", path));
  std::string fp = Member(path, "facets");

  LINEA_ASSIGN_OR_RETURN(MaybeObject schema, FindFacet(facets, "schema", fp));
  if (schema.has_value()) {
    std::string schema_path = Member(fp, "schema");
    LINEA_ASSIGN_OR_RETURN(MaybeArray fields, OptArray(*schema, "fields", schema_path));
    if (fields.has_value()) {
      ds.has_schema = true;
      LINEA_RETURN_IF_ERROR(
          ReadSchemaFields(*fields, Member(schema_path, "fields"), "", &ds.schema));
    }
  }
  LINEA_ASSIGN_OR_RETURN(MaybeObject symlinks, FindFacet(facets, "symlinks", fp));
  if (symlinks.has_value()) {
    LINEA_ASSIGN_OR_RETURN(ds.symlinks, ReadSymlinks(*symlinks, Member(fp, "symlinks")));
  }
  LINEA_ASSIGN_OR_RETURN(MaybeObject lineage, FindFacet(facets, "columnLineage", fp));
  if (lineage.has_value()) {
    LINEA_RETURN_IF_ERROR(ReadColumnLineage(*lineage, Member(fp, "columnLineage"), &ds));
  }
  LINEA_ASSIGN_OR_RETURN(MaybeObject ownership, FindFacet(facets, "ownership", fp));
  if (ownership.has_value()) {
    ds.has_ownership = true;
    LINEA_ASSIGN_OR_RETURN(ds.owners, ReadOwners(*ownership, Member(fp, "ownership")));
  }
  LINEA_ASSIGN_OR_RETURN(MaybeObject doc, FindFacet(facets, "documentation", fp));
  if (doc.has_value()) {
    ds.has_documentation = true;
    LINEA_ASSIGN_OR_RETURN(ds.documentation,
                           OptString(*doc, "description", Member(fp, "documentation")));
  }
  LINEA_ASSIGN_OR_RETURN(MaybeObject lifecycle, FindFacet(facets, "lifecycleStateChange", fp));
  if (lifecycle.has_value()) {
    LINEA_ASSIGN_OR_RETURN(
        ds.lifecycle_state_change,
        OptString(*lifecycle, "lifecycleStateChange", Member(fp, "lifecycleStateChange")));
  }
  LINEA_RETURN_IF_ERROR(ReadQuality(facets, input_facets, path, &ds));
  return ds;
}

Result<std::vector<OlDataset>> ReadDatasets(dom::object event, std::string_view key) {
  std::vector<OlDataset> out;
  LINEA_ASSIGN_OR_RETURN(MaybeArray list, OptArray(event, key, "$"));
  if (!list.has_value()) return out;
  std::string path = Member("$", key);
  size_t i = 0;
  for (dom::element item : *list) {
    std::string dataset_path = Element(path, i++);
    LINEA_ASSIGN_OR_RETURN(dom::object v, AsObject(item, dataset_path));
    LINEA_ASSIGN_OR_RETURN(OlDataset ds, ReadDataset(v, dataset_path));
    out.push_back(std::move(ds));
  }
  return out;
}

Result<OlJob> ReadJob(dom::object event) {
  std::optional<dom::element> v = Find(event, "job");
  if (!v.has_value()) return Expected("$.job", "an object");
  LINEA_ASSIGN_OR_RETURN(dom::object job_json, AsObject(*v, "$.job"));
  OlJob job;
  LINEA_ASSIGN_OR_RETURN(job.namespace_, RequiredString(job_json, "namespace", "$.job"));
  LINEA_ASSIGN_OR_RETURN(job.name, RequiredString(job_json, "name", "$.job"));
  LINEA_ASSIGN_OR_RETURN(MaybeObject facets, OptObject(job_json, "facets", "$.job"));
  const std::string fp = "$.job.facets";
  LINEA_ASSIGN_OR_RETURN(MaybeObject ownership, FindFacet(facets, "ownership", fp));
  if (ownership.has_value()) {
    job.has_ownership = true;
    LINEA_ASSIGN_OR_RETURN(job.owners, ReadOwners(*ownership, Member(fp, "ownership")));
  }
  LINEA_ASSIGN_OR_RETURN(MaybeObject doc, FindFacet(facets, "documentation", fp));
  if (doc.has_value()) {
    job.has_documentation = true;
    LINEA_ASSIGN_OR_RETURN(job.documentation,
                           OptString(*doc, "description", Member(fp, "documentation")));
  }
  LINEA_ASSIGN_OR_RETURN(MaybeObject sql, FindFacet(facets, "sql", fp));
  if (sql.has_value()) {
    LINEA_ASSIGN_OR_RETURN(job.sql, OptString(*sql, "query", Member(fp, "sql")));
  }
  return job;
}

// run.runId and the errorMessage run facet.
Status ReadRun(dom::element run_json, OlEvent* out) {
  LINEA_ASSIGN_OR_RETURN(dom::object run, AsObject(run_json, "$.run"));
  LINEA_ASSIGN_OR_RETURN(out->run_id, RequiredString(run, "runId", "$.run"));
  LINEA_ASSIGN_OR_RETURN(MaybeObject facets, OptObject(run, "facets", "$.run"));
  LINEA_ASSIGN_OR_RETURN(MaybeObject error, FindFacet(facets, "errorMessage", "$.run.facets"));
  if (error.has_value()) {
    LINEA_ASSIGN_OR_RETURN(out->error_message,
                           OptString(*error, "message", "$.run.facets.errorMessage"));
  }
  return Status::OK();
}

Status ReadEventType(dom::object event, OlEvent* out) {
  LINEA_ASSIGN_OR_RETURN(std::string type, OptString(event, "eventType", "$"));
  for (char& c : type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  static constexpr std::string_view kTypes[] = {"START", "RUNNING", "COMPLETE",
                                                "ABORT", "FAIL",    "OTHER"};
  if (!type.empty() && std::find(std::begin(kTypes), std::end(kTypes), type) == std::end(kTypes)) {
    return Expected("$.eventType",
                    "one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER, got " + Quoted(type));
  }
  out->event_type = std::move(type);
  return Status::OK();
}

Status ReadEventTime(dom::object event, OlEvent* out) {
  std::optional<dom::element> time = Find(event, "eventTime");
  std::string_view text;
  if (!time.has_value() || time->get_string().get(text)) {
    return Expected("$.eventTime", "an ISO-8601 date-time string");
  }
  out->event_time = std::string(text);
  Result<int64_t> ms = ParseEventTime(out->event_time);
  if (!ms.ok()) return InvalidArgumentError("$.eventTime: " + ms.status().message());
  out->event_time_ms = *ms;
  return Status::OK();
}

Result<OlEvent> ReadEvent(dom::element root) {
  dom::object event;
  if (root.get_object().get(event)) {
    return Expected("$", "a JSON object (an OpenLineage event)");
  }
  OlEvent out;
  LINEA_RETURN_IF_ERROR(ReadEventTime(event, &out));
  LINEA_RETURN_IF_ERROR(ReadEventType(event, &out));
  LINEA_ASSIGN_OR_RETURN(out.producer, OptString(event, "producer", "$"));
  if (std::optional<dom::element> run = Find(event, "run"); run.has_value()) {
    out.event_class = EventClass::kRun;
    LINEA_RETURN_IF_ERROR(ReadRun(*run, &out));
  } else if (Find(event, "job").has_value()) {
    out.event_class = EventClass::kJob;
  } else if (std::optional<dom::element> dataset = Find(event, "dataset"); dataset.has_value()) {
    out.event_class = EventClass::kDataset;
    LINEA_ASSIGN_OR_RETURN(dom::object dataset_json, AsObject(*dataset, "$.dataset"));
    LINEA_ASSIGN_OR_RETURN(out.dataset, ReadDataset(dataset_json, "$.dataset"));
    return out;
  } else {
    return Expected("$", "a RunEvent (run and job), a JobEvent (job) or a DatasetEvent (dataset)");
  }
  LINEA_ASSIGN_OR_RETURN(out.job, ReadJob(event));
  LINEA_ASSIGN_OR_RETURN(out.inputs, ReadDatasets(event, "inputs"));
  LINEA_ASSIGN_OR_RETURN(out.outputs, ReadDatasets(event, "outputs"));
  return out;
}

// ---- Canonical texts --------------------------------------------------------------------

// simdjson's minifier for this CPU, preferring the AVX2 ("haswell") kernel where it runs: the
// AVX-512 ("icelake") one stores with VPCOMPRESSB, which is microcoded on AMD Zen 4 and there
// took 34 us for a 39 KB event against 6 us.
const simdjson::implementation& Minifier() {
  static const simdjson::implementation* const minifier = [] {
    const simdjson::implementation* avx2 = simdjson::get_available_implementations()["haswell"];
    if (avx2 != nullptr && avx2->supported_by_runtime_system()) return avx2;
    return static_cast<const simdjson::implementation*>(simdjson::get_active_implementation());
  }();
  return *minifier;
}

// `json`, a valid JSON text, without whitespace outside strings (simdjson's textual minifier:
// numbers and strings keep their spelling).
Result<std::string> Minified(std::string_view json) {
  std::string out(json.size() + simdjson::SIMDJSON_PADDING, '\0');
  size_t size = 0;
  if (Minifier().minify(reinterpret_cast<const uint8_t*>(json.data()), json.size(),
                        reinterpret_cast<uint8_t*>(out.data()), size)) {
    return InternalError("cannot minify a parsed JSON text");
  }
  out.resize(size);
  return out;
}

// Offset of the quote that closes the JSON string whose contents start at `from` in `json`.
size_t StringEnd(std::string_view json, size_t from) {
  for (size_t quote = json.find('"', from);; quote = json.find('"', quote + 1)) {
    size_t backslashes = 0;
    while (json[quote - 1 - backslashes] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return quote;
  }
}

// The element texts of `array`, a minified JSON array, split at its top-level commas.
std::vector<std::string> ArrayElements(std::string_view array) {
  std::vector<std::string> elements;
  if (array.size() <= 2) return elements;  // "[]"
  size_t start = 1, depth = 0;
  for (size_t i = 1; i + 1 < array.size(); ++i) {
    switch (array[i]) {
      case '"':
        i = StringEnd(array, i + 1);
        break;
      case '[':
      case '{':
        ++depth;
        break;
      case ']':
      case '}':
        --depth;
        break;
      case ',':
        if (depth == 0) {
          elements.emplace_back(array.substr(start, i - start));
          start = i + 1;
        }
        break;
    }
  }
  elements.emplace_back(array.substr(start, array.size() - 1 - start));
  return elements;
}

// The lines of `text` split at '\n' (a final '\r' kept).
std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (size_t end = text.find('\n'); end != std::string_view::npos;
       start = end + 1, end = text.find('\n', start)) {
    lines.push_back(text.substr(start, end - start));
  }
  lines.push_back(text.substr(start));
  return lines;
}

}  // namespace

Result<DecodedEvent> DecodeEventText(std::string_view text) {
  ParsedJson parsed;
  if (simdjson::error_code error = Parse(text, kMaxDepth, &parsed)) {
    return InvalidArgumentError(DescribeFailure(DiagnoseFailure(text, error, kMaxDepth)));
  }
  LINEA_ASSIGN_OR_RETURN(OlEvent event, ReadEvent(parsed.root));
  DecodedEvent out;
  out.event = std::move(event);
  LINEA_ASSIGN_OR_RETURN(out.canonical, Minified(WithoutBom(text)));
  out.hash = Sha256Hex(out.canonical);
  return out;
}

Result<std::vector<std::string>> SplitEvents(std::string_view text) {
  text = WithoutBom(text);
  std::string_view body = Trim(text);
  if (body.empty()) return InvalidArgumentError("no events: the body is empty");
  ParsedJson parsed;
  if (body.front() == '[') {
    // One level more than an event: the array holds the events.
    if (simdjson::error_code error = Parse(text, kMaxDepth + 1, &parsed)) {
      return InvalidArgumentError(DescribeFailure(DiagnoseFailure(text, error, kMaxDepth + 1)));
    }
    LINEA_ASSIGN_OR_RETURN(std::string array, Minified(text));
    return ArrayElements(array);
  }
  if (body.front() != '{') {
    return InvalidArgumentError(
        "expected a JSON object, a JSON array of events or JSON Lines (one event per line)");
  }
  std::vector<std::string> events;
  simdjson::error_code whole_error = Parse(text, kMaxDepth, &parsed);
  if (!whole_error) {
    LINEA_ASSIGN_OR_RETURN(std::string event, Minified(text));
    events.push_back(std::move(event));
    return events;
  }
  // JSON Lines when the first non-blank line is a JSON value on its own; otherwise the text
  // is one (broken) object and its parse error is the answer.
  std::vector<std::string_view> lines = Lines(text);
  size_t first = 0;
  while (first < lines.size() && Trim(lines[first]).empty()) ++first;
  if (first == lines.size() || Parse(lines[first], kMaxDepth, &parsed)) {
    return InvalidArgumentError(DescribeFailure(DiagnoseFailure(text, whole_error, kMaxDepth)));
  }
  for (size_t i = first; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Trim(line).empty()) continue;
    if (simdjson::error_code error = Parse(line, kMaxDepth, &parsed)) {
      ParseFailure failure = DiagnoseFailure(line, error, kMaxDepth);
      std::string where = "line " + std::to_string(i + 1);
      if (failure.line != 0) where += ", column " + std::to_string(failure.column);
      return InvalidArgumentError(where + ": invalid JSON: " + failure.detail);
    }
    LINEA_ASSIGN_OR_RETURN(std::string event, Minified(WithoutBom(line)));
    events.push_back(std::move(event));
  }
  return events;
}

}  // namespace linea::openlineage
