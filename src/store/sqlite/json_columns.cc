#include "store/sqlite/json_columns.h"

#include <cstdint>
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

}  // namespace linea::store::sqlite_internal
