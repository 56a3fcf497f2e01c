#include "quality/check_kinds.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "common/testing/status_matchers.h"

namespace linea::quality {
namespace {

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;
using ::testing::ElementsAre;

model::QualityCheck Check(std::string kind, std::map<std::string, double> params = {}) {
  model::QualityCheck check = DefaultCheck("dwh.mart.users.age", kind);
  check.params = std::move(params);
  return check;
}

TEST(CheckKindsTest, TableHasOneRowPerKindInOrder) {
  std::vector<std::string> kinds;
  for (const KindSpec& spec : CheckKindTable()) kinds.push_back(spec.kind);
  EXPECT_EQ(kinds,
            std::vector<std::string>(std::begin(model::kCheckKinds), std::end(model::kCheckKinds)));
  EXPECT_THAT(FindKind("volume")->metrics, ElementsAre("row_count"));
  EXPECT_EQ(FindKind("nope"), nullptr);
}

TEST(CheckKindsTest, DefaultsAndOverrides) {
  EXPECT_EQ(Param(Check("volume"), "warn"), 0.15);
  EXPECT_EQ(Param(Check("volume"), "fail"), 0.30);
  EXPECT_EQ(Param(Check("null_rate"), "fail"), 0.10);
  EXPECT_EQ(Param(Check("freshness"), "warn"), 24);
  EXPECT_EQ(Param(Check("drift"), "fail"), 0.25);
  EXPECT_EQ(Param(Check("statistics"), "warn"), 2);
  EXPECT_EQ(Param(Check("assertion"), "reference_periods"), 6);
  EXPECT_EQ(Param(Check("volume", {{"warn", 0.2}}), "warn"), 0.2);
  EXPECT_EQ(FindParam(Check("null_rate"), "max"), std::nullopt);
  EXPECT_TRUE(std::isnan(Param(Check("volume"), "max")));
  EXPECT_EQ(FailThreshold(Check("statistics", {{"k", 4}})), 4);
  EXPECT_EQ(FailThreshold(Check("freshness", {{"max_lag_hours", 12}, {"warn", 6}})), 12);
  const model::QualityCheck d = DefaultCheck("a.b", "drift");
  EXPECT_EQ(d.name, "drift");
  EXPECT_EQ(d.severity, "high");
  EXPECT_EQ(d.provenance, "default");
}

TEST(CheckKindsTest, ValidChecks) {
  for (const char* kind : model::kCheckKinds) {
    model::QualityCheck check = Check(kind);
    if (check.kind == "schema") check.columns = {"id:bigint", "age:int"};
    EXPECT_THAT(ValidateCheck(check), IsOk()) << kind;
  }
  EXPECT_THAT(ValidateCheck(Check("statistics", {{"min", 0}, {"max", 120}, {"k", 4}})), IsOk());
}

TEST(CheckKindsTest, UnknownKindSuggests) {
  Status s = ValidateCheck(Check("volum"));
  EXPECT_THAT(s, StatusIs(StatusCode::kInvalidArgument,
                          "unknown check kind \"volum\"; did you mean \"volume\"?"));
  EXPECT_THAT(s.candidates(), ElementsAre("volume"));
  EXPECT_THAT(ValidateCheck(Check("histogram")),
              StatusIs(StatusCode::kInvalidArgument, "unknown check kind \"histogram\""));
}

TEST(CheckKindsTest, ErrorMessages) {
  auto expect = [](const model::QualityCheck& check, const std::string& message) {
    EXPECT_THAT(ValidateCheck(check), StatusIs(StatusCode::kInvalidArgument, message));
  };
  expect(Check("volume", {{"max", 3}}),
         "param \"max\" is not accepted by a \"volume\" check (accepted: fail, "
         "reference_periods, warn)");
  expect(Check("volume", {{"warn", 0.4}}), "param \"warn\" (0.4) must be below \"fail\" (0.3)");
  expect(Check("drift", {{"fail", -1}}), "param \"fail\" must be ≥ 0, got -1");
  expect(Check("drift", {{"fail", NAN}}), "param \"fail\" is not finite");
  expect(Check("statistics", {{"k", 4}, {"fail", 5}}),
         "params \"k\" and \"fail\" both set the fail threshold; give one");
  expect(Check("statistics", {{"k", 1.5}}), "param \"warn\" (2) must be below \"k\" (1.5)");
  expect(Check("statistics", {{"min", 5}, {"max", 1}}), "param \"min\" (5) is above \"max\" (1)");
  expect(Check("null_rate", {{"max", 1.5}}),
         "param \"max\" of a null_rate check is a share in [0, 1], got 1.5");
  expect(Check("volume", {{"reference_periods", 0}}),
         "param \"reference_periods\" must be a whole number from 1 to 1000, got 0");
  expect(Check("volume", {{"reference_periods", 2.5}}),
         "param \"reference_periods\" must be a whole number from 1 to 1000, got 2.5");
  expect(Check("volume", {{"reference_periods", 1e30}}),
         "param \"reference_periods\" must be a whole number from 1 to 1000, got 1e+30");
  model::QualityCheck medium = Check("volume");
  medium.severity = "medium";
  expect(medium, "severity must be \"high\" or \"low\", got \"medium\"");
  expect(Check("schema"), "a \"schema\" check needs columns, one \"name:type\" each");
  model::QualityCheck columns = Check("volume");
  columns.columns = {"id:int"};
  expect(columns, "columns apply only to \"schema\" checks, not \"volume\"");
  model::QualityCheck schema = Check("schema");
  schema.columns = {"id:int", "age"};
  expect(schema, "column \"age\" is not \"name:type\"");
  schema.columns = {"id:int", " ID : bigint"};
  expect(schema, "column \"ID\" appears twice");
}

}  // namespace
}  // namespace linea::quality
