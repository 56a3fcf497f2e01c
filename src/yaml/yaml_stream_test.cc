#include "yaml/yaml_stream.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace linea::yaml {
namespace {

using ::testing::HasSubstr;

void ExpectError(const std::string& text, int line, const std::string& message) {
  YamlStream stream = LoadYamlStream(text);
  ASSERT_TRUE(stream.error.has_value()) << text;
  EXPECT_EQ(stream.error->line, line) << text;
  EXPECT_THAT(stream.error->message, HasSubstr(message)) << text;
  EXPECT_TRUE(stream.documents.empty());
}

TEST(YamlStreamTest, ReadsEveryDocumentOfAStream) {
  YamlStream stream = LoadYamlStream("a: 1\n---\nb: [x, y]\n---\n");
  ASSERT_FALSE(stream.error.has_value()) << stream.error->message;
  ASSERT_EQ(stream.documents.size(), 3u);
  EXPECT_EQ(stream.documents[0]["a"].as<int>(), 1);
  EXPECT_EQ(stream.documents[1]["b"][1].as<std::string>(), "y");
  EXPECT_TRUE(stream.documents[2].IsNull());
}

// yaml-cpp 0.7's LoadAll returns empty documents forever on a ',' after a complete top-level
// node, until memory runs out (found by the connector_config fuzzer: a config of ",").
TEST(YamlStreamTest, CommaAfterATopLevelNodeIsAnErrorNotAHang) {
  ExpectError(",", 1, "YAML syntax error: unexpected ','");
  ExpectError(",a?b:c", 1, "unexpected ','");
  ExpectError("[a],\n", 1, "unexpected ','");
  ExpectError("a: 1\n---\n- a\n,\n", 4, "unexpected ','");
}

TEST(YamlStreamTest, UnterminatedQuoteAtTheEndIsAnError) {
  ExpectError("a: 1\nb: \"open\n", 2, "YAML syntax error: unterminated quoted string");
}

TEST(YamlStreamTest, InvalidUtf8NamesItsLine) {
  ExpectError("a: 1\nb: caf\xc3\n", 2, "file is not valid UTF-8");
}

TEST(YamlStreamTest, DeepNestingIsAnErrorNotACrash) {
  ExpectError(std::string(10000, '['), 1, "YAML nesting too deep");
}

TEST(YamlStreamTest, SyntaxErrorsCarryYamlCppsMessageAndLine) {
  ExpectError("a: [x, y\n", 2, "YAML syntax error");
}

}  // namespace
}  // namespace linea::yaml
