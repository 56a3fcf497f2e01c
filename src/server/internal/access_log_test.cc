// FormatAccessLog: every byte a client sends may end up in the log; none may break the line
// or throw (the server once aborted on a path with invalid UTF-8 here).
#include "server/internal/access_log.h"

#include <gtest/gtest.h>

#include "codec/json_codec.h"

namespace linea::server::internal {
namespace {

TEST(AccessLogTest, HostileBytesAreEscapedOnOneLine) {
  AccessLogEntry e{1700000000,  "GET",       "/api/v1/assets/hive.\xff\xfe.x\n{\"forged\":1}\r\x01",
                   "unmatched", 400,         0.0005,
                   123,         "anonymous", "127.0.0.1"};
  std::string line = FormatAccessLog(e);
  ASSERT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1);
  EXPECT_EQ(line.find('\r'), std::string::npos);
  codec::Json j = codec::Json::parse(line);
  EXPECT_EQ(j["path"], "/api/v1/assets/hive.\xef\xbf\xbd\xef\xbf\xbd.x\n{\"forged\":1}\r\x01");
  EXPECT_EQ(j["status"], 400);
  EXPECT_EQ(j["ms"], 0.5);
  EXPECT_EQ(j["bytes"], 123);
}

}  // namespace
}  // namespace linea::server::internal
