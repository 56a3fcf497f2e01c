#include "ingest/openlineage/naming.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/testing/status_matchers.h"

namespace linea::openlineage {
namespace {

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;

// The FQN of a dataset under `map` (empty by default); "" (and a test failure) on error.
std::string Fqn(std::string_view ns, std::string_view name, const NamespaceMap& map = {}) {
  Result<DatasetIdentity> id = DatasetFqn(ns, name, map);
  EXPECT_TRUE(id.ok()) << ns << " + " << name << ": " << id.status().ToString();
  return id.ok() ? id->fqn : "";
}

TEST(DatasetFqnTest, TablesDropTheHost) {
  Result<DatasetIdentity> hive =
      DatasetFqn("hive://dataproc-producer-test-m:9083", "default.t1", {});
  ASSERT_TRUE(hive.ok());
  EXPECT_EQ(hive->fqn, "hive.default.t1");
  EXPECT_EQ(hive->kind, model::AssetKind::kTable);
  EXPECT_EQ(hive->service, "hive");
  EXPECT_EQ(Fqn("postgres://h:5432", "db.schema.t"), "postgres.db.schema.t");
  EXPECT_EQ(Fqn("snowflake://acct", "DB.SCHEMA.T"), "snowflake.DB.SCHEMA.T");
  EXPECT_EQ(Fqn("snowflake://ASDF1234.eu-central-1.aws", "DEMO_DB.public.customers"),
            "snowflake.DEMO_DB.public.customers");
  EXPECT_EQ(Fqn("HIVE://h:9083", "Db.T"), "hive.Db.T");  // scheme lower-cased, name as sent
}

TEST(DatasetFqnTest, BareNamespacesAreTheService) {
  EXPECT_EQ(Fqn("bigquery", "p.d.t"), "bigquery.p.d.t");
  EXPECT_EQ(Fqn("bigquery", "mock-project.test.upload"), "bigquery.mock-project.test.upload");
  EXPECT_EQ(Fqn("food_delivery", "public.orders"), "food_delivery.public.orders");
  EXPECT_EQ(Fqn("my-datasource-namespace", "instance.schema.input-1"),
            "my-datasource-namespace.instance.schema.input-1");
  EXPECT_EQ(Fqn("my ns", "a..b."), "\"my ns\".a.b");  // quoted service, empty pieces dropped
  EXPECT_EQ(Fqn("h:9083", "db.t"), "h:9083.db.t");    // host:port is not a URI
  Result<DatasetIdentity> id = DatasetFqn("food_delivery", "public.orders", {});
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->service, "food_delivery");
  EXPECT_EQ(id->kind, model::AssetKind::kTable);
}

TEST(DatasetFqnTest, FilePathsSplitOnSlash) {
  EXPECT_EQ(Fqn("hdfs://dataproc-producer-test-m", "/user/hive/warehouse/t1"),
            "hdfs.user.hive.warehouse.t1");
  EXPECT_EQ(Fqn("hdfs://nn:8020", "/warehouse/t1"), "hdfs.warehouse.t1");
  EXPECT_EQ(Fqn("file", "/tmp/a.csv"), "file.tmp.\"a.csv\"");
  EXPECT_EQ(Fqn("file", "/tmp/cll_test/tbl1"), "file.tmp.cll_test.tbl1");
  // A namespace path (Spark's warehouse symlinks) comes before the name.
  EXPECT_EQ(Fqn("file:/tmp/cll_test", "default.cll_source2"),
            "file.tmp.cll_test.\"default.cll_source2\"");
  EXPECT_EQ(Fqn("file:///data", "x//y/"), "file.data.x.y");
}

TEST(DatasetFqnTest, ObjectStoresKeepTheBucket) {
  EXPECT_EQ(Fqn("gs://mock-bucket", "copied.csv"), "gs.mock-bucket.\"copied.csv\"");
  EXPECT_EQ(Fqn("s3://bucket", "raw/events/2024.parquet"), "s3.bucket.raw.events.\"2024.parquet\"");
  EXPECT_EQ(Fqn("s3://bucket/prefix", "t"), "s3.bucket.prefix.t");
  EXPECT_EQ(Fqn("abfss://c@acct.dfs.core.windows.net", "dir/f"), "abfss.c@acct.dir.f");
  EXPECT_EQ(Fqn("wasbs://c@acct.blob.core.windows.net", "f"), "wasbs.c@acct.f");
}

TEST(DatasetFqnTest, TopicsAreOneSegment) {
  Result<DatasetIdentity> id = DatasetFqn("kafka://b:9092", "geo.moves.v1", {});
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->fqn, "kafka.\"geo.moves.v1\"");
  EXPECT_EQ(id->kind, model::AssetKind::kTopic);
  EXPECT_EQ(id->service, "kafka");
  EXPECT_EQ(Fqn("kafka://kafka-cluster-prod:9092", "io.openlineage.flink.kafka.input1"),
            "kafka.\"io.openlineage.flink.kafka.input1\"");
}

TEST(DatasetFqnTest, NamespaceMapOverridesTheService) {
  NamespaceMap map;
  ASSERT_THAT(map.Add("hive://hms-prod:9083=hive_prod"), IsOk());
  ASSERT_THAT(map.Add("kafka://b:9092=events"), IsOk());
  EXPECT_FALSE(map.empty());
  EXPECT_EQ(map.Find("hive://hms-prod:9083"), "hive_prod");
  EXPECT_EQ(map.Find("hive://other:9083"), "");
  EXPECT_EQ(Fqn("hive://hms-prod:9083", "db.t", map), "hive_prod.db.t");
  EXPECT_EQ(Fqn("hive://other:9083", "db.t", map), "hive.db.t");
  Result<DatasetIdentity> topic = DatasetFqn("kafka://b:9092", "geo.moves.v1", map);
  ASSERT_TRUE(topic.ok());
  EXPECT_EQ(topic->fqn, "events.\"geo.moves.v1\"");
  EXPECT_EQ(topic->kind, model::AssetKind::kTopic);
  EXPECT_EQ(topic->service, "events");
}

TEST(NamespaceMapTest, AddSplitsOnTheLastEquals) {
  NamespaceMap map;
  EXPECT_TRUE(map.empty());
  ASSERT_THAT(map.Add("jdbc://h/db?a=b=svc"), IsOk());
  EXPECT_EQ(map.Find("jdbc://h/db?a=b"), "svc");
  ASSERT_THAT(map.Add("my.ns=\"odd.service\""), IsOk());  // a quoted segment
  EXPECT_EQ(map.Find("my.ns"), "odd.service");
  EXPECT_EQ(Fqn("my.ns", "t", map), "\"odd.service\".t");
}

TEST(NamespaceMapTest, AddErrors) {
  NamespaceMap map;
  EXPECT_THAT(map.Add("hive://h"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(map.Add("hive://h").message(),
            "namespace mapping \"hive://h\": expected NAMESPACE=SERVICE");
  EXPECT_EQ(map.Add("=svc").message(), "namespace mapping \"=svc\": empty namespace");
  EXPECT_EQ(map.Add("hive://h=").message(),
            "namespace mapping \"hive://h=\": service \"\" is not a single FQN segment");
  EXPECT_EQ(map.Add("hive://h=a.b").message(),
            "namespace mapping \"hive://h=a.b\": service \"a.b\" is not a single FQN segment");
  EXPECT_THAT(map.Add("hive://h=a b"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_TRUE(map.empty());
}

TEST(DatasetFqnTest, Errors) {
  EXPECT_EQ(DatasetFqn("", "t", {}).status().message(), "dataset namespace is empty");
  EXPECT_EQ(DatasetFqn("file", "", {}).status().message(),
            "dataset name is empty (namespace \"file\")");
  EXPECT_EQ(DatasetFqn("file", "/", {}).status().message(),
            "dataset name \"/\" in namespace \"file\" yields no FQN segment");
  EXPECT_EQ(DatasetFqn("db", "..", {}).status().message(),
            "dataset name \"..\" in namespace \"db\" yields no FQN segment");
  EXPECT_EQ(DatasetFqn("db", "t\xFF", {}).status().message(),
            "dataset name is not valid UTF-8 (namespace \"db\")");
  EXPECT_THAT(DatasetFqn("d\xC3", "t", {}), StatusIs(StatusCode::kInvalidArgument));
}

TEST(JobFqnTest, NameIsOneSegment) {
  Result<std::string> job = JobFqn("food_delivery", "etl_orders.load", {});
  ASSERT_TRUE(job.ok());
  EXPECT_EQ(*job, "food_delivery.\"etl_orders.load\"");
  EXPECT_EQ(*JobFqn("airflow", "BQ", {}), "airflow.BQ");
  EXPECT_EQ(*JobFqn("hive://h:9083", "createtable_as_select.test.xxx", {}),
            "hive.\"createtable_as_select.test.xxx\"");
  EXPECT_EQ(*JobFqn("my-datasource-namespace", "myjob.buggy_task\xF0\x9F\x95\xB7", {}),
            "my-datasource-namespace.\"myjob.buggy_task\xF0\x9F\x95\xB7\"");
  NamespaceMap map;
  ASSERT_THAT(map.Add("dbt-test-namespace=dbt"), IsOk());
  EXPECT_EQ(*JobFqn("dbt-test-namespace", "DEMO_DB.public.jaffle_shop.customers.test", map),
            "dbt.\"DEMO_DB.public.jaffle_shop.customers.test\"");
  EXPECT_EQ(JobFqn("", "j", {}).status().message(), "job namespace is empty");
  EXPECT_EQ(JobFqn("n", "", {}).status().message(), "job name is empty (namespace \"n\")");
}

TEST(JobProvenanceTest, NamespaceSlashName) {
  EXPECT_EQ(JobProvenance("food_delivery", "etl_orders.load"),
            "openlineage:food_delivery/etl_orders.load");
  EXPECT_EQ(JobProvenance("airflow", "BQ.upload"), "openlineage:airflow/BQ.upload");
}

}  // namespace
}  // namespace linea::openlineage
