#include "cli/backend.h"

#include <cstdlib>

namespace linea::cli {

Result<std::unique_ptr<Backend>> Backend::Open(const CatalogFlags& given, bool create,
                                               app::AppOptions options) {
  // --server beats --db beats $LINEA_URL; $LINEA_TOKEN fills a missing --token.
  CatalogFlags flags = given;
  const char* env_url = std::getenv("LINEA_URL");
  if (flags.server.empty() && !flags.db_given && env_url && *env_url) flags.server = env_url;
  const char* env_token = std::getenv("LINEA_TOKEN");
  if (flags.token.empty() && env_token) flags.token = env_token;
  auto backend = std::unique_ptr<Backend>(new Backend());
  if (!flags.server.empty()) {
    Result<std::unique_ptr<server::ApiClient>> client =
        server::ApiClient::Create(flags.server, flags.token);
    if (!client.ok()) return client.status();
    backend->client_ = std::move(*client);
    return backend;
  }
  Result<std::unique_ptr<app::App>> app = OpenApp(flags, create, std::move(options));
  if (!app.ok()) return app.status();
  backend->app_ = std::move(*app);
  backend->router_ = std::make_unique<server::Router>(*backend->app_);
  return backend;
}

api::Reply Backend::Call(const server::ApiRequest& request) {
  if (client_) return client_->Call(request);
  if (!request.writer.action.empty()) return router_->Handle(request);
  server::ApiRequest local = request;  // a local write is audited under its command
  local.writer.action = CommandName();
  return router_->Handle(local);
}

namespace {

// " (did you mean a, b, c?)" for up to three candidates; "" when there are none.
std::string CandidatesText(const api::Json& list) {
  std::string out;
  if (!list.is_array() || list.empty()) return out;
  out = " (did you mean ";
  for (size_t i = 0; i < list.size() && i < 3; ++i) {
    out += (i ? ", " : "") + list[i].get<std::string>();
  }
  return out + "?)";
}

}  // namespace

std::string ProblemLine(const api::Json& problem) {
  return problem.value("file", "") + ":" + std::to_string(problem.value("line", 0)) + ": " +
         problem.value("message", "") + CandidatesText(problem.value("candidates", api::Json()));
}

int ReportReply(const api::Reply& reply) {
  const api::Json& error = reply.body.contains("error") ? reply.body["error"] : api::Json();
  const api::Json details = error.is_object() ? error.value("details", api::Json()) : api::Json();
  if (details.is_object() && details.contains("problems")) {
    for (const api::Json& p : details["problems"]) std::cerr << "linea: " << ProblemLine(p) << "\n";
  }
  std::string message = error.is_object() ? error.value("message", "") : reply.body.dump();
  std::string candidates =
      details.is_object() ? CandidatesText(details.value("candidates", api::Json())) : "";
  std::cerr << "linea: " << message << candidates << "\n";
  return ExitCodeFor(Status(reply.code, message));
}

std::string JoinJson(const api::Json& list, std::string_view sep) {
  std::string out;
  for (const api::Json& item : list) {
    if (!out.empty()) out += sep;
    out += item.get<std::string>();
  }
  return out;
}

int EmitReply(const CatalogFlags& flags, const api::Json& body,
              const std::function<void(const api::Json&)>& print) {
  if (flags.json) {
    std::cout << body.dump(2, ' ', false, api::Json::error_handler_t::replace) << "\n";
  } else {
    print(body);
  }
  return kExitOk;
}

}  // namespace linea::cli
