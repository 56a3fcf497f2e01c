#include "store/sqlite/json_columns.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>

namespace linea::store::sqlite_internal {
namespace {

using nlohmann::json;

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Parses without exceptions; a discarded value means malformed text.
json Parse(std::string_view text) { return json::parse(text, nullptr, /*allow_exceptions=*/false); }

bool StringsInto(const json& array, std::vector<std::string>& out) {
  if (!array.is_array()) return false;
  out.reserve(array.size());
  for (const json& item : array) {
    if (!item.is_string()) return false;
    out.push_back(item.get<std::string>());
  }
  return true;
}

bool StringMapInto(const json& object, std::map<std::string, std::string>& out) {
  if (!object.is_object()) return false;
  for (const auto& [key, value] : object.items()) {
    if (!value.is_string()) return false;
    out.emplace(key, value.get<std::string>());
  }
  return true;
}

// Reads the string member `key` of `object` into `out`; an absent member leaves `out` alone.
bool OptionalStringInto(const json& object, const char* key, std::string& out) {
  const auto it = object.find(key);
  if (it == object.end()) return true;
  if (!it->is_string()) return false;
  out = it->get<std::string>();
  return true;
}

bool IncidentEventInto(const json& object, model::IncidentEvent& event) {
  if (!object.is_object()) return false;
  const auto at = object.find("at");
  const auto type = object.find("type");
  if (at == object.end() || !at->is_number_integer()) return false;
  if (at->is_number_unsigned() && at->get<uint64_t>() > uint64_t{INT64_MAX}) return false;
  if (type == object.end() || !type->is_string()) return false;
  event.at = at->get<int64_t>();
  event.type = type->get<std::string>();
  return OptionalStringInto(object, "actor", event.actor) &&
         OptionalStringInto(object, "note", event.note);
}

// A double as JSON: a number, or for a non-finite value a string (see the header).
json Number(double value) {
  if (std::isfinite(value)) return value;
  if (std::isnan(value)) return "NaN";
  return value > 0 ? "Infinity" : "-Infinity";
}

bool NumberInto(const json& value, double& out) {
  if (value.is_number()) {
    out = value.get<double>();
    return true;
  }
  if (!value.is_string()) return false;
  const auto& text = value.get_ref<const std::string&>();
  if (text == "NaN") {
    out = std::numeric_limits<double>::quiet_NaN();
  } else if (text == "Infinity") {
    out = std::numeric_limits<double>::infinity();
  } else if (text == "-Infinity") {
    out = -std::numeric_limits<double>::infinity();
  } else {
    return false;
  }
  return true;
}

json Numbers(const std::vector<double>& values) {
  json array = json::array();
  for (double value : values) array.push_back(Number(value));
  return array;
}

bool NumbersInto(const json& array, std::vector<double>& out) {
  if (!array.is_array()) return false;
  out.resize(array.size());
  for (size_t i = 0; i < array.size(); ++i) {
    if (!NumberInto(array[i], out[i])) return false;
  }
  return true;
}

// A [string, number] pair.
bool NamedNumberInto(const json& pair, std::pair<std::string, double>& out) {
  if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string()) return false;
  out.first = pair[0].get<std::string>();
  return NumberInto(pair[1], out.second);
}

// A [number, number] pair.
bool NumberPairInto(const json& pair, std::pair<double, double>& out) {
  if (!pair.is_array() || pair.size() != 2) return false;
  return NumberInto(pair[0], out.first) && NumberInto(pair[1], out.second);
}

bool QuantilesInto(const json& array, std::vector<std::pair<double, double>>& out) {
  if (!array.is_array()) return false;
  out.resize(array.size());
  for (size_t i = 0; i < array.size(); ++i) {
    if (!NumberPairInto(array[i], out[i])) return false;
  }
  return true;
}

// The length of the JSON number at the start of `text` (RFC 8259's grammar); 0 when none.
size_t JsonNumberLength(std::string_view text) {
  size_t i = 0;
  auto digits = [&] {
    const size_t from = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i - from;
  };
  if (i < text.size() && text[i] == '-') ++i;
  if (i < text.size() && text[i] == '0') {
    ++i;
  } else if (digits() == 0) {
    return 0;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (digits() == 0) return 0;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (digits() == 0) return 0;
  }
  return i;
}

// The common distribution — only "counts", "edges" (arrays of finite numbers) and "missing" (a
// finite number), written without spaces as Dump() does — read without building a json tree,
// into the same doubles as the general path. False, with `out` unspecified, for any other text
// (strings, other keys, whitespace, a repeated key, malformed): the general path decides then.
bool DecodeNumericDistribution(std::string_view text, model::Distribution& out) {
  size_t i = 0;
  auto eat = [&](char c) {
    if (i >= text.size() || text[i] != c) return false;
    ++i;
    return true;
  };
  auto number = [&](double& value) {
    const std::string_view rest = text.substr(i);
    const size_t n = JsonNumberLength(rest);
    if (n == 0) return false;
    const auto [end, ec] = std::from_chars(rest.data(), rest.data() + n, value);
    if (ec != std::errc() || end != rest.data() + n) return false;
    // The json parser reads "-0" as the integer 0.
    if (value == 0 && rest.substr(0, n).find_first_of(".eE") == std::string_view::npos) value = 0;
    i += n;
    return true;
  };
  auto numbers = [&](std::vector<double>& values) {
    if (!eat('[')) return false;
    if (eat(']')) return true;
    do {
      if (!number(values.emplace_back())) return false;
    } while (eat(','));
    return eat(']');
  };
  if (!eat('{')) return false;
  bool counts = false, edges = false, missing = false;
  if (!eat('}')) {
    do {
      if (text.substr(i, 9) == "\"counts\":" && !counts) {
        i += 9;
        counts = true;
        if (!numbers(out.counts)) return false;
      } else if (text.substr(i, 8) == "\"edges\":" && !edges) {
        i += 8;
        edges = true;
        if (!numbers(out.edges)) return false;
      } else if (text.substr(i, 10) == "\"missing\":" && !missing) {
        i += 10;
        missing = true;
        if (!number(out.missing)) return false;
      } else {
        return false;
      }
    } while (eat(','));
    if (!eat('}')) return false;
  }
  return i == text.size();
}

}  // namespace

std::string EncodeStringList(const std::vector<std::string>& values) {
  return values.empty() ? std::string() : Dump(json(values));
}

bool DecodeStringList(std::string_view text, std::vector<std::string>& out) {
  out.clear();
  if (text.empty()) return true;
  return StringsInto(Parse(text), out);
}

std::string EncodeStringMap(const std::map<std::string, std::string>& values) {
  return values.empty() ? std::string() : Dump(json(values));
}

bool DecodeStringMap(std::string_view text, std::map<std::string, std::string>& out) {
  out.clear();
  if (text.empty()) return true;
  return StringMapInto(Parse(text), out);
}

std::string EncodeContacts(const std::vector<model::Contact>& contacts) {
  if (contacts.empty()) return std::string();
  json array = json::array();
  for (const model::Contact& contact : contacts) {
    array.push_back(json{{"type", contact.type}, {"fields", contact.fields}});
  }
  return Dump(array);
}

bool DecodeContacts(std::string_view text, std::vector<model::Contact>& out) {
  out.clear();
  if (text.empty()) return true;
  const json array = Parse(text);
  if (!array.is_array()) return false;
  for (const json& object : array) {
    model::Contact contact;
    if (!object.is_object()) return false;
    const auto type = object.find("type");
    const auto fields = object.find("fields");
    if (type == object.end() || !type->is_string()) return false;
    contact.type = type->get<std::string>();
    if (fields != object.end() && !StringMapInto(*fields, contact.fields)) return false;
    out.push_back(std::move(contact));
  }
  return true;
}

std::string EncodeTimeline(const std::vector<model::IncidentEvent>& timeline) {
  if (timeline.empty()) return std::string();
  json array = json::array();
  for (const model::IncidentEvent& event : timeline) {
    array.push_back(
        json{{"at", event.at}, {"type", event.type}, {"actor", event.actor}, {"note", event.note}});
  }
  return Dump(array);
}

bool DecodeTimeline(std::string_view text, std::vector<model::IncidentEvent>& out) {
  out.clear();
  if (text.empty()) return true;
  const json array = Parse(text);
  if (!array.is_array()) return false;
  out.reserve(array.size());
  for (const json& object : array) {
    if (!IncidentEventInto(object, out.emplace_back())) return false;
  }
  return true;
}

std::string EncodeNumberMap(const std::map<std::string, double>& values) {
  if (values.empty()) return std::string();
  json object = json::object();
  for (const auto& [key, value] : values) object[key] = Number(value);
  return Dump(object);
}

bool DecodeNumberMap(std::string_view text, std::map<std::string, double>& out) {
  out.clear();
  if (text.empty()) return true;
  const json object = Parse(text);
  if (!object.is_object()) return false;
  for (const auto& [key, value] : object.items()) {
    if (!NumberInto(value, out[key])) return false;
  }
  return true;
}

std::string EncodeMetrics(const std::vector<std::pair<std::string, double>>& metrics) {
  if (metrics.empty()) return std::string();
  json array = json::array();
  for (const auto& [name, value] : metrics) array.push_back(json::array({name, Number(value)}));
  return Dump(array);
}

bool DecodeMetrics(std::string_view text, std::vector<std::pair<std::string, double>>& out) {
  out.clear();
  if (text.empty()) return true;
  const json array = Parse(text);
  if (!array.is_array()) return false;
  out.resize(array.size());
  for (size_t i = 0; i < array.size(); ++i) {
    if (!NamedNumberInto(array[i], out[i])) return false;
  }
  return true;
}

std::string EncodeDistribution(const model::Distribution& d) {
  if (d == model::Distribution{}) return std::string();
  json object = json::object();
  if (!d.edges.empty()) object["edges"] = Numbers(d.edges);
  if (!d.categories.empty()) object["categories"] = d.categories;
  if (!d.counts.empty()) object["counts"] = Numbers(d.counts);
  if (!d.quantiles.empty()) {
    json& quantiles = object["quantiles"] = json::array();
    for (const auto& [p, value] : d.quantiles) {
      quantiles.push_back(json::array({Number(p), Number(value)}));
    }
  }
  // 0.0 == -0.0: a missing of -0 reads back as 0, which compares equal.
  if (d.missing != 0) object["missing"] = Number(d.missing);
  return Dump(object);
}

bool DecodeDistribution(std::string_view text, model::Distribution& out) {
  out = model::Distribution{};
  if (text.empty()) return true;
  if (DecodeNumericDistribution(text, out)) return true;
  out = model::Distribution{};
  const json object = Parse(text);
  if (!object.is_object()) return false;
  for (const auto& [key, value] : object.items()) {
    bool ok = false;
    if (key == "edges") {
      ok = NumbersInto(value, out.edges);
    } else if (key == "categories") {
      ok = StringsInto(value, out.categories);
    } else if (key == "counts") {
      ok = NumbersInto(value, out.counts);
    } else if (key == "quantiles") {
      ok = QuantilesInto(value, out.quantiles);
    } else if (key == "missing") {
      ok = NumberInto(value, out.missing);
    }
    if (!ok) return false;
  }
  return true;
}

}  // namespace linea::store::sqlite_internal
