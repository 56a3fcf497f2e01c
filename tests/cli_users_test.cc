// End-to-end: users and their contacts from the command line — `linea user list|show|set`,
// and every place that shows owners with contacts (`show`, `impact`, `incident open --dry-run`)
// treating a `user:` owner like a team — on the real binary and real SQLite files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "codec/json_codec.h"
#include "tests/testing/cli_runner.h"

namespace linea {
namespace {

using codec::Json;
using testing::CliResult;
using ::testing::HasSubstr;
using testing::RunLinea;
using ::testing::StartsWith;
using testing::WriteFile;

class UserCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshTestDir();
    db_ = dir_ + "/linea.db";
  }
  CliResult Linea(std::vector<std::string> args, const std::string& db = "") {
    args.push_back("--db");
    args.push_back(db.empty() ? db_ : db);
    return RunLinea(args);
  }
  std::string Export(const std::string& db = "") {
    return Linea({"export", "--include-secrets"}, db).out;
  }

  std::string dir_, db_;
};

TEST_F(UserCliTest, UserListShowSet) {
  ASSERT_EQ(Linea({"user", "set", "ann"}).exit_code, 0);
  CliResult set = Linea({"user", "set", "user:jdoe", "--description", "Jane Doe", "--contact",
                         "email:jdoe@example.com", "--contact",
                         R"({"type": "webhook", "url": "https://hooks.example.com/jdoe",
                             "secret": "s3cret"})"});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_EQ(set.out, "user jdoe set: 2 contacts\n");
  EXPECT_EQ(set.err, "");

  CliResult show = Linea({"user", "show", "jdoe"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_EQ(show.out,
            "user jdoe\n"
            "description    Jane Doe\n"
            "contacts       email jdoe@example.com\n"
            "               webhook https://hooks.example.com/jdoe\n"
            "subscriptions  none\n");
  EXPECT_EQ(Linea({"user", "show", "ann"}).out,
            "user ann\n"
            "contacts       (no contacts: nobody is notified)\n"
            "subscriptions  none\n");

  CliResult list = Linea({"user", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(list.out,
            "USER  CONTACTS                                                        DESCRIPTION\n"
            "ann   (no contacts)                                                   \n"
            "jdoe  email jdoe@example.com, webhook https://hooks.example.com/jdoe  Jane Doe\n");
  EXPECT_EQ(Linea({"team", "list"}).out, "no teams\n");  // users are not teams

  Json j = Json::parse(Linea({"user", "show", "jdoe", "--json"}).out);
  EXPECT_EQ(j, Json::parse(R"({"name": "jdoe", "description": "Jane Doe", "contacts": [
      {"type": "email", "address": "jdoe@example.com"},
      {"type": "webhook", "secret": "s3cret", "url": "https://hooks.example.com/jdoe"}],
      "subscriptions": []})"));
  EXPECT_EQ(Json::parse(Linea({"user", "list", "--json"}).out)["users"].size(), 2u);
}

TEST_F(UserCliTest, EmptyCatalogHasNoUsers) {
  ASSERT_EQ(Linea({"user", "set", "x"}).exit_code, 0);  // creates the file
  EXPECT_EQ(Linea({"user", "list"}, dir_ + "/linea.db").out,
            "USER  CONTACTS       DESCRIPTION\nx     (no contacts)  \n");
  const std::string other = dir_ + "/other.db";
  ASSERT_EQ(Linea({"team", "set", "t"}, other).exit_code, 0);
  EXPECT_EQ(Linea({"user", "list"}, other).out, "no users\n");
}

TEST_F(UserCliTest, BadInputIsOneLineExitTwoAndChangesNothing) {
  ASSERT_EQ(Linea({"user", "set", "jdoe", "--contact", "email:jdoe@example.com"}).exit_code, 0);
  const std::string before = Export();
  struct Case {
    std::vector<std::string> args;
    std::string err;
  };
  const std::vector<Case> cases = {
      {{"user", "show", "jdo"}, "linea: unknown user jdo (did you mean jdoe?)\n"},
      {{"user", "set", "j,doe"}, "linea: user \"j,doe\": name may not hold spaces, ':' or ','\n"},
      {{"user", "set", "jdoe", "--contact", "slack:ftp://x"},
       "linea: user jdoe: contact 0 (slack): url \"ftp://x\" is not an http(s) URL\n"},
      {{"user", "set", "jdoe", "--contact", "nonsense"},
       "linea: --contact \"nonsense\": expected TYPE:VALUE (email:team@example.com) or a JSON "
       "contact object\n"},
      {{"user", "set", "jdoe", "--bogus"},
       "linea: The following argument was not expected: --bogus (see linea --help)\n"},
      {{"user"}, "linea: A subcommand is required (see linea --help)\n"},
  };
  for (const Case& c : cases) {
    CliResult r = Linea(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args.back();
    EXPECT_EQ(r.err, c.err) << c.args.back();
    EXPECT_EQ(r.out, "");
  }
  EXPECT_EQ(Export(), before);
}

constexpr char kUserOwnedModel[] = R"({
  "users": [{"name": "jdoe", "description": "Jane Doe",
             "contacts": [{"type": "email", "address": "jdoe@example.com"}]}],
  "teams": [{"name": "raw", "contacts": [{"type": "email", "address": "raw@example.com"}]}],
  "assets": [{"fqn": "hive.raw.calls", "kind": "table", "owners": ["team:raw"],
              "columns": [{"name": "dur"}]},
             {"fqn": "mlflow.churn", "kind": "model", "owners": ["user:jdoe", "user:ann"],
              "features": [{"name": "dur"}]}],
  "edges": [{"from": "hive.raw.calls.dur", "to": "mlflow.churn.dur"}],
  "provenance": "api:test"})";

TEST_F(UserCliTest, ShowImpactAndDryRunTreatUsersLikeTeams) {
  WriteFile(dir_ + "/doc.json", kUserOwnedModel);
  CliResult imported = Linea({"import", dir_ + "/doc.json"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;

  CliResult show = Linea({"show", "mlflow.churn"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_THAT(show.out, HasSubstr("\nowners       user:jdoe (jdoe@example.com); user:ann\n"));

  Json impact = Json::parse(Linea({"impact", "hive.raw.calls.dur", "--json"}).out);
  ASSERT_EQ(impact["teams"].size(), 3u);
  EXPECT_EQ(impact["teams"][0]["team"], "raw");
  EXPECT_EQ(impact["teams"][1]["team"], "user:ann");
  EXPECT_EQ(impact["teams"][1]["contacts"], Json::array());
  EXPECT_EQ(impact["teams"][2]["team"], "user:jdoe");
  EXPECT_EQ(impact["teams"][2]["contacts"][0]["address"], "jdoe@example.com");
  CliResult text = Linea({"impact", "hive.raw.calls.dur"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("\nTEAMS TO NOTIFY (3)\n"));
  EXPECT_THAT(text.out,
              HasSubstr("\n  raw (owner)  (the broken asset)     email raw@example.com\n"
                        "  user:ann     mlflow.churn           - (no contacts)\n"
                        "  user:jdoe    mlflow.churn           email jdoe@example.com\n"));

  CliResult dry = Linea({"incident", "open", "hive.raw.calls.dur", "--title", "x", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_THAT(dry.out, StartsWith("dry run: an incident on hive.raw.calls.dur would notify 2 of 3 "
                                  "recipients; nothing was opened or sent\n"));
  EXPECT_THAT(dry.out, HasSubstr("\n  team:raw   email     1 model\n"
                                 "  user:jdoe  email     1 model\n"));
  EXPECT_THAT(dry.out, HasSubstr("\nCANNOT BE NOTIFIED (1) — add contacts: linea user set …\n"
                                 "  RECIPIENT  WHY NOT             WOULD LIST\n"
                                 "  user:ann   not a catalog user  1 model\n"));
}

TEST_F(UserCliTest, ExportImportRoundTripKeepsUsers) {
  WriteFile(dir_ + "/doc.json", kUserOwnedModel);
  ASSERT_EQ(Linea({"import", dir_ + "/doc.json"}).exit_code, 0);
  ASSERT_EQ(Linea({"user", "set", "ann", "--contact",
                   R"({"type": "webhook", "url": "https://hooks.example.com/ann",
                       "secret": "s-ann"})"})
                .exit_code,
            0);
  const std::string exported = Export();
  const Json users = Json::parse(exported)["users"];
  EXPECT_EQ(users, Json::parse(R"([
      {"name": "ann", "contacts": [{"type": "webhook", "secret": "s-ann",
                                    "url": "https://hooks.example.com/ann"}]},
      {"name": "jdoe", "description": "Jane Doe",
       "contacts": [{"type": "email", "address": "jdoe@example.com"}]}])"));
  // Without --include-secrets the export is redacted, users' contacts included.
  EXPECT_EQ(Json::parse(Linea({"export"}).out)["users"][0]["contacts"][0]["secret"], "[redacted]");

  const std::string copy = dir_ + "/copy.db";
  WriteFile(dir_ + "/exported.json", exported);
  CliResult imported = Linea({"import", dir_ + "/exported.json"}, copy);
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(Export(copy), exported);
}

}  // namespace
}  // namespace linea
