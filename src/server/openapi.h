// src/server/openapi.h: the OpenAPI 3 document of the API (src/server/openapi.json, compiled
// in), served at /api/v1/openapi.json — the API's contract (docs/api.md).
#pragma once

#include <string>

namespace linea::server {

const std::string& OpenApiDocument();

}  // namespace linea::server
