// src/store/sqlite/json_columns.h: the text encoding of list and map columns.
//
// Empty values are stored as '' (no JSON), so the common case costs no parsing. Non-empty
// values are JSON: owners/tags an array of strings, properties an object of strings, contacts
// an array of objects {"type": t, "fields": {…}}, an incident's timeline an array of objects
// {"at": ms, "type": t, "actor": a, "note": n}; a quality check's params an object of numbers,
// a quality result's metrics an array of [name, number] pairs (in their order) and its
// distribution an object with the non-empty members of {"edges", "categories", "counts",
// "quantiles": [[p, value], …], "missing"}. Numbers are written in the shortest form that
// reads back as the same double; the non-finite ones as the strings "NaN", "Infinity" and
// "-Infinity" (JSON has no such numbers). Invalid UTF-8 is replaced by U+FFFD on encode.
// Decoding returns false on malformed text (the caller reports kDataLoss).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/asset.h"
#include "model/incident.h"
#include "model/quality.h"

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

std::string EncodeNumberMap(const std::map<std::string, double>& values);
bool DecodeNumberMap(std::string_view text, std::map<std::string, double>& out);

std::string EncodeMetrics(const std::vector<std::pair<std::string, double>>& metrics);
bool DecodeMetrics(std::string_view text, std::vector<std::pair<std::string, double>>& out);

// '' only for a distribution equal to model::Distribution{} (the caller stores NULL then).
std::string EncodeDistribution(const model::Distribution& distribution);
bool DecodeDistribution(std::string_view text, model::Distribution& out);

}  // namespace linea::store::sqlite_internal
