// IsHttpUrl: the URLs a webhook, Slack, Teams or Mattermost contact may hold.
#include "contacts/http_url.h"

#include <gtest/gtest.h>

namespace linea::contacts {
namespace {

TEST(UrlTest, AcceptsHttpAndHttpsUrls) {
  for (const char* url :
       {"http://x", "https://hooks.slack.com/services/T0/B0/XYZ", "HTTPS://Example.com:8443/a?b#c",
        "http://127.0.0.1:9/hook", "http://[::1]:8080/", "https://user:pw@host/x"}) {
    EXPECT_TRUE(IsHttpUrl(url)) << url;
  }
}

TEST(UrlTest, RejectsEverythingElse) {
  for (const char* url :
       {"", "ftp://x", "x", "http:/x", "http://", "http:///path", "http://:80/", "http://h:0/",
        "http://h:65536/", "http://h:8x/", "http://h /", "http://h/a b", "http://h/\n",
        "mailto:a@b.c", "http://::1/", "https://user@/x"}) {
    EXPECT_FALSE(IsHttpUrl(url)) << url;
  }
}

}  // namespace
}  // namespace linea::contacts
