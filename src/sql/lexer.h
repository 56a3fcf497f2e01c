// src/sql/lexer.h: splits a script into statements of tokens.
//
// Comments (`-- …`, `/* … */`, nested in Spark and PostgreSQL) and whitespace are skipped. A ';'
// outside strings, quoted identifiers and comments ends a statement. ${name} / ${hivevar:name}
// inside a word is replaced by the variable's value (the value is lexed in place, all of its tokens
// at the offset of the `${`); unknown variables stay in the word as written. Lexical errors
// (unterminated string or comment, invalid character or UTF-8) become kError tokens; an
// unterminated string or comment swallows the rest of the script.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sql/lineage.h"
#include "sql/token.h"

namespace linea::sql {

using VariableMap = std::map<std::string, std::string>;

// What ${...} substitution may produce: per statement, and over a whole script (a short
// statement repeating a large variable would otherwise cost megabytes of work per input byte —
// a request of a few MiB to POST /api/v1/sql/lineage could keep a core busy for minutes).
inline constexpr size_t kMaxSubstitutedScriptBytes = 16 << 20;

// The value of ${name}: tries `name` as written, then without a hivevar:/hiveconf:/system:/env:
// prefix, then with hivevar: and hiveconf: added. Null when unknown.
const std::string* FindVariable(const VariableMap& vars, std::string_view name);

// Replaces every known ${name} in `text`; unknown ones stay as written. Stops before the result
// would exceed `max_size` bytes, setting *too_large (when given).
std::string SubstituteVariables(std::string_view text, const VariableMap& vars,
                                size_t max_size = SIZE_MAX, bool* too_large = nullptr);

struct LexedStatement {
  std::vector<Token> tokens;  // always ends with one kEnd token
  uint32_t begin = 0;         // offset of the first token
  uint32_t end = 0;           // offset just past the last token (before the ';')
};

class Lexer {
 public:
  // `script` must outlive the lexer and every token it returns.
  Lexer(std::string_view script, Dialect dialect);
  Lexer(const Lexer&) = delete;
  Lexer& operator=(const Lexer&) = delete;

  // Lexes the next non-empty statement into *out (tokens of the previous statement become
  // invalid). Returns false when only whitespace, comments and ';' remain.
  bool Next(const VariableMap& vars, LexedStatement* out);

 private:
  // Appends the next token to out->tokens, or sets *at_semicolon / returns false at end.
  bool LexToken(const VariableMap& vars, LexedStatement* out, bool* at_semicolon);
  bool SkipSpaceAndComments(std::vector<Token>* tokens);
  void LexWord(const VariableMap& vars, std::vector<Token>* tokens);
  void LexNumber(std::vector<Token>* tokens);
  void LexQuoted(char quote, TokenType type, bool backslash, size_t start,
                 std::vector<Token>* tokens);
  bool LexDollarString(std::vector<Token>* tokens);
  void LexPunct(std::vector<Token>* tokens);
  // Lexes a substituted word `text` (owned by arena_) as tokens at `offset`.
  void LexSubstituted(std::string_view text, uint32_t offset, std::vector<Token>* tokens);
  void Emit(std::vector<Token>* tokens, TokenType type, size_t start, size_t end);
  void EmitError(std::vector<Token>* tokens, size_t offset, std::string message);
  bool PrevAllowsQualifier(const std::vector<Token>& tokens) const;

  std::string_view s_;
  Dialect dialect_;
  size_t pos_ = 0;
  uint32_t offset_override_ = UINT32_MAX;  // set while lexing a substituted value
  std::deque<std::string> arena_;          // substituted words and error messages
  size_t substituted_bytes_ = 0;           // in the current statement (bounded)
  size_t script_substituted_bytes_ = 0;    // in the whole script (bounded)
};

// Maps byte offsets to 1-based line and column (columns count UTF-8 characters).
class LineIndex {
 public:
  explicit LineIndex(std::string_view script);
  int Line(uint32_t offset) const;
  int Column(uint32_t offset) const;

 private:
  std::string_view s_;
  std::vector<uint32_t> line_starts_;
};

// True for bytes that may continue an unquoted identifier (ASCII letters, digits, '_').
inline bool IsIdentChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Length of the valid UTF-8 sequence at s[pos] (a byte >= 0x80), or 0 when invalid.
size_t Utf8SequenceLength(std::string_view s, size_t pos);

}  // namespace linea::sql
