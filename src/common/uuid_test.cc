#include "common/uuid.h"

#include <gtest/gtest.h>

namespace linea {
namespace {

// Python: uuid.uuid5(uuid.NAMESPACE_URL, name).
TEST(UuidTest, V5MatchesPythonsUuid5) {
  EXPECT_EQ(UuidV5(kUuidNamespaceUrl, "linea:hive.db.t0"), "0e962d1e-c6d4-5538-915c-58e347c537d7");
  EXPECT_EQ(UuidV5(kUuidNamespaceUrl, "http://python.org/"),
            "4c565f0d-3f5a-5890-b41b-20cf47701c5e");
}

}  // namespace
}  // namespace linea
