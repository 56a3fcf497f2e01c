#include "ingest/manifest/manifest_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace linea::manifest {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// A diagnostic at `line` whose message contains `fragment`.
MATCHER_P2(Diag, line, fragment, "diagnostic at line " + std::to_string(line)) {
  *result_listener << FormatDiagnostic(arg);
  return arg.line == line && arg.message.find(fragment) != std::string::npos &&
         arg.file == "lineage.yaml";
}

ParseOutput Parse(std::string_view text) { return ParseManifests(text, "lineage.yaml"); }

// Parses `text` and expects exactly one diagnostic, at `line`, containing `fragment`.
void ExpectError(std::string_view text, int line, std::string_view fragment) {
  ParseOutput out = Parse(text);
  EXPECT_THAT(out.errors, ElementsAre(Diag(line, std::string(fragment)))) << text;
  EXPECT_THAT(out.manifests, IsEmpty()) << text;
}

constexpr std::string_view kExample = R"(model: mlflow_b2c.churn_scoring        # the model
version: "12"
description: Churn propensity for B2C
owners: [team:scoring, user:alice]
domain: scoring
features:
  - name: moves_30d
    sources: [hive.geo.moves_agg.moves_30d]
    transform: "sum over 30 days"
    type: double
  - table: hive.scoring.features_daily
    columns: [tenure_days, region_id]
outputs: [hive.scoring.churn_scores]
)";

TEST(ManifestParserTest, ParsesApiExample) {
  ParseOutput out = Parse(kExample);
  ASSERT_THAT(out.errors, IsEmpty());
  ASSERT_EQ(out.manifests.size(), 1u);
  const Manifest& m = out.manifests[0];
  EXPECT_EQ(m.file, "lineage.yaml");
  EXPECT_EQ(m.line, 1);
  EXPECT_EQ(m.model, "mlflow_b2c.churn_scoring");
  EXPECT_EQ(m.version, "12");
  EXPECT_EQ(m.description, "Churn propensity for B2C");
  EXPECT_EQ(m.domain, "scoring");
  EXPECT_EQ(m.owners, (std::vector<std::string>{"team:scoring", "user:alice"}));
  EXPECT_THAT(
      m.features,
      ElementsAre(
          FeatureSpec{
              "moves_30d", {{"hive.geo.moves_agg.moves_30d", 8}}, "sum over 30 days", "double", 7},
          FeatureSpec{"tenure_days", {{"hive.scoring.features_daily.tenure_days", 12}}, "", "", 12},
          FeatureSpec{"region_id", {{"hive.scoring.features_daily.region_id", 12}}, "", "", 12}));
  EXPECT_THAT(m.outputs, ElementsAre(SourceRef{"hive.scoring.churn_scores", 13}));
}

TEST(ManifestParserTest, MinimalManifestLeavesOptionalsUnset) {
  ParseOutput out = Parse("model: mlflow.m\ndomain:\n");
  ASSERT_THAT(out.errors, IsEmpty());
  ASSERT_EQ(out.manifests.size(), 1u);
  const Manifest& m = out.manifests[0];
  EXPECT_EQ(m.model, "mlflow.m");
  EXPECT_FALSE(m.version.has_value());
  EXPECT_FALSE(m.description.has_value());
  EXPECT_FALSE(m.domain.has_value());  // null counts as absent
  EXPECT_FALSE(m.owners.has_value());
  EXPECT_THAT(m.features, IsEmpty());
  EXPECT_THAT(m.outputs, IsEmpty());
}

TEST(ManifestParserTest, NumericVersionKeepsItsText) {
  EXPECT_EQ(Parse("model: a.b\nversion: 12\n").manifests.at(0).version, "12");
  EXPECT_EQ(Parse("model: a.b\nversion: 1.10\n").manifests.at(0).version, "1.10");
}

TEST(ManifestParserTest, RepositoryIsAScalarWithItsLine) {
  const Manifest m =
      Parse("model: a.b\nrepository: gitlab.example.com/scoring/churn\n").manifests.at(0);
  EXPECT_EQ(m.repository, "gitlab.example.com/scoring/churn");
  EXPECT_EQ(m.repository_line, 2);
  EXPECT_EQ(Parse("model: a.b\n").manifests.at(0).repository, std::nullopt);
  ExpectError("model: a.b\nrepository: \"\"\n", 2, "\"repository\" is empty");
  ExpectError("model: a.b\nrepository: [x]\n", 2, "\"repository\" must be a string");
}

TEST(ManifestParserTest, TrainingWindowIsAMonthRange) {
  EXPECT_EQ(
      Parse("model: a.b\ntraining_window: 2026-01..2026-06\n").manifests.at(0).training_window,
      "2026-01..2026-06");
  EXPECT_EQ(Parse("model: a.b\ntraining_window: 2026-03\n").manifests.at(0).training_window,
            "2026-03");
  EXPECT_EQ(Parse("model: a.b\n").manifests.at(0).training_window, std::nullopt);
  ExpectError("model: a.b\ntraining_window: 2026-06..2026-01\n", 2,
              "training_window: expected YYYY-MM..YYYY-MM (first month ≤ last) or one YYYY-MM, "
              "not \"2026-06..2026-01\"");
  ExpectError("model: a.b\ntraining_window: last year\n", 2,
              "training_window: expected YYYY-MM..YYYY-MM (first month ≤ last) or one YYYY-MM, "
              "not \"last year\"");
}

TEST(ManifestParserTest, SingleScalarIsAOneElementList) {
  ParseOutput out = Parse(R"(model: a.m
owners: team:x
features:
  - name: f
    sources: hive.db.t.c
  - table: hive.db.t
    columns: c2
outputs: hive.db.out
)");
  ASSERT_THAT(out.errors, IsEmpty());
  const Manifest& m = out.manifests.at(0);
  EXPECT_EQ(m.owners, (std::vector<std::string>{"team:x"}));
  EXPECT_THAT(m.features, ElementsAre(FeatureSpec{"f", {{"hive.db.t.c", 5}}, "", "", 4},
                                      FeatureSpec{"c2", {{"hive.db.t.c2", 7}}, "", "", 7}));
  EXPECT_THAT(m.outputs, ElementsAre(SourceRef{"hive.db.out", 8}));
}

TEST(ManifestParserTest, CanonicalizesQuotedNames) {
  ParseOutput out = Parse(R"(model: '"mlflow"."churn"'
features:
  - name: '"x.y"'
    sources: ['kafka."geo.moves.v1".cell', 'hive."geo".t.c']
  - table: 'files."a b"'
    columns: ['"c.d"', plain]
    type: string
    transform: identity
)");
  ASSERT_THAT(out.errors, IsEmpty());
  const Manifest& m = out.manifests.at(0);
  EXPECT_EQ(m.model, "mlflow.churn");
  EXPECT_THAT(
      m.features,
      ElementsAre(
          FeatureSpec{"x.y", {{R"(kafka."geo.moves.v1".cell)", 4}, {"hive.geo.t.c", 4}}, "", "", 3},
          FeatureSpec{"c.d", {{R"(files."a b"."c.d")", 6}}, "identity", "string", 6},
          FeatureSpec{"plain", {{R"(files."a b".plain)", 6}}, "identity", "string", 6}));
}

TEST(ManifestParserTest, BlockListsGiveEachEntryItsLine) {
  ParseOutput out = Parse(R"(model: a.m
features:
  - table: hive.db.t
    columns:
      - c1
      - c2
)");
  ASSERT_THAT(out.errors, IsEmpty());
  EXPECT_THAT(out.manifests.at(0).features,
              ElementsAre(Field(&FeatureSpec::line, 5), Field(&FeatureSpec::line, 6)));
}

TEST(ManifestParserTest, AliasesAreAllowed) {
  ParseOutput out = Parse(R"(model: a.m
features:
  - name: f1
    sources: &shared [hive.db.t.a, hive.db.t.b]
  - name: f2
    sources: *shared
)");
  ASSERT_THAT(out.errors, IsEmpty());
  EXPECT_EQ(out.manifests.at(0).features.at(1).sources, out.manifests.at(0).features.at(0).sources);
}

TEST(ManifestParserTest, MultiDocumentStream) {
  ParseOutput out = Parse(R"(model: svc.one
features:
  - name: f
    sources: [hive.db.t.c]
---
model: svc.two
owners: [nobody]
---
# a comment-only document is skipped
---
model: svc.three
---
)");
  EXPECT_THAT(out.errors, ElementsAre(Diag(7, "owner \"nobody\" must be team:<name>")));
  ASSERT_EQ(out.manifests.size(), 2u);
  EXPECT_EQ(out.manifests[0].model, "svc.one");
  EXPECT_EQ(out.manifests[0].line, 1);
  EXPECT_EQ(out.manifests[1].model, "svc.three");
  EXPECT_EQ(out.manifests[1].line, 11);
}

// The same model twice is the planner's to report (it also sees other files).
TEST(ManifestParserTest, SameModelTwiceInStreamIsNotAParseError) {
  ParseOutput out = Parse("model: svc.m\n---\nmodel: svc.m\n");
  EXPECT_THAT(out.errors, IsEmpty());
  EXPECT_EQ(out.manifests.size(), 2u);
}

TEST(ManifestParserTest, FormatsDiagnostics) {
  EXPECT_EQ(FormatDiagnostic({"f.yaml", 3, "unknown source \"x\"", {}}),
            "f.yaml:3: unknown source \"x\"");
  EXPECT_EQ(FormatDiagnostic({"f.yaml", 3, "unknown source \"x\"", {"a.b", "a.c"}}),
            "f.yaml:3: unknown source \"x\" (did you mean a.b, a.c?)");
}

// ---- file-level errors ----

TEST(ManifestParserErrorTest, EmptyFile) {
  ExpectError("", 1, "empty manifest");
  ExpectError("# nothing here\n\n", 1, "empty manifest");
  ExpectError("---\n---\n", 1, "empty manifest");
}

TEST(ManifestParserErrorTest, InvalidUtf8NamesTheLine) {
  ExpectError("model: a.b\ndescription: caf\xc3\n", 2, "not valid UTF-8");
  ExpectError("model: a.b\n# \xff comment\n", 2, "not valid UTF-8");
}

TEST(ManifestParserErrorTest, YamlSyntaxError) {
  ExpectError("model: a.b\nfeatures: [x, y\n", 3, "YAML syntax error");
  ExpectError("model: a.b\ndescription: [\"unbalanced]\n", 3, "YAML syntax error");
  ExpectError("model: a.b\nfeatures: {a: b\n", 3, "YAML syntax error");
  ExpectError("model: a.b\n  bad: indent\n", 2, "YAML syntax error");
}

// yaml-cpp 0.7 itself accepts a quoted scalar left open up to the end of the file.
TEST(ManifestParserErrorTest, UnterminatedQuoteAtEndOfFile) {
  ExpectError("model: a.b\ndescription: \"unbalanced\n", 2,
              "YAML syntax error: unterminated quoted string");
  ExpectError("model: a.b\ndescription: \"a\\\"b\nversion: 1\n", 2, "unterminated quoted");
  ExpectError("model: 'a.b\nversion: 1\n", 1, "unterminated quoted string");
  ExpectError("\xef\xbb\xbfmodel: a.b\nowners:\n  - 'it''s\n", 3, "unterminated quoted");
  ExpectError("\"model\n", 1, "unterminated quoted string");
  ParseOutput ok = Parse("model: a.b\ndescription: \"a\\\"b 'c' \"\nversion: 'it''s'\n");
  EXPECT_THAT(ok.errors, IsEmpty());
  EXPECT_EQ(ok.manifests.at(0).description, "a\"b 'c' ");
  EXPECT_EQ(ok.manifests.at(0).version, "it's");
}

// yaml-cpp 0.7's LoadAll returns empty documents forever on these (until memory runs out).
TEST(ManifestParserErrorTest, CommaAfterTopLevelNodeDoesNotHang) {
  ExpectError(",", 1, "YAML syntax error: unexpected ','");
  ExpectError("{model: a.b},\n", 1, "unexpected ','");
  ExpectError("model: a.b\n---\n- a\n,\n", 4, "unexpected ','");
  ExpectError("\"model\",\n", 1, "unexpected ','");
}

TEST(ManifestParserErrorTest, DeepNestingIsRejectedNotACrash) {
  ExpectError(std::string(10000, '['), 1, "YAML nesting too deep");
  std::string braces;
  for (int i = 0; i < 10000; ++i) braces += "{a: ";
  ExpectError(braces, 1, "YAML nesting too deep");
  std::string dashes;
  for (int i = 0; i < 10000; ++i) dashes += "- ";
  ExpectError(dashes + "x", 1, "YAML nesting too deep");
}

TEST(ManifestParserErrorTest, TopLevelNotAMapping) {
  ExpectError("- model: a.b\n", 1, "top level must be a mapping with a \"model\" key, got a list");
  ExpectError("just text\n", 1, "top level must be a mapping");
}

TEST(ManifestParserErrorTest, TooLargeAfterAliasExpansion) {
  std::string text = "model: a.m\nfeatures:\n  - &f {name: f, sources: &s [";
  std::string source = "hive.db.t." + std::string(1000, 'c');
  for (int i = 0; i < 100; ++i) text += (i ? ", " : "") + source;
  text += "]}\n";
  for (int i = 0; i < 100; ++i) text += "  - {name: g" + std::to_string(i) + ", sources: *s}\n";
  ParseOutput out = Parse(text);
  EXPECT_THAT(out.errors, ElementsAre(Diag(3, "manifest too large")));
  EXPECT_THAT(out.manifests, IsEmpty());
}

// ---- top-level keys ----

TEST(ManifestParserErrorTest, MissingModel) {
  ExpectError("version: 1\nfeatures: []\n", 1, "missing required key \"model\"");
  ExpectError("version: 1\nmodel:\n", 2, "\"model\" has no value");
  ExpectError("model: ~\nversion: 1\n", 1, "\"model\" has no value");
}

TEST(ManifestParserErrorTest, InvalidModelFqn) {
  ExpectError("version: 1\nmodel: svc..m\n", 2,
              "model: invalid FQN \"svc..m\": empty segment at offset 4");
  ExpectError("model: 'svc.\"m'\n", 1, "unbalanced quote");
  ExpectError("model: [a, b]\n", 1, "\"model\" must be a string, got a list");
}

TEST(ManifestParserErrorTest, ModelNeedsTwoSegments) {
  ExpectError("model: churn\n", 1, "model \"churn\" must have at least 2 segments");
}

TEST(ManifestParserErrorTest, UnknownTopLevelKeySuggestsClosest) {
  ExpectError("model: a.b\nfeaturs: []\n", 2,
              "unknown key \"featurs\" at top level; did you mean \"features\"?");
  ExpectError("Model: a.b\nmodel: a.c\n", 1, "did you mean \"model\"?");
  ExpectError("model: a.b\nxyzzy: 1\n", 2,
              "unknown key \"xyzzy\" at top level (valid keys: model, version, description, "
              "owners, domain, features, outputs, deployments, repository, checks, quality, "
              "training_window)");
}

TEST(ManifestParserErrorTest, DuplicateAndNonStringKeys) {
  ExpectError("model: a.b\ndomain: x\ndomain: y\n", 3,
              "duplicate key \"domain\" (first at line 2)");
  ExpectError("model: a.b\n[k]: v\n", 2, "keys at top level must be strings, got a list");
}

TEST(ManifestParserErrorTest, WrongTypesAtTopLevel) {
  ExpectError("model: a.b\ndescription: [x]\n", 2, "\"description\" must be a string, got a list");
  ExpectError("model: a.b\nversion: {major: 1}\n", 2,
              "\"version\" must be a string, got a mapping");
  ExpectError("model: a.b\nfeatures: moves\n", 2, "\"features\" must be a list, got a string");
  ExpectError("model: a.b\nowners: {team: x}\n", 2, "\"owners\" must be a list, got a mapping");
  ExpectError("model: a.b\noutputs:\n  a: b\n", 3, "\"outputs\" must be a list, got a mapping");
}

TEST(ManifestParserErrorTest, InvalidOwners) {
  for (const char* bad : {"scoring", "group:x", "team:", "user:a b", ":x"}) {
    ExpectError("model: a.b\nowners:\n  - '" + std::string(bad) + "'\n", 3,
                "owner \"" + std::string(bad) + "\" must be team:<name> or user:<name>");
  }
  ExpectError("model: a.b\nowners: [[team:x]]\n", 2, "\"owner\" must be a string, got a list");
}

TEST(ManifestParserErrorTest, InvalidOutput) {
  ExpectError("model: a.b\noutputs: [ok.t, 'bad t']\n", 2,
              "output: invalid FQN \"bad t\": whitespace outside quotes");
}

// ---- deployments and owned outputs ----

TEST(ManifestParserTest, DeploymentsAsNamesOrMappings) {
  ParseOutput out = Parse(R"(model: mlflow.m
deployments:
  - seldon.m_prod
  - fqn: seldon.m_canary
    description: Canary
    owners: [team:ds]
)");
  ASSERT_THAT(out.errors, IsEmpty());
  const Manifest& m = out.manifests.at(0);
  EXPECT_THAT(m.deployments,
              ElementsAre(DeploymentSpec{"seldon.m_prod", std::nullopt, std::nullopt, 3},
                          DeploymentSpec{"seldon.m_canary", "Canary",
                                         std::vector<std::string>{"team:ds"}, 4}));
  EXPECT_EQ(Parse("model: a.b\ndeployments: s.d\n").manifests.at(0).deployments.size(), 1u);
}

TEST(ManifestParserTest, OwnedOutputWithColumns) {
  ParseOutput out = Parse(R"(model: mlflow.m
outputs:
  - hive.db.linked
  - table: hive.scores.m_scores
    description: Scores
    columns:
      - subscriber_id
      - {name: score, type: double}
)");
  ASSERT_THAT(out.errors, IsEmpty());
  const Manifest& m = out.manifests.at(0);
  EXPECT_THAT(m.outputs, ElementsAre(SourceRef{"hive.db.linked", 3}));
  EXPECT_THAT(m.owned_outputs, ElementsAre(OwnedOutputSpec{"hive.scores.m_scores",
                                                           "Scores",
                                                           {ColumnSpec{"subscriber_id", "", 7},
                                                            ColumnSpec{"score", "double", 8}},
                                                           4}));
}

TEST(ManifestParserErrorTest, BadDeployments) {
  ExpectError("model: a.b\ndeployments: [seldon]\n", 2,
              "deployment \"seldon\" must have at least 2 segments (service.name)");
  ExpectError("model: a.b\ndeployments:\n  - description: x\n", 3,
              "a deployment mapping needs \"fqn\"");
  ExpectError("model: a.b\ndeployments:\n  - fqn: s.d\n    owner: [team:x]\n", 4,
              "unknown key \"owner\" in a deployment; did you mean \"owners\"?");
  ExpectError("model: a.b\ndeployments:\n  - fqn: s.d\n    owners: [x]\n", 4,
              "owner \"x\" must be team:<name> or user:<name>");
  ExpectError("model: a.b\ndeployments: [s.d, s.d]\n", 2,
              "duplicate deployment s.d (first listed at line 2)");
}

TEST(ManifestParserErrorTest, BadOwnedOutputs) {
  ExpectError("model: a.b\noutputs:\n  - columns: [a]\n", 3, "an output mapping needs \"table\"");
  ExpectError("model: a.b\noutputs:\n  - table: hive\n", 3,
              "output table \"hive\" must have at least 2 segments (service.table)");
  ExpectError("model: a.b\noutputs:\n  - table: h.t\n    columns: [a, a]\n", 4,
              "duplicate column \"a\" (first defined at line 4)");
  ExpectError("model: a.b\noutputs:\n  - table: h.t\n    columns: [{type: int}]\n", 4,
              "column has no name");
  ExpectError("model: a.b\noutputs:\n  - table: h.t\n    colums: [a]\n", 4,
              "unknown key \"colums\" in an output; did you mean \"columns\"?");
  ExpectError("model: a.b\noutputs: [h.t, {table: h.t}]\n", 2,
              "duplicate output h.t (first listed at line 2)");
}

// ---- features ----

TEST(ManifestParserErrorTest, FeatureNotAMapping) {
  ExpectError("model: a.b\nfeatures:\n  - moves_30d\n", 3,
              "a feature must be a mapping (name + sources, or table + columns), got a string");
}

TEST(ManifestParserErrorTest, UnknownFeatureKeySuggestsClosest) {
  ExpectError("model: a.b\nfeatures:\n  - name: f\n    sources: [x.y]\n    sourcs: [x.z]\n", 5,
              "unknown key \"sourcs\" in a feature; did you mean \"sources\"?");
  ExpectError("model: a.b\nfeatures:\n  - table: x.y\n    colums: [a]\n    columns: [b]\n", 4,
              "did you mean \"columns\"?");
}

TEST(ManifestParserErrorTest, FeatureWithNeitherOrBothForms) {
  ExpectError("model: a.b\nfeatures:\n  - transform: x\n", 3,
              "a feature needs name + sources, or table + columns");
  ExpectError("model: a.b\nfeatures:\n  - {}\n", 3, "a feature needs name + sources");
  ExpectError("model: a.b\nfeatures:\n  - name: f\n    sources: [x.y]\n    table: x\n", 3,
              "either name + sources or table + columns, not both");
  ExpectError("model: a.b\nfeatures:\n  - sources: [x.y]\n    columns: [c]\n", 3, "not both");
}

TEST(ManifestParserErrorTest, FeatureWithoutSources) {
  ExpectError("model: a.b\nfeatures:\n  - name: f\n", 3, "feature \"f\" has no sources");
  ExpectError("model: a.b\nfeatures:\n  - name: f\n    sources: []\n", 4,
              "feature \"f\" has no sources");
  ExpectError("model: a.b\nfeatures:\n  - name: f\n    sources:\n", 3,
              "feature \"f\" has no sources");
  ExpectError("model: a.b\nfeatures:\n  - name: f\n    sources: {a: b}\n", 4,
              "\"sources\" must be a list, got a mapping");
}

TEST(ManifestParserErrorTest, FeatureWithoutName) {
  ExpectError("model: a.b\nfeatures:\n  - sources: [x.y]\n", 3, "feature has no name");
}

TEST(ManifestParserErrorTest, InvalidFeatureNameOrSource) {
  ExpectError("model: a.b\nfeatures:\n  - name: a.b\n    sources: [x.y]\n", 3,
              "feature name \"a.b\" must be a single name segment, got 2");
  ExpectError("model: a.b\nfeatures:\n  - name: f\n    sources:\n      - x.y\n      - x..z\n", 6,
              "source: invalid FQN \"x..z\": empty segment at offset 2");
  ExpectError("model: a.b\nfeatures:\n  - name: f\n    sources: [x.y]\n    type: [a]\n", 5,
              "\"type\" must be a string, got a list");
}

TEST(ManifestParserErrorTest, TableShorthandErrors) {
  ExpectError("model: a.b\nfeatures:\n  - table: x.t\n", 3, "table \"x.t\" has no columns");
  ExpectError("model: a.b\nfeatures:\n  - table: x.t\n    columns: []\n", 4,
              "table \"x.t\" has no columns");
  ExpectError("model: a.b\nfeatures:\n  - columns: [c]\n", 3, "feature has columns but no table");
  ExpectError("model: a.b\nfeatures:\n  - table: 'x t'\n    columns: [c]\n", 3,
              "table: invalid FQN \"x t\"");
}

TEST(ManifestParserErrorTest, ColumnNotASegment) {
  ExpectError("model: a.b\nfeatures:\n  - table: x.t\n    columns:\n      - ok\n      - a.b\n", 6,
              "column \"a.b\" must be a single name segment, got 2");
  ExpectError("model: a.b\nfeatures:\n  - table: x.t\n    columns: ['a b']\n", 4,
              "column: invalid FQN \"a b\": whitespace outside quotes");
  ExpectError("model: a.b\nfeatures:\n  - table: x.t\n    columns: ['']\n", 4,
              "column: invalid FQN: empty name");
}

TEST(ManifestParserErrorTest, DuplicateFeatureNamesAfterExpansion) {
  ExpectError(R"(model: a.m
features:
  - name: tenure_days
    sources: [hive.db.other.tenure]
  - table: hive.db.t
    columns: [region_id, tenure_days]
)",
              6, "duplicate feature \"tenure_days\" (first defined at line 3)");
  ExpectError("model: a.m\nfeatures:\n  - table: x.t\n    columns: [c, c]\n", 4,
              "duplicate feature \"c\" (first defined at line 4)");
}

TEST(ManifestParserErrorTest, CollectsEveryProblem) {
  ParseOutput out = Parse(R"(model: churn
owners: [scoring]
features:
  - name: f
  - table: x.t
    columns: [a.b]
outputs: ['bad out']
extra: 1
)");
  EXPECT_THAT(out.errors,
              ElementsAre(Diag(8, "unknown key \"extra\""), Diag(1, "at least 2 segments"),
                          Diag(2, "owner \"scoring\""), Diag(4, "feature \"f\" has no sources"),
                          Diag(6, "column \"a.b\""), Diag(7, "output: invalid FQN")));
  EXPECT_THAT(out.manifests, IsEmpty());
}

}  // namespace
}  // namespace linea::manifest
