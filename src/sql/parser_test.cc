#include "sql/parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sql/lexer.h"
#include "sql/lineage.h"

namespace linea::sql {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Parses the first statement of `sql`.
Result<std::unique_ptr<Statement>> Parse(const std::string& sql, Dialect dialect = Dialect::kHive,
                                         int max_depth = 256) {
  Lexer lexer(sql, dialect);
  LexedStatement lexed;
  EXPECT_TRUE(lexer.Next({}, &lexed)) << sql;
  ParseOptions options;
  options.dialect = dialect;
  options.max_depth = max_depth;
  return ParseStatement(sql, lexed.tokens, options);
}

std::unique_ptr<Statement> Ok(const std::string& sql, Dialect dialect = Dialect::kHive) {
  Result<std::unique_ptr<Statement>> out = Parse(sql, dialect);
  EXPECT_TRUE(out.ok()) << sql << "\n" << out.status().message();
  return out.ok() ? std::move(*out) : nullptr;
}

// The error of the only statement of `sql`, as "line:column message".
std::string ErrorOf(const std::string& sql, Dialect dialect = Dialect::kHive) {
  AnalyzeOptions options;
  options.dialect = dialect;
  std::vector<StatementLineage> out = AnalyzeScript(sql, options);
  if (out.size() != 1 || !out[0].error) return "no error";
  const SqlError& e = *out[0].error;
  return std::to_string(e.line) + ":" + std::to_string(e.column) + " " + e.message;
}

TEST(ParserTest, StatementKinds) {
  EXPECT_EQ(Ok("SELECT 1")->kind, StatementKind::kSelect);
  EXPECT_EQ(Ok("WITH a AS (SELECT 1) SELECT * FROM a")->kind, StatementKind::kSelect);
  EXPECT_EQ(Ok("INSERT INTO t SELECT 1")->kind, StatementKind::kInsert);
  EXPECT_EQ(Ok("CREATE TABLE t AS SELECT 1 AS x")->kind, StatementKind::kCreateTableAs);
  EXPECT_EQ(Ok("CREATE OR REPLACE TEMPORARY VIEW v AS SELECT 1")->kind, StatementKind::kCreateView);
  EXPECT_EQ(Ok("CREATE EXTERNAL TABLE t (a INT) STORED AS ORC")->kind, StatementKind::kCreateTable);
  EXPECT_EQ(Ok("MERGE INTO t USING s ON t.k = s.k WHEN MATCHED THEN DELETE")->kind,
            StatementKind::kMerge);
  EXPECT_EQ(Ok("UPDATE t SET a = 1 WHERE b = 2")->kind, StatementKind::kUpdate);
  EXPECT_EQ(Ok("DELETE FROM t WHERE b = 2")->kind, StatementKind::kDelete);
  EXPECT_EQ(Ok("USE analytics")->kind, StatementKind::kUse);
  EXPECT_EQ(Ok("SET hive.exec.dynamic.partition.mode=nonstrict")->kind, StatementKind::kSet);
  EXPECT_EQ(Ok("DROP TABLE IF EXISTS a.b PURGE")->kind, StatementKind::kDrop);
  EXPECT_EQ(Ok("ALTER TABLE a RENAME TO b")->kind, StatementKind::kAlter);
  EXPECT_EQ(Ok("TRUNCATE TABLE t")->kind, StatementKind::kOther);
  EXPECT_EQ(Ok("MSCK REPAIR TABLE t")->kind, StatementKind::kOther);
  EXPECT_EQ(Ok("ADD JAR /tmp/udf.jar")->kind, StatementKind::kOther);
  EXPECT_EQ(Ok("CREATE FUNCTION f AS 'com.x.F'")->kind, StatementKind::kOther);
  EXPECT_EQ(Ok("EXPLAIN SELECT 1")->kind, StatementKind::kOther);
}

TEST(ParserTest, InsertTargetPartitionAndColumns) {
  auto s = Ok("INSERT OVERWRITE TABLE db.t PARTITION (dt='2024-01-01', hr) (a, b) SELECT 1, 2, 3");
  ASSERT_EQ(s->inserts.size(), 1u);
  const InsertTarget& target = s->inserts[0].target;
  EXPECT_THAT(target.table, ElementsAre("db", "t"));
  ASSERT_EQ(target.partition.size(), 2u);
  EXPECT_TRUE(target.partition[0].is_static);
  EXPECT_EQ(target.partition[1].name, "hr");
  EXPECT_FALSE(target.partition[1].is_static);
  EXPECT_THAT(target.columns, ElementsAre("a", "b"));
}

TEST(ParserTest, MultiInsertIsOneStatementWithSeveralBranches) {
  auto s =
      Ok("FROM src s INSERT OVERWRITE TABLE t1 SELECT s.a WHERE s.b > 0 "
         "INSERT INTO TABLE t2 SELECT s.c GROUP BY s.c");
  EXPECT_EQ(s->kind, StatementKind::kInsert);
  EXPECT_EQ(s->shared_from.size(), 1u);
  ASSERT_EQ(s->inserts.size(), 2u);
  EXPECT_THAT(s->inserts[1].target.table, ElementsAre("t2"));
}

TEST(ParserTest, NamesAreLowerCasedAndUnquoted) {
  auto s = Ok("SELECT `My Col` FROM `Db`.`T``x`");
  const SelectCore& core = *s->query->terms[0].select;
  EXPECT_THAT(core.items[0].expr->name, ElementsAre("my col"));
  EXPECT_THAT(core.from[0].base.name, ElementsAre("db", "t`x"));
  auto pg = Ok("SELECT \"Quoted\".\"Col\" FROM \"Sch\".\"Tab\" \"Quoted\"", Dialect::kPostgres);
  EXPECT_THAT(pg->query->terms[0].select->items[0].expr->name, ElementsAre("quoted", "col"));
}

TEST(ParserTest, SetKeepsRawKeyAndValue) {
  auto s = Ok("SET hivevar:run_date = 2024-01-01");
  EXPECT_EQ(s->set_key, "hivevar:run_date");
  EXPECT_EQ(s->set_value, "2024-01-01");
}

TEST(ParserTest, ParsesAWideRangeOfExpressions) {
  const char* sqls[] = {
      "SELECT CASE WHEN a > 0 THEN b ELSE c END, CASE a WHEN 1 THEN 'x' END FROM t",
      "SELECT CAST(a AS DECIMAL(10, 2)), CAST(m AS MAP<STRING, ARRAY<INT>>) FROM t",
      "SELECT a FROM t WHERE b BETWEEN 1 AND 2 AND c NOT IN (1, 2) AND d IS NOT NULL",
      "SELECT a FROM t WHERE x LIKE 'a%' ESCAPE '!' OR y RLIKE 'b' OR NOT z",
      "SELECT extract(year FROM ts), substring(s FROM 1 FOR 2), trim(BOTH ' ' FROM s) FROM t",
      "SELECT position('a' IN s), interval '1' day, INTERVAL 2 HOURS, date '2024-01-01' FROM t",
      "SELECT transform(arr, x -> x + 1), filter(arr, (x, i) -> x > i) FROM t",
      "SELECT sum(a) OVER (PARTITION BY b ORDER BY c ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)",
      "SELECT count(DISTINCT a) FILTER (WHERE b > 0), percentile_cont(0.5) WITHIN GROUP "
      "(ORDER BY c) FROM t",
      "SELECT m['k'], arr[0], s.f.g, a <=> b, a || b, -a, ~a, !a FROM t",
      "SELECT a FROM t GROUP BY GROUPING SETS ((a, b), (a), ())",
      "SELECT a FROM t GROUP BY a, b WITH ROLLUP",
      "SELECT ((SELECT max(a) FROM t) + 1)",
      "((SELECT a FROM t) UNION (SELECT b FROM u)) ORDER BY 1",
      "SELECT a FROM t1 LEFT SEMI JOIN t2 ON t1.k = t2.k LEFT ANTI JOIN t3 ON t1.k = t3.k",
      "SELECT v.c FROM t LATERAL VIEW OUTER posexplode(t.arr) v AS p, c",
      "SELECT a FROM t TABLESAMPLE (BUCKET 1 OUT OF 4 ON a) s DISTRIBUTE BY a SORT BY b",
  };
  for (const char* sql : sqls) Ok(sql);
}

TEST(ParserTest, ParsesPostgresSyntax) {
  const char* sqls[] = {
      "SELECT a::numeric(10,2), b::timestamp with time zone, c::text[] FROM s.t",
      "SELECT DISTINCT ON (a) a, b FROM t ORDER BY a, b DESC NULLS LAST",
      "SELECT * FROM t1, LATERAL (SELECT * FROM t2 WHERE t2.id = t1.id) x",
      "SELECT * FROM unnest(ARRAY[1,2]) WITH ORDINALITY AS u(v, n)",
      "SELECT data->>'k', data #> '{a,b}' FROM t WHERE tags @> ARRAY['x']",
      "UPDATE t SET (a, b) = (SELECT x, y FROM s WHERE s.id = t.id) RETURNING *",
      "INSERT INTO t AS x (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = excluded.a",
      "INSERT INTO t (a) VALUES (1) ON CONFLICT ON CONSTRAINT t_pk DO NOTHING",
      "DELETE FROM t USING s WHERE t.id = s.id RETURNING t.id",
      "SELECT a INTO new_t FROM t",
      "CREATE TABLE x AS SELECT 1 AS a WITH NO DATA",
  };
  for (const char* sql : sqls) Ok(sql, Dialect::kPostgres);
}

TEST(ParserTest, ErrorsNameWhatWasExpectedWithPosition) {
  EXPECT_EQ(ErrorOf("SELECT a FORM t"), "1:10 expected FROM, got 'FORM'");
  EXPECT_EQ(ErrorOf("SELECT a\nFROM t\nWHER a > 1"), "3:1 expected WHERE, got 'WHER'");
  EXPECT_EQ(ErrorOf("SELECT a FROM t GROUP a"), "1:23 expected BY, got 'a'");
  EXPECT_EQ(ErrorOf("SELECT a, FROM t"), "1:11 expected an expression, got 'FROM'");
  EXPECT_EQ(ErrorOf("SELECT (a FROM t"), "1:11 expected ')', got 'FROM'");
  EXPECT_EQ(ErrorOf("SELECT a FROM WHERE a > 1"), "1:15 expected a table name, got 'WHERE'");
  EXPECT_EQ(ErrorOf("SELEC a FROM t"),
            "1:1 expected a statement (SELECT, INSERT, CREATE, ...), got 'SELEC' "
            "(did you mean SELECT?)");
  EXPECT_EQ(ErrorOf("INSERT INTO t VALUE (1)"), "1:15 expected SELECT or VALUES, got 'VALUE'");
  EXPECT_EQ(ErrorOf("SELECT CASE WHEN a THEN b"), "1:26 expected END, got end of statement");
  EXPECT_EQ(ErrorOf("SELECT 'abc"), "1:8 unterminated string literal");
}

TEST(ParserTest, DepthLimitIsACleanError) {
  std::string deep = "SELECT " + std::string(10000, '(') + "1" + std::string(10000, ')');
  Result<std::unique_ptr<Statement>> out = Parse(deep);
  ASSERT_FALSE(out.ok());
  EXPECT_THAT(out.status().message(), HasSubstr("nesting deeper than 256 levels"));
  std::string subqueries;
  for (int i = 0; i < 10000; ++i) subqueries += "SELECT * FROM (";
  subqueries += "SELECT 1";
  for (int i = 0; i < 10000; ++i) subqueries += ") x";
  EXPECT_THAT(Parse(subqueries).status().message(), HasSubstr("nesting deeper"));
  std::string minus = "SELECT ";
  for (int i = 0; i < 10000; ++i) minus += "- ";
  EXPECT_THAT(Parse(minus + "1").status().message(), HasSubstr("nesting deeper"));
  std::string cases = "SELECT ";
  for (int i = 0; i < 10000; ++i) cases += "CASE WHEN ";
  EXPECT_THAT(Parse(cases + "1").status().message(), HasSubstr("nesting deeper"));
}

TEST(ParserTest, MaxDepthOptionIsHonoured) {
  EXPECT_TRUE(Parse("SELECT ((1))", Dialect::kHive, 5).ok());
  EXPECT_FALSE(Parse("SELECT ((((((1))))))", Dialect::kHive, 5).ok());
}

TEST(ParserTest, LongOperatorChainsDoNotDeepenTheTree) {
  std::string sql = "SELECT a0";
  for (int i = 1; i < 50000; ++i) sql += (i % 2 ? " + a" : " = a") + std::to_string(i);
  sql += " FROM t WHERE b0 = 1";
  for (int i = 1; i < 20000; ++i) sql += " OR b" + std::to_string(i) + " IS NULL";
  Result<std::unique_ptr<Statement>> out = Parse(sql);
  EXPECT_TRUE(out.ok());
}

TEST(ParserTest, OneMegabyteStatement) {
  std::string sql = "SELECT ";
  int i = 0;
  for (; sql.size() < (1 << 20); ++i) {
    sql += "coalesce(a" + std::to_string(i) + ", 0) AS c" + std::to_string(i) + ", ";
  }
  sql += "1 FROM t";
  Result<std::unique_ptr<Statement>> out = Parse(sql);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ((*out)->query->terms[0].select->items.size(), static_cast<size_t>(i + 1));
}

TEST(ParserTest, HostileSizesAreBoundedWithClearErrors) {
  std::string joins = "SELECT 1 FROM t0";
  for (int i = 1; i <= 500; ++i) joins += " JOIN t" + std::to_string(i) + " ON x = y";
  EXPECT_EQ(Parse(joins).status().message(), "more than 500 tables in one FROM clause");
  std::string ctes = "WITH c0 AS (SELECT 1)";
  for (int i = 1; i <= 1000; ++i) ctes += ", c" + std::to_string(i) + " AS (SELECT 1)";
  EXPECT_EQ(Parse(ctes + " SELECT 1").status().message(), "more than 1000 CTEs in one WITH");
  std::string inserts = "FROM s";
  for (int i = 0; i <= 256; ++i) inserts += " INSERT INTO t SELECT a";
  EXPECT_EQ(Parse(inserts).status().message(), "more than 256 INSERT branches in one statement");
}

TEST(ParserTest, HiveAndSparkSpecialForms) {
  Ok("SELECT TRANSFORM (a, b) USING 'python x.py' AS (c, d) FROM t");
  Ok("SELECT exists(arr, x -> x > 0), window(ts, '5 minutes'), left(s, 2) FROM t");
  Ok("SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u)");
  EXPECT_EQ(ErrorOf("SELECT window FROM t"), "1:8 expected an expression, got 'window'");
}

TEST(ParserTest, InvalidUtf8IsAnError) {
  EXPECT_EQ(ErrorOf("SELECT a\xc3 FROM t"), "1:9 invalid UTF-8 byte 0xC3");
}

}  // namespace
}  // namespace linea::sql
