// src/model/document.h: a catalog document (docs/api.md "Catalog documents"), the unit of
// import/export. Column/feature shorthands are already expanded into `assets`.
#pragma once

#include <string>
#include <vector>

#include "model/asset.h"

namespace linea::model {

struct CatalogDocument {
  std::vector<Team> teams;
  std::vector<User> users;
  std::vector<Asset> assets;
  // Each edge's `provenance`, when empty, is the document's `provenance`.
  std::vector<Edge> edges;
  std::string provenance;
};

}  // namespace linea::model
