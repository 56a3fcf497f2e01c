// POST /api/v1/sql/log and `linea ingest sql-log` (api.h).
#include "api/api.h"
#include "ingest/querylog/ingest.h"

namespace linea::api {
namespace {

Json SummaryJson(const querylog::IngestSummary& s) {
  Json problems = Json::array();
  for (const querylog::Problem& p : s.problems) {
    problems.push_back({{"kind", querylog::ProblemKindName(p.kind)},
                        {"record", p.record},
                        {"line", p.line},
                        {"text", p.text},
                        {"error", p.error}});
  }
  return {{"records", s.records},
          {"statements", s.statements},
          {"parsed", s.parsed},
          {"failed", s.failed},
          {"failed_by_reason", s.failed_by_reason},
          {"with_lineage", s.with_lineage},
          {"edges_written", s.edges_written},
          {"assets_discovered", s.assets_discovered},
          {"rejected", s.rejected},
          {"problems", std::move(problems)},
          {"problems_omitted", s.problems_omitted}};
}

}  // namespace

Reply IngestSqlLog(catalog::Catalog& c, std::string_view log, const SqlLogParams& params,
                   const catalog::Writer& writer, std::function<void(size_t, size_t)> progress) {
  std::optional<querylog::LogFormat> format = querylog::ParseLogFormat(params.format);
  if (!format) return Error(InvalidArgumentError("format: expected text, csv or jsonl"));
  std::optional<sql::Dialect> dialect = sql::ParseDialect(params.dialect);
  if (!dialect) return Error(InvalidArgumentError("dialect: expected hive, spark or postgres"));
  Result<std::vector<querylog::QueryRecord>> records = querylog::ReadQueryLog(log, *format);
  if (!records.ok()) return Error(records.status().WithPrefix(params.file));
  querylog::IngestOptions options;
  options.analyze.dialect = *dialect;
  options.analyze.default_database =
      params.default_database.empty() ? "default" : params.default_database;
  options.catalog.strict = params.strict;
  options.catalog.service = !params.service.empty()               ? params.service
                            : *dialect == sql::Dialect::kPostgres ? "postgres"
                                                                  : "hive";
  options.progress = std::move(progress);
  options.writer = writer;
  Result<querylog::IngestSummary> summary = querylog::IngestQueryLog(c, *records, options);
  if (!summary.ok()) return Error(summary.status());
  return Ok(SummaryJson(*summary));
}

}  // namespace linea::api
