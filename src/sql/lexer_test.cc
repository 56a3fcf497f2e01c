#include "sql/lexer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace linea::sql {
namespace {

using ::testing::ElementsAre;

// The statements of `script`, each as its token texts (kEnd left out).
std::vector<std::vector<std::string>> Lex(std::string_view script, Dialect dialect = Dialect::kHive,
                                          const VariableMap& vars = {}) {
  Lexer lexer(script, dialect);
  LexedStatement lexed;
  std::vector<std::vector<std::string>> out;
  while (lexer.Next(vars, &lexed)) {
    EXPECT_EQ(lexed.tokens.back().type, TokenType::kEnd);
    std::vector<std::string> texts;
    for (size_t i = 0; i + 1 < lexed.tokens.size(); ++i) {
      texts.emplace_back(lexed.tokens[i].text);
    }
    out.push_back(std::move(texts));
  }
  return out;
}

std::vector<Token> Tokens(std::string_view script, Dialect dialect = Dialect::kHive,
                          const VariableMap& vars = {}) {
  static LexedStatement lexed;  // keeps token text views valid for the caller
  static std::unique_ptr<Lexer> lexer;
  lexer = std::make_unique<Lexer>(script, dialect);
  if (!lexer->Next(vars, &lexed)) return {};
  return lexed.tokens;
}

TEST(LexerTest, SplitsStatementsAndSkipsEmptyOnes) {
  EXPECT_THAT(Lex("SELECT 1; ;; SELECT 2;  -- tail\n /* c */ "),
              ElementsAre(ElementsAre("SELECT", "1"), ElementsAre("SELECT", "2")));
  EXPECT_TRUE(Lex("").empty());
  EXPECT_TRUE(Lex("  \n -- only a comment\n/* and ; another */ ;").empty());
}

TEST(LexerTest, SemicolonInsideStringsIdentifiersAndCommentsDoesNotSplit) {
  auto statements = Lex("SELECT 'a;b', \"c;d\", `e;f` -- g;h\n FROM t /* i;j */; SELECT 2");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_THAT(statements[0],
              ElementsAre("SELECT", "'a;b'", ",", "\"c;d\"", ",", "`e;f`", "FROM", "t"));
}

TEST(LexerTest, TracksOffsetsLinesAndColumns) {
  std::string script = "SELECT a,\n  b FROM t;\nSELECT é, x";
  Lexer lexer(script, Dialect::kHive);
  LineIndex lines(script);
  LexedStatement lexed;
  ASSERT_TRUE(lexer.Next({}, &lexed));
  const Token& b = lexed.tokens[3];
  EXPECT_EQ(b.text, "b");
  EXPECT_EQ(lines.Line(b.offset), 2);
  EXPECT_EQ(lines.Column(b.offset), 3);
  EXPECT_EQ(script.substr(lexed.begin, lexed.end - lexed.begin), "SELECT a,\n  b FROM t");
  ASSERT_TRUE(lexer.Next({}, &lexed));
  const Token& x = lexed.tokens[3];
  EXPECT_EQ(x.text, "x");
  EXPECT_EQ(lines.Line(x.offset), 3);
  EXPECT_EQ(lines.Column(x.offset), 11);  // é is one character, two bytes
}

TEST(LexerTest, CommentsAreSkipped) {
  EXPECT_THAT(Lex("SELECT /* x */ a -- y\n, b"), ElementsAre(ElementsAre("SELECT", "a", ",", "b")));
}

TEST(LexerTest, BlockCommentsNestInSparkAndPostgresOnly) {
  EXPECT_THAT(Lex("SELECT /* a /* b */ c */ 1", Dialect::kSpark),
              ElementsAre(ElementsAre("SELECT", "1")));
  EXPECT_THAT(Lex("SELECT /* a /* b */ c */ 1", Dialect::kPostgres),
              ElementsAre(ElementsAre("SELECT", "1")));
  EXPECT_THAT(Lex("SELECT /* a /* b */ c */ 1", Dialect::kHive),
              ElementsAre(ElementsAre("SELECT", "c", "*", "/", "1")));
}

TEST(LexerTest, StringEscapesDependOnDialect) {
  // Hive: backslash escapes; the string is 'it\'s;x'.
  EXPECT_THAT(Lex("SELECT 'it\\'s;x', 'a''b'"),
              ElementsAre(ElementsAre("SELECT", "'it\\'s;x'", ",", "'a''b'")));
  // PostgreSQL: no backslash escapes in standard strings, but E'...' has them.
  EXPECT_THAT(Lex("SELECT 'a\\'; SELECT E'b\\';c'", Dialect::kPostgres),
              ElementsAre(ElementsAre("SELECT", "'a\\'"), ElementsAre("SELECT", "E'b\\';c'")));
}

TEST(LexerTest, DoubleQuotesAreStringsInHiveAndIdentifiersInPostgres) {
  std::vector<Token> hive = Tokens("SELECT \"x\"", Dialect::kHive);
  EXPECT_EQ(hive[1].type, TokenType::kString);
  std::vector<Token> pg = Tokens("SELECT \"x\"", Dialect::kPostgres);
  EXPECT_EQ(pg[1].type, TokenType::kQuotedIdent);
  std::vector<Token> tick = Tokens("SELECT `a``b`", Dialect::kSpark);
  EXPECT_EQ(tick[1].type, TokenType::kQuotedIdent);
  EXPECT_EQ(tick[1].text, "`a``b`");
}

TEST(LexerTest, DollarQuotedStrings) {
  EXPECT_THAT(Lex("SELECT $$a;b$$, $fn$ x; $fn$; SELECT $1", Dialect::kPostgres),
              ElementsAre(ElementsAre("SELECT", "$$a;b$$", ",", "$fn$ x; $fn$"),
                          ElementsAre("SELECT", "$1")));
}

TEST(LexerTest, NumbersAndIdentifiersStartingWithDigits) {
  std::vector<Token> t = Tokens("SELECT 10L, 1.5BD, 1e10, .5, 0x1F, 7d_sum, t.c");
  EXPECT_EQ(t[1].type, TokenType::kNumber);
  EXPECT_EQ(t[3].text, "1.5BD");
  EXPECT_EQ(t[5].text, "1e10");
  EXPECT_EQ(t[7].text, ".5");
  EXPECT_EQ(t[9].text, "0x1F");
  EXPECT_EQ(t[11].type, TokenType::kWord);
  EXPECT_EQ(t[11].text, "7d_sum");
  EXPECT_EQ(t[14].type, TokenType::kPunct);  // the '.' of t.c, not a number
}

TEST(LexerTest, Operators) {
  std::vector<Token> t = Tokens("a::b || c <=> d != e <> f -> g => h >= i ->> j");
  EXPECT_TRUE(t[1].Is(Punct::kColonColon));
  EXPECT_TRUE(t[3].Is(Punct::kConcat));
  EXPECT_TRUE(t[5].Is(Punct::kNullSafeEq));
  EXPECT_TRUE(t[7].Is(Punct::kNotEq));
  EXPECT_TRUE(t[9].Is(Punct::kNotEq));
  EXPECT_TRUE(t[11].Is(Punct::kArrow));
  EXPECT_TRUE(t[13].Is(Punct::kFatArrow));
  EXPECT_TRUE(t[15].Is(Punct::kGe));
  EXPECT_TRUE(t[17].Is(Punct::kOtherBinary));
}

TEST(LexerTest, KeywordsAreRecognisedInAnyCase) {
  std::vector<Token> t = Tokens("select From wHeRe my_col");
  EXPECT_TRUE(t[0].Is(Kw::kSelect));
  EXPECT_TRUE(t[1].Is(Kw::kFrom));
  EXPECT_TRUE(t[2].Is(Kw::kWhere));
  EXPECT_EQ(t[3].kw, Kw::kNone);
}

TEST(LexerTest, VariablesAreSubstitutedOrLeftAsWords) {
  VariableMap vars = {{"db", "prod"}, {"hivevar:tbl", "facts"}, {"src", "a.b"}};
  EXPECT_THAT(Lex("SELECT * FROM ${db}.${hivevar:tbl}", Dialect::kHive, vars),
              ElementsAre(ElementsAre("SELECT", "*", "FROM", "prod", ".", "facts")));
  // ${tbl} finds hivevar:tbl; ${db}_stg builds one word; a multi-token value is lexed in place.
  EXPECT_THAT(Lex("SELECT ${tbl}, ${db}_stg FROM ${src}", Dialect::kHive, vars),
              ElementsAre(ElementsAre("SELECT", "facts", ",", "prod_stg", "FROM", "a", ".", "b")));
  EXPECT_THAT(Lex("SELECT ${unknown} FROM t", Dialect::kHive, vars),
              ElementsAre(ElementsAre("SELECT", "${unknown}", "FROM", "t")));
  // Every token of a substituted value sits at the offset of its ${.
  std::vector<Token> t = Tokens("FROM ${src}", Dialect::kHive, vars);
  EXPECT_EQ(t[1].offset, 5u);
  EXPECT_EQ(t[3].offset, 5u);
}

TEST(LexerTest, SubstituteVariablesInText) {
  VariableMap vars = {{"hivevar:dt", "2024-01-01"}};
  EXPECT_EQ(SubstituteVariables("dt='${dt}' and ${x}", vars), "dt='2024-01-01' and ${x}");
  EXPECT_EQ(SubstituteVariables("${", vars), "${");
}

TEST(LexerTest, UnterminatedStringSwallowsTheRestWithAnError) {
  std::vector<Token> t = Tokens("SELECT 'abc;\nSELECT 2;");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[1].type, TokenType::kError);
  EXPECT_EQ(t[1].text, "unterminated string literal");
  EXPECT_EQ(t[1].offset, 7u);
  EXPECT_EQ(Lex("SELECT 'abc;\nSELECT 2;").size(), 1u);
}

TEST(LexerTest, UnterminatedCommentAndIdentifier) {
  std::vector<Token> comment = Tokens("SELECT 1 /* never closed ; SELECT 2");
  EXPECT_EQ(comment.back().type, TokenType::kEnd);
  EXPECT_EQ(comment[2].type, TokenType::kError);
  EXPECT_EQ(comment[2].text, "unterminated /* comment");
  std::vector<Token> ident = Tokens("SELECT `abc");
  EXPECT_EQ(ident[1].text, "unterminated quoted identifier");
}

TEST(LexerTest, InvalidUtf8IsAnErrorTokenButValidUtf8IsAnIdentifier) {
  std::vector<Token> bad = Tokens("SELECT \xff x");
  EXPECT_EQ(bad[1].type, TokenType::kError);
  EXPECT_EQ(bad[1].text, "invalid UTF-8 byte 0xFF");
  EXPECT_EQ(bad[2].text, "x");
  std::vector<Token> good = Tokens("SELECT größe");
  EXPECT_EQ(good[1].type, TokenType::kWord);
  EXPECT_EQ(good[1].text, "größe");
}

TEST(LexerTest, UnexpectedCharacterIsAnErrorToken) {
  std::vector<Token> t = Tokens("SELECT a \\ b");
  EXPECT_EQ(t[2].type, TokenType::kError);
  EXPECT_EQ(t[2].text, "unexpected character '\\'");
}

TEST(LexerTest, Utf8SequenceLength) {
  EXPECT_EQ(Utf8SequenceLength("é", 0), 2u);
  EXPECT_EQ(Utf8SequenceLength("\xe2\x82\xac", 0), 3u);  // €
  EXPECT_EQ(Utf8SequenceLength("\xc0\xaf", 0), 0u);      // overlong
  EXPECT_EQ(Utf8SequenceLength("\xed\xa0\x80", 0), 0u);  // surrogate
  EXPECT_EQ(Utf8SequenceLength("\xe2\x82", 0), 0u);      // truncated
}

}  // namespace
}  // namespace linea::sql
