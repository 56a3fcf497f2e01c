#include "ingest/openlineage/decode.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>

#include "common/testing/status_matchers.h"

#ifndef LINEA_SOURCE_DIR_DEFAULT
#define LINEA_SOURCE_DIR_DEFAULT "."
#endif

namespace linea::openlineage {
namespace {

using ::linea::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

namespace fs = std::filesystem;

// The OpenLineage corpus: <source>/tests/data/openlineage (tests/data/README.md).
fs::path CorpusDir() {
  const char* env = std::getenv("LINEA_SOURCE_DIR");
  fs::path source = env != nullptr && *env != '\0' ? env : LINEA_SOURCE_DIR_DEFAULT;
  return source / "tests" / "data" / "openlineage";
}

std::string ReadCorpus(const std::string& relative) {
  std::ifstream in(CorpusDir() / relative, std::ios::binary);
  EXPECT_TRUE(in) << "cannot read " << (CorpusDir() / relative);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

DecodedEvent Decode(const std::string& relative) {
  Result<DecodedEvent> r = DecodeEventText(ReadCorpus(relative));
  EXPECT_TRUE(r.ok()) << relative << ": " << r.status().ToString();
  return r.ok() ? *std::move(r) : DecodedEvent{};
}

std::string ErrorOf(std::string_view text) {
  Result<DecodedEvent> r = DecodeEventText(text);
  EXPECT_THAT(r, StatusIs(StatusCode::kInvalidArgument));
  return r.ok() ? "" : r.status().message();
}

// A minimal RunEvent with `patch` merged in (JSON merge patch: null removes a key).
std::string Event(const std::string& patch = "{}") {
  nlohmann::json e = {{"eventTime", "2024-10-16T16:53:47.366Z"},
                      {"eventType", "COMPLETE"},
                      {"run", {{"runId", "r1"}}},
                      {"job", {{"namespace", "n"}, {"name", "j"}}}};
  e.merge_patch(nlohmann::json::parse(patch));
  return e.dump();
}

// ---- The corpus -------------------------------------------------------------------------

TEST(DecodeCorpusTest, EveryStrictValidFileDecodes) {
  int files = 0, runs = 0, jobs = 0, datasets = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(CorpusDir())) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    ++files;
    DecodedEvent d = Decode(entry.path().filename().string());
    EXPECT_EQ(d.hash.size(), 64u) << entry.path();
    switch (d.event.event_class) {
      case EventClass::kRun:
        ++runs;
        break;
      case EventClass::kJob:
        ++jobs;
        break;
      case EventClass::kDataset:
        ++datasets;
        break;
    }
  }
  EXPECT_EQ(files, 29);
  EXPECT_EQ(runs, 27);
  EXPECT_EQ(jobs, 1);
  EXPECT_EQ(datasets, 1);
}

TEST(DecodeCorpusTest, SparkColumnLineage) {
  DecodedEvent d = Decode("ct_CLL_8.json");
  const OlEvent& e = d.event;
  EXPECT_EQ(e.event_class, EventClass::kRun);
  EXPECT_EQ(e.event_type, "COMPLETE");
  EXPECT_EQ(e.event_time, "2024-08-06T13:26:54.34Z");
  EXPECT_EQ(e.event_time_ms, 1722950814340);
  EXPECT_EQ(e.run_id, "019127df-0850-72bc-b214-b255290588a6");
  EXPECT_EQ(e.producer,
            "https://github.com/OpenLineage/OpenLineage/tree/1.19.0-SNAPSHOT/integration/spark");
  EXPECT_EQ(e.job.namespace_, "testColumnLevelLineage");
  EXPECT_EQ(e.job.name,
            "open_lineage_integration_create_table.execute_create_hive_table_as_select_command."
            "default_tbl1");
  ASSERT_EQ(e.inputs.size(), 2u);
  EXPECT_EQ(e.inputs[0].name, "/tmp/cll_test/cll_source2");
  ASSERT_EQ(e.inputs[0].symlinks.size(), 1u);
  EXPECT_EQ(e.inputs[0].symlinks[0].namespace_, "file:/tmp/cll_test");
  EXPECT_EQ(e.inputs[0].symlinks[0].name, "default.cll_source2");
  EXPECT_EQ(e.inputs[0].symlinks[0].type, "TABLE");

  ASSERT_EQ(e.outputs.size(), 1u);
  const OlDataset& out = e.outputs[0];
  EXPECT_EQ(out.namespace_, "file");
  EXPECT_EQ(out.name, "/tmp/cll_test/tbl1");
  EXPECT_TRUE(out.has_schema);
  ASSERT_EQ(out.schema.size(), 3u);
  EXPECT_EQ(out.schema[2].name, "agg");
  EXPECT_EQ(out.schema[2].type, "long");
  EXPECT_EQ(out.lifecycle_state_change, "CREATE");
  EXPECT_EQ(out.quality_json, "");

  // Output columns come sorted by name.
  ASSERT_EQ(out.column_lineage.size(), 3u);
  EXPECT_EQ(out.column_lineage[0].output_field, "agg");
  EXPECT_EQ(out.column_lineage[1].output_field, "ident");
  EXPECT_EQ(out.column_lineage[2].output_field, "trans");
  const std::vector<OlInputField>& ident = out.column_lineage[1].inputs;
  ASSERT_EQ(ident.size(), 3u);
  EXPECT_EQ(ident[0].namespace_, "file");
  EXPECT_EQ(ident[0].name, "/tmp/cll_test/cll_source1");
  EXPECT_EQ(ident[0].field, "a");
  EXPECT_EQ(ident[0].type, "DIRECT");
  EXPECT_EQ(ident[0].subtype, "IDENTITY");
  EXPECT_THAT(ident[0].transformations, ElementsAre("DIRECT/IDENTITY", "INDIRECT/GROUP_BY",
                                                    "INDIRECT/JOIN", "INDIRECT/FILTER"));
  EXPECT_EQ(ident[2].name, "/tmp/cll_test/cll_source2");
  EXPECT_EQ(ident[2].type, "INDIRECT");
  EXPECT_EQ(ident[2].subtype, "JOIN");
  const std::vector<OlInputField>& agg = out.column_lineage[0].inputs;
  ASSERT_EQ(agg.size(), 4u);
  EXPECT_EQ(agg[2].field, "c");
  EXPECT_EQ(agg[2].type, "DIRECT");
  EXPECT_EQ(agg[2].subtype, "AGGREGATION");
  EXPECT_TRUE(out.dataset_dependencies.empty());
}

TEST(DecodeCorpusTest, AirflowDeprecatedTransformationType) {
  DecodedEvent d = Decode("ct_airflow_line_03.json");
  const OlEvent& e = d.event;
  EXPECT_EQ(e.event_time_ms, 1732626329606);  // "2024-11-26T13:05:29.606867+00:00"
  EXPECT_EQ(e.job.namespace_, "airflow");
  EXPECT_EQ(e.job.name, "BQ.upload");
  ASSERT_EQ(e.inputs.size(), 2u);
  EXPECT_EQ(e.inputs[0].namespace_, "gs://mock-bucket");
  EXPECT_EQ(e.inputs[0].name, "copied.csv");
  EXPECT_EQ(e.inputs[0].schema.size(), 4u);
  ASSERT_EQ(e.outputs.size(), 1u);
  const OlDataset& out = e.outputs[0];
  EXPECT_EQ(out.namespace_, "bigquery");
  EXPECT_EQ(out.name, "mock-project.test.upload");
  EXPECT_TRUE(out.dataset_dependencies.empty());  // "dataset": []
  ASSERT_EQ(out.column_lineage.size(), 4u);
  for (const OlColumnLineage& column : out.column_lineage) {
    ASSERT_EQ(column.inputs.size(), 2u) << column.output_field;
    EXPECT_EQ(column.inputs[0].name, "copied.csv");
    EXPECT_EQ(column.inputs[1].name, "test.csv");
    for (const OlInputField& in : column.inputs) {
      EXPECT_EQ(in.field, column.output_field);
      EXPECT_EQ(in.type, "DIRECT");
      EXPECT_EQ(in.subtype, "IDENTITY");
      EXPECT_EQ(in.description, "identical");
      EXPECT_THAT(in.transformations, ElementsAre("DIRECT/IDENTITY"));
    }
  }
  EXPECT_EQ(out.column_lineage[3].output_field, "d");
}

TEST(DecodeCorpusTest, SparkHdfsWithHiveSymlinks) {
  DecodedEvent d = Decode("ct_spark_dataproc_simple_producer_test_4.json");
  const OlEvent& e = d.event;
  EXPECT_EQ(e.event_type, "COMPLETE");
  EXPECT_EQ(e.job.sql, "CREATE TABLE IF NOT EXISTS t2 AS SELECT * FROM t1;");
  ASSERT_EQ(e.inputs.size(), 1u);
  EXPECT_EQ(e.inputs[0].namespace_, "hdfs://dataproc-producer-test-m");
  EXPECT_EQ(e.inputs[0].name, "/user/hive/warehouse/t1");
  ASSERT_EQ(e.inputs[0].symlinks.size(), 1u);
  EXPECT_EQ(e.inputs[0].symlinks[0].namespace_, "hive://dataproc-producer-test-m:9083");
  EXPECT_EQ(e.inputs[0].symlinks[0].name, "default.t1");
  EXPECT_EQ(e.inputs[0].symlinks[0].type, "TABLE");
  ASSERT_EQ(e.outputs.size(), 1u);
  EXPECT_EQ(e.outputs[0].symlinks[0].name, "default.t2");
  ASSERT_EQ(e.outputs[0].column_lineage.size(), 2u);
  EXPECT_EQ(e.outputs[0].column_lineage[1].inputs[0].field, "b");
  EXPECT_EQ(e.outputs[0].column_lineage[1].inputs[0].subtype, "IDENTITY");
}

TEST(DecodeCorpusTest, JobEventIsClassifiedByShapeNotEventType) {
  DecodedEvent d = Decode("marquez_event_job_event.json");
  const OlEvent& e = d.event;
  EXPECT_EQ(e.event_class, EventClass::kJob);
  EXPECT_EQ(e.event_type, "COMPLETE");
  EXPECT_EQ(e.run_id, "");
  EXPECT_EQ(e.event_time_ms, 1609149120001);  // 2020-12-28T19:52:00.001+10:00
  EXPECT_EQ(e.job.namespace_, "my-scheduler-namespace");
  EXPECT_EQ(e.job.name, "myjob");
  ASSERT_EQ(e.inputs.size(), 1u);
  EXPECT_TRUE(e.inputs[0].has_documentation);
  EXPECT_EQ(e.inputs[0].documentation, "input documentation");
  ASSERT_EQ(e.outputs.size(), 1u);
  EXPECT_EQ(e.outputs[0].documentation, "output documentation");
}

TEST(DecodeCorpusTest, DatasetEvent) {
  DecodedEvent d = Decode("marquez_event_dataset_event.json");
  const OlEvent& e = d.event;
  EXPECT_EQ(e.event_class, EventClass::kDataset);
  EXPECT_EQ(e.event_type, "");
  EXPECT_EQ(e.dataset.namespace_, "my-dataset-namespace");
  EXPECT_EQ(e.dataset.name, "my-dataset-name");
  ASSERT_EQ(e.dataset.schema.size(), 1u);
  EXPECT_EQ(e.dataset.schema[0].name, "col_a");
  EXPECT_EQ(e.dataset.schema[0].type, "VARCHAR");
  EXPECT_EQ(e.dataset.schema[0].description, "string");
  EXPECT_TRUE(e.inputs.empty());
  EXPECT_EQ(e.job.name, "");
}

TEST(DecodeCorpusTest, JobOwnershipAndNanoseconds) {
  DecodedEvent airflow = Decode("ct_airflow_line_01.json");
  EXPECT_TRUE(airflow.event.job.has_ownership);
  ASSERT_EQ(airflow.event.job.owners.size(), 1u);
  EXPECT_EQ(airflow.event.job.owners[0].name, "***");
  EXPECT_EQ(airflow.event.job.owners[0].type, "");
  DecodedEvent nanos = Decode("marquez_event_required_nanoseconds.json");
  EXPECT_EQ(nanos.event.event_type, "");
  EXPECT_GT(nanos.event.event_time_ms, 0);
}

// ---- Nonconforming events: the accept/reject decision for each file ----------------------

TEST(DecodeNonconformingTest, NonUuidRunIdAccepted) {
  DecodedEvent d = Decode("nonconforming/ct_simple_run_event.json");
  EXPECT_EQ(d.event.run_id, "run_id");
  EXPECT_EQ(d.event.producer, "producer");
  ASSERT_EQ(d.event.inputs.size(), 1u);
  EXPECT_EQ(d.event.inputs[0].name, "test.table.input");
}

TEST(DecodeNonconformingTest, NaiveEventTimeIsUtc) {
  DecodedEvent dataset = Decode("nonconforming/ol_client_python_serde_example_dataset_event.json");
  EXPECT_EQ(dataset.event.event_class, EventClass::kDataset);
  EXPECT_EQ(dataset.event.event_time_ms, 1635936832427);  // 2021-11-03T10:53:52.427343
  EXPECT_EQ(dataset.event.dataset.schema.size(), 2u);
  DecodedEvent job = Decode("nonconforming/ol_client_python_serde_example_job_event.json");
  EXPECT_EQ(job.event.event_class, EventClass::kJob);
  EXPECT_EQ(job.event.event_type, "");
  EXPECT_EQ(job.event.event_time_ms, 1635936832427);
  ASSERT_EQ(job.event.outputs.size(), 1u);
  EXPECT_EQ(job.event.outputs[0].name, "dataset_b");
}

TEST(DecodeNonconformingTest, MarquezFullEventWithQualityFacets) {
  DecodedEvent d = Decode("nonconforming/marquez_event_full.json");
  const OlEvent& e = d.event;
  EXPECT_EQ(e.job.sql, "SELECT * FROM foo");
  EXPECT_TRUE(e.job.has_documentation);
  EXPECT_EQ(e.job.documentation, "string");
  ASSERT_EQ(e.inputs.size(), 1u);
  const OlDataset& in = e.inputs[0];
  ASSERT_EQ(in.assertions.size(), 2u);
  EXPECT_EQ(in.assertions[0].assertion, "row_count_equal_to");
  EXPECT_TRUE(in.assertions[0].success);
  EXPECT_EQ(in.assertions[0].column, "");
  EXPECT_EQ(in.assertions[1].column, "id");
  EXPECT_EQ(in.quality_json,
            R"({"dataQualityAssertions":{"assertions":[{"assertion":"row_count_equal_to",)"
            R"("success":true},{"assertion":"no_null_values","column":"id","success":true}]},)"
            R"("dataQualityMetrics":{"bytes":1048576,"rowCount":1000}})");
  ASSERT_EQ(e.outputs.size(), 1u);
  EXPECT_EQ(e.outputs[0].quality_json, "");
}

TEST(DecodeNonconformingTest, MissingSchemaUrlAccepted) {
  DecodedEvent d = Decode("nonconforming/marquez_event_without_schema_url.json");
  EXPECT_EQ(d.event.run_id, "41fb5137-f0fd-4ee5-ba5c-56f8571d1bd7");
  EXPECT_EQ(d.event.inputs.size(), 2u);
}

TEST(DecodeNonconformingTest, DbtArrayWithFailedAssertions) {
  Result<std::vector<std::string>> events =
      SplitEvents(ReadCorpus("nonconforming/ol_dbt_no_test_metadata_result.json"));
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  ASSERT_EQ(events->size(), 10u);
  int fails = 0;
  for (const std::string& text : *events) {
    Result<DecodedEvent> d = DecodeEventText(text);
    ASSERT_TRUE(d.ok()) << d.status().ToString();  // "_deleted": null is fine
    if (d->event.event_type != "FAIL") continue;
    ++fails;
    EXPECT_EQ(d->event.run_id, "6edf42ed-d8d0-454a-b819-d09b9067ff99");
    EXPECT_EQ(d->event.job.name, "DEMO_DB.public.jaffle_shop.customers.test");
    ASSERT_EQ(d->event.inputs.size(), 1u);
    const OlDataset& in = d->event.inputs[0];
    EXPECT_EQ(in.namespace_, "snowflake://ASDF1234.eu-central-1.aws");
    EXPECT_EQ(in.name, "DEMO_DB.public.customers");
    ASSERT_EQ(in.assertions.size(), 2u);
    EXPECT_EQ(in.assertions[0].assertion, "unique");
    EXPECT_FALSE(in.assertions[0].success);
    EXPECT_EQ(in.assertions[0].column, "customer_id");
    EXPECT_EQ(in.assertions[1].assertion, "not_null");
    EXPECT_FALSE(in.assertions[1].success);
    // inputFacets win over facets: they carry actual/expected.
    nlohmann::json quality = nlohmann::json::parse(in.quality_json);
    EXPECT_EQ(quality["dataQualityAssertions"]["assertions"][0]["actual"], "1");
    EXPECT_FALSE(quality["dataQualityAssertions"].contains("_producer"));
    EXPECT_FALSE(quality.contains("dataQualityMetrics"));
  }
  EXPECT_EQ(fails, 1);
}

TEST(DecodeNonconformingTest, DockerTemplateRejectedUntilTimesAreSubstituted) {
  std::string text = ReadCorpus("nonconforming/marquez_docker_metadata.template.json");
  Result<std::vector<std::string>> raw = SplitEvents(text);
  ASSERT_TRUE(raw.ok()) << raw.status().ToString();
  ASSERT_EQ(raw->size(), 26u);
  for (const std::string& event : *raw) {
    std::string error = ErrorOf(event);
    EXPECT_THAT(error, StartsWith("$.eventTime: expected an ISO-8601 date-time"));
    EXPECT_THAT(error, HasSubstr("got \"{{RUN_"));
  }

  std::string substituted =
      std::regex_replace(text, std::regex(R"(\{\{[A-Z0-9_]+\}\})"), "2026-11-01T10:00:00Z");
  Result<std::vector<std::string>> events = SplitEvents(substituted);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 26u);
  int starts = 0, completes = 0;
  for (const std::string& event : *events) {
    Result<DecodedEvent> d = DecodeEventText(event);
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    EXPECT_EQ(d->event.job.namespace_, "food_delivery");
    starts += d->event.event_type == "START";
    completes += d->event.event_type == "COMPLETE";
    for (const OlDataset& out : d->event.outputs) {
      if (out.name == "public.delivery_7_days") {
        ASSERT_EQ(out.assertions.size(), 2u);
        EXPECT_EQ(out.assertions[0].assertion, "not_null");
        EXPECT_FALSE(out.assertions[0].success);
        EXPECT_EQ(out.assertions[0].column, "driver_id");
      }
      if (out.name == "public.orders_7_days" && !out.column_lineage.empty()) {
        auto menu =
            std::find_if(out.column_lineage.begin(), out.column_lineage.end(),
                         [](const OlColumnLineage& c) { return c.output_field == "menu_id"; });
        ASSERT_NE(menu, out.column_lineage.end());
        ASSERT_EQ(menu->inputs.size(), 2u);
        EXPECT_EQ(menu->inputs[1].name, "public.categories");
        EXPECT_EQ(menu->inputs[1].type, "");  // legacy lineage without transformations
        EXPECT_TRUE(menu->inputs[1].transformations.empty());
      }
    }
  }
  EXPECT_EQ(starts, 13);
  EXPECT_EQ(completes, 13);
}

TEST(DecodeNonconformingTest, TestExpectationsWithPlaceholdersRejected) {
  EXPECT_EQ(ErrorOf(ReadCorpus("nonconforming/ol_flink_expected_kafka.json")),
            "$.eventTime: expected an ISO-8601 date-time (e.g. 2024-10-16T16:53:47.366Z), got "
            "\"${json-unit.any-string}\"");
  EXPECT_EQ(ErrorOf(ReadCorpus("nonconforming/ol_hive_cllComplexQueryCTEJoinsComplete.json")),
            "$.eventTime: expected an ISO-8601 date-time string");
}

// ---- Leniency and facets -------------------------------------------------------------------

TEST(DecodeEventTest, MinimalRunEvent) {
  Result<DecodedEvent> d = DecodeEventText(Event());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->event.event_class, EventClass::kRun);
  EXPECT_EQ(d->event.event_time_ms, 1729097627366);
  EXPECT_EQ(d->event.producer, "");
  EXPECT_TRUE(d->event.inputs.empty());
  EXPECT_EQ(d->canonical, R"({"eventTime":"2024-10-16T16:53:47.366Z","eventType":"COMPLETE",)"
                          R"("job":{"name":"j","namespace":"n"},"run":{"runId":"r1"}})");
}

TEST(DecodeEventTest, HashIgnoresWhitespaceButNotKeyOrder) {
  Result<DecodedEvent> a = DecodeEventText(
      R"({"eventTime":"2024-10-16T16:53:47.366Z","run":{"runId":"r1"},"job":{"namespace":"n","name":"j"}})");
  Result<DecodedEvent> b = DecodeEventText(
      "\xEF\xBB\xBF{\n  \"eventTime\": \"2024-10-16T16:53:47.366Z\",\n"
      "  \"run\": {\"runId\": \"r1\"},\n"
      "  \"job\": {\"namespace\": \"n\", \"name\": \"j\"}\n}\n");
  Result<DecodedEvent> reordered = DecodeEventText(
      R"({"job":{"name":"j","namespace":"n"},"run":{"runId":"r1"},"eventTime":"2024-10-16T16:53:47.366Z"})");
  ASSERT_TRUE(a.ok() && b.ok() && reordered.ok());
  EXPECT_EQ(a->canonical, R"({"eventTime":"2024-10-16T16:53:47.366Z","run":{"runId":"r1"},)"
                          R"("job":{"namespace":"n","name":"j"}})");
  EXPECT_EQ(a->canonical, b->canonical);
  // sha256 of
  // {"eventTime":"2024-10-16T16:53:47.366Z","run":{"runId":"r1"},"job":{"namespace":"n","name":"j"}}
  EXPECT_EQ(a->hash, "85860029468f8e2ee0d559d281f7ea0c96f4aeb7cf1f6ab94266305e60da187b");
  EXPECT_EQ(b->hash, a->hash);
  EXPECT_NE(reordered->hash, a->hash);
  Result<DecodedEvent> c = DecodeEventText(Event(R"({"run":{"runId":"r2"}})"));
  ASSERT_TRUE(c.ok());
  EXPECT_NE(c->hash, a->hash);
}

TEST(DecodeEventTest, CanonicalDropsWhitespaceAndKeepsSpelling) {
  const std::string event =
      R"( {"eventTime":"2024-10-16T16:53:47Z","job":{"namespace":"n","name":"j"},"run":{"runId":"r",)"
      "\t "
      R"("facets":{"custom":{"n":[1E2, 1.50, -0],"s":"\u0041\/\u00e9 [\"a\", {}]"}}}} )";
  Result<DecodedEvent> d = DecodeEventText(event);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(
      d->canonical,
      R"({"eventTime":"2024-10-16T16:53:47Z","job":{"namespace":"n","name":"j"},"run":{"runId":"r",)"
      R"("facets":{"custom":{"n":[1E2,1.50,-0],"s":"\u0041\/\u00e9 [\"a\", {}]"}}}})");
  // The canonical text is a fixed point: decoding it again gives the same text and hash.
  Result<DecodedEvent> again = DecodeEventText(d->canonical);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->canonical, d->canonical);
  EXPECT_EQ(again->hash, d->hash);
  // An event split out of an array or JSON Lines is already in canonical form.
  for (const std::string& body : {"[" + event + ", {}]", event + "\n{}\n"}) {
    Result<std::vector<std::string>> events = SplitEvents(body);
    ASSERT_TRUE(events.ok()) << events.status().ToString();
    EXPECT_EQ(events->front(), d->canonical);
  }
}

TEST(DecodeEventTest, RepeatedKeysLastOneIsRead) {
  Result<DecodedEvent> d =
      DecodeEventText(R"({"eventTime":"2024-10-16T16:53:47Z","run":{"runId":"r1","runId":"r2"},)"
                      R"("job":{"namespace":"n","name":"j"},"producer":"p","producer":null})");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->event.run_id, "r2");
  EXPECT_EQ(d->event.producer, "");
  EXPECT_THAT(d->canonical, HasSubstr(R"("run":{"runId":"r1","runId":"r2"})"));
}

TEST(DecodeEventTest, LowerCaseEventTypeIsUpperCased) {
  Result<DecodedEvent> d = DecodeEventText(Event(R"({"eventType":"fail"})"));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->event.event_type, "FAIL");
  EXPECT_EQ(ErrorOf(Event(R"({"eventType":"DONE"})")),
            "$.eventType: expected one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER, got "
            "\"DONE\"");
}

TEST(DecodeEventTest, RunWinsOverDataset) {
  Result<DecodedEvent> d = DecodeEventText(Event(R"({"dataset":{"namespace":"n","name":"d"}})"));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->event.event_class, EventClass::kRun);
}

TEST(DecodeEventTest, RunFacetsAndJobFacets) {
  Result<DecodedEvent> d = DecodeEventText(Event(R"({
    "run": {"facets": {"errorMessage": {"message": "boom", "programmingLanguage": "python"}}},
    "job": {"facets": {
      "sql": {"query": "INSERT INTO t SELECT 1"},
      "documentation": {"description": "loads t"},
      "ownership": {"owners": [{"name": "team:data", "type": "MAINTAINER"}, {"name": "jdoe"}]}}}})"));
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->event.error_message, "boom");
  EXPECT_EQ(d->event.job.sql, "INSERT INTO t SELECT 1");
  EXPECT_EQ(d->event.job.documentation, "loads t");
  ASSERT_EQ(d->event.job.owners.size(), 2u);
  EXPECT_EQ(d->event.job.owners[0].name, "team:data");
  EXPECT_EQ(d->event.job.owners[0].type, "MAINTAINER");
  EXPECT_EQ(d->event.job.owners[1].type, "");
}

TEST(DecodeEventTest, NullAndDeletedFacetsAreAbsent) {
  Result<DecodedEvent> d = DecodeEventText(Event(R"({"outputs": [{
    "namespace": "n", "name": "t",
    "facets": {
      "schema": {"_deleted": true, "fields": 5},
      "documentation": null,
      "ownership": {"_deleted": null, "owners": [{"name": "team:data"}]},
      "symlinks": {"_deleted": false, "identifiers": []}}}]})"));
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  const OlDataset& out = d->event.outputs[0];
  EXPECT_FALSE(out.has_schema);
  EXPECT_FALSE(out.has_documentation);
  EXPECT_TRUE(out.has_ownership);
  ASSERT_EQ(out.owners.size(), 1u);
  EXPECT_TRUE(out.symlinks.empty());
}

TEST(DecodeEventTest, NestedSchemaFieldsAreFlattened) {
  Result<DecodedEvent> d = DecodeEventText(Event(R"({"inputs": [{
    "namespace": "n", "name": "t",
    "facets": {"schema": {"fields": [
      {"name": "id", "type": "INT"},
      {"name": "address", "type": "STRUCT", "fields": [
        {"name": "street", "type": "STRING", "description": "line 1"},
        {"name": "geo", "fields": [{"name": "lat", "type": "DOUBLE"}]}]}]}}}]})"));
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  std::vector<std::string> names;
  for (const OlSchemaField& f : d->event.inputs[0].schema) names.push_back(f.name);
  EXPECT_THAT(names,
              ElementsAre("id", "address", "address.street", "address.geo", "address.geo.lat"));
  EXPECT_EQ(d->event.inputs[0].schema[2].description, "line 1");
  EXPECT_EQ(d->event.inputs[0].schema[3].type, "");
}

TEST(DecodeEventTest, ColumnLineageDatasetDependenciesAndDeprecatedTypes) {
  Result<DecodedEvent> d = DecodeEventText(Event(R"({"outputs": [{
    "namespace": "bigquery", "name": "p.d.t",
    "facets": {"columnLineage": {
      "fields": {
        "m": {"inputFields": [{"namespace": "n", "name": "s", "field": "x"}],
              "transformationType": "MASKED"},
        "t": {"inputFields": [{"namespace": "n", "name": "s", "field": "y"}],
              "transformationType": "TRANSFORMATION", "transformationDescription": "x + 1"},
        "w": {"inputFields": [{"namespace": "n", "name": "s", "field": "z",
                "transformations": [{"type": "INDIRECT"}]}],
              "transformationType": "IDENTITY"}},
      "dataset": [{"namespace": "n", "name": "s", "field": "k",
                   "transformations": [{"type": "INDIRECT", "subtype": "FILTER",
                                        "description": "k > 0", "masking": false}]}]}}}]})"));
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  const OlDataset& out = d->event.outputs[0];
  ASSERT_EQ(out.column_lineage.size(), 3u);
  const OlInputField& m = out.column_lineage[0].inputs[0];
  EXPECT_EQ(m.type, "DIRECT");
  EXPECT_EQ(m.subtype, "TRANSFORMATION");
  const OlInputField& t = out.column_lineage[1].inputs[0];
  EXPECT_EQ(t.type, "DIRECT");
  EXPECT_EQ(t.subtype, "TRANSFORMATION");
  EXPECT_EQ(t.description, "x + 1");
  EXPECT_THAT(t.transformations, ElementsAre("DIRECT/TRANSFORMATION"));
  // Per-input transformations win over the deprecated per-output type.
  const OlInputField& w = out.column_lineage[2].inputs[0];
  EXPECT_EQ(w.type, "INDIRECT");
  EXPECT_EQ(w.subtype, "");
  EXPECT_THAT(w.transformations, ElementsAre("INDIRECT"));
  ASSERT_EQ(out.dataset_dependencies.size(), 1u);
  EXPECT_EQ(out.dataset_dependencies[0].field, "k");
  EXPECT_EQ(out.dataset_dependencies[0].subtype, "FILTER");
  EXPECT_EQ(out.dataset_dependencies[0].description, "k > 0");
}

TEST(DecodeEventTest, ColumnLineageOutputsSortedLastRepeatWins) {
  // Raw text: Event() would merge the repeated key away before decoding.
  Result<DecodedEvent> d = DecodeEventText(
      R"({"eventTime":"2024-10-16T16:53:47Z","run":{"runId":"r"},"job":{"namespace":"n","name":"j"},)"
      R"("outputs":[{"namespace":"n","name":"t","facets":{"columnLineage":{"fields":{)"
      R"("z":{"inputFields":[{"namespace":"n","name":"s","field":"z1"}]},)"
      R"("a":{"inputFields":[{"namespace":"n","name":"s","field":"a1"}]},)"
      R"("z":{"inputFields":[{"namespace":"n","name":"s","field":"z2"}]}}}}}]})");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  const std::vector<OlColumnLineage>& columns = d->event.outputs[0].column_lineage;
  ASSERT_EQ(columns.size(), 2u);
  EXPECT_EQ(columns[0].output_field, "a");
  EXPECT_EQ(columns[1].output_field, "z");
  ASSERT_EQ(columns[1].inputs.size(), 1u);
  EXPECT_EQ(columns[1].inputs[0].field, "z2");
}

TEST(DecodeEventTest, LifecycleAndQualityMetricsFromFacets) {
  Result<DecodedEvent> d = DecodeEventText(Event(R"({"outputs": [{
    "namespace": "n", "name": "t",
    "facets": {"lifecycleStateChange": {"lifecycleStateChange": "DROP"},
               "dataQualityMetrics": {"_producer": "p", "rowCount": 3}}}]})"));
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->event.outputs[0].lifecycle_state_change, "DROP");
  EXPECT_EQ(d->event.outputs[0].quality_json, R"({"dataQualityMetrics":{"rowCount":3}})");
  EXPECT_TRUE(d->event.outputs[0].assertions.empty());
}

// ---- Errors -------------------------------------------------------------------------------

TEST(DecodeErrorTest, WrongTypesNameThePath) {
  EXPECT_EQ(ErrorOf(Event(R"({"inputs": [{"namespace":"n","name":"a"},{"namespace":"n","name":"b"},
                                          {"namespace":"n","name":7}]})")),
            "$.inputs[2].name: expected a non-empty string");
  EXPECT_EQ(ErrorOf(Event(R"({"run": {"runId": ""}})")),
            "$.run.runId: expected a non-empty string");
  EXPECT_EQ(ErrorOf(Event(R"({"run": {"runId": null}})")),
            "$.run.runId: expected a non-empty string");
  EXPECT_EQ(ErrorOf(Event(R"({"job": {"name": null}})")),
            "$.job.name: expected a non-empty string");
  EXPECT_EQ(ErrorOf(Event(R"({"job": null})")), "$.job: expected an object");
  EXPECT_EQ(ErrorOf(Event(R"({"run": 5})")), "$.run: expected an object");
  EXPECT_EQ(ErrorOf(Event(R"({"inputs": {}})")), "$.inputs: expected an array");
  EXPECT_EQ(ErrorOf(Event(R"({"outputs": [3]})")), "$.outputs[0]: expected an object");
  EXPECT_EQ(ErrorOf(Event(R"({"producer": 1})")), "$.producer: expected a string");
  EXPECT_EQ(ErrorOf(Event(R"({"eventTime": 1})")),
            "$.eventTime: expected an ISO-8601 date-time string");
  EXPECT_EQ(ErrorOf(Event(R"({"outputs": [{"namespace":"n","name":"t",
                                          "facets":{"schema":{"fields":{"a":1}}}}]})")),
            "$.outputs[0].facets.schema.fields: expected an array");
  EXPECT_EQ(ErrorOf(Event(R"({"outputs": [{"namespace":"n","name":"t",
                                          "facets":{"schema":[]}}]})")),
            "$.outputs[0].facets.schema: expected an object");
  EXPECT_EQ(ErrorOf(Event(R"({"outputs": [{"namespace":"n","name":"t","facets":[]}]})")),
            "$.outputs[0].facets: expected an object");
  EXPECT_EQ(ErrorOf(Event(R"({"outputs": [{"namespace":"n","name":"t",
      "facets":{"columnLineage":{"fields":{"c d":{"inputFields":[{"namespace":"n","name":"s"}]}}}}}]})")),
            "$.outputs[0].facets.columnLineage.fields[\"c d\"].inputFields[0].field: "
            "expected a non-empty string");
  EXPECT_EQ(ErrorOf(Event(R"({"inputs": [{"namespace":"n","name":"t",
      "inputFacets":{"dataQualityAssertions":{"assertions":[{"assertion":"x","success":"no"}]}}}]})")),
            "$.inputs[0].inputFacets.dataQualityAssertions.assertions[0].success: "
            "expected a boolean");
  EXPECT_EQ(ErrorOf(Event(R"({"job": {"facets": {"sql": {"query": ["SELECT 1"]}}}})")),
            "$.job.facets.sql.query: expected a string");
}

TEST(DecodeErrorTest, ShapeErrors) {
  EXPECT_EQ(ErrorOf("42"), "$: expected a JSON object (an OpenLineage event)");
  EXPECT_EQ(ErrorOf("[]"), "$: expected a JSON object (an OpenLineage event)");
  EXPECT_EQ(ErrorOf(R"({"eventTime":"2024-10-16T16:53:47Z"})"),
            "$: expected a RunEvent (run and job), a JobEvent (job) or a DatasetEvent (dataset)");
  EXPECT_EQ(ErrorOf(R"({"eventTime":"2024-10-16T16:53:47Z","run":{"runId":"r"}})"),
            "$.job: expected an object");
  EXPECT_EQ(ErrorOf(R"({"eventTime":"2024-10-16T16:53:47Z","dataset":{"namespace":"n"}})"),
            "$.dataset.name: expected a non-empty string");
}

TEST(DecodeErrorTest, BadJsonText) {
  std::string event = Event();
  EXPECT_THAT(ErrorOf(event.substr(0, event.size() / 2)),
              StartsWith("invalid JSON at line 1, column "));
  EXPECT_EQ(ErrorOf(""), "invalid JSON: empty input");
  EXPECT_EQ(ErrorOf(" \n "), "invalid JSON: empty input");
  EXPECT_EQ(ErrorOf("{\"eventTime\": \"2024\",\n \"run\": x}"),
            "invalid JSON at line 2, column 9: syntax error while parsing value - invalid "
            "literal; last read: '\"run\": x'");
  EXPECT_EQ(ErrorOf("{\"run\": {\"runId\": \"r\xC3\x28\"}}"),
            "invalid JSON at line 1, column 21: invalid UTF-8 (byte 20)");
  EXPECT_EQ(ErrorOf(Event(R"({"producer": null})").replace(1, 0, "\"n\": 1e999, ")),
            "invalid JSON: number overflow parsing '1e999'");
  EXPECT_EQ(ErrorOf("{\"a\": \"\xED\xA0\x80\"}"),  // an encoded surrogate
            "invalid JSON at line 1, column 8: invalid UTF-8 (byte 7)");
}

TEST(DecodeErrorTest, DeepNestingIsRejectedWithoutRecursion) {
  std::string arrays = std::string(10000, '[') + std::string(10000, ']');
  EXPECT_EQ(ErrorOf(arrays), "invalid JSON: nested deeper than 128 levels");
  std::string objects =
      std::string(R"({"eventTime":"2024-10-16T16:53:47Z","run":{"runId":"r","facets":)");
  for (int i = 0; i < 10000; ++i) objects += R"({"x":)";
  objects += "1" + std::string(10000, '}') + R"(},"job":{"namespace":"n","name":"j"}})";
  EXPECT_EQ(ErrorOf(objects), "invalid JSON: nested deeper than 128 levels");
  EXPECT_THAT(SplitEvents(arrays), StatusIs(StatusCode::kInvalidArgument));
  // 128 levels are fine: the event, run, facets and custom objects plus 124 arrays.
  auto with_arrays = [](int n) {
    return Event(R"({"run":{"facets":{"custom":{"v":)" + std::string(n, '[') + std::string(n, ']') +
                 "}}}}");
  };
  EXPECT_TRUE(DecodeEventText(with_arrays(124)).ok());
  EXPECT_EQ(ErrorOf(with_arrays(125)), "invalid JSON: nested deeper than 128 levels");
}

TEST(DecodeErrorTest, IntegersPast64BitsAreRejected) {
  EXPECT_EQ(ErrorOf(Event(R"({"producer": null})").replace(1, 0, "\"n\": 123456789012345678901, ")),
            "invalid JSON: a number is out of range (integers are 64-bit)");
}

TEST(DecodeEventTest, LargeEventsParseAlikeAndStayBounded) {
  // Past 512 KiB a text gets a parser of its own: same result, same depth bound.
  std::string pad(600 * 1024, 'x');
  Result<DecodedEvent> large = DecodeEventText(Event(R"({"producer": ")" + pad + R"("})"));
  ASSERT_TRUE(large.ok()) << large.status().ToString();
  EXPECT_EQ(large->event.producer.size(), pad.size());
  EXPECT_EQ(ErrorOf(Event(R"({"producer": ")" + pad + R"(", "x": )" + std::string(200, '[') +
                          std::string(200, ']') + "}")),
            "invalid JSON: nested deeper than 128 levels");
  EXPECT_TRUE(DecodeEventText(Event()).ok());
}

TEST(DecodeEventTest, ThreadsDecodeConcurrently) {
  std::vector<std::thread> threads;
  std::vector<std::string> run_ids(4);
  for (size_t t = 0; t < run_ids.size(); ++t) {
    threads.emplace_back([t, &run_ids] {
      for (int i = 0; i < 200; ++i) {
        std::string id = "r" + std::to_string(t) + "-" + std::to_string(i);
        Result<DecodedEvent> d = DecodeEventText(Event(R"({"run":{"runId":")" + id + R"("}})"));
        if (!d.ok() || d->event.run_id != id) return;
        run_ids[t] = id;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_THAT(run_ids, ElementsAre("r0-199", "r1-199", "r2-199", "r3-199"));
}

// ---- ParseEventTime --------------------------------------------------------------------------

TEST(ParseEventTimeTest, Rfc3339Forms) {
  auto ms = [](std::string_view text) {
    Result<int64_t> r = ParseEventTime(text);
    EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
    return r.ok() ? *r : -999;
  };
  EXPECT_EQ(ms("2024-10-16T16:53:47.366Z"), 1729097627366);
  EXPECT_EQ(ms("2024-10-16T16:53:47.123456789Z"), 1729097627123);
  EXPECT_EQ(ms("2024-10-16T16:53:47.1Z"), 1729097627100);
  EXPECT_EQ(ms("2024-10-16T16:53:47"), 1729097627000);
  EXPECT_EQ(ms("2024-10-16T16:53:47+02:00"), 1729090427000);
  EXPECT_EQ(ms("2024-10-16T16:53:47+0200"), 1729090427000);
  EXPECT_EQ(ms("2024-10-16T16:53:47-05:30"), 1729117427000);
  EXPECT_EQ(ms("2024-10-16t16:53:47z"), 1729097627000);
  EXPECT_EQ(ms("2024-10-16 16:53:47Z"), 1729097627000);
  EXPECT_EQ(ms("2024-02-29T00:00:00Z"), 1709164800000);
  EXPECT_EQ(ms("1969-12-31T23:59:59.999Z"), -1);
  EXPECT_EQ(ms("1970-01-01T00:00:00Z"), 0);
}

TEST(ParseEventTimeTest, RejectsPlaceholdersAndBadDates) {
  for (std::string_view bad :
       {"", "{{RUN_START_TIME}}", "${json-unit.any-string}", "2024-10-16", "2024-10-16T16:53",
        "2024-10-16T16:53:47.Z", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z",
        "2024-10-16T24:00:00Z", "2024-10-16T16:53:47+25:00", "2024-10-16T16:53:47Z ",
        "2024-10-16T16:53:47 UTC", "1729097627366"}) {
    EXPECT_THAT(ParseEventTime(bad), StatusIs(StatusCode::kInvalidArgument)) << bad;
  }
  EXPECT_EQ(ParseEventTime("{{RUN_START_TIME}}").status().message(),
            "expected an ISO-8601 date-time (e.g. 2024-10-16T16:53:47.366Z), got "
            "\"{{RUN_START_TIME}}\"");
}

// ---- SplitEvents -------------------------------------------------------------------------

TEST(SplitEventsTest, ArrayObjectAndJsonLines) {
  Result<std::vector<std::string>> array = SplitEvents(R"( [ {"b": 1, "a": 2}, 3, {} ] )");
  ASSERT_TRUE(array.ok());
  EXPECT_THAT(*array, ElementsAre(R"({"b":1,"a":2})", "3", "{}"));
  // Commas, brackets, quotes and backslashes inside strings do not split elements.
  Result<std::vector<std::string>> strings =
      SplitEvents(R"([{"a": "x\\"}, "],[{\"", [[1, {"c": [2]}], "\\"]])");
  ASSERT_TRUE(strings.ok()) << strings.status().ToString();
  EXPECT_THAT(*strings, ElementsAre(R"({"a":"x\\"})", R"("],[{\"")", R"([[1,{"c":[2]}],"\\"])"));

  Result<std::vector<std::string>> object = SplitEvents("{\n  \"a\": [1,\n 2]\n}\n");
  ASSERT_TRUE(object.ok());
  EXPECT_THAT(*object, ElementsAre(R"({"a":[1,2]})"));

  Result<std::vector<std::string>> lines =
      SplitEvents("\xEF\xBB\xBF{\"a\": 1}\r\n\n  {\"b\": 2}\r\n[3]\n");
  ASSERT_TRUE(lines.ok()) << lines.status().ToString();
  EXPECT_THAT(*lines, ElementsAre(R"({"a":1})", R"({"b":2})", "[3]"));

  Result<std::vector<std::string>> empty_array = SplitEvents("[]");
  ASSERT_TRUE(empty_array.ok());
  EXPECT_TRUE(empty_array->empty());
}

TEST(SplitEventsTest, Errors) {
  EXPECT_EQ(SplitEvents("").status().message(), "no events: the body is empty");
  EXPECT_EQ(SplitEvents("42").status().message(),
            "expected a JSON object, a JSON array of events or JSON Lines (one event per line)");
  EXPECT_EQ(SplitEvents("{\"a\": 1}\n{\"b\": 2}\n{\"c\": \n").status().message(),
            "line 3, column 7: invalid JSON: syntax error while parsing value - unexpected end "
            "of input; expected '[', '{', or a literal");
  // A broken pretty-printed object is reported as one text, not as JSON Lines.
  EXPECT_EQ(SplitEvents("{\n  \"a\": 1,\n  \"b\": \n}\n").status().message(),
            "invalid JSON at line 4, column 1: syntax error while parsing value - unexpected "
            "'}'; expected '[', '{', or a literal");
  EXPECT_THAT(SplitEvents("[1, 2"), StatusIs(StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace linea::openlineage
