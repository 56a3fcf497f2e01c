// sql::AnalyzeScript on typical ETL statements (1–3 KB: CTEs, joins, CASE, aggregates, windows,
// subqueries), single-threaded. items_per_second is statements per second (goal: >= 20,000).
// With $LINEA_SQL_CORPUS_OUT set, the benchmark first writes its corpus to that file, each
// statement followed by a line holding only ";" (bench/baselines/sqlglot_lineage.py reads it).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "sql/lineage.h"

namespace linea::bench {
namespace {

// One deterministic ETL statement; `i` varies names and shape.
std::string EtlStatement(int i) {
  std::string sql =
      "-- job {n}: daily subscriber scoring\n"
      "WITH moves AS (\n"
      "  SELECT m.msisdn, m.cell_id, m.ts, m.dt, c.region_id,\n"
      "         CASE WHEN m.kind = 'in' THEN 1 WHEN m.kind = 'out' THEN -1 ELSE 0 END AS dir\n"
      "  FROM geo.subscriber_moves_{n} m\n"
      "  JOIN geo.cells c ON m.cell_id = c.id AND c.active = 1\n"
      "  WHERE m.dt BETWEEN '2024-01-01' AND '2024-01-31' AND m.msisdn IS NOT NULL\n"
      "),\n"
      "pay AS (\n"
      "  SELECT p.msisdn, sum(p.amount) AS paid, count(DISTINCT p.invoice_id) AS invoices,\n"
      "         max(p.paid_at) AS last_paid\n"
      "  FROM billing.payments p\n"
      "  WHERE p.status IN ('ok', 'settled') AND p.dt >= '2024-01-01'\n"
      "  GROUP BY p.msisdn\n"
      "  HAVING sum(p.amount) > 0\n"
      ")\n"
      "INSERT OVERWRITE TABLE mart.subscriber_features_{n} PARTITION (dt = '2024-01-31')\n"
      "SELECT mv.msisdn,\n"
      "       count(*) AS moves_30d,\n"
      "       count(DISTINCT mv.cell_id) AS cells_30d,\n"
      "       sum(mv.dir) AS net_dir,\n"
      "       coalesce(max(py.paid), 0) AS paid_30d,\n"
      "       CASE WHEN max(py.invoices) > 3 THEN 'frequent'\n"
      "            WHEN max(py.invoices) > 0 THEN 'occasional' ELSE 'none' END AS pay_segment,\n"
      "       max(r.name) AS region,\n"
      "       row_number() OVER (PARTITION BY max(r.country) ORDER BY count(*) DESC) AS rnk,\n"
      "       (SELECT max(s.score) FROM risk.scores s WHERE s.msisdn = mv.msisdn) AS risk,\n"
      "       datediff(max(mv.ts), max(py.last_paid)) AS days_since_paid\n"
      "FROM moves mv\n"
      "LEFT JOIN pay py ON py.msisdn = mv.msisdn\n"
      "JOIN geo.regions r ON r.id = mv.region_id\n"
      "WHERE mv.msisdn NOT IN (SELECT b.msisdn FROM crm.blacklist b WHERE b.active)\n"
      "  AND r.country = 'XX'\n"
      "GROUP BY mv.msisdn\n";
  if (i % 3 == 0) {
    sql += "UNION ALL\nSELECT o.msisdn, 0, 0, 0, o.paid, 'none', o.region, 0, NULL, 0\n";
    sql += "FROM mart.manual_overrides o WHERE o.dt = '2024-01-31'\n";
  }
  for (size_t at = sql.find("{n}"); at != std::string::npos; at = sql.find("{n}", at)) {
    sql.replace(at, 3, std::to_string(i));
  }
  return sql;
}

std::vector<std::string> Corpus() {
  std::vector<std::string> corpus;
  for (int i = 0; i < 200; ++i) corpus.push_back(EtlStatement(i));
  return corpus;
}

// Writes `corpus` to the file named by $LINEA_SQL_CORPUS_OUT, if set; false if it cannot.
bool DumpCorpusIfAsked(const std::vector<std::string>& corpus) {
  const char* path = std::getenv("LINEA_SQL_CORPUS_OUT");
  if (path == nullptr || *path == '\0') return true;
  std::ofstream out(path, std::ios::trunc);
  for (const std::string& statement : corpus) out << statement << ";\n";
  return static_cast<bool>(out.flush());
}

void BM_SqlLineageEtlStatements(benchmark::State& state) {
  std::vector<std::string> corpus = Corpus();
  if (!DumpCorpusIfAsked(corpus)) {
    state.SkipWithError("cannot write $LINEA_SQL_CORPUS_OUT");
    return;
  }
  sql::AnalyzeOptions options;
  options.dialect = sql::Dialect::kHive;
  size_t i = 0, bytes = 0, columns = 0;
  for (auto _ : state) {
    const std::string& statement = corpus[i++ % corpus.size()];
    std::vector<sql::StatementLineage> out = sql::AnalyzeScript(statement, options);
    if (out.size() != 1 || out[0].error) {
      state.SkipWithError("statement failed to analyse");
      return;
    }
    columns += out[0].columns.size();
    bytes += statement.size();
  }
  benchmark::DoNotOptimize(columns);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_SqlLineageEtlStatements)->MinTime(1.0);

}  // namespace
}  // namespace linea::bench
