// src/sql/parser.cc: token helpers, error messages and statement dispatch.
#include "sql/parser.h"

#include <algorithm>
#include <array>

namespace linea::sql {
namespace internal {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string LowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

// Optimal string alignment distance (a transposition costs 1), case-insensitive.
size_t TypoDistance(std::string_view a, std::string_view b) {
  const size_t n = a.size(), m = b.size();
  if (n > 16 || m > 16) return 99;
  size_t d[17][17];
  for (size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      size_t cost = Lower(a[i - 1]) == Lower(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && Lower(a[i - 1]) == Lower(b[j - 2]) &&
          Lower(a[i - 2]) == Lower(b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

constexpr std::array<std::string_view, 30> kClauseKeywords = {
    "SELECT",    "FROM",  "WHERE",   "GROUP",   "HAVING",   "ORDER",     "LIMIT",   "UNION",
    "JOIN",      "LEFT",  "RIGHT",   "INNER",   "OUTER",    "CROSS",     "INSERT",  "INTO",
    "OVERWRITE", "TABLE", "VALUES",  "QUALIFY", "WINDOW",   "PARTITION", "LATERAL", "WHEN",
    "THEN",      "ELSE",  "BETWEEN", "EXISTS",  "DISTINCT", "SET"};

// The clause keyword `word` is a likely misspelling of, or "".
std::string_view NearMissKeyword(const Token& t) {
  if (t.type != TokenType::kWord || t.kw != Kw::kNone || t.text.size() < 3) return {};
  for (std::string_view kw : kClauseKeywords) {
    size_t d = TypoDistance(t.text, kw);
    if (d == 1 || (d == 2 && t.text.size() >= 6 && kw.size() >= 6)) return kw;
  }
  return {};
}

bool IsKnownUtility(std::string_view word) {
  static constexpr std::string_view kCommands[] = {
      "analyze",    "msck",       "add",     "list",     "show",     "describe", "desc",
      "explain",    "grant",      "revoke",  "refresh",  "cache",    "uncache",  "clear",
      "reset",      "load",       "comment", "vacuum",   "begin",    "commit",   "rollback",
      "start",      "end",        "copy",    "lock",     "unlock",   "do",       "call",
      "deallocate", "prepare",    "execute", "source",   "dfs",      "reload",   "kill",
      "abort",      "checkpoint", "cluster", "reindex",  "notify",   "listen",   "unlisten",
      "discard",    "security",   "import",  "export",   "optimize", "fsck",     "repair",
      "savepoint",  "release",    "declare", "fetch",    "close",    "move",     "compute",
      "invalidate", "restore",    "backup",  "truncate", "exit",     "quit",     "abort"};
  std::string lower = LowerCopy(word);
  for (std::string_view c : kCommands) {
    if (lower == c) return true;
  }
  return false;
}

bool IsLexicalErrorFatal(const Token& t) {
  return t.text.substr(0, 10) != "unexpected" && t.text.substr(0, 7) != "invalid";
}

}  // namespace

bool CannotStartExpression(Kw kw) { return CategoryOf(kw) == KeywordCategory::kClause; }

bool IsReservedWord(const Token& t) {
  return t.type == TokenType::kWord && CategoryOf(t.kw) != KeywordCategory::kUnreserved;
}

Name Parser::TableName() {
  if (IsReservedWord(Peek())) FailExpected("a table name");
  return QualifiedName();
}

std::string Describe(const Token& t) {
  if (t.type == TokenType::kEnd) return "end of statement";
  if (t.type == TokenType::kError) return std::string(t.text);
  std::string_view text = t.text.substr(0, 40);
  std::string out = "'" + std::string(text);
  if (text.size() < t.text.size()) out += "...";
  return out + "'";
}

Parser::Parser(std::string_view script, const std::vector<Token>& tokens,
               const ParseOptions& options)
    : script_(script), tokens_(tokens), options_(options) {}

Parser::DepthGuard::DepthGuard(Parser* parser) : parser_(parser) {
  if (++parser_->depth_ > parser_->options_.max_depth) {
    parser_->Fail(parser_->Peek(),
                  "nesting deeper than " + std::to_string(parser_->options_.max_depth) + " levels");
  }
}

bool Parser::PeekWord(std::string_view lower, size_t ahead) const {
  const Token& t = Peek(ahead);
  if (t.type != TokenType::kWord || t.text.size() != lower.size()) return false;
  for (size_t i = 0; i < lower.size(); ++i) {
    if (Lower(t.text[i]) != lower[i]) return false;
  }
  return true;
}

bool Parser::AcceptWord(std::string_view lower) {
  if (!PeekWord(lower)) return false;
  Advance();
  return true;
}

void Parser::Expect(Kw kw) {
  if (!Accept(kw)) FailExpected(KeywordName(kw));
}

void Parser::Expect(Punct p) {
  if (Accept(p)) return;
  switch (p) {
    case Punct::kLParen:
      FailExpected("'('");
    case Punct::kRParen:
      FailExpected("')'");
    case Punct::kComma:
      FailExpected("','");
    case Punct::kEq:
      FailExpected("'='");
    case Punct::kRBracket:
      FailExpected("']'");
    default:
      FailExpected("punctuation");
  }
}

void Parser::Fail(const Token& at, std::string message) const {
  throw ParseError{at.offset, std::move(message)};
}

void Parser::FailExpected(std::string_view what) const {
  Fail(Peek(), "expected " + std::string(what) + ", got " + Describe(Peek()));
}

bool Parser::IsIdentifier(const Token& t) const {
  return t.type == TokenType::kWord || t.type == TokenType::kQuotedIdent;
}

std::string Parser::Identifier() {
  const Token& t = Peek();
  if (t.type == TokenType::kWord) {
    Advance();
    return LowerCopy(t.text);
  }
  if (t.type != TokenType::kQuotedIdent) FailExpected("an identifier");
  Advance();
  char quote = t.text[0];
  std::string out;
  out.reserve(t.text.size());
  for (size_t i = 1; i + 1 < t.text.size(); ++i) {
    out.push_back(Lower(t.text[i]));
    if (t.text[i] == quote) ++i;  // doubled quote
  }
  return out;
}

Name Parser::QualifiedName() {
  Name name;
  name.push_back(Identifier());
  while (Peek().Is(Punct::kDot) && IsIdentifier(Peek(1))) {
    Advance();
    name.push_back(Identifier());
  }
  return name;
}

bool Parser::AtImplicitAlias() const {
  const Token& t = Peek();
  if (t.type == TokenType::kQuotedIdent) return true;
  if (t.type != TokenType::kWord) return false;
  if (options_.dialect != Dialect::kPostgres && IsWordIn(t, {"map", "reduce"})) {
    const Token& n = Peek(1);  // Hive `FROM t MAP a, b USING ...`: a clause, not an alias
    bool clause = (n.type == TokenType::kWord && n.kw == Kw::kNone) ||
                  n.type == TokenType::kQuotedIdent || n.type == TokenType::kNumber ||
                  n.type == TokenType::kString;
    if (clause) return false;
  }
  switch (t.kw) {
    case Kw::kFrom:
    case Kw::kWhere:
    case Kw::kGroup:
    case Kw::kHaving:
    case Kw::kOrder:
    case Kw::kLimit:
    case Kw::kOffset:
    case Kw::kFetch:
    case Kw::kUnion:
    case Kw::kIntersect:
    case Kw::kExcept:
    case Kw::kMinus:
    case Kw::kOn:
    case Kw::kUsing:
    case Kw::kJoin:
    case Kw::kInner:
    case Kw::kLeft:
    case Kw::kRight:
    case Kw::kFull:
    case Kw::kOuter:
    case Kw::kCross:
    case Kw::kSemi:
    case Kw::kAnti:
    case Kw::kNatural:
    case Kw::kLateral:
    case Kw::kWindow:
    case Kw::kQualify:
    case Kw::kCluster:
    case Kw::kDistribute:
    case Kw::kSort:
    case Kw::kTablesample:
    case Kw::kInsert:
    case Kw::kSelect:
    case Kw::kInto:
    case Kw::kValues:
    case Kw::kWhen:
    case Kw::kThen:
    case Kw::kElse:
    case Kw::kEnd:
    case Kw::kAnd:
    case Kw::kOr:
    case Kw::kNot:
    case Kw::kIn:
    case Kw::kIs:
    case Kw::kLike:
    case Kw::kIlike:
    case Kw::kRlike:
    case Kw::kRegexp:
    case Kw::kBetween:
    case Kw::kAs:
    case Kw::kWith:
    case Kw::kSet:
    case Kw::kReturning:
    case Kw::kPartition:
    case Kw::kOver:
    case Kw::kFor:
    case Kw::kFilter:
    case Kw::kEscape:
    case Kw::kSimilar:
    case Kw::kAsc:
    case Kw::kDesc:
    case Kw::kNulls:
    case Kw::kWithin:
    case Kw::kDistinct:
      return false;
    default:
      return true;
  }
}

std::string Parser::ParseAlias() {
  if (Accept(Kw::kAs)) {
    const Token& t = Peek();
    if (t.type == TokenType::kString) {
      Advance();
      return LowerCopy(t.text.substr(1, t.text.size() - 2));
    }
    return Identifier();
  }
  if (!AtImplicitAlias()) return {};
  last_implicit_alias_ = pos_;
  return Identifier();
}

void Parser::SkipBalanced() {
  Expect(Punct::kLParen);
  int depth = 1;
  while (depth > 0) {
    const Token& t = Peek();
    if (t.type == TokenType::kEnd) FailExpected("')'");
    if (t.Is(Punct::kLParen)) ++depth;
    if (t.Is(Punct::kRParen)) --depth;
    Advance();
  }
}

StringList Parser::IdentifierList() {
  StringList out;
  Expect(Punct::kLParen);
  do {
    out.push_back(Identifier());
  } while (Accept(Punct::kComma));
  Expect(Punct::kRParen);
  return out;
}

std::string Parser::ExpressionText(size_t first, size_t end) const {
  std::string out;
  for (size_t i = first; i < end && i < tokens_.size(); ++i) {
    const Token& t = tokens_[i];
    if (i > first) {
      const Token& prev = tokens_[i - 1];
      if (t.offset > prev.offset + prev.text.size()) out.push_back(' ');
    }
    if (t.type == TokenType::kWord) {
      out += LowerCopy(t.text);
    } else if (t.type == TokenType::kQuotedIdent && t.text.size() >= 2) {
      out.append(t.text.substr(1, t.text.size() - 2));
    } else {
      out.append(t.text);
    }
  }
  return out;
}

void Parser::SkipToEnd() { pos_ = tokens_.size() - 1; }

void Parser::ExpectEnd() {
  const Token& t = Peek();
  if (t.type == TokenType::kEnd) return;
  std::string_view kw = NearMissKeyword(t);
  if (!kw.empty()) Fail(t, "expected " + std::string(kw) + ", got " + Describe(t));
  if (pos_ > 0 && last_implicit_alias_ == pos_ - 1) {
    const Token& alias = tokens_[pos_ - 1];
    kw = NearMissKeyword(alias);
    if (!kw.empty()) Fail(alias, "expected " + std::string(kw) + ", got " + Describe(alias));
  }
  FailExpected("end of statement");
}

std::unique_ptr<Statement> Parser::WholeStatement(std::unique_ptr<Statement> s) {
  ExpectEnd();
  return s;
}

std::unique_ptr<Statement> Parser::ParseStatement() {
  auto s = std::make_unique<Statement>();
  s->offset = Peek().offset;
  const Token& t = Peek();
  if (t.Is(Kw::kWith)) {
    ParseWith(&s->ctes, &s->recursive_ctes);
    if (Peek().Is(Kw::kInsert)) return WholeStatement(ParseInsert(std::move(s)));
    if (Peek().Is(Kw::kFrom)) return ParseFromFirst(std::move(s));
    if (Peek().Is(Kw::kUpdate)) return WholeStatement(ParseUpdate(std::move(s)));
    if (Peek().Is(Kw::kDelete)) return WholeStatement(ParseDelete(std::move(s)));
    if (Peek().Is(Kw::kMerge)) return ParseMerge(std::move(s));
    auto query = std::make_unique<Query>();
    query->ctes = std::move(s->ctes);
    query->recursive = s->recursive_ctes;
    s->query = ParseQueryAfterWith(std::move(query));
  } else if (t.Is(Kw::kSelect) || t.Is(Kw::kValues) || t.Is(Punct::kLParen)) {
    s->query = ParseQuery();
  } else if (t.Is(Kw::kFrom)) {
    return ParseFromFirst(std::move(s));
  } else if (t.Is(Kw::kInsert)) {
    return WholeStatement(ParseInsert(std::move(s)));
  } else if (t.Is(Kw::kCreate)) {
    return ParseCreate(std::move(s));
  } else if (t.Is(Kw::kMerge)) {
    return ParseMerge(std::move(s));
  } else if (t.Is(Kw::kUpdate)) {
    return WholeStatement(ParseUpdate(std::move(s)));
  } else if (t.Is(Kw::kDelete)) {
    return WholeStatement(ParseDelete(std::move(s)));
  } else if (t.Is(Kw::kSet)) {
    return ParseSet(std::move(s));
  } else {
    return ParseUtility(std::move(s));
  }
  s->kind = StatementKind::kSelect;
  ExpectEnd();
  const QueryTerm& first = s->query->terms.front();
  if (s->query->terms.size() == 1 && first.select && !first.select->into.empty()) {
    s->kind = StatementKind::kCreateTableAs;
    s->target = first.select->into;
    s->temporary = first.select->into_temporary;
  }
  return s;
}

std::unique_ptr<Statement> Parser::ParseUtility(std::unique_ptr<Statement> s) {
  const Token& t = Peek();
  if (PeekWord("cache") && (Peek(1).Is(Kw::kTable) || PeekWord("lazy", 1))) {
    return ParseCacheTable(std::move(s));
  }
  if (t.Is(Kw::kUse)) {
    Advance();
    if (!AcceptWord("database") && !AcceptWord("schema")) AcceptWord("namespace");
    s->kind = StatementKind::kUse;
    s->target = QualifiedName();
    ExpectEnd();
    return s;
  }
  if (t.Is(Kw::kDrop)) {
    Advance();
    s->kind = StatementKind::kDrop;
    Accept(Kw::kTemporary) || Accept(Kw::kTemp) || AcceptWord("external");
    bool table = Accept(Kw::kTable) || Accept(Kw::kView) ||
                 (Accept(Kw::kMaterialized) && (Expect(Kw::kView), true));
    if (table) {
      if (Accept(Kw::kIf)) Expect(Kw::kExists);
      do {
        s->drop_names.push_back(QualifiedName());
      } while (Accept(Punct::kComma));
    }
    SkipToEnd();
    return s;
  }
  if (t.Is(Kw::kAlter)) {
    Advance();
    s->kind = StatementKind::kAlter;
    bool view = Peek().Is(Kw::kView);
    if (Accept(Kw::kTable) || Accept(Kw::kView)) {
      if (Accept(Kw::kIf)) Expect(Kw::kExists);
      s->target = QualifiedName();
      if (Accept(Kw::kRename)) {
        Expect(Kw::kTo);
        s->rename_to = QualifiedName();
        ExpectEnd();
        return s;
      }
      if (view && Accept(Kw::kAs)) {
        s->kind = StatementKind::kCreateView;
        s->query = ParseQuery();
        ExpectEnd();
        return s;
      }
    }
    SkipToEnd();
    return s;
  }
  if (t.type == TokenType::kWord && IsKnownUtility(t.text)) {
    s->kind = StatementKind::kOther;
    SkipToEnd();
    return s;
  }
  std::string_view kw = NearMissKeyword(t);
  if (kw.empty() && t.type == TokenType::kWord) {
    for (std::string_view c : {"CREATE", "UPDATE", "DELETE", "MERGE", "WITH", "ALTER", "DROP"}) {
      if (TypoDistance(t.text, c) == 1) kw = c;
    }
  }
  std::string hint = kw.empty() ? "" : " (did you mean " + std::string(kw) + "?)";
  Fail(t, "expected a statement (SELECT, INSERT, CREATE, ...), got " + Describe(t) + hint);
}

std::unique_ptr<Statement> Parser::ParseSet(std::unique_ptr<Statement> s) {
  Advance();  // SET
  s->kind = StatementKind::kSet;
  const Token& key_start = Peek();
  if (key_start.type == TokenType::kEnd) return s;  // bare SET lists the settings
  size_t end_offset = tokens_.back().offset;
  while (Peek().type != TokenType::kEnd && !Peek().Is(Punct::kEq) && !Peek().Is(Kw::kTo)) {
    Advance();
  }
  auto trim = [](std::string_view v) {
    size_t b = v.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return std::string_view();
    size_t e = v.find_last_not_of(" \t\r\n");
    return v.substr(b, e + 1 - b);
  };
  size_t key_end = Peek().type == TokenType::kEnd ? end_offset : Peek().offset;
  if (key_start.offset < key_end && key_end <= script_.size()) {
    s->set_key = std::string(trim(script_.substr(key_start.offset, key_end - key_start.offset)));
  }
  if (Peek().type != TokenType::kEnd) {
    s->set_assigns = true;
    size_t value_start = Peek().offset + Peek().text.size();
    if (value_start < end_offset && end_offset <= script_.size()) {
      s->set_value = std::string(trim(script_.substr(value_start, end_offset - value_start)));
    }
  }
  SkipToEnd();
  return s;
}

}  // namespace internal

Result<std::unique_ptr<Statement>> ParseStatement(std::string_view script,
                                                  const std::vector<Token>& tokens,
                                                  const ParseOptions& options) {
  bool is_set = !tokens.empty() && tokens.front().Is(Kw::kSet);
  for (const Token& t : tokens) {
    if (t.type == TokenType::kError && (!is_set || internal::IsLexicalErrorFatal(t))) {
      return InvalidArgumentError(std::string(t.text)).AtOffset(t.offset);
    }
  }
  internal::Parser parser(script, tokens, options);
  try {
    return parser.ParseStatement();
  } catch (const internal::ParseError& e) {
    return InvalidArgumentError(e.message).AtOffset(e.offset);
  }
}

}  // namespace linea::sql
