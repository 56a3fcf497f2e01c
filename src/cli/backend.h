// src/cli/backend.h: where a command's catalog lives — a local SQLite file (--db) or a linea
// server (--server URL, env LINEA_URL; token --token or env LINEA_TOKEN). Both run the same
// API request through the same router, so a command prints the same either way.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "cli/cli_context.h"
#include "server/http_client.h"
#include "server/router.h"

namespace linea::cli {

class Backend {
 public:
  // Opens the local catalog (creating the file when `create`, with `options`) or a client for
  // the server (which has its own options). Errors: store failures (report with exit 1), a bad
  // --server URL.
  static Result<std::unique_ptr<Backend>> Open(const CatalogFlags& flags, bool create,
                                               app::AppOptions options = {});

  api::Reply Call(const server::ApiRequest& request);
  bool remote() const { return client_ != nullptr; }
  // The local catalog's app, for what a request cannot carry (a progress callback); nullptr
  // for a server.
  app::App* local_app() const { return app_.get(); }

 private:
  std::unique_ptr<app::App> app_;
  std::unique_ptr<server::Router> router_;
  std::unique_ptr<server::ApiClient> client_;
};

// "file:line: message (did you mean a, b?)" for one manifest problem or warning of the API.
std::string ProblemLine(const api::Json& problem);

// Prints a failed reply as `linea: …` lines on stderr (one per manifest problem, then the
// summary; "did you mean" candidates appended) and returns the exit code for its status.
int ReportReply(const api::Reply& reply);

// The strings of a JSON array joined with `sep`.
std::string JoinJson(const api::Json& list, std::string_view sep);

// Prints `body` as JSON (--json) or with `print`; returns kExitOk.
int EmitReply(const CatalogFlags& flags, const api::Json& body,
              const std::function<void(const api::Json&)>& print);

}  // namespace linea::cli
