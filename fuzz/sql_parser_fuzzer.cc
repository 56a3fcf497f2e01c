// fuzz/sql_parser_fuzzer.cc: sql::AnalyzeScript on arbitrary bytes, in every dialect.
//
// Oracle: AnalyzeScript never crashes or hangs (depth limits hold), and every statement either
// has an error with line and column >= 1 and every list empty, or sorted, de-duplicated lists
// (columns sorted by target, each with sorted, de-duplicated, non-empty sources). An
// "internal error" (an exception the analyser caught from itself) is a bug too. abort() otherwise.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "sql/lineage.h"

namespace {

template <typename T>
bool SortedUnique(const std::vector<T>& v) {
  return std::is_sorted(v.begin(), v.end()) && std::adjacent_find(v.begin(), v.end()) == v.end();
}

[[noreturn]] void Fail(const linea::sql::StatementLineage& s, const char* what) {
  std::fprintf(stderr, "sql_parser oracle failed (%s) in statement %zu at line %d: %.200s\n", what,
               s.index, s.line, s.text.c_str());
  std::abort();
}

void Check(const linea::sql::StatementLineage& s, size_t index) {
  if (s.index != index) Fail(s, "index");
  if (s.error) {
    if (s.error->line < 1 || s.error->column < 1) Fail(s, "error position");
    if (s.error->message.empty()) Fail(s, "empty error message");
    if (s.error->message.rfind("internal error", 0) == 0) Fail(s, "internal error");
    if (!s.sources.empty() || !s.targets.empty() || !s.columns.empty() || !s.indirect.empty()) {
      Fail(s, "lists set on error");
    }
    return;
  }
  if (!SortedUnique(s.sources) || !SortedUnique(s.targets) || !SortedUnique(s.indirect) ||
      !SortedUnique(s.warnings)) {
    Fail(s, "list not sorted/unique");
  }
  for (size_t i = 0; i < s.columns.size(); ++i) {
    if (i > 0 && !(s.columns[i - 1].target < s.columns[i].target)) Fail(s, "columns order");
    if (s.columns[i].sources.empty() || !SortedUnique(s.columns[i].sources)) {
      Fail(s, "column sources");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view script(reinterpret_cast<const char*>(data), size);
  linea::sql::MapSchema schema;
  schema.Add("default.t", {"a", "b", "c"});
  schema.Add("default.s", {"a", "x", "dt"});
  for (linea::sql::Dialect dialect :
       {linea::sql::Dialect::kHive, linea::sql::Dialect::kSpark, linea::sql::Dialect::kPostgres}) {
    linea::sql::AnalyzeOptions options;
    options.dialect = dialect;
    options.schema = &schema;
    options.variables = {{"db", "prod"}, {"hivevar:src", "raw.events e"}};
    std::vector<linea::sql::StatementLineage> out = linea::sql::AnalyzeScript(script, options);
    for (size_t i = 0; i < out.size(); ++i) Check(out[i], i);
  }
  return 0;
}
