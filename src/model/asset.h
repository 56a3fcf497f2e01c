// src/model/asset.h: the catalog's plain value types: assets, edges, teams.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "model/kind.h"

namespace linea::model {

// One catalog asset. `fqn` is canonical (see fqn.h). Owners are "team:<name>" or
// "user:<name>"; empty owners/domain mean "inherit from the parent".
struct Asset {
  std::string fqn;
  AssetKind kind = AssetKind::kTable;
  std::string description;
  std::string domain;
  std::vector<std::string> owners;
  std::vector<std::string> tags;
  std::map<std::string, std::string> properties;
  std::string data_type;  // columns and features: "string", "double", …

  bool operator==(const Asset&) const = default;
};

// A lineage edge `from → to` asserted by `provenance` (e.g. "manifest:mlflow_b2c.churn").
struct Edge {
  std::string from;
  std::string to;
  EdgeKind kind = EdgeKind::kUnspecified;
  std::string transform;
  std::string provenance;
  int64_t first_seen = 0;  // unix seconds, set by the store
  int64_t last_seen = 0;   // unix seconds, set by the store

  bool operator==(const Edge&) const = default;
};

// A way to reach a team or a user: {"type": "email", "address": …}, {"type": "slack", "url": …}.
struct Contact {
  std::string type;
  std::map<std::string, std::string> fields;

  bool operator==(const Contact&) const = default;
};

struct Team {
  std::string name;
  std::string description;
  std::vector<Contact> contacts;

  bool operator==(const Team&) const = default;
};

// A person an asset's "user:<name>" owner names; told about incidents like a team.
struct User {
  std::string name;
  std::string description;  // e.g. the full name
  std::vector<Contact> contacts;

  bool operator==(const User&) const = default;
};

}  // namespace linea::model
