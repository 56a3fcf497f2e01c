#include "ingest/querylog/query_log.h"

#include <gtest/gtest.h>

#include "common/testing/status_matchers.h"

namespace linea::querylog {
namespace {

using ::linea::testing::StatusIs;

TEST(QueryLogTest, TextIsOneScript) {
  auto r = ReadQueryLog("USE geo;\nINSERT INTO t SELECT 1;", LogFormat::kText);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].query_text, "USE geo;\nINSERT INTO t SELECT 1;");
}

TEST(QueryLogTest, CsvWithQuotedMultilineQueries) {
  auto r = ReadQueryLog(
      "start_time,user,database,query_text\n"
      "2026-11-01T10:00:00,etl,geo,\"INSERT INTO a\nSELECT x, \"\"q\"\" FROM b\"\n"
      "2026-11-01T10:05:00,bi,,SELECT 1\n",
      LogFormat::kCsv);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].query_text, "INSERT INTO a\nSELECT x, \"q\" FROM b");
  EXPECT_EQ((*r)[0].database, "geo");
  EXPECT_EQ((*r)[0].user, "etl");
  EXPECT_EQ((*r)[0].line, 2);
  EXPECT_EQ((*r)[1].line, 4);
  EXPECT_EQ((*r)[1].database, "");
}

TEST(QueryLogTest, CsvErrors) {
  EXPECT_THAT(ReadQueryLog("a,b\n1,2\n", LogFormat::kCsv), StatusIs(StatusCode::kInvalidArgument));
  auto r = ReadQueryLog("query_text\n\"unterminated\n", LogFormat::kCsv);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "line 2: unbalanced quote");
}

TEST(QueryLogTest, Jsonl) {
  auto r = ReadQueryLog(
      "{\"query_text\": \"SELECT 1\", \"database\": \"crm\", \"user\": \"u\"}\n\n"
      "{\"query\": \"SELECT 2\"}\n",
      LogFormat::kJsonl);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].database, "crm");
  EXPECT_EQ((*r)[1].query_text, "SELECT 2");
  EXPECT_EQ((*r)[1].line, 3);
  auto bad = ReadQueryLog("{\"query_text\": 1}\n", LogFormat::kJsonl);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "line 1: no query_text");
  EXPECT_FALSE(ReadQueryLog("[1]\n", LogFormat::kJsonl).ok());
}

}  // namespace
}  // namespace linea::querylog
