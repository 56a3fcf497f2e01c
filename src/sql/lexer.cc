#include "sql/lexer.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>

namespace linea::sql {
namespace {

constexpr size_t kMaxVariableName = 256;
constexpr size_t kMaxSubstitutedBytes = 1 << 20;  // per statement

enum CharClass : uint8_t { kSpace = 1, kIdentStart = 2, kIdent = 4, kDigit = 8 };

struct CharTable {
  uint8_t cls[256] = {};
  constexpr CharTable() {
    for (int c = 0; c < 256; ++c) {
      bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      bool digit = c >= '0' && c <= '9';
      cls[c] =
          static_cast<uint8_t>((letter ? kIdentStart | kIdent : 0) | (digit ? kDigit | kIdent : 0));
    }
    for (char c : {' ', '\t', '\n', '\r', '\f', '\v'}) cls[static_cast<uint8_t>(c)] = kSpace;
  }
};
constexpr CharTable kChars;

bool Is(unsigned char c, CharClass k) { return (kChars.cls[c] & k) != 0; }
bool IsDigit(unsigned char c) { return Is(c, kDigit); }
bool IsIdentStart(unsigned char c) { return Is(c, kIdentStart); }
// Characters of a ${name}: hivevar:x, a.b, a-b.
bool IsVariableChar(unsigned char c) { return IsIdentChar(c) || c == ':' || c == '.' || c == '-'; }
bool IsSpace(unsigned char c) { return Is(c, kSpace); }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsNumberSuffix(std::string_view s) {
  if (s.size() == 1) {
    char c = Lower(s[0]);
    return c == 'l' || c == 's' || c == 'y' || c == 'd' || c == 'f';
  }
  return s.size() == 2 && Lower(s[0]) == 'b' && Lower(s[1]) == 'd';
}

// True when `text` lexes as a single word (identifier characters and ${...} only).
bool IsSingleWord(std::string_view text) {
  if (text.empty() || IsDigit(static_cast<unsigned char>(text[0]))) return false;
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (!IsIdentChar(c) && c < 0x80 && c != '$' && c != '{' && c != '}' && c != ':') return false;
  }
  return true;
}

const VariableMap& EmptyVariables() {
  static const VariableMap empty;
  return empty;
}

}  // namespace

const std::string* FindVariable(const VariableMap& vars, std::string_view name) {
  auto find = [&vars](std::string key) -> const std::string* {
    auto it = vars.find(key);
    return it == vars.end() ? nullptr : &it->second;
  };
  if (const std::string* v = find(std::string(name))) return v;
  for (std::string_view prefix : {"hivevar:", "hiveconf:", "system:", "env:", "define:"}) {
    if (name.substr(0, prefix.size()) == prefix)
      return find(std::string(name.substr(prefix.size())));
  }
  if (name.find(':') != std::string_view::npos) return nullptr;
  if (const std::string* v = find("hivevar:" + std::string(name))) return v;
  return find("hiveconf:" + std::string(name));
}

std::string SubstituteVariables(std::string_view text, const VariableMap& vars, size_t max_size,
                                bool* too_large) {
  std::string out;
  size_t pos = 0;
  auto append = [&](std::string_view piece) {
    if (out.size() + piece.size() > max_size) {
      if (too_large != nullptr) *too_large = true;
      return false;
    }
    out.append(piece);
    return true;
  };
  while (pos < text.size()) {
    size_t open = text.find("${", pos);
    size_t close = open == std::string_view::npos ? open : text.find('}', open + 2);
    if (close == std::string_view::npos) break;
    if (!append(text.substr(pos, open - pos))) return out;
    const std::string* value = FindVariable(vars, text.substr(open + 2, close - open - 2));
    if (!append(value ? std::string_view(*value) : text.substr(open, close + 1 - open))) return out;
    pos = close + 1;
  }
  append(text.substr(std::min(pos, text.size())));
  return out;
}

size_t Utf8SequenceLength(std::string_view s, size_t pos) {
  unsigned char c = static_cast<unsigned char>(s[pos]);
  size_t len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
  if (c >= 0xF5 || len == 0 || pos + len > s.size()) return 0;
  for (size_t i = 1; i < len; ++i) {
    if ((static_cast<unsigned char>(s[pos + i]) & 0xC0) != 0x80) return 0;
  }
  unsigned char c1 = static_cast<unsigned char>(s[pos + 1]);
  if (c == 0xE0 && c1 < 0xA0) return 0;   // overlong
  if (c == 0xED && c1 >= 0xA0) return 0;  // surrogates
  if (c == 0xF0 && c1 < 0x90) return 0;   // overlong
  if (c == 0xF4 && c1 >= 0x90) return 0;  // > U+10FFFF
  return len;
}

Lexer::Lexer(std::string_view script, Dialect dialect) : s_(script), dialect_(dialect) {
  if (s_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // UTF-8 byte order mark
}

bool Lexer::Next(const VariableMap& vars, LexedStatement* out) {
  arena_.clear();
  substituted_bytes_ = 0;
  out->tokens.clear();
  // About one token per 4 bytes of SQL: reserve once instead of growing token by token.
  size_t expected = std::min<size_t>((s_.size() - std::min(pos_, s_.size())) / 4 + 16, 1 << 16);
  if (out->tokens.capacity() < expected) out->tokens.reserve(expected);
  bool at_semicolon = false;
  uint32_t end_offset = 0;
  while (true) {
    size_t before = out->tokens.size();
    bool more = LexToken(vars, out, &at_semicolon);
    if (at_semicolon) {
      at_semicolon = false;
      if (out->tokens.empty()) continue;  // empty statement
      end_offset = static_cast<uint32_t>(pos_ - 1);
      break;
    }
    if (out->tokens.size() > before) out->end = static_cast<uint32_t>(pos_);
    if (!more) {
      end_offset = static_cast<uint32_t>(out->tokens.empty() ? pos_ : out->end);
      break;
    }
  }
  if (out->tokens.empty()) return false;
  out->begin = out->tokens.front().offset;
  Token end;
  end.offset = end_offset;
  out->tokens.push_back(end);
  return true;
}

bool Lexer::LexToken(const VariableMap& vars, LexedStatement* out, bool* at_semicolon) {
  std::vector<Token>* tokens = &out->tokens;
  if (!SkipSpaceAndComments(tokens)) return false;
  unsigned char c = static_cast<unsigned char>(s_[pos_]);
  unsigned char next = pos_ + 1 < s_.size() ? static_cast<unsigned char>(s_[pos_ + 1]) : 0;
  if (c == ';' && offset_override_ == UINT32_MAX) {
    *at_semicolon = true;
    ++pos_;
    return true;
  }
  if (IsIdentStart(c) || (c == '$' && next == '{')) {
    LexWord(vars, tokens);
  } else if (c >= 0x80) {
    if (Utf8SequenceLength(s_, pos_) == 0) {
      char msg[48];
      std::snprintf(msg, sizeof msg, "invalid UTF-8 byte 0x%02X", c);
      EmitError(tokens, pos_, msg);
      ++pos_;
    } else {
      LexWord(vars, tokens);
    }
  } else if (IsDigit(c) || (c == '.' && IsDigit(next) && !PrevAllowsQualifier(*tokens))) {
    LexNumber(tokens);
  } else if (c == '\'') {
    LexQuoted('\'', TokenType::kString, dialect_ != Dialect::kPostgres, pos_, tokens);
  } else if (c == '"') {
    bool pg = dialect_ == Dialect::kPostgres;
    LexQuoted('"', pg ? TokenType::kQuotedIdent : TokenType::kString, !pg, pos_, tokens);
  } else if (c == '`') {
    LexQuoted('`', TokenType::kQuotedIdent, false, pos_, tokens);
  } else if (c == '$') {
    if (!LexDollarString(tokens)) {
      EmitError(tokens, pos_, "unexpected character '$'");
      ++pos_;
    }
  } else {
    LexPunct(tokens);
  }
  return true;
}

// Returns false at the end of the script.
bool Lexer::SkipSpaceAndComments(std::vector<Token>* tokens) {
  const size_t n = s_.size();
  while (pos_ < n) {
    unsigned char c = static_cast<unsigned char>(s_[pos_]);
    if (IsSpace(c)) {
      do {
        ++pos_;
      } while (pos_ < n && IsSpace(static_cast<unsigned char>(s_[pos_])));
    } else if (c == 0xC2 && pos_ + 1 < n && static_cast<unsigned char>(s_[pos_ + 1]) == 0xA0) {
      pos_ += 2;  // no-break space
    } else if (c == '-' && pos_ + 1 < n && s_[pos_ + 1] == '-') {
      const void* nl = std::memchr(s_.data() + pos_, '\n', n - pos_);
      pos_ = nl ? static_cast<const char*>(nl) - s_.data() + 1 : n;
    } else if (c == '/' && pos_ + 1 < n && s_[pos_ + 1] == '*') {
      size_t start = pos_;
      bool nests = dialect_ != Dialect::kHive;
      int depth = 0;
      while (pos_ + 1 < n) {
        if (s_[pos_] == '/' && s_[pos_ + 1] == '*' && (depth == 0 || nests)) {
          ++depth;
          pos_ += 2;
        } else if (s_[pos_] == '*' && s_[pos_ + 1] == '/') {
          pos_ += 2;
          if (--depth == 0) break;
        } else {
          ++pos_;
        }
      }
      if (depth > 0) {
        pos_ = n;
        EmitError(tokens, start, "unterminated /* comment");
        return false;
      }
    } else {
      return true;
    }
  }
  return false;
}

void Lexer::LexWord(const VariableMap& vars, std::vector<Token>* tokens) {
  const size_t start = pos_, n = s_.size();
  bool has_var = false;
  while (pos_ < n) {
    unsigned char c = static_cast<unsigned char>(s_[pos_]);
    if (Is(c, kIdent)) {
      ++pos_;
    } else if (c == '$' && pos_ + 1 < n && s_[pos_ + 1] == '{') {
      size_t close = pos_ + 2;
      const size_t limit = std::min(n, pos_ + kMaxVariableName);
      while (close < limit && IsVariableChar(static_cast<unsigned char>(s_[close]))) ++close;
      if (close >= n || s_[close] != '}') break;
      has_var = true;
      pos_ = close + 1;
    } else if (c == '$' && pos_ > start) {
      ++pos_;  // PostgreSQL allows '$' after the first character
    } else if (c >= 0x80) {
      size_t len = Utf8SequenceLength(s_, pos_);
      if (len == 0) break;
      pos_ += len;
    } else {
      break;
    }
  }
  if (pos_ == start) {  // "${" without a closing brace
    EmitError(tokens, start, "unterminated ${ variable");
    pos_ = start + 2;
    return;
  }
  if (pos_ - start == 1 && pos_ < n && s_[pos_] == '\'') {
    char prefix = Lower(s_[start]);
    if (prefix == 'e' || prefix == 'x' || prefix == 'b' || prefix == 'n' || prefix == 'r') {
      bool backslash = prefix == 'e' || (prefix != 'r' && dialect_ != Dialect::kPostgres);
      LexQuoted('\'', TokenType::kString, backslash, start, tokens);
      return;
    }
  }
  std::string_view word = s_.substr(start, pos_ - start);
  if (!has_var) {
    Emit(tokens, TokenType::kWord, start, pos_);
    tokens->back().kw = LookupKeyword(word);
    return;
  }
  const size_t statement_left =
      kMaxSubstitutedBytes - std::min(substituted_bytes_, kMaxSubstitutedBytes);
  const size_t script_left =
      kMaxSubstitutedScriptBytes - std::min(script_substituted_bytes_, kMaxSubstitutedScriptBytes);
  bool too_large = false;
  std::string substituted =
      SubstituteVariables(word, vars, std::min(statement_left, script_left), &too_large);
  if (too_large) {
    EmitError(tokens, start,
              statement_left <= script_left
                  ? "variable substitution makes the statement longer than 1 MiB"
                  : "variable substitution adds more than 16 MiB to the script");
    return;
  }
  substituted_bytes_ += substituted.size();
  script_substituted_bytes_ += substituted.size();
  if (substituted == word) {
    Emit(tokens, TokenType::kWord, start, pos_);
    return;
  }
  arena_.push_back(std::move(substituted));
  std::string_view text = arena_.back();
  if (IsSingleWord(text)) {
    Token t;
    t.type = TokenType::kWord;
    t.offset = static_cast<uint32_t>(start);
    t.text = text;
    t.kw = LookupKeyword(text);
    tokens->push_back(t);
  } else {
    LexSubstituted(text, static_cast<uint32_t>(start), tokens);
  }
}

void Lexer::LexSubstituted(std::string_view text, uint32_t offset, std::vector<Token>* tokens) {
  Lexer sub(text, dialect_);
  sub.offset_override_ = offset;
  LexedStatement lexed;
  bool semicolon = false;
  while (sub.LexToken(EmptyVariables(), &lexed, &semicolon)) {
  }
  for (Token t : lexed.tokens) {
    if (t.type == TokenType::kError) {
      arena_.emplace_back(t.text);
      t.text = arena_.back();
    }
    t.offset = offset;
    tokens->push_back(t);
  }
}

void Lexer::LexNumber(std::vector<Token>* tokens) {
  const size_t start = pos_, n = s_.size();
  auto digits = [&] {
    while (pos_ < n && IsDigit(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  };
  if (s_[pos_] == '0' && pos_ + 2 < n && Lower(s_[pos_ + 1]) == 'x' &&
      std::isxdigit(static_cast<unsigned char>(s_[pos_ + 2]))) {
    pos_ += 2;
    while (pos_ < n && std::isxdigit(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    Emit(tokens, TokenType::kNumber, start, pos_);
    return;
  }
  digits();
  bool fraction = false;
  if (pos_ < n && s_[pos_] == '.') {
    fraction = true;
    ++pos_;
    digits();
  }
  if (pos_ + 1 < n && Lower(s_[pos_]) == 'e') {
    size_t e = pos_ + 1;
    if ((s_[e] == '+' || s_[e] == '-') && e + 1 < n) ++e;
    if (IsDigit(static_cast<unsigned char>(s_[e]))) {
      fraction = true;
      pos_ = e;
      digits();
    }
  }
  size_t suffix_start = pos_;
  while (pos_ < n && IsIdentChar(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  std::string_view suffix = s_.substr(suffix_start, pos_ - suffix_start);
  if (suffix.empty() || IsNumberSuffix(suffix)) {
    Emit(tokens, TokenType::kNumber, start, pos_);
  } else if (!fraction) {
    Emit(tokens, TokenType::kWord, start, pos_);  // Hive identifiers may start with a digit
  } else {
    pos_ = suffix_start;
    Emit(tokens, TokenType::kNumber, start, pos_);
  }
}

void Lexer::LexQuoted(char quote, TokenType type, bool backslash, size_t start,
                      std::vector<Token>* tokens) {
  const size_t n = s_.size();
  ++pos_;  // opening quote
  while (pos_ < n) {
    char c = s_[pos_];
    if (backslash && c == '\\') {
      pos_ += 2;
    } else if (c == quote) {
      if (pos_ + 1 < n && s_[pos_ + 1] == quote) {
        pos_ += 2;
      } else {
        ++pos_;
        Emit(tokens, type, start, pos_);
        return;
      }
    } else {
      ++pos_;
    }
  }
  pos_ = n;
  EmitError(tokens, start,
            type == TokenType::kString ? "unterminated string literal"
                                       : "unterminated quoted identifier");
}

// $1 (a parameter) or $tag$...$tag$ (a PostgreSQL string); false when neither.
bool Lexer::LexDollarString(std::vector<Token>* tokens) {
  const size_t start = pos_, n = s_.size();
  size_t i = pos_ + 1;
  if (i < n && IsDigit(static_cast<unsigned char>(s_[i]))) {
    while (i < n && IsDigit(static_cast<unsigned char>(s_[i]))) ++i;
    pos_ = i;
    Emit(tokens, TokenType::kParam, start, pos_);
    return true;
  }
  while (i < n && IsIdentChar(static_cast<unsigned char>(s_[i]))) ++i;
  if (i >= n || s_[i] != '$') return false;
  std::string_view delimiter = s_.substr(start, i + 1 - start);
  size_t close = s_.find(delimiter, i + 1);
  if (close == std::string_view::npos) {
    pos_ = n;
    EmitError(tokens, start, "unterminated dollar-quoted string");
    return true;
  }
  pos_ = close + delimiter.size();
  Emit(tokens, TokenType::kString, start, pos_);
  return true;
}

void Lexer::LexPunct(std::vector<Token>* tokens) {
  const size_t start = pos_, n = s_.size();
  auto at = [&](size_t i) -> char { return pos_ + i < n ? s_[pos_ + i] : '\0'; };
  Punct p = Punct::kNone;
  size_t len = 1;
  switch (s_[pos_]) {
    case '(':
      p = Punct::kLParen;
      break;
    case ')':
      p = Punct::kRParen;
      break;
    case ',':
      p = Punct::kComma;
      break;
    case '.':
      p = Punct::kDot;
      break;
    case ';':
      p = Punct::kSemicolon;
      break;  // only inside a substituted value
    case '*':
      p = Punct::kStar;
      break;
    case '+':
      p = Punct::kPlus;
      break;
    case '/':
      p = Punct::kSlash;
      break;
    case '%':
      p = Punct::kPercent;
      break;
    case '[':
      p = Punct::kLBracket;
      break;
    case ']':
      p = Punct::kRBracket;
      break;
    case '{':
      p = Punct::kLBrace;
      break;
    case '}':
      p = Punct::kRBrace;
      break;
    case '&':
      p = at(1) == '&' ? (len = 2, Punct::kOtherBinary) : Punct::kAmp;
      break;
    case '^':
      p = Punct::kCaret;
      break;
    case '?':
      p = Punct::kNone;
      break;
    case '-':
      p = at(1) == '>' ? (at(2) == '>' ? (len = 3, Punct::kOtherBinary) : (len = 2, Punct::kArrow))
                       : Punct::kMinus;
      break;
    case '=':
      p = at(1) == '='   ? (len = 2, Punct::kEqEq)
          : at(1) == '>' ? (len = 2, Punct::kFatArrow)
                         : Punct::kEq;
      break;
    case '<':
      if (at(1) == '=' && at(2) == '>') {
        p = Punct::kNullSafeEq, len = 3;
      } else if (at(1) == '=') {
        p = Punct::kLe, len = 2;
      } else if (at(1) == '>') {
        p = Punct::kNotEq, len = 2;
      } else if (at(1) == '<') {
        p = Punct::kShiftLeft, len = 2;
      } else if (at(1) == '@') {
        p = Punct::kOtherBinary, len = 2;
      } else {
        p = Punct::kLt;
      }
      break;
    case '>':
      p = at(1) == '='   ? (len = 2, Punct::kGe)
          : at(1) == '>' ? (len = 2, Punct::kShiftRight)
                         : Punct::kGt;
      break;
    case '!':
      if (at(1) == '=') {
        p = Punct::kNotEq, len = 2;
      } else if (at(1) == '~') {
        p = Punct::kOtherBinary, len = at(2) == '*' ? 3 : 2;
      } else {
        p = Punct::kBang;
      }
      break;
    case '|':
      p = at(1) == '|' ? (len = 2, Punct::kConcat) : Punct::kPipe;
      break;
    case ':':
      p = at(1) == ':' ? (len = 2, Punct::kColonColon) : Punct::kColon;
      break;
    case '~':
      p = at(1) == '*' ? (len = 2, Punct::kOtherBinary) : Punct::kTilde;
      break;
    case '@':
    case '#':
      p = Punct::kOtherBinary;
      while (len < 3 && pos_ + len < n &&
             std::string_view("@>#-").find(s_[pos_ + len]) != std::string_view::npos) {
        ++len;
      }
      break;
    default: {
      unsigned char c = static_cast<unsigned char>(s_[pos_]);
      char msg[48];
      if (c >= 0x20 && c < 0x7F) {
        std::snprintf(msg, sizeof msg, "unexpected character '%c'", c);
      } else {
        std::snprintf(msg, sizeof msg, "unexpected byte 0x%02X", c);
      }
      EmitError(tokens, start, msg);
      ++pos_;
      return;
    }
  }
  pos_ += len;
  if (s_[start] == '?') {
    Emit(tokens, TokenType::kParam, start, pos_);
    return;
  }
  Emit(tokens, TokenType::kPunct, start, pos_);
  tokens->back().punct = p;
}

bool Lexer::PrevAllowsQualifier(const std::vector<Token>& tokens) const {
  if (tokens.empty()) return false;
  const Token& t = tokens.back();
  // A reserved word (AND, BETWEEN, THEN, SELECT, ...) names nothing: `BETWEEN .06` is a number.
  bool name = t.type == TokenType::kWord && CategoryOf(t.kw) == KeywordCategory::kUnreserved;
  return name || t.type == TokenType::kQuotedIdent || t.Is(Punct::kRParen) ||
         t.Is(Punct::kRBracket);
}

void Lexer::Emit(std::vector<Token>* tokens, TokenType type, size_t start, size_t end) {
  Token& t = tokens->emplace_back();
  t.type = type;
  t.offset = static_cast<uint32_t>(start);
  t.text = std::string_view(s_.data() + start, end - start);
}

void Lexer::EmitError(std::vector<Token>* tokens, size_t offset, std::string message) {
  arena_.push_back(std::move(message));
  Token t;
  t.type = TokenType::kError;
  t.offset = static_cast<uint32_t>(offset);
  t.text = arena_.back();
  tokens->push_back(t);
}

LineIndex::LineIndex(std::string_view script) : s_(script) {
  line_starts_.reserve(script.size() / 32 + 1);
  line_starts_.push_back(0);
  const char* p = script.data();
  const char* end = p + script.size();
  while (p < end) {
    const void* nl = std::memchr(p, '\n', end - p);
    if (!nl) break;
    p = static_cast<const char*>(nl) + 1;
    line_starts_.push_back(static_cast<uint32_t>(p - script.data()));
  }
}

int LineIndex::Line(uint32_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<int>(it - line_starts_.begin());
}

int LineIndex::Column(uint32_t offset) const {
  uint32_t start = line_starts_[Line(offset) - 1];
  int column = 1;
  for (uint32_t i = start; i < offset && i < s_.size(); ++i) {
    if ((static_cast<unsigned char>(s_[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

}  // namespace linea::sql
