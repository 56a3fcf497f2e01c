#include "qualityrun/command_source.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/testing/status_matchers.h"

namespace linea::qualityrun {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::IsOk;
using testing::StatusIs;

TEST(CommandSourceTest, ParsesTsvWithoutItsHeader) {
  EXPECT_THAT(ParseTsv("a\tb\n1\t\nNULL\tx\r\n\n"),
              ElementsAre(ElementsAre("1", ""), ElementsAre("NULL", "x")));
  EXPECT_THAT(ParseTsv(""), ElementsAre());
}

TEST(CommandSourceTest, AppendsTheSqlAndReadsRows) {
  // sh prints a header and two rows, taking the SQL as $0 … as the last argument.
  CommandSource source({"sh", "-c", "printf 'a\\tb\\n%s\\tNULL\\n\\t7\\n' \"$1\"", "sh"},
                       std::chrono::seconds(30));
  std::vector<std::string> seen;
  ASSERT_THAT(source.Query("SELECT 1",
                           [&](const sourcedb::Row& row) {
                             for (size_t i = 0; i < row.size(); ++i) {
                               seen.push_back(row.IsNull(i) ? "<null>" : std::string(row.Text(i)));
                             }
                             return Status::OK();
                           }),
              IsOk());
  EXPECT_THAT(seen, ElementsAre("SELECT 1", "<null>", "<null>", "7"));
  EXPECT_EQ(source.Quote("a`b"), "`a``b`");
}

TEST(CommandSourceTest, NonZeroExitIsTheLastLineOfStderr) {
  CommandSource source(
      {"sh", "-c",
       "echo noise >&2; echo 'Error: no such table: t' >&2; echo '  ^--- error here' >&2; exit 3"},
      std::chrono::seconds(30));
  EXPECT_THAT(source.Query("SELECT 1", [](const sourcedb::Row&) { return Status::OK(); }),
              StatusIs(StatusCode::kFailedPrecondition, "query failed: Error: no such table: t"));
  CommandSource silent({"sh", "-c", "exit 4"}, std::chrono::seconds(30));
  EXPECT_THAT(silent.Query("SELECT 1", [](const sourcedb::Row&) { return Status::OK(); }),
              StatusIs(StatusCode::kFailedPrecondition, "query failed: sh exited with code 4"));
}

TEST(CommandSourceTest, MissingProgramAndTimeout) {
  EXPECT_THAT(RunCommand({"/nonexistent/beeline"}, std::chrono::seconds(5)).status(),
              StatusIs(StatusCode::kUnavailable,
                       "cannot run /nonexistent/beeline: No such file or directory"));
  Result<CommandOutput> slow = RunCommand({"sleep", "30"}, std::chrono::seconds(1));
  EXPECT_THAT(slow.status(), StatusIs(StatusCode::kUnavailable, "sleep did not finish within 1s"));
}

}  // namespace
}  // namespace linea::qualityrun
