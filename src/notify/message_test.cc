#include "notify/message.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "notify/testing/sample.h"
#include "notify/url.h"

namespace linea::notify {
namespace {

using Json = nlohmann::json;

TEST(EventTypeTest, NamesRoundTrip) {
  EXPECT_EQ(EventTypeName(EventType::kOpened), "incident.opened");
  EXPECT_EQ(EventTypeName(EventType::kAcknowledged), "incident.acknowledged");
  EXPECT_EQ(EventTypeName(EventType::kResolved), "incident.resolved");
  EXPECT_EQ(EventTypeName(EventType::kReminder), "incident.reminder");
  for (EventType t :
       {EventType::kOpened, EventType::kAcknowledged, EventType::kResolved, EventType::kReminder}) {
    EXPECT_EQ(ParseEventType(EventTypeName(t)), t);
  }
  EXPECT_EQ(ParseEventType("incident.closed"), std::nullopt);
  EXPECT_EQ(ParseEventType("opened"), std::nullopt);
}

TEST(WebhookBodyTest, MatchesApiDocument) {
  const Json expected = Json::parse(R"({
    "type": "incident.opened",
    "incident": {"id": "inc-42", "asset": "hive.geo.moves_daily", "title": "Partition missing",
                 "severity": "high", "state": "open"},
    "team": "scoring",
    "models": [
      {"fqn": "mlflow_b2c.churn_scoring", "features": ["geo_moves_7d", "home_region"],
       "path": ["hive.geo.moves_daily", "hive.geo.moves_weekly", "mlflow_b2c.churn_scoring"]},
      {"fqn": "mlflow_b2c.ltv", "features": ["moves_30d"],
       "path": ["hive.geo.moves_daily", "mlflow_b2c.ltv"]}],
    "dashboards": ["superset.geo_overview"],
    "deployments": ["seldon.churn_scoring_v3"],
    "url": "https://linea.example/assets/hive.geo.moves_daily"})");
  EXPECT_EQ(WebhookBody(testing::SampleNotification()), expected);
}

TEST(WebhookBodyTest, EmptyListsStayArrays) {
  Notification n = testing::SampleNotification();
  n.type = EventType::kResolved;
  n.models.clear();
  n.dashboards.clear();
  n.deployments.clear();
  const Json body = WebhookBody(n);
  EXPECT_EQ(body["type"], "incident.resolved");
  EXPECT_EQ(body["models"], Json::array());
  EXPECT_EQ(body["dashboards"], Json::array());
  EXPECT_EQ(body["deployments"], Json::array());
}

TEST(UrlTest, AssetUrlPercentEncodesTheFqn) {
  EXPECT_EQ(AssetUrl("https://linea.example", "hive.geo.moves_daily"),
            "https://linea.example/assets/hive.geo.moves_daily");
  EXPECT_EQ(AssetUrl("https://linea.example/ui/", "pg.\"odd name\".t/x"),
            "https://linea.example/ui/assets/pg.%22odd%20name%22.t%2Fx");
  EXPECT_EQ(PercentEncode("a-b_c.d~e f/é"), "a-b_c.d~e%20f%2F%C3%A9");
}

}  // namespace
}  // namespace linea::notify
