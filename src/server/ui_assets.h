// src/server/ui_assets.h: the web UI (ui/ at the repository root), embedded in the binary at
// build time and served by `linea serve` at `/` — no CDN, no files beside the binary: it works
// on an air-gapped network.
//
//   GET /, /search, /assets/<fqn>, /impact/<fqn>, /upstream/<fqn>, /lineage/<fqn>  → index.html
//   GET /ui/<file>                                                               → the file
//
// Every answer carries an ETag (If-None-Match → 304), `Cache-Control: no-cache` (revalidate:
// cheap with the ETag), gzip when the client accepts it, and a strict Content-Security-Policy
// (same-origin scripts, styles and API calls only; no inline script).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace linea::server {

struct UiResponse {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// The UI's answer to GET `path` (decoded, without the query); nullopt for paths that are not
// the UI's (the API, /healthz, /metrics). `if_none_match` and `accept_encoding` are the
// request's headers.
std::optional<UiResponse> ServeUi(std::string_view path, std::string_view if_none_match,
                                  std::string_view accept_encoding);

}  // namespace linea::server
