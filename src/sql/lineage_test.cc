#include "sql/lineage.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace linea::sql {

void PrintTo(const ColumnLineage& c, std::ostream* os) {
  *os << c.target << " <-";
  for (const std::string& s : c.sources) *os << " " << s;
}

namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

ColumnLineage Col(std::string target, std::vector<std::string> sources) {
  return ColumnLineage{std::move(target), std::move(sources)};
}

class LineageTest : public ::testing::Test {
 protected:
  // Analyses a script expected to hold exactly one statement.
  StatementLineage One(std::string_view sql) {
    std::vector<StatementLineage> out = AnalyzeScript(sql, options_);
    EXPECT_EQ(out.size(), 1u) << sql;
    if (out.empty()) return {};
    EXPECT_FALSE(out[0].error) << sql << "\n" << out[0].error->message;
    return out[0];
  }
  void Schema(std::string table, std::vector<std::string> columns) {
    schema_.Add(std::move(table), std::move(columns));
    options_.schema = &schema_;
  }

  AnalyzeOptions options_;
  MapSchema schema_;
};

TEST_F(LineageTest, InsertSelectWithJoinWhereGroupBy) {
  StatementLineage s =
      One("INSERT OVERWRITE TABLE geo.agg SELECT m.cell_id, count(DISTINCT m.msisdn) AS users "
          "FROM geo.moves m JOIN geo.cells c ON m.cell_id = c.id WHERE c.region = 'n' "
          "GROUP BY m.cell_id");
  EXPECT_EQ(s.kind, "insert");
  EXPECT_THAT(s.sources, ElementsAre("geo.cells", "geo.moves"));
  EXPECT_THAT(s.targets, ElementsAre("geo.agg"));
  EXPECT_THAT(s.columns, ElementsAre(Col("geo.agg.cell_id", {"geo.moves.cell_id"}),
                                     Col("geo.agg.users", {"geo.moves.msisdn"})));
  EXPECT_THAT(s.indirect, ElementsAre("geo.cells.id", "geo.cells.region", "geo.moves.cell_id"));
  EXPECT_THAT(s.warnings, IsEmpty());
}

TEST_F(LineageTest, UnqualifiedTablesUseDefaultDatabaseThenUse) {
  options_.default_database = "stage";
  std::vector<StatementLineage> out = AnalyzeScript(
      "INSERT INTO a SELECT x FROM b; USE prod; INSERT INTO a SELECT x FROM b;", options_);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_THAT(out[0].columns, ElementsAre(Col("stage.a.x", {"stage.b.x"})));
  EXPECT_EQ(out[1].kind, "use");
  EXPECT_THAT(out[2].columns, ElementsAre(Col("prod.a.x", {"prod.b.x"})));
}

TEST_F(LineageTest, ExplicitColumnListWins) {
  Schema("d.t", {"p", "q", "r"});
  StatementLineage s = One("INSERT INTO d.t (r, p) SELECT a, b FROM d.s");
  EXPECT_THAT(s.columns, ElementsAre(Col("d.t.p", {"d.s.b"}), Col("d.t.r", {"d.s.a"})));
}

TEST_F(LineageTest, TargetSchemaMapsByPosition) {
  Schema("d.t", {"p", "q"});
  StatementLineage s = One("INSERT INTO d.t SELECT a AS x, b + c FROM d.s");
  EXPECT_THAT(s.columns, ElementsAre(Col("d.t.p", {"d.s.a"}), Col("d.t.q", {"d.s.b", "d.s.c"})));
}

TEST_F(LineageTest, DynamicPartitionColumnsTakeTheLastItems) {
  Schema("d.t", {"a", "b", "dt", "hr"});
  StatementLineage s =
      One("INSERT OVERWRITE TABLE d.t PARTITION (dt = '2024-01-01', hr) SELECT x, y, h FROM d.s");
  EXPECT_THAT(s.columns, ElementsAre(Col("d.t.a", {"d.s.x"}), Col("d.t.b", {"d.s.y"}),
                                     Col("d.t.hr", {"d.s.h"})));
}

TEST_F(LineageTest, DynamicPartitionWithoutSchema) {
  StatementLineage s =
      One("INSERT OVERWRITE TABLE d.t PARTITION (dt) SELECT x, upper(y) AS yy, day FROM d.s");
  EXPECT_THAT(s.columns, ElementsAre(Col("d.t.dt", {"d.s.day"}), Col("d.t.x", {"d.s.x"}),
                                     Col("d.t.yy", {"d.s.y"})));
}

TEST_F(LineageTest, ExpressionWithoutAliasWarnsAndLiteralsAreOmitted) {
  StatementLineage s = One("INSERT INTO d.t SELECT a, a + 1, 'x' AS lit, count(*) AS n FROM d.s");
  EXPECT_THAT(s.columns, ElementsAre(Col("d.t.a", {"d.s.a"})));
  EXPECT_THAT(s.warnings, ElementsAre("expression without alias at position 2 for d.t"));
}

TEST_F(LineageTest, StarExpandsFromSchemaOrWarns) {
  Schema("d.s", {"a", "b"});
  StatementLineage known = One("CREATE TABLE d.t AS SELECT * FROM d.s");
  EXPECT_THAT(known.columns, ElementsAre(Col("d.t.a", {"d.s.a"}), Col("d.t.b", {"d.s.b"})));
  StatementLineage unknown = One("CREATE TABLE d.t AS SELECT u.* FROM d.u u");
  EXPECT_THAT(unknown.columns, IsEmpty());
  EXPECT_THAT(unknown.warnings, ElementsAre("SELECT * from d.u with unknown schema"));
}

TEST_F(LineageTest, CteStarExpandsToItsSelectList) {
  StatementLineage s =
      One("WITH c AS (SELECT a, b * 2 AS b2 FROM d.s) INSERT INTO d.t SELECT * FROM c");
  EXPECT_THAT(s.columns, ElementsAre(Col("d.t.a", {"d.s.a"}), Col("d.t.b2", {"d.s.b"})));
  EXPECT_THAT(s.sources, ElementsAre("d.s"));
}

TEST_F(LineageTest, NestedCtesAndCteShadowingATable) {
  StatementLineage s =
      One("WITH orders AS (SELECT id, amount FROM d.orders WHERE ok), "
          "big AS (WITH inner_c AS (SELECT id, amount FROM orders) SELECT id FROM inner_c "
          "WHERE amount > 10) "
          "INSERT INTO d.t SELECT o.id, o.amount FROM orders o JOIN big b ON o.id = b.id");
  EXPECT_THAT(s.sources, ElementsAre("d.orders"));
  EXPECT_THAT(s.columns,
              ElementsAre(Col("d.t.amount", {"d.orders.amount"}), Col("d.t.id", {"d.orders.id"})));
  EXPECT_THAT(s.indirect, ElementsAre("d.orders.amount", "d.orders.id", "d.orders.ok"));
}

TEST_F(LineageTest, CteNameInsideItsOwnDefinitionIsTheRealTable) {
  options_.default_database = "d";
  StatementLineage s = One("WITH t AS (SELECT a FROM t) SELECT a FROM t");
  EXPECT_THAT(s.sources, ElementsAre("d.t"));
}

TEST_F(LineageTest, RecursiveCte) {
  StatementLineage s =
      One("WITH RECURSIVE r (n, p) AS (SELECT id, parent FROM d.nodes UNION ALL "
          "SELECT r.n, x.parent FROM r JOIN d.nodes x ON x.id = r.p) INSERT INTO d.t SELECT n, p "
          "FROM r");
  EXPECT_THAT(s.columns,
              ElementsAre(Col("d.t.n", {"d.nodes.id"}), Col("d.t.p", {"d.nodes.parent"})));
}

TEST_F(LineageTest, DerivedTablesAndAliases) {
  StatementLineage s =
      One("INSERT INTO d.t SELECT x.k, x.total FROM (SELECT key AS k, sum(v) AS total FROM d.s "
          "GROUP BY key) x WHERE x.total > 0");
  EXPECT_THAT(s.columns, ElementsAre(Col("d.t.k", {"d.s.key"}), Col("d.t.total", {"d.s.v"})));
  EXPECT_THAT(s.indirect, ElementsAre("d.s.key", "d.s.v"));
}

TEST_F(LineageTest, UnionBranchesAreUnitedByPosition) {
  StatementLineage s =
      One("INSERT INTO d.t SELECT a AS x, b AS y FROM d.s1 UNION ALL SELECT c, d FROM d.s2 "
          "UNION SELECT e, f FROM d.s3");
  EXPECT_THAT(s.columns, ElementsAre(Col("d.t.x", {"d.s1.a", "d.s2.c", "d.s3.e"}),
                                     Col("d.t.y", {"d.s1.b", "d.s2.d", "d.s3.f"})));
}

TEST_F(LineageTest, ScalarSubqueryFeedsTheColumnAndItsWhereIsIndirect) {
  StatementLineage s =
      One("INSERT INTO d.t SELECT s.id, (SELECT max(p.amount) FROM d.pay p WHERE p.id = s.id) AS m "
          "FROM d.s s");
  EXPECT_THAT(s.columns, ElementsAre(Col("d.t.id", {"d.s.id"}), Col("d.t.m", {"d.pay.amount"})));
  EXPECT_THAT(s.indirect, ElementsAre("d.pay.id", "d.s.id"));
}

TEST_F(LineageTest, InAndExistsSubqueriesInWhereAreIndirect) {
  StatementLineage s =
      One("INSERT INTO d.t SELECT a FROM d.s WHERE b IN (SELECT c FROM d.u WHERE flag) AND "
          "EXISTS (SELECT 1 FROM d.v WHERE d.v.k = d.s.k)");
  EXPECT_THAT(s.sources, ElementsAre("d.s", "d.u", "d.v"));
  EXPECT_THAT(s.columns, ElementsAre(Col("d.t.a", {"d.s.a"})));
  EXPECT_THAT(s.indirect, ElementsAre("d.s.b", "d.s.k", "d.u.c", "d.u.flag", "d.v.k"));
}

TEST_F(LineageTest, WindowPartitionAndOrderAreDirect) {
  StatementLineage s =
      One("INSERT INTO d.t SELECT sum(v) OVER (PARTITION BY p ORDER BY o) AS s, "
          "rank() OVER w AS r FROM d.s WINDOW w AS (PARTITION BY q)");
  EXPECT_THAT(s.columns,
              ElementsAre(Col("d.t.r", {"d.s.q"}), Col("d.t.s", {"d.s.o", "d.s.p", "d.s.v"})));
}

TEST_F(LineageTest, CaseConditionsAndBranchesAreDirect) {
  StatementLineage s =
      One("INSERT INTO d.t SELECT CASE WHEN a > 0 THEN b WHEN c THEN 1 ELSE d END AS x FROM d.s");
  EXPECT_THAT(s.columns, ElementsAre(Col("d.t.x", {"d.s.a", "d.s.b", "d.s.c", "d.s.d"})));
}

TEST_F(LineageTest, GroupingSetsRollupCubeAreIndirect) {
  StatementLineage s = One(
      "INSERT INTO d.t SELECT a, b, sum(v) AS total FROM d.s GROUP BY GROUPING SETS ((a, b), (a))");
  EXPECT_THAT(s.indirect, ElementsAre("d.s.a", "d.s.b"));
  StatementLineage r = One("SELECT a, sum(v) FROM d.s GROUP BY ROLLUP (a, c) HAVING sum(w) > 1");
  EXPECT_THAT(r.indirect, ElementsAre("d.s.a", "d.s.c", "d.s.w"));
}

TEST_F(LineageTest, GroupByOrdinalAndAlias) {
  StatementLineage s = One("SELECT upper(a) AS ua, count(*) FROM d.s GROUP BY 1");
  EXPECT_THAT(s.indirect, ElementsAre("d.s.a"));
  StatementLineage alias =
      One("SELECT lower(b) AS lb, count(*) FROM d.s GROUP BY lb HAVING max(lb) > 'a'");
  EXPECT_THAT(alias.indirect, ElementsAre("d.s.b"));
}

TEST_F(LineageTest, QualifyIsIndirect) {
  StatementLineage s =
      One("SELECT a FROM d.s QUALIFY row_number() OVER (PARTITION BY k ORDER BY ts DESC) = 1");
  EXPECT_THAT(s.indirect, ElementsAre("d.s.k", "d.s.ts"));
}

TEST_F(LineageTest, LateralViewExplodeAndPosexplode) {
  StatementLineage s =
      One("INSERT INTO d.t SELECT s.id, v.item, p.pos, p.val FROM d.s s "
          "LATERAL VIEW explode(s.items) v AS item "
          "LATERAL VIEW OUTER posexplode(s.vals) p AS pos, val");
  EXPECT_THAT(s.columns, ElementsAre(Col("d.t.id", {"d.s.id"}), Col("d.t.item", {"d.s.items"}),
                                     Col("d.t.pos", {"d.s.vals"}), Col("d.t.val", {"d.s.vals"})));
}

TEST_F(LineageTest, JoinKinds) {
  StatementLineage s =
      One("INSERT INTO d.t SELECT a.x, c.z FROM d.a a LEFT SEMI JOIN d.b b ON a.k = b.k "
          "CROSS JOIN d.c c FULL OUTER JOIN d.e e ON c.j = e.j LEFT ANTI JOIN d.f f ON f.m = a.m");
  EXPECT_THAT(s.sources, ElementsAre("d.a", "d.b", "d.c", "d.e", "d.f"));
  EXPECT_THAT(s.columns, ElementsAre(Col("d.t.x", {"d.a.x"}), Col("d.t.z", {"d.c.z"})));
  EXPECT_THAT(s.indirect, ElementsAre("d.a.k", "d.a.m", "d.b.k", "d.c.j", "d.e.j", "d.f.m"));
}

TEST_F(LineageTest, UnqualifiedColumnResolvedThroughSchema) {
  Schema("d.a", {"id", "x"});
  Schema("d.b", {"id", "y"});
  StatementLineage s = One("INSERT INTO d.t SELECT x, y FROM d.a JOIN d.b ON d.a.id = d.b.id");
  EXPECT_THAT(s.columns, ElementsAre(Col("d.t.x", {"d.a.x"}), Col("d.t.y", {"d.b.y"})));
  EXPECT_THAT(s.warnings, IsEmpty());
}

TEST_F(LineageTest, AmbiguousUnqualifiedColumnWarnsRatherThanGuesses) {
  StatementLineage s = One("INSERT INTO d.t SELECT x FROM d.a JOIN d.b ON a.id = b.id");
  EXPECT_THAT(s.columns, IsEmpty());
  EXPECT_THAT(s.warnings, ElementsAre(HasSubstr("ambiguous column 'x'")));
}

TEST_F(LineageTest, DerivedTableDisambiguatesAgainstUnknownTable) {
  StatementLineage s = One(
      "INSERT INTO d.t SELECT x, y FROM d.a JOIN (SELECT id, v AS y FROM d.b) q ON a.id = q.id");
  EXPECT_THAT(s.columns, ElementsAre(Col("d.t.x", {"d.a.x"}), Col("d.t.y", {"d.b.v"})));
}

TEST_F(LineageTest, StructFieldsAndFunctionsResolveToTheColumn) {
  StatementLineage s =
      One("INSERT INTO d.t SELECT s.addr.city AS city, get_json_object(s.j, '$.a') AS a, "
          "coalesce(nvl(s.x, s.y), 0) AS xy, m['k'] AS mk FROM d.s s");
  EXPECT_THAT(s.columns, ElementsAre(Col("d.t.a", {"d.s.j"}), Col("d.t.city", {"d.s.addr"}),
                                     Col("d.t.mk", {"d.s.m"}), Col("d.t.xy", {"d.s.x", "d.s.y"})));
}

TEST_F(LineageTest, LambdaParametersAreNotColumns) {
  StatementLineage s = One("INSERT INTO d.t SELECT transform(arr, x -> x * factor) AS a FROM d.s");
  EXPECT_THAT(s.columns, ElementsAre(Col("d.t.a", {"d.s.arr", "d.s.factor"})));
  EXPECT_THAT(s.warnings, IsEmpty());
}

TEST_F(LineageTest, MultiInsertHasSeveralTargets) {
  StatementLineage s =
      One("FROM d.src s INSERT OVERWRITE TABLE d.t1 SELECT s.a WHERE s.f = 1 "
          "INSERT INTO TABLE d.t2 PARTITION (dt) SELECT s.b, s.dt");
  EXPECT_THAT(s.targets, ElementsAre("d.t1", "d.t2"));
  EXPECT_THAT(s.columns, ElementsAre(Col("d.t1.a", {"d.src.a"}), Col("d.t2.b", {"d.src.b"}),
                                     Col("d.t2.dt", {"d.src.dt"})));
  EXPECT_THAT(s.indirect, ElementsAre("d.src.f"));
}

TEST_F(LineageTest, CreateViewWithColumnList) {
  StatementLineage s = One("CREATE OR REPLACE VIEW d.v (k, total) AS SELECT a, b + c FROM d.s");
  EXPECT_EQ(s.kind, "create_view");
  EXPECT_THAT(s.targets, ElementsAre("d.v"));
  EXPECT_THAT(s.columns,
              ElementsAre(Col("d.v.k", {"d.s.a"}), Col("d.v.total", {"d.s.b", "d.s.c"})));
}

TEST_F(LineageTest, TemporaryViewIsFoldedIntoItsReaders) {
  options_.default_database = "d";
  std::vector<StatementLineage> out = AnalyzeScript(
      "CREATE TEMPORARY VIEW tmp AS SELECT a, b FROM s WHERE c > 0; INSERT INTO t SELECT * FROM "
      "tmp;",
      options_);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_THAT(out[0].targets, ElementsAre());
  EXPECT_THAT(out[0].columns, ElementsAre());
  EXPECT_THAT(out[0].sources, ElementsAre("d.s"));
  EXPECT_THAT(out[1].sources, ElementsAre("d.s"));
  EXPECT_THAT(out[1].targets, ElementsAre("d.t"));
  EXPECT_THAT(out[1].columns, ElementsAre(Col("d.t.a", {"d.s.a"}), Col("d.t.b", {"d.s.b"})));
  EXPECT_THAT(out[1].indirect, ElementsAre("d.s.c"));
}

TEST_F(LineageTest, SessionCarriesTemporaryObjectsBetweenScripts) {
  options_.default_database = "d";
  TempObjects session;
  options_.session = &session;
  AnalyzeScript("CREATE TEMPORARY TABLE tmp AS SELECT a FROM s WHERE c > 0", options_);
  ASSERT_EQ(session.count("d.tmp"), 1u);
  EXPECT_EQ(session["d.tmp"], (TempObject{{{"a", {"d.s.a"}, ""}}, {"d.s"}, {"d.s.c"}}));
  StatementLineage next = One("INSERT INTO t SELECT a FROM tmp");
  EXPECT_THAT(next.sources, ElementsAre("d.s"));
  EXPECT_THAT(next.columns, ElementsAre(Col("d.t.a", {"d.s.a"})));
  AnalyzeScript("DROP TABLE tmp", options_);
  EXPECT_TRUE(session.empty());
  options_.session = nullptr;
  EXPECT_THAT(One("INSERT INTO t SELECT a FROM tmp").sources, ElementsAre("d.tmp"));
}

TEST_F(LineageTest, MergeUpdateAndInsertAreUnitedByColumn) {
  Schema("d.t", {"id", "v"});
  StatementLineage s =
      One("MERGE INTO d.t AS t USING d.s AS s ON t.id = s.id "
          "WHEN MATCHED AND s.op = 'u' THEN UPDATE SET v = s.v2 "
          "WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v1)");
  EXPECT_EQ(s.kind, "merge");
  EXPECT_THAT(s.sources, ElementsAre("d.s"));
  EXPECT_THAT(s.targets, ElementsAre("d.t"));
  EXPECT_THAT(s.columns,
              ElementsAre(Col("d.t.id", {"d.s.id"}), Col("d.t.v", {"d.s.v1", "d.s.v2"})));
  EXPECT_THAT(s.indirect, ElementsAre("d.s.id", "d.s.op", "d.t.id"));
}

TEST_F(LineageTest, PostgresUpdateFrom) {
  options_.dialect = Dialect::kPostgres;
  options_.default_database = "public";
  StatementLineage s =
      One("UPDATE sales.orders o SET total = p.amount * 2 FROM sales.payments p "
          "WHERE p.order_id = o.id");
  EXPECT_EQ(s.kind, "update");
  EXPECT_THAT(s.sources, ElementsAre("sales.payments"));
  EXPECT_THAT(s.targets, ElementsAre("sales.orders"));
  EXPECT_THAT(s.columns, ElementsAre(Col("sales.orders.total", {"sales.payments.amount"})));
  EXPECT_THAT(s.indirect, ElementsAre("sales.orders.id", "sales.payments.order_id"));
}

TEST_F(LineageTest, PostgresInsertOnConflictDoUpdate) {
  options_.dialect = Dialect::kPostgres;
  StatementLineage s =
      One("INSERT INTO m.totals AS t (id, n) SELECT id, cnt FROM m.stage "
          "ON CONFLICT (id) DO UPDATE SET n = t.n + excluded.n");
  EXPECT_THAT(s.columns, ElementsAre(Col("m.totals.id", {"m.stage.id"}),
                                     Col("m.totals.n", {"m.stage.cnt", "m.totals.n"})));
}

TEST_F(LineageTest, PostgresThreePartNamesCastsAndDistinctOn) {
  options_.dialect = Dialect::kPostgres;
  StatementLineage s =
      One("CREATE TABLE \"Mart\".\"Latest\" AS SELECT DISTINCT ON (o.cust) o.cust::text AS cust, "
          "o.ts::date AS day FROM warehouse.sales.orders o ORDER BY o.cust, o.ts DESC");
  EXPECT_THAT(s.sources, ElementsAre("sales.orders"));
  EXPECT_THAT(s.targets, ElementsAre("mart.latest"));
  EXPECT_THAT(s.columns, ElementsAre(Col("mart.latest.cust", {"sales.orders.cust"}),
                                     Col("mart.latest.day", {"sales.orders.ts"})));
  EXPECT_THAT(s.indirect, IsEmpty());
}

TEST_F(LineageTest, PostgresSearchPathSetsTheDefaultSchema) {
  options_.dialect = Dialect::kPostgres;
  std::vector<StatementLineage> out =
      AnalyzeScript("SET search_path TO mart, public; SELECT a FROM t;", options_);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_THAT(out[1].sources, ElementsAre("mart.t"));
}

TEST_F(LineageTest, HiveVariablesFromOptionsAndSet) {
  options_.variables = {{"hivevar:src_db", "raw"}};
  std::vector<StatementLineage> out = AnalyzeScript(
      "SET hivevar:dst=mart.out; INSERT INTO ${dst} SELECT a FROM ${hivevar:src_db}.t "
      "WHERE dt = '${run_date}';",
      options_);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].kind, "set");
  EXPECT_THAT(out[1].columns, ElementsAre(Col("mart.out.a", {"raw.t.a"})));
  EXPECT_THAT(out[1].indirect, ElementsAre("raw.t.dt"));
}

TEST_F(LineageTest, VariableGrowthIsBounded) {
  std::string script = "SET a=x;";
  for (int i = 0; i < 30; ++i) script += "SET a=${a}${a};";
  script += "SELECT ${a} FROM t; SELECT ";
  for (int i = 0; i < 40; ++i) script += "${a} ";
  script += "FROM t;";
  std::vector<StatementLineage> out = AnalyzeScript(script, options_);
  ASSERT_EQ(out.size(), 33u);
  EXPECT_THAT(out[16].warnings, IsEmpty());  // 2^15 bytes
  EXPECT_THAT(out[17].warnings, ElementsAre("value of a longer than 65536 bytes: not set"));
  EXPECT_FALSE(out[31].error);
  ASSERT_TRUE(out[32].error);
  EXPECT_THAT(out[32].error->message, HasSubstr("longer than 1 MiB"));
}

// Found by the sql_parser fuzzer: a short statement repeating a 64 KiB variable costs 1 MiB of
// lexing, so a script of such statements amplified its size a million-fold. Substitution is
// bounded per script as well: 16 MiB in statements, 16 MiB in SET values.
TEST_F(LineageTest, SubstitutionIsBoundedPerScript) {
  std::string script = "SET a=x;";
  for (int i = 0; i < 16; ++i) script += "SET a=${a}${a};";  // 64 KiB (128 KiB substituted)
  std::string statement = "SELECT ";
  for (int i = 0; i < 15; ++i) statement += "${a}";  // 15 × 64 KiB: under 1 MiB
  statement += " FROM t;";
  for (int i = 0; i < 18; ++i) script += statement;
  std::vector<StatementLineage> out = AnalyzeScript(script, options_);
  ASSERT_EQ(out.size(), 17u + 18u);
  for (size_t i = 17; i < 17 + 16; ++i) EXPECT_FALSE(out[i].error) << i;  // 16 × 960 KiB
  for (size_t i : {33, 34}) {
    ASSERT_TRUE(out[i].error) << i;
    EXPECT_THAT(out[i].error->message,
                HasSubstr("variable substitution adds more than 16 MiB to the script"));
  }

  // Quoted SET values are substituted when the SET is applied, not by the lexer.
  std::string sets = "SET a=x;";
  for (int i = 0; i < 15; ++i) sets += "SET a=${a}${a};";  // 32 KiB
  for (int i = 0; i < 600; ++i) sets += "SET b='${a}';";   // 32 KiB + 2 each
  out = AnalyzeScript(sets, options_);
  ASSERT_EQ(out.size(), 616u);
  EXPECT_THAT(out[100].warnings, IsEmpty());
  EXPECT_THAT(
      out[615].warnings,
      ElementsAre("SET values of this script took more than 16 MiB from ${...}: b not set"));
}

TEST_F(LineageTest, UtilityStatementsHaveNoLineage) {
  std::vector<StatementLineage> out = AnalyzeScript(
      "SET x=1; USE a; DROP TABLE IF EXISTS t; ALTER TABLE t1 RENAME TO t2; "
      "CREATE TABLE c (a INT) STORED AS ORC; ANALYZE TABLE t COMPUTE STATISTICS; SHOW TABLES;",
      options_);
  ASSERT_EQ(out.size(), 7u);
  std::vector<std::string> kinds;
  for (const StatementLineage& s : out) {
    kinds.push_back(s.kind);
    EXPECT_FALSE(s.error);
    EXPECT_THAT(s.sources, IsEmpty());
    EXPECT_THAT(s.targets, IsEmpty());
    EXPECT_THAT(s.columns, IsEmpty());
  }
  EXPECT_THAT(kinds, ElementsAre("set", "use", "drop", "alter", "create_table", "other", "other"));
}

TEST_F(LineageTest, ErrorRecoveryContinuesWithTheNextStatement) {
  std::vector<StatementLineage> out = AnalyzeScript(
      "SELECT a FROM d.t;\nSELECT a FORM d.t;\nINSERT INTO d.u SELECT b FROM d.t;", options_);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_FALSE(out[0].error);
  ASSERT_TRUE(out[1].error);
  EXPECT_EQ(out[1].error->line, 2);
  EXPECT_EQ(out[1].error->column, 10);
  EXPECT_EQ(out[1].error->message, "expected FROM, got 'FORM'");
  EXPECT_THAT(out[1].sources, IsEmpty());
  EXPECT_EQ(out[1].line, 2);
  EXPECT_EQ(out[1].index, 1u);
  EXPECT_THAT(out[2].columns, ElementsAre(Col("d.u.b", {"d.t.b"})));
  EXPECT_EQ(out[2].text, "INSERT INTO d.u SELECT b FROM d.t");
}

TEST_F(LineageTest, EmptyAndCommentOnlyScriptsHaveNoStatements) {
  EXPECT_THAT(AnalyzeScript("", options_), IsEmpty());
  EXPECT_THAT(AnalyzeScript(" -- nothing\n/* here */ ; ", options_), IsEmpty());
}

TEST_F(LineageTest, SemicolonInStringDoesNotSplit) {
  std::vector<StatementLineage> out = AnalyzeScript(
      "INSERT INTO d.t SELECT concat(a, ';') AS c FROM d.s WHERE b = 'x;y';", options_);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_THAT(out[0].columns, ElementsAre(Col("d.t.c", {"d.s.a"})));
}

TEST_F(LineageTest, SelectIntoCreatesATable) {
  options_.dialect = Dialect::kPostgres;
  StatementLineage s = One("SELECT a, b INTO s.copy FROM s.orig");
  EXPECT_EQ(s.kind, "create_table_as");
  EXPECT_THAT(s.columns, ElementsAre(Col("s.copy.a", {"s.orig.a"}), Col("s.copy.b", {"s.orig.b"})));
}

TEST_F(LineageTest, CorrelatedColumnsResolveToTheOuterQuery) {
  StatementLineage s =
      One("SELECT o.id FROM d.orders o WHERE o.amount > (SELECT avg(i.amount) FROM d.orders i "
          "WHERE i.cust = o.cust)");
  EXPECT_THAT(s.indirect, ElementsAre("d.orders.amount", "d.orders.cust"));
}

TEST_F(LineageTest, JoinUsingIsIndirectOnBothSides) {
  StatementLineage s = One("SELECT a.v, k FROM d.a a JOIN d.b b USING (k)");
  EXPECT_THAT(s.indirect, ElementsAre("d.a.k", "d.b.k"));
  EXPECT_THAT(s.warnings, IsEmpty());
}

TEST_F(LineageTest, ListsAreSortedAndDeduplicated) {
  StatementLineage s =
      One("INSERT INTO d.t SELECT z.b + z.a + z.b AS x FROM d.z z JOIN d.z y ON z.k = y.k "
          "WHERE z.k > 0");
  EXPECT_THAT(s.sources, ElementsAre("d.z"));
  EXPECT_THAT(s.columns, ElementsAre(Col("d.t.x", {"d.z.a", "d.z.b"})));
  EXPECT_THAT(s.indirect, ElementsAre("d.z.k"));
}

TEST_F(LineageTest, WideDerivedTablesResolveEveryColumn) {
  std::string items;
  for (int i = 0; i < 300; ++i) items += (i ? ", c" : "c") + std::to_string(i);
  StatementLineage s =
      One("INSERT INTO d.t SELECT x.* FROM (SELECT " + items + " FROM d.s) x WHERE x.c299 > 0");
  ASSERT_EQ(s.columns.size(), 300u);
  EXPECT_EQ(s.columns.front(), Col("d.t.c0", {"d.s.c0"}));
  EXPECT_THAT(s.indirect, ElementsAre("d.s.c299"));
}

TEST_F(LineageTest, HiveTransformFeedsEveryOutputFromEveryInput) {
  StatementLineage s =
      One("INSERT INTO d.t SELECT TRANSFORM (a, b) USING 'python x.py' AS (c, d) FROM d.s");
  EXPECT_THAT(s.columns,
              ElementsAre(Col("d.t.c", {"d.s.a", "d.s.b"}), Col("d.t.d", {"d.s.a", "d.s.b"})));
}

TEST(DialectTest, ParseAndName) {
  EXPECT_EQ(ParseDialect("Hive"), Dialect::kHive);
  EXPECT_EQ(ParseDialect("spark"), Dialect::kSpark);
  EXPECT_EQ(ParseDialect("postgresql"), Dialect::kPostgres);
  EXPECT_EQ(ParseDialect("greenplum"), Dialect::kPostgres);
  EXPECT_EQ(ParseDialect("oracle"), std::nullopt);
  EXPECT_EQ(DialectName(Dialect::kSpark), "spark");
}

}  // namespace
}  // namespace linea::sql
