// `linea impact`, `linea upstream`, `linea search` (docs/api.md "Queries"). Results are built as the
// API's JSON, then printed either as JSON or as readable tables from that same JSON, so a
// server-backed client prints exactly the same.
#include "cli/backend.h"
#include "cli/commands.h"
#include "cli/text_table.h"
#include "codec/json_codec.h"
#include "common/strings.h"

namespace linea::cli {
namespace {

using codec::Json;

struct ImpactFlags {
  CatalogFlags catalog;
  std::string fqn;
  int depth = 0;
  std::string kinds;
  std::string domain;
  size_t max_nodes = 0;
};

struct SearchFlags {
  CatalogFlags catalog;
  std::string text;
  std::string kind;
  std::string domain;
  std::string owner;
  size_t limit = 20;
  size_t offset = 0;
};

std::string JoinJson(const Json& list, std::string_view sep) {
  std::string out;
  for (const Json& item : list) {
    if (!out.empty()) out += sep;
    out += item.get<std::string>();
  }
  return out;
}

// "mlflow.m.f1" → "f1" when it sits under `parent`.
std::string ShortName(const std::string& fqn, const std::string& parent) {
  return StartsWith(fqn, parent + ".") ? fqn.substr(parent.size() + 1) : fqn;
}

std::string ContactText(const Json& c) {
  std::string type = c.value("type", "");
  for (const char* key : {"address", "url", "chat_id"}) {
    if (c.contains(key)) return type + " " + c[key].get<std::string>();
  }
  return type;
}

void PrintReached(const Json& list, const std::string& title, bool features) {
  if (list.empty()) return;
  std::cout << "\n" << title << " (" << list.size() << ")\n";
  std::vector<std::string> header = {"DIST", "ASSET", "OWNERS"};
  if (features) header.insert(header.begin() + 2, "FEATURES HIT");
  TextTable table(header);
  for (const Json& r : list) {
    std::vector<std::string> row = {std::to_string(r["distance"].get<int>()),
                                    r["fqn"].get<std::string>(), JoinJson(r["owners"], ", ")};
    if (features) {
      std::string hit;
      for (const Json& f : r["features"]) {
        hit += (hit.empty() ? "" : ", ") + ShortName(f.get<std::string>(), r["fqn"]);
      }
      row.insert(row.begin() + 2, hit.empty() ? "-" : hit);
    }
    table.AddRow(row);
    table.AddNote("path: " + JoinJson(r["path"], " → "));
  }
  table.Print(std::cout);
}

std::string Count(size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// The nearest reached tables, columns, topics and pipelines (at most 20 of the reply's list).
void PrintDataAssets(const Json& assets) {
  if (assets.empty()) return;
  constexpr size_t kShown = 20;
  std::cout << "\nDATA ASSETS (nearest " << std::min(assets.size(), kShown) << ")\n";
  TextTable table({"DIST", "KIND", "ASSET"});
  for (size_t i = 0; i < assets.size() && i < kShown; ++i) {
    table.AddRow({std::to_string(assets[i]["distance"].get<int>()),
                  assets[i]["kind"].get<std::string>(), assets[i]["fqn"].get<std::string>()});
  }
  table.Print(std::cout);
}

void PrintImpact(const Json& j) {
  std::cout << "Impact of " << j["root"]["fqn"].get<std::string>() << " ("
            << j["root"]["kind"].get<std::string>() << "): " << Count(j["models"].size(), "model")
            << ", " << Count(j["dashboards"].size(), "dashboard") << ", "
            << Count(j["deployments"].size(), "deployment") << ", "
            << Count(j["teams"].size(), "team")
            << (j["truncated"].get<bool>() ? " (TRUNCATED: node budget hit)" : "") << "\n";
  std::string counts;
  for (auto& [kind, n] : j["counts"].items()) {
    counts += (counts.empty() ? "" : ", ") + Count(n.get<size_t>(), kind);
  }
  std::cout << "Reached: " << (counts.empty() ? "nothing downstream" : counts) << "\n";
  PrintReached(j["models"], "MODELS", true);
  PrintReached(j["dashboards"], "DASHBOARDS", false);
  PrintReached(j["deployments"], "DEPLOYMENTS", false);
  PrintDataAssets(j["assets"]);
  if (j["teams"].empty()) return;
  std::cout << "\nTEAMS TO NOTIFY (" << j["teams"].size() << ")\n";
  TextTable teams({"TEAM", "AFFECTED", "CONTACTS"});
  for (const Json& t : j["teams"]) {
    size_t affected = t["models"].size() + t["dashboards"].size() + t["deployments"].size();
    std::string contacts;
    for (const Json& c : t["contacts"]) contacts += (contacts.empty() ? "" : ", ") + ContactText(c);
    teams.AddRow({t["team"].get<std::string>(), std::to_string(affected),
                  contacts.empty() ? "-" : contacts});
  }
  teams.Print(std::cout);
}

void PrintUpstream(const Json& j) {
  std::cout << "Upstream of " << j["root"]["fqn"].get<std::string>() << " ("
            << j["root"]["kind"].get<std::string>() << "): " << Count(j["sources"].size(), "source")
            << (j["truncated"].get<bool>() ? " (TRUNCATED: node budget hit)" : "")
            << "\n";
  if (j["sources"].empty()) return;
  TextTable table({"RANK", "DIST", "KIND", "SOURCE", "EVIDENCE", "OWNERS"});
  size_t rank = 0;
  for (const Json& s : j["sources"]) {
    std::string evidence;
    for (const Json& e : s["evidence"]) {
      evidence += (evidence.empty() ? "" : "; ") + e["type"].get<std::string>() + ": " +
                  e["detail"].get<std::string>();
    }
    table.AddRow({std::to_string(++rank), std::to_string(s["distance"].get<int>()),
                  s["kind"].get<std::string>(), s["fqn"].get<std::string>(),
                  evidence.empty() ? "-" : evidence, JoinJson(s["owners"], ", ")});
  }
  table.Print(std::cout);
}

void PrintSearch(const Json& j) {
  const Json& results = j["results"];
  std::cout << results.size() << " of " << j["total"].get<size_t>() << " matches\n";
  if (results.empty()) return;
  TextTable table({"SCORE", "KIND", "FQN", "DOMAIN", "OWNERS"});
  for (const Json& r : results) {
    char score[16];
    std::snprintf(score, sizeof score, "%.2f", r["score"].get<double>());
    table.AddRow({score, r["kind"].get<std::string>(), r["fqn"].get<std::string>(),
                  r["domain"].get<std::string>().empty() ? "-" : r["domain"].get<std::string>(),
                  JoinJson(r["owners"], ", ")});
  }
  table.Print(std::cout);
}

int Run(const CatalogFlags& flags, server::ApiRequest request, void (*print)(const Json&)) {
  Result<std::unique_ptr<Backend>> backend = Backend::Open(flags, false);
  if (!backend.ok()) return ReportError(backend.status(), kExitRuntime);
  api::Reply reply = (*backend)->Call(request);
  if (!reply.ok()) return ReportReply(reply);
  return EmitReply(flags, reply.body, print);
}

int RunImpact(const ImpactFlags& flags, bool upstream) {
  server::ApiRequest request{"GET", std::string(upstream ? "/api/v1/upstream/" : "/api/v1/impact/") +
                                        flags.fqn};
  if (flags.depth > 0) request.query.emplace("depth", std::to_string(flags.depth));
  if (flags.max_nodes > 0) request.query.emplace("max_nodes", std::to_string(flags.max_nodes));
  if (!flags.kinds.empty()) request.query.emplace("kinds", flags.kinds);
  if (!flags.domain.empty()) request.query.emplace("domain", flags.domain);
  return Run(flags.catalog, std::move(request), upstream ? PrintUpstream : PrintImpact);
}

int RunSearch(const SearchFlags& flags) {
  server::ApiRequest request{"GET", "/api/v1/search"};
  request.query.emplace("q", flags.text);
  if (!flags.kind.empty()) request.query.emplace("kind", flags.kind);
  if (!flags.domain.empty()) request.query.emplace("domain", flags.domain);
  if (!flags.owner.empty()) request.query.emplace("owner", flags.owner);
  request.query.emplace("limit", std::to_string(flags.limit));
  request.query.emplace("offset", std::to_string(flags.offset));
  return Run(flags.catalog, std::move(request), PrintSearch);
}

CLI::App* AddWalkCommand(CLI::App& app, const char* name, const char* help, ImpactFlags* flags) {
  CLI::App* cmd = app.add_subcommand(name, help);
  cmd->add_option("fqn", flags->fqn, "asset FQN, e.g. hive.geo.subscriber_moves.cell_id")
      ->required();
  cmd->add_option("--depth", flags->depth, "walk at most N hops (default: unlimited)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--max-nodes", flags->max_nodes, "stop after N assets and mark truncated");
  AddCatalogFlags(cmd, &flags->catalog);
  return cmd;
}

}  // namespace

void RegisterImpact(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ImpactFlags>();
  CLI::App* cmd = AddWalkCommand(
      app, "impact", "Models, dashboards, deployments and teams hit when FQN breaks", flags.get());
  cmd->add_option("--kinds", flags->kinds, "report only these kinds: model,dashboard,deployment");
  cmd->add_option("--domain", flags->domain, "report only assets of this domain");
  cmd->callback([flags, exit_code] { *exit_code = RunImpact(*flags, false); });
}

void RegisterUpstream(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ImpactFlags>();
  CLI::App* cmd = AddWalkCommand(
      app, "upstream", "Sources FQN depends on, ranked by evidence then distance", flags.get());
  cmd->callback([flags, exit_code] { *exit_code = RunImpact(*flags, true); });
}

void RegisterSearch(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<SearchFlags>();
  CLI::App* cmd = app.add_subcommand("search", "Typo-tolerant search over asset names");
  cmd->add_option("text", flags->text, "name or fragment, e.g. arpu or churn_scoring")->required();
  cmd->add_option("--kind", flags->kind, "only this kind (model, feature, table, column, …)");
  cmd->add_option("--domain", flags->domain, "only this domain");
  cmd->add_option("--owner", flags->owner, "only assets owned by team:<name> or user:<name>");
  cmd->add_option("--limit", flags->limit, "page size")->capture_default_str();
  cmd->add_option("--offset", flags->offset, "skip this many results")->capture_default_str();
  AddCatalogFlags(cmd, &flags->catalog);
  cmd->callback([flags, exit_code] { *exit_code = RunSearch(*flags); });
}

}  // namespace linea::cli
