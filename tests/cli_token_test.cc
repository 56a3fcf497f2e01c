// End-to-end: `linea token create|revoke|list` through the real binary on a real SQLite file.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "codec/json_codec.h"
#include "tests/testing/cli_runner.h"

namespace linea {
namespace {

using codec::Json;
using testing::CliResult;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;
using testing::ReadFile;
using testing::RunLinea;
using ::testing::StartsWith;

int Lines(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

class CliTokenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshTestDir();
    db_ = dir_ + "/linea.db";
  }
  CliResult Linea(std::vector<std::string> args) {
    args.push_back("--db");
    args.push_back(db_);
    return RunLinea(args);
  }
  // Creates a token and returns its secret (stdout minus the newline).
  std::string Create(const std::string& name, const std::string& role) {
    CliResult r = Linea({"token", "create", "--name", name, "--role", role});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out.empty() ? "" : r.out.substr(0, r.out.size() - 1);
  }
  Json ListJson() {
    CliResult r = Linea({"token", "list", "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Json::parse(r.out);
  }
  // One `linea: ` line on stderr holding `message`, nothing on stdout, exit `code`.
  void ExpectOneLine(const CliResult& r, int code, const std::string& message) {
    EXPECT_EQ(r.exit_code, code) << r.err;
    EXPECT_THAT(r.err, StartsWith("linea: "));
    EXPECT_THAT(r.err, HasSubstr(message));
    EXPECT_EQ(Lines(r.err), 1) << r.err;
    EXPECT_EQ(r.out, "");
  }

  std::string dir_, db_;
};

TEST_F(CliTokenTest, CreatePrintsTheSecretOnceWithAWarning) {
  CliResult r = Linea({"token", "create", "--name", "ci-scoring", "--role", "writer"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, MatchesRegex("lin_[A-Za-z0-9_-]{43}\n"));  // stdout is the secret alone
  EXPECT_THAT(r.err, HasSubstr("cannot be shown again"));
  EXPECT_THAT(r.err, HasSubstr("Authorization: Bearer"));
}

TEST_F(CliTokenTest, CreateJsonHasNameRoleAndToken) {
  CliResult r = Linea({"token", "create", "--name", "ops", "--role", "admin", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json j = Json::parse(r.out);
  EXPECT_EQ(j["name"], "ops");
  EXPECT_EQ(j["role"], "admin");
  EXPECT_THAT(j["token"].get<std::string>(), StartsWith("lin_"));
  EXPECT_TRUE(j["scope"].is_null());  // an admin has every scope
  EXPECT_EQ(j.size(), 4u);
}

TEST_F(CliTokenTest, ListShowsTokensButNeverSecrets) {
  const std::string writer = Create("ci-scoring", "writer");
  const std::string reader = Create("dash", "reader");
  ASSERT_THAT(writer, StartsWith("lin_"));

  CliResult r = Linea({"token", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, MatchesRegex("NAME +ROLE +SCOPE +CREATED +REVOKED\n"
                                  "ci-scoring +writer +every scope +[0-9-]+T[0-9:]+Z +-\n"
                                  "dash +reader +- +[0-9-]+T[0-9:]+Z +-\n"));
  EXPECT_THAT(r.out, Not(HasSubstr("lin_")));

  Json j = ListJson();
  ASSERT_EQ(j["tokens"].size(), 2u);
  EXPECT_EQ(j["tokens"][0]["name"], "ci-scoring");
  EXPECT_EQ(j["tokens"][0]["role"], "writer");
  EXPECT_EQ(j["tokens"][0]["revoked"], false);
  EXPECT_EQ(j["tokens"][1]["name"], "dash");
  EXPECT_THAT(j.dump(), Not(HasSubstr(writer.substr(4))));
  EXPECT_THAT(j.dump(), Not(HasSubstr(reader.substr(4))));
  EXPECT_THAT(j.dump(), Not(HasSubstr("hash")));
}

TEST_F(CliTokenTest, TheDatabaseHoldsNoSecret) {
  const std::string secret = Create("ci", "writer");
  ASSERT_THAT(secret, StartsWith("lin_"));
  std::string bytes;
  for (const std::string& file : {db_, db_ + "-wal"}) {
    if (std::filesystem::exists(file)) bytes += ReadFile(file);
  }
  EXPECT_THAT(bytes, HasSubstr("ci"));
  EXPECT_THAT(bytes, Not(HasSubstr(secret.substr(4))));
}

TEST_F(CliTokenTest, RevokeMarksTheTokenRevoked) {
  Create("ci-scoring", "writer");
  CliResult r = Linea({"token", "revoke", "--name", "ci-scoring"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "revoked token ci-scoring\n");
  Json j = ListJson();
  ASSERT_EQ(j["tokens"].size(), 1u);
  EXPECT_EQ(j["tokens"][0]["revoked"], true);
  // REVOKED holds the time when the API reports revoked_at, else "yes".
  EXPECT_THAT(Linea({"token", "list"}).out,
              MatchesRegex("NAME +ROLE +SCOPE +CREATED +REVOKED\n"
                           "ci-scoring +writer +every scope +[0-9-]+T[0-9:]+Z "
                           "+(yes|[0-9-]+T[0-9:]+Z)\n"));
}

TEST_F(CliTokenTest, EmptyListSaysHowToCreate) {
  ASSERT_EQ(Linea({"generate", "--scale", "tiny"}).exit_code, 0);
  CliResult r = Linea({"token", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("no tokens (create one with `linea token create"));
}

TEST_F(CliTokenTest, DuplicateCreateIsExit2) {
  Create("ci-scoring", "writer");
  ExpectOneLine(Linea({"token", "create", "--name", "ci-scoring", "--role", "admin"}), 2,
                "token ci-scoring already exists");
  EXPECT_EQ(ListJson()["tokens"][0]["role"], "writer");
}

TEST_F(CliTokenTest, RevokeUnknownIsExit2WithACandidate) {
  Create("ci-scoring", "writer");
  ExpectOneLine(Linea({"token", "revoke", "--name", "ci-scorng"}), 2,
                "linea: unknown token ci-scorng (did you mean ci-scoring?)");
  EXPECT_EQ(ListJson()["tokens"][0]["revoked"], false);
}

TEST_F(CliTokenTest, BadRoleIsExit2AndCreatesNothing) {
  Create("keep", "reader");
  ExpectOneLine(Linea({"token", "create", "--name", "ci", "--role", "owner"}), 2,
                "unknown role \"owner\" (use reader, writer or admin)");
  EXPECT_EQ(ListJson()["tokens"].size(), 1u);
}

TEST_F(CliTokenTest, BadNameIsExit2) {
  ExpectOneLine(Linea({"token", "create", "--name", "ci scoring", "--role", "reader"}), 2,
                "invalid token name \"ci scoring\"");
}

TEST_F(CliTokenTest, MissingFlagsAreExit2) {
  ExpectOneLine(Linea({"token", "create", "--name", "ci"}), 2, "--role is required");
  ExpectOneLine(Linea({"token", "revoke"}), 2, "--name is required");
  EXPECT_EQ(RunLinea({"token"}).exit_code, 2);
}

TEST_F(CliTokenTest, ListWithoutACatalogIsExit1) {
  CliResult r = Linea({"token", "list"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, StartsWith("linea: no catalog at " + db_));
}

}  // namespace
}  // namespace linea

namespace linea {
namespace {

TEST_F(CliTokenTest, AWriterCanBeScopedAndListShowsIt) {
  CliResult r = Linea({"token", "create", "--name", "ci-geo", "--role", "writer", "--domain",
                       "geo", "--prefix", "hive.geo", "--team", "geo"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("(role writer, domains geo; prefixes hive.geo; teams geo)"));
  Create("ci-old", "writer");
  CliResult list = Linea({"token", "list"});
  EXPECT_THAT(list.out, HasSubstr("domains geo; prefixes hive.geo; teams geo"));
  EXPECT_THAT(list.out, HasSubstr("every scope"));
  ExpectOneLine(Linea({"token", "create", "--name", "r", "--role", "reader", "--team", "geo"}), 2,
                "scope: only writer tokens have a scope (a reader changes nothing)");
  ExpectOneLine(Linea({"token", "create", "--name", "w", "--role", "writer", "--prefix", "a..b"}),
                2, "scope.prefixes[0]: \"a..b\" is not an FQN");
}

}  // namespace
}  // namespace linea
