#include "common/status.h"

#include <gtest/gtest.h>

#include "common/result.h"
#include "common/status_macros.h"

namespace linea {
namespace {

TEST(StatusTest, OkCarriesNoState) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(s.message(), "");
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(StatusTest, ErrorKeepsCodeMessageAndCandidates) {
  Status s = NotFoundError("unknown asset a.b", {"a.c", "a.bb"});
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.ToString(), "not_found: unknown asset a.b");
  EXPECT_EQ(s.candidates(), (std::vector<std::string>{"a.c", "a.bb"}));
  Status copy = s;
  EXPECT_EQ(copy.message(), "unknown asset a.b");
  EXPECT_EQ(s.WithPrefix("f.yaml:3").message(), "f.yaml:3: unknown asset a.b");
}

TEST(StatusTest, CodesMapToHttp) {
  EXPECT_EQ(HttpStatus(StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatus(StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatus(StatusCode::kPayloadTooLarge), 413);
  EXPECT_EQ(CodeName(StatusCode::kFailedPrecondition), "failed_precondition");
}

Result<int> Half(int x) {
  if (x % 2) return InvalidArgumentError("odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  LINEA_ASSIGN_OR_RETURN(int h, Half(x));
  LINEA_ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

TEST(ResultTest, AssignOrReturnPropagates) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "odd");
}

}  // namespace
}  // namespace linea
