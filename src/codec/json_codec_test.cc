#include "codec/json_codec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/testing/status_matchers.h"

namespace linea::codec {
namespace {

using ::linea::testing::IsOk;
using ::linea::testing::StatusIs;

constexpr char kApiExample[] = R"({
  "teams":  [{"name": "scoring", "description": "B2C scoring",
              "contacts": [{"type": "email", "address": "scoring@example.com"},
                           {"type": "slack", "url": "https://hooks.example/T/B/x"}]}],
  "assets": [{"fqn": "hive.geo.subscriber_moves", "kind": "table",
              "description": "moves between cells", "domain": "geo", "owners": ["team:geo"],
              "tags": ["mart"], "properties": {"layer": "mart"},
              "columns": [{"name": "cell_id", "type": "string", "description": ""}]},
             {"fqn": "mlflow_b2c.churn_scoring", "kind": "model", "owners": ["team:scoring"],
              "properties": {"version": "12"},
              "features": [{"name": "moves_30d", "type": "double"}]}],
  "edges":  [{"from": "hive.geo.subscriber_moves.cell_id", "to": "hive.geo.moves_agg.moves_30d",
              "kind": "aggregation", "transform": "count(*) over 30d"}],
  "provenance": "api:bootstrap"
})";

TEST(JsonCodecTest, DecodesTheApiExample) {
  Result<model::CatalogDocument> doc = DecodeDocument(std::string_view(kApiExample));
  ASSERT_THAT(doc, IsOk());
  ASSERT_EQ(doc->assets.size(), 4u);
  EXPECT_EQ(doc->assets[1].fqn, "hive.geo.subscriber_moves.cell_id");
  EXPECT_EQ(doc->assets[1].kind, model::AssetKind::kColumn);
  EXPECT_EQ(doc->assets[1].data_type, "string");
  EXPECT_EQ(doc->assets[3].fqn, "mlflow_b2c.churn_scoring.moves_30d");
  EXPECT_EQ(doc->assets[3].kind, model::AssetKind::kFeature);
  EXPECT_EQ(doc->teams[0].contacts[1].fields.at("url"), "https://hooks.example/T/B/x");
  EXPECT_EQ(doc->edges[0].kind, model::EdgeKind::kAggregation);
  EXPECT_EQ(doc->provenance, "api:bootstrap");
}

TEST(JsonCodecTest, EncodeThenDecodeIsIdentity) {
  model::CatalogDocument doc = *DecodeDocument(std::string_view(kApiExample));
  Json encoded = EncodeDocument(doc);
  EXPECT_EQ(encoded["assets"][0]["columns"][0]["name"], "cell_id");
  model::CatalogDocument again = *DecodeDocument(encoded);
  EXPECT_EQ(again.assets, doc.assets);
  EXPECT_EQ(again.teams, doc.teams);
  EXPECT_EQ(again.edges, doc.edges);
}

TEST(JsonCodecTest, UsersRoundTripAndAreWrittenOnlyWhenThereAreSome) {
  model::CatalogDocument doc = *DecodeDocument(std::string_view(R"({"users": [
      {"name": "jdoe", "description": "Jane Doe",
       "contacts": [{"type": "webhook", "url": "https://h.example/jdoe", "secret": "s"}]},
      {"name": "ann"}]})"));
  ASSERT_EQ(doc.users.size(), 2u);
  EXPECT_EQ(doc.users[0],
            (model::User{"jdoe",
                         "Jane Doe",
                         {{"webhook", {{"url", "https://h.example/jdoe"}, {"secret", "s"}}}}}));
  EXPECT_EQ(doc.users[1], (model::User{"ann", "", {}}));
  Json encoded = EncodeDocument(doc);
  EXPECT_EQ(DecodeDocument(encoded)->users, doc.users);
  Json redacted = EncodeDocument(doc, /*redact_secrets=*/true);
  EXPECT_EQ(redacted["users"][0]["contacts"][0]["url"], "https://h.example/[redacted]");
  EXPECT_EQ(redacted["users"][0]["contacts"][0]["secret"], "[redacted]");
  EXPECT_FALSE(EncodeDocument(model::CatalogDocument{}).contains("users"));
  auto msg = [](const char* json) {
    return DecodeDocument(std::string_view(json)).status().message();
  };
  EXPECT_EQ(msg(R"({"users": [{"description": "x"}]})"), "users[0].name: missing");
  EXPECT_EQ(msg(R"({"users": [{"name": "x", "contacts": [{"type": "email", "address": 1}]}]})"),
            "users[0].contacts[0].address: expected a string");
}

TEST(JsonCodecTest, ErrorsNameTheJsonPath) {
  auto msg = [](const char* json) { return DecodeDocument(std::string_view(json)).status().message(); };
  EXPECT_EQ(msg(R"({"assets": [{"fqn": "a.b", "kind": "view"}]})").substr(0, 31),
            "assets[0].kind: unknown kind \"v");
  EXPECT_EQ(msg(R"({"assets": [{"fqn": "a..b", "kind": "table"}]})").substr(0, 26),
            "assets[0].fqn: invalid FQN");
  EXPECT_EQ(msg(R"({"assets": [{"kind": "table"}]})"), "assets[0].fqn: missing");
  EXPECT_EQ(msg(R"({"edges": [{"from": "a.b", "to": 3}]})"), "edges[0].to: expected a string");
  EXPECT_EQ(msg(R"({"teams": {}})"), "teams: expected an array");
  EXPECT_EQ(msg(R"([1])"), "document: expected a JSON object");
  EXPECT_THAT(DecodeDocument(std::string_view("{\"assets\": [")),
              StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(msg("{\"assets\": [").substr(0, 14), "malformed JSON");
}

TEST(JsonCodecTest, ErrorBodyCarriesCandidates) {
  Json j = EncodeError(NotFoundError("unknown asset a.b", {"a.c"}));
  EXPECT_EQ(j.dump(), R"({"error":{"code":"not_found","message":"unknown asset a.b","details":{"candidates":["a.c"]}}})");
}

}  // namespace
}  // namespace linea::codec
