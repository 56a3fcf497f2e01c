// Golden SQL-lineage tests: reads every tests/sql/<dialect>/*.test file (format in
// tests/sql/README.md), runs sql::AnalyzeScript on each case and compares the result with the
// expected block. Each case is its own test, named <dialect>_<file>_<case>.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "sql/lineage.h"

#ifndef LINEA_SOURCE_DIR_DEFAULT
#define LINEA_SOURCE_DIR_DEFAULT "."
#endif

namespace linea::sql {
namespace {

namespace fs = std::filesystem;

// One expected `statement` block.
struct ExpectedStatement {
  size_t index = 0;
  std::string kind;  // "*" = any
  std::vector<std::string> sources, targets, indirect, warnings;
  std::vector<ColumnLineage> columns;
  bool has_error = false;
  std::string error_line, error_column;  // digits or "*"
  std::string error_message;             // substring
};

struct GoldenCase {
  std::string test_name;  // <dialect>_<file>_<case>
  std::string location;   // tests/sql/hive/cte.test:12
  std::string dialect;
  std::string sql;
  std::map<std::string, std::vector<std::string>> schema;
  std::string default_database = "default";
  std::map<std::string, std::string> variables;
  std::vector<ExpectedStatement> expected;
  std::string expected_text;
  std::string format_error;  // set: the case itself is malformed
};

// gtest prints a failing parameter with this instead of a byte dump.
void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.location; }

std::string SourceDir() {
  const char* env = std::getenv("LINEA_SOURCE_DIR");
  return env != nullptr && *env != '\0' ? env : LINEA_SOURCE_DIR_DEFAULT;
}

std::vector<std::string> Words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string Sanitize(const std::string& s) {
  std::string out = s;
  for (char& c : out) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return out;
}

// "db.table(a, b, c)" → schema entry. False when malformed.
bool ParseSchemaLine(const std::string& text, GoldenCase* c) {
  size_t open = text.find('('), close = text.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close < open) return false;
  std::vector<std::string> columns;
  std::string list = text.substr(open + 1, close - open - 1);
  std::stringstream in(list);
  for (std::string col; std::getline(in, col, ',');) {
    if (!Trim(col).empty()) columns.push_back(Trim(col));
  }
  c->schema[Trim(text.substr(0, open))] = columns;
  return true;
}

// Applies one expectation line (already trimmed) to the current statement block.
std::string ParseExpectationLine(const std::string& line, GoldenCase* c) {
  std::vector<std::string> w = Words(line);
  if (w[0] == "statement") {
    if (w.size() != 3 || w[1].find_first_not_of("0123456789") != std::string::npos) {
      return "`statement INDEX KIND` expected: " + line;
    }
    ExpectedStatement s;
    s.index = std::stoul(w[1]);
    s.kind = w[2];
    c->expected.push_back(s);
    return "";
  }
  if (c->expected.empty()) return "expectation before any `statement` line: " + line;
  ExpectedStatement& s = c->expected.back();
  std::string rest = Trim(line.substr(w[0].size()));
  std::vector<std::string> items(w.begin() + 1, w.end());
  if (w[0] == "sources") {
    s.sources = items;
  } else if (w[0] == "targets") {
    s.targets = items;
  } else if (w[0] == "indirect") {
    s.indirect = items;
  } else if (w[0] == "warning") {
    s.warnings.push_back(rest);
  } else if (w[0] == "column") {
    if (items.size() < 3 || items[1] != "<-") return "`column T <- S…` expected: " + line;
    s.columns.push_back({items[0], std::vector<std::string>(items.begin() + 2, items.end())});
  } else if (w[0] == "error") {
    if (items.empty() || items[0].find(':') == std::string::npos) return "bad error line: " + line;
    s.has_error = true;
    s.error_line = items[0].substr(0, items[0].find(':'));
    s.error_column = items[0].substr(items[0].find(':') + 1);
    s.error_message = Trim(rest.substr(items[0].size()));
  } else {
    return "unknown expectation line: " + line;
  }
  return "";
}

// Reads the header lines of a case starting at lines[*i] (just after `# case:`).
std::string ParseHeader(const std::vector<std::string>& lines, size_t* i, GoldenCase* c) {
  for (; *i < lines.size() && lines[*i].rfind("# ", 0) == 0; ++*i) {
    const std::string& line = lines[*i];
    size_t colon = line.find(':');
    if (colon == std::string::npos) return "bad header line: " + line;
    std::string key = Trim(line.substr(2, colon - 2)), value = Trim(line.substr(colon + 1));
    if (key == "schema") {
      if (!ParseSchemaLine(value, c)) return "bad schema line: " + line;
    } else if (key == "default_database") {
      c->default_database = value;
    } else if (key == "var") {
      size_t eq = value.find('=');
      if (eq == std::string::npos) return "bad var line: " + line;
      c->variables[value.substr(0, eq)] = value.substr(eq + 1);
    } else {
      return "unknown header line: " + line;
    }
  }
  return "";
}

// Parses one case starting at lines[*i] == "# case: NAME"; leaves *i after its `====`.
GoldenCase ParseCase(const std::vector<std::string>& lines, size_t* i, const std::string& prefix,
                     const std::string& file) {
  GoldenCase c;
  std::string name = Trim(lines[*i].substr(std::string("# case:").size()));
  c.test_name = prefix + "_" + Sanitize(name);
  c.location = file + ":" + std::to_string(*i + 1);
  ++*i;
  c.format_error = ParseHeader(lines, i, &c);
  for (; *i < lines.size() && lines[*i] != "----"; ++*i) c.sql += lines[*i] + "\n";
  if (*i >= lines.size()) c.format_error = "missing ----";
  for (++*i; *i < lines.size() && lines[*i] != "===="; ++*i) {
    c.expected_text += lines[*i] + "\n";
    std::string line = Trim(lines[*i]);
    if (line.empty() || !c.format_error.empty()) continue;
    c.format_error = ParseExpectationLine(line, &c);
  }
  if (*i >= lines.size() && c.format_error.empty()) c.format_error = "missing ====";
  ++*i;
  for (size_t k = 0; k < c.expected.size() && c.format_error.empty(); ++k) {
    if (c.expected[k].index != k) c.format_error = "statement indexes must be 0, 1, 2, …";
  }
  return c;
}

std::vector<std::string> ReadLines(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

void LoadFile(const fs::path& path, const std::string& dialect, std::vector<GoldenCase>* out) {
  std::vector<std::string> lines = ReadLines(path);
  std::string prefix = Sanitize(dialect + "_" + path.stem().string());
  std::string file = "tests/sql/" + dialect + "/" + path.filename().string();
  for (size_t i = 0; i < lines.size();) {
    if (lines[i].rfind("# case:", 0) == 0) {
      GoldenCase c = ParseCase(lines, &i, prefix, file);
      c.dialect = dialect;
      out->push_back(std::move(c));
    } else if (Trim(lines[i]).empty() || lines[i][0] == '#') {
      ++i;
    } else {
      GoldenCase bad;
      bad.test_name = prefix + "_line_" + std::to_string(i + 1);
      bad.location = file + ":" + std::to_string(i + 1);
      bad.format_error = "text outside a case: " + lines[i];
      out->push_back(bad);
      return;
    }
  }
}

std::vector<GoldenCase> LoadAllCases() {
  std::vector<GoldenCase> cases;
  fs::path root = fs::path(SourceDir()) / "tests" / "sql";
  std::error_code ec;
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".test") files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    LoadFile(file, fs::relative(file, root).begin()->string(), &cases);
  }
  // gtest aborts on duplicate parameter names: rename duplicates and fail them instead.
  std::map<std::string, int> seen;
  for (GoldenCase& c : cases) {
    if (int n = seen[c.test_name]++; n > 0) {
      c.test_name += "_duplicate" + std::to_string(n);
      c.format_error = "duplicate case name";
    }
  }
  return cases;
}

const std::vector<GoldenCase>& AllCases() {
  static const std::vector<GoldenCase> cases = LoadAllCases();
  return cases;
}

// Renders a result in the expected-block form (tests/sql/README.md).
std::string Render(const std::vector<StatementLineage>& result) {
  std::ostringstream out;
  auto list = [&out](const char* label, const std::vector<std::string>& items) {
    if (items.empty()) return;
    out << "  " << label;
    for (const std::string& item : items) out << " " << item;
    out << "\n";
  };
  for (const StatementLineage& s : result) {
    out << "statement " << s.index << " " << s.kind << "\n";
    list("sources", s.sources);
    list("targets", s.targets);
    for (const ColumnLineage& c : s.columns) {
      out << "  column " << c.target << " <-";
      for (const std::string& src : c.sources) out << " " << src;
      out << "\n";
    }
    list("indirect", s.indirect);
    for (const std::string& w : s.warnings) out << "  warning " << w << "\n";
    if (s.error) {
      out << "  error " << s.error->line << ":" << s.error->column << " " << s.error->message
          << "\n";
    }
  }
  return out.str();
}

bool SortedUnique(const std::vector<std::string>& v) {
  for (size_t i = 1; i < v.size(); ++i) {
    if (!(v[i - 1] < v[i])) return false;
  }
  return true;
}

std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return Lower(haystack).find(Lower(needle)) != std::string::npos;
}

// Every expected warning substring matches a distinct actual warning; counts are equal.
bool WarningsMatch(const std::vector<std::string>& expected,
                   const std::vector<std::string>& actual) {
  if (expected.size() != actual.size()) return false;
  std::vector<bool> used(actual.size(), false);
  for (const std::string& e : expected) {
    bool found = false;
    for (size_t i = 0; i < actual.size() && !found; ++i) {
      if (!used[i] && Contains(actual[i], e)) used[i] = found = true;
    }
    if (!found) return false;
  }
  return true;
}

bool ErrorMatches(const ExpectedStatement& e, const StatementLineage& a) {
  if (e.has_error != a.error.has_value()) return false;
  if (!e.has_error) return true;
  if (e.error_line != "*" && e.error_line != std::to_string(a.error->line)) return false;
  if (e.error_column != "*" && e.error_column != std::to_string(a.error->column)) return false;
  return Contains(a.error->message, e.error_message);
}

// "target <- a b" with sources sorted when `sort` (expected lines may be written in any order).
std::string ColumnKey(const ColumnLineage& c, bool sort) {
  std::string key = c.target + " <-";
  for (const std::string& s : sort ? Sorted(c.sources) : c.sources) key += " " + s;
  return key;
}

// Differences between one expected block and one actual statement; empty when they agree.
std::vector<std::string> Compare(const ExpectedStatement& e, const StatementLineage& a) {
  std::vector<std::string> problems;
  std::string at = "statement " + std::to_string(e.index) + ": ";
  if (e.kind != "*" && e.kind != a.kind) problems.push_back(at + "kind differs");
  auto check = [&](const char* what, const std::vector<std::string>& want,
                   const std::vector<std::string>& got) {
    if (!SortedUnique(got)) problems.push_back(at + what + " not sorted/unique (docs/api.md)");
    if (Sorted(want) != Sorted(got)) problems.push_back(at + what + " differ");
  };
  check("sources", e.sources, a.sources);
  check("targets", e.targets, a.targets);
  check("indirect", e.indirect, a.indirect);
  std::vector<std::string> want_cols, got_cols, got_targets;
  for (const ColumnLineage& c : e.columns) want_cols.push_back(ColumnKey(c, true));
  for (const ColumnLineage& c : a.columns) {
    got_cols.push_back(ColumnKey(c, false));
    got_targets.push_back(c.target);
    if (!SortedUnique(c.sources)) problems.push_back(at + c.target + " sources not sorted/unique");
  }
  if (!SortedUnique(got_targets)) problems.push_back(at + "columns not sorted by unique target");
  if (Sorted(want_cols) != Sorted(got_cols)) problems.push_back(at + "columns differ");
  if (!WarningsMatch(e.warnings, a.warnings)) problems.push_back(at + "warnings differ");
  if (!ErrorMatches(e, a)) problems.push_back(at + "error differs");
  if (a.error && !(a.sources.empty() && a.targets.empty() && a.columns.empty() &&
                   a.indirect.empty() && a.warnings.empty())) {
    problems.push_back(at + "a failed statement must have every list empty (docs/api.md)");
  }
  return problems;
}

class SqlGoldenTest : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(SqlGoldenTest, Run) {
  const GoldenCase& c = GetParam();
  ASSERT_TRUE(c.format_error.empty()) << c.location << ": malformed case: " << c.format_error;
  std::optional<Dialect> dialect = ParseDialect(c.dialect);
  ASSERT_TRUE(dialect.has_value()) << c.location << ": unknown dialect directory " << c.dialect;
  MapSchema schema(c.schema);
  AnalyzeOptions options;
  options.dialect = *dialect;
  options.default_database = c.default_database;
  options.variables = c.variables;
  if (!c.schema.empty()) options.schema = &schema;
  std::vector<StatementLineage> result = AnalyzeScript(c.sql, options);

  std::vector<std::string> problems;
  if (result.size() != c.expected.size()) {
    problems.push_back("expected " + std::to_string(c.expected.size()) + " statements, got " +
                       std::to_string(result.size()));
  }
  for (size_t i = 0; i < result.size(); ++i) {
    if (result[i].index != i) problems.push_back("statement " + std::to_string(i) + ": bad index");
    if (i >= c.expected.size()) continue;
    std::vector<std::string> p = Compare(c.expected[i], result[i]);
    problems.insert(problems.end(), p.begin(), p.end());
  }
  if (problems.empty()) return;
  std::string why;
  for (const std::string& p : problems) why += "  - " + p + "\n";
  ADD_FAILURE() << c.location << ": " << c.test_name << "\n"
                << why << "--- SQL\n"
                << c.sql << "--- expected\n"
                << c.expected_text << "--- actual\n"
                << Render(result);
}

std::string CaseName(const ::testing::TestParamInfo<GoldenCase>& info) {
  return info.param.test_name;
}

INSTANTIATE_TEST_SUITE_P(Golden, SqlGoldenTest, ::testing::ValuesIn(AllCases()), CaseName);

// The suite itself: enough cases, and every dialect present.
TEST(SqlGoldenSuite, CoversEveryDialect) {
  std::map<std::string, int> per_dialect;
  for (const GoldenCase& c : AllCases()) ++per_dialect[c.dialect];
  EXPECT_GE(AllCases().size(), 150u) << "cases under " << SourceDir() << "/tests/sql";
  for (const char* dialect : {"hive", "spark", "postgres"}) {
    EXPECT_GE(per_dialect[dialect], 10) << dialect;
  }
}

}  // namespace
}  // namespace linea::sql
