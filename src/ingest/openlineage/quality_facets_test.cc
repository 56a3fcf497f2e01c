// The dataQualityMetrics / dataQualityAssertions facets as quality results: the shared corpus's
// Marquez event (rowCount, bytes, two assertions) and the spec's columnMetrics.
#include "ingest/openlineage/quality_facets.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace linea::openlineage {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;
using Json = nlohmann::json;

constexpr int64_t kAt = 1764583200000;  // 2025-12-01T10:00:00Z

std::string Summary(const model::QualityResult& r) {
  return r.asset + " " + r.check + " (" + r.kind + ")" + (r.status.empty() ? "" : " " + r.status);
}

TEST(QualityFacetsTest, MarquezFullEventGivesVolumeAndBothAssertions) {
  std::ifstream in(std::string(LINEA_SOURCE_DIR_DEFAULT) +
                   "/tests/data/openlineage/nonconforming/marquez_event_full.json");
  std::stringstream text;
  text << in.rdbuf();
  const Json event = Json::parse(text.str());
  const Json& facets = event["inputs"][0]["inputFacets"];
  const Json quality = {{"dataQualityMetrics", facets["dataQualityMetrics"]},
                        {"dataQualityAssertions", facets["dataQualityAssertions"]}};
  std::vector<model::QualityResult> results =
      QualityResultsOf("hive.db.t", quality.dump(), kAt, "spark.job");
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(Summary(results[0]), "hive.db.t volume (volume)");
  EXPECT_THAT(results[0].metrics, ElementsAre(Pair("row_count", 1000), Pair("bytes", 1048576)));
  EXPECT_EQ(results[0].timestamp_ms, kAt);
  EXPECT_EQ(results[0].source, "openlineage");
  EXPECT_EQ(results[0].provenance, "openlineage:spark.job");
  EXPECT_EQ(Summary(results[1]), "hive.db.t row_count_equal_to (assertion) success");
  EXPECT_EQ(Summary(results[2]), "hive.db.t.id no_null_values (assertion) success");
}

TEST(QualityFacetsTest, ColumnMetricsGiveNullRateDistinctStatisticsAndDrift) {
  const Json quality = {
      {"dataQualityMetrics",
       {{"rowCount", 200},
        {"columnMetrics",
         {{"age",
           {{"nullCount", 10},
            {"distinctCount", 50},
            {"sum", 5000},
            {"count", 190},
            {"min", 1},
            {"max", 99},
            {"quantiles", {{"0.25", 18}, {"0.5", 30}, {"0.75", 45}}}}}}}}},
      {"dataQualityAssertions",
       {{"assertions", {{{"assertion", "not_null"}, {"success", false}, {"column", "age"}}}}}}};
  std::vector<model::QualityResult> results =
      QualityResultsOf("hive.db.t", quality.dump(), kAt, "dbt.test");
  ASSERT_EQ(results.size(), 6u);
  EXPECT_EQ(Summary(results[0]), "hive.db.t volume (volume)");
  EXPECT_EQ(Summary(results[1]), "hive.db.t.age null_rate (null_rate)");
  EXPECT_THAT(results[1].metrics, ElementsAre(Pair("null_count", 10), Pair("row_count", 200)));
  EXPECT_EQ(Summary(results[2]), "hive.db.t.age distinct (distinct)");
  EXPECT_EQ(Summary(results[3]), "hive.db.t.age statistics (statistics)");
  // mean = 5000 / 190
  EXPECT_THAT(results[3].metrics,
              ElementsAre(Pair("min", 1), Pair("max", 99), Pair("mean", 5000.0 / 190),
                          Pair("p25", 18), Pair("p50", 30), Pair("p75", 45)));
  EXPECT_EQ(Summary(results[4]), "hive.db.t.age drift (drift)");
  EXPECT_THAT(results[4].distribution.quantiles,
              ElementsAre(Pair(0.25, 18), Pair(0.5, 30), Pair(0.75, 45)));
  EXPECT_EQ(results[4].distribution.missing, 10);
  EXPECT_THAT(results[4].metrics, ElementsAre(Pair("row_count", 200)));
  EXPECT_EQ(Summary(results[5]), "hive.db.t.age not_null (assertion) fail");
}

TEST(QualityFacetsTest, MalformedFacetsAreSkipped) {
  EXPECT_THAT(QualityResultsOf("hive.db.t", "not json", kAt, "j"), IsEmpty());
  EXPECT_THAT(
      QualityResultsOf("hive.db.t", R"({"dataQualityMetrics": {"rowCount": "many"}})", kAt, "j"),
      IsEmpty());
  EXPECT_THAT(QualityResultsOf("hive.db.t",
                               R"({"dataQualityAssertions": {"assertions": [{"success": false}]}})",
                               kAt, "j"),
              IsEmpty());
}

}  // namespace
}  // namespace linea::openlineage
