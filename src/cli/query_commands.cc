// `linea impact`, `linea upstream`, `linea search` (docs/api.md "Queries"). Results are built as the
// API's JSON, then printed either as JSON or as readable tables from that same JSON, so a
// server-backed client prints exactly the same.
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <map>

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
  bool direct_only = false;
  bool wide = false;
  size_t limit = 20;  // upstream: rows per section
};

// How impact/upstream text is laid out; set by RunImpact before printing (the printers take
// only the reply's JSON, which a server-backed run shares).
struct TextLayout {
  size_t width = 0;                // terminal columns to fit; 0 = no limit (--wide, a pipe)
  std::vector<std::string> kinds;  // --kinds, as given; empty = all
  size_t limit = SIZE_MAX;         // upstream: rows per section (--limit)
};
TextLayout layout;

// $COLUMNS when set, else the terminal's width when stdout is one, else 0 (no limit: a pipe
// or a file gets every line whole).
size_t TerminalWidth() {
  if (const char* columns = std::getenv("COLUMNS"); columns && *columns) {
    const long n = std::strtol(columns, nullptr, 10);
    if (n > 0) return static_cast<size_t>(n);
  }
  winsize ws{};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
    return ws.ws_col;
  }
  return 0;
}

struct SearchFlags {
  CatalogFlags catalog;
  std::string text;
  std::string kind;
  std::string domain;
  std::string owner;
  size_t limit = 20;
  size_t offset = 0;
};

// "mlflow.m.f1" → "f1" when it sits under `parent`.
std::string ShortName(const std::string& fqn, const std::string& parent) {
  return StartsWith(fqn, parent + ".") ? fqn.substr(parent.size() + 1) : fqn;
}

// `items` joined by ", " within `width` display columns (0: all): "a, b, +3 more".
std::string FitList(const std::vector<std::string>& items, size_t width) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string more = " +" + std::to_string(items.size() - i) + " more";
    const std::string next = (out.empty() ? "" : ", ") + items[i];
    if (width && i > 0 && DisplayWidth(out + next) + (i + 1 < items.size() ? more.size() : 0) >
                              width) {
      return out + "," + more;
    }
    out += next;
  }
  return out;
}

// The arrow into path[i]: "→", or "→(indirect)" when that step only filters, joins or groups
// (the API's path_edges; older servers send none).
std::string Arrow(const Json& edges, size_t i) {
  const bool indirect = edges.is_array() && i - 1 < edges.size() && edges[i - 1] == "indirect";
  return indirect ? " →(indirect) " : " → ";
}

// "path: a → b →(indirect) … → z" within `width` display columns (0: whole): the first hop and
// the last two stay, the middle is counted.
std::string FitPath(const Json& path, const Json& edges, size_t width) {
  const size_t n = path.size();
  std::string whole = "path: ";
  for (size_t i = 0; i < n; ++i) whole += (i ? Arrow(edges, i) : "") + path[i].get<std::string>();
  if (width == 0 || DisplayWidth(whole) <= width || n <= 3) return whole;
  std::string fitted;
  for (size_t keep_tail = 2; keep_tail >= 1; --keep_tail) {
    fitted = "path: " + path[0].get<std::string>() + " → … " + std::to_string(n - 1 - keep_tail) +
             " more";
    for (size_t i = n - keep_tail; i < n; ++i)
      fitted += Arrow(edges, i) + path[i].get<std::string>();
    if (DisplayWidth(fitted) <= width) break;
  }
  return fitted;
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
      std::vector<std::string> names;
      for (const Json& f : r["features"]) names.push_back(ShortName(f.get<std::string>(), r["fqn"]));
      row.insert(row.begin() + 2, names.empty() ? "-" : FitList(names, layout.width ? 40 : 0));
    }
    table.AddRow(row);
    table.AddNote(
        FitPath(r["path"], r.value("path_edges", Json()), layout.width ? layout.width - 6 : 0));
  }
  table.Print(std::cout);
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

bool Reported(const std::string& kind) {
  return layout.kinds.empty() ||
         std::find(layout.kinds.begin(), layout.kinds.end(), kind) != layout.kinds.end();
}

// Teams first (whom to tell), then what of theirs breaks, then the data assets on the way.
void PrintImpact(const Json& j) {
  const std::string subject = "Impact of " + j["root"]["fqn"].get<std::string>() + " (" +
                              j["root"]["kind"].get<std::string>() + "):";
  std::string counts_line;
  for (const char* kind : {"model", "dashboard", "deployment"}) {
    if (Reported(kind)) counts_line += CountOf(j[std::string(kind) + "s"].size(), kind) + ", ";
  }
  counts_line += CountOf(j["teams"].size(), "team") +
                 (j["truncated"].get<bool>() ? " (TRUNCATED: node budget hit)" : "");
  const bool one_line =
      layout.width == 0 || DisplayWidth(subject) + 1 + DisplayWidth(counts_line) <= layout.width;
  std::cout << subject << (one_line ? " " : "\n  ") << counts_line << "\n";
  std::string counts;
  for (auto& [kind, n] : j["counts"].items()) {
    counts += (counts.empty() ? "" : ", ") + CountOf(n.get<size_t>(), kind);
  }
  std::cout << "Reached" << (layout.kinds.empty() ? "" : " (every kind)") << ": "
            << (counts.empty() ? "nothing downstream" : counts) << "\n";
  if (!j["teams"].empty()) {
    std::cout << "\nTEAMS TO NOTIFY (" << j["teams"].size() << ")\n";
    TextTable teams({"TEAM", "WHAT OF THEIRS BREAKS", "CONTACTS"});
    size_t team_width = 4;
    for (const Json& t : j["teams"]) {
      team_width = std::max(team_width, DisplayWidth(t["team"].get<std::string>()) +
                                            (t.value("owns_root", false) ? 8 : 0));
    }
    // Fitted: what breaks in 40 columns, contacts in what is left of the line (at least 24).
    constexpr size_t kBrokenWidth = 40;
    const size_t contacts_width =
        layout.width == 0 ? 0
                          : std::max<size_t>(24, layout.width > team_width + kBrokenWidth + 6
                                                     ? layout.width - team_width - kBrokenWidth - 6
                                                     : 0);
    for (const Json& t : j["teams"]) {
      std::vector<std::string> broken, contacts;
      for (const char* kind : {"models", "dashboards", "deployments"}) {
        for (const Json& a : t[kind]) broken.push_back(a.get<std::string>());
      }
      for (const Json& c : t["contacts"]) {
        const std::string type = c.value("type", ""), where = ContactText(c);
        contacts.push_back(where == type ? type : type + " " + where);
      }
      // The broken asset's own owners are told too (docs/incidents.md "Who is told").
      const std::string team =
          t["team"].get<std::string>() + (t.value("owns_root", false) ? " (owner)" : "");
      teams.AddRow(
          {team,
           broken.empty() ? "(the broken asset)" : FitList(broken, layout.width ? kBrokenWidth : 0),
           contacts.empty() ? "- (no contacts)" : FitList(contacts, contacts_width)});
    }
    teams.Print(std::cout);
  }
  PrintReached(j["models"], "MODELS", true);
  PrintReached(j["dashboards"], "DASHBOARDS", false);
  PrintReached(j["deployments"], "DEPLOYMENTS", false);
  PrintDataAssets(j["assets"]);
}

// "shown N of M — use --limit M for all" under a table that left rows out.
void PrintCut(size_t shown, size_t total) {
  if (shown < total) {
    std::cout << "  (" << shown << " of " << total << " shown; --limit " << total
              << " for all)\n";
  }
}

std::string TableOf(const Json& source) {
  const std::string fqn = source["fqn"];
  if (source["kind"] != "column") return fqn;
  const size_t dot = fqn.rfind('.');
  return dot == std::string::npos ? fqn : fqn.substr(0, dot);
}

// Suspects (sources with evidence) first, then the source tables with the root's inputs they
// feed, then the owning teams: a degraded model's likely causes and whom to ask.
void PrintUpstream(const Json& j) {
  struct TableRow {
    int distance = 0;
    size_t columns = 0;
    std::vector<std::string> feeds;  // the root's features (or inputs) reached through it
    std::vector<std::string> owners;
    bool evidence = false;
  };
  std::map<std::string, TableRow> tables;
  std::vector<const Json*> suspects;
  const std::string root = j["root"]["fqn"];
  for (const Json& s : j["sources"]) {
    const bool first = !tables.count(TableOf(s));
    TableRow& t = tables[TableOf(s)];
    const int d = s["distance"].get<int>();
    t.distance = first ? d : std::min(t.distance, d);
    t.columns += s["kind"] == "column";
    if (s.contains("path") && s["path"].size() > 1) {
      const std::string via = ShortName(s["path"][1].get<std::string>(), root);
      if (std::find(t.feeds.begin(), t.feeds.end(), via) == t.feeds.end()) t.feeds.push_back(via);
    }
    for (const Json& o : s["owners"]) {
      if (std::find(t.owners.begin(), t.owners.end(), o) == t.owners.end()) t.owners.push_back(o);
    }
    if (!s["evidence"].empty()) {
      t.evidence = true;
      suspects.push_back(&s);
    }
  }
  std::cout << "Upstream of " << root << " (" << j["root"]["kind"].get<std::string>() << "): "
            << CountOf(j["sources"].size(), "source") << " in " << CountOf(tables.size(), "table")
            << ", " << suspects.size() << " with evidence"
            << (j["truncated"].get<bool>() ? " (TRUNCATED: node budget hit)" : "") << "\n";
  if (tables.empty()) return;
  if (!suspects.empty()) {
    std::cout << "\nSUSPECTS (" << suspects.size() << ")\n";
    TextTable table({"DIST", "SOURCE", "EVIDENCE", "OWNERS"});
    size_t shown = 0;
    for (const Json* s : suspects) {
      if (shown++ == layout.limit) break;
      std::string evidence;
      for (const Json& e : (*s)["evidence"]) {
        // "incident inc-… (high, open): …" names its type already; "run_failed: run … ended".
        const std::string type = e["type"], detail = e["detail"];
        evidence += (evidence.empty() ? "" : "; ") +
                    (StartsWith(detail, type) ? detail : type + ": " + detail);
      }
      table.AddRow({std::to_string((*s)["distance"].get<int>()), (*s)["fqn"].get<std::string>(),
                    evidence, JoinJson((*s)["owners"], ", ")});
    }
    table.Print(std::cout);
    PrintCut(std::min(layout.limit, suspects.size()), suspects.size());
  }
  // Tables with evidence first, then nearest, then by name.
  std::vector<std::pair<std::string, TableRow>> rows(tables.begin(), tables.end());
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    if (a.second.evidence != b.second.evidence) return a.second.evidence;
    return a.second.distance < b.second.distance;
  });
  std::cout << "\nSOURCE TABLES (" << rows.size() << ")\n";
  TextTable table({"DIST", "TABLE", "COLUMNS", "FEEDS", "OWNERS"});
  std::map<std::string, std::pair<size_t, size_t>> by_team;  // team → (tables, columns)
  for (size_t i = 0; i < rows.size(); ++i) {
    const TableRow& t = rows[i].second;
    for (const std::string& o : t.owners) {
      ++by_team[o].first;
      by_team[o].second += t.columns;
    }
    if (i >= layout.limit) continue;
    table.AddRow({std::to_string(t.distance), rows[i].first, std::to_string(t.columns),
                  t.feeds.empty() ? "-" : FitList(t.feeds, layout.width ? 40 : 0),
                  t.owners.empty() ? "-" : FitList(t.owners, layout.width ? 30 : 0)});
  }
  table.Print(std::cout);
  PrintCut(std::min(layout.limit, rows.size()), rows.size());
  std::cout << "\nOWNING TEAMS (" << by_team.size() << ")\n";
  TextTable teams({"TEAM", "TABLES", "COLUMNS"});
  for (const auto& [team, n] : by_team) {
    teams.AddRow({team, std::to_string(n.first), std::to_string(n.second)});
  }
  teams.Print(std::cout);
}

// "20 of 33 matches — next page: --offset 20 (all: --limit 33)"; "21–33 of 33 matches".
void PrintSearch(const Json& j) {
  const Json& results = j["results"];
  const size_t total = j["total"].get<size_t>();
  const size_t offset = j.value("offset", size_t{0});
  const size_t end = offset + results.size();
  if (offset > 0 && !results.empty()) {
    std::cout << offset + 1 << "–" << end << " of " << CountOf(total, "match");
  } else {
    std::cout << results.size() << " of " << CountOf(total, "match");
  }
  if (end < total) {
    std::cout << " — next page: --offset " << end << " (all: --limit " << total << ")";
  }
  std::cout << "\n";
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
  if (flags.direct_only) request.query.emplace("direct_only", "true");
  layout.width = flags.wide ? 0 : TerminalWidth();
  layout.limit = flags.limit == 0 ? SIZE_MAX : flags.limit;
  layout.kinds.clear();
  for (std::string_view k : Split(flags.kinds, ',')) {
    if (!Trim(k).empty()) layout.kinds.emplace_back(Trim(k));
  }
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
  cmd->add_flag("--direct-only", flags->direct_only,
                "follow no indirect link (filters, join and group-by keys)");
  cmd->add_flag("--wide", flags->wide, "print whole lists and paths, whatever the terminal width");
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
  cmd->add_option("--limit", flags->limit, "rows per section in the text (0: all)")
      ->capture_default_str();
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
