// src/store/sqlite/json_columns.h: the text encoding of list and map columns.
//
// Empty values are stored as '' (no JSON), so the common case costs no parsing. Non-empty
// values are JSON: owners/tags an array of strings, properties an object of strings, contacts
// an array of objects {"type": t, "fields": {…}}, an incident's timeline an array of objects
// {"at": ms, "type": t, "actor": a, "note": n}. Invalid UTF-8 is replaced by U+FFFD on
// encode. Decoding returns false on malformed text (the caller reports kDataLoss).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/asset.h"
#include "model/incident.h"

namespace linea::store::sqlite_internal {

std::string EncodeStringList(const std::vector<std::string>& values);
bool DecodeStringList(std::string_view text, std::vector<std::string>& out);

std::string EncodeStringMap(const std::map<std::string, std::string>& values);
bool DecodeStringMap(std::string_view text, std::map<std::string, std::string>& out);

std::string EncodeContacts(const std::vector<model::Contact>& contacts);
bool DecodeContacts(std::string_view text, std::vector<model::Contact>& out);

// A timeline entry needs an integer "at" and a string "type"; "actor" and "note" may be absent.
std::string EncodeTimeline(const std::vector<model::IncidentEvent>& timeline);
bool DecodeTimeline(std::string_view text, std::vector<model::IncidentEvent>& out);

}  // namespace linea::store::sqlite_internal
