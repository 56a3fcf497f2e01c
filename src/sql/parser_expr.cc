// src/sql/parser_expr.cc: expressions (precedence climbing), parenthesized forms, predicates.
//
// Binary levels: 1 OR, 2 AND, 3 NOT, 4 comparisons and predicates, 5 || | and other operators,
// 6 & ^ << >>, 7 + -, 8 * / % DIV; 9 is unary prefix, 10 postfix ([ ], AT TIME ZONE).
#include <string>

#include "sql/parser.h"

namespace linea::sql::internal {
namespace {

constexpr uint8_t kUnaryLevel = 9;
constexpr uint8_t kPostfixLevel = 10;

bool IsNiladicFunction(const std::string& name) {
  static constexpr std::string_view kNames[] = {
      "current_date", "current_timestamp", "current_time",    "localtime",       "localtimestamp",
      "current_user", "session_user",      "current_schema",  "current_catalog", "current_role",
      "sysdate",      "systimestamp",      "current_database"};
  for (std::string_view n : kNames) {
    if (name == n) return true;
  }
  return false;
}

bool IsTypedLiteralPrefix(const std::string& name) {
  static constexpr std::string_view kNames[] = {
      "date",    "time",  "timestamp", "timestamptz", "timestamp_ntz", "timestamp_ltz",
      "json",    "jsonb", "uuid",      "inet",        "numeric",       "decimal",
      "bigint",  "int",   "integer",   "text",        "varchar",       "char",
      "boolean", "bytea", "double",    "float",       "real",          "smallint"};
  for (std::string_view n : kNames) {
    if (name == n) return true;
  }
  return false;
}

}  // namespace

ExprPtr MakeExpr(ExprKind kind, uint32_t offset) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->offset = offset;
  return e;
}

ExprPtr MakeOperator(uint8_t precedence, ExprPtr first) {
  auto e = MakeExpr(ExprKind::kOperator, first ? first->offset : 0);
  e->precedence = precedence;
  e->children.reserve(2);
  if (first) e->children.push_back(std::move(first));
  return e;
}

// Appends `rhs` to `lhs` when lhs is an operator of the same level, else builds a new node.
ExprPtr Combine(ExprPtr lhs, ExprPtr rhs, uint8_t precedence) {
  if (lhs->kind != ExprKind::kOperator || lhs->precedence != precedence) {
    lhs = MakeOperator(precedence, std::move(lhs));
  }
  lhs->children.push_back(std::move(rhs));
  return lhs;
}

bool IsWordIn(const Token& t, std::initializer_list<std::string_view> words) {
  if (t.type != TokenType::kWord) return false;
  for (std::string_view w : words) {
    if (t.text.size() != w.size()) continue;
    bool same = true;
    for (size_t i = 0; i < w.size() && same; ++i) {
      char c = t.text[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      same = c == w[i];
    }
    if (same) return true;
  }
  return false;
}

bool IsIntervalUnit(const Token& t) {
  return IsWordIn(
      t, {"year",        "years",        "quarter",    "quarters",   "month",       "months",
          "week",        "weeks",        "day",        "days",       "hour",        "hours",
          "minute",      "minutes",      "second",     "seconds",    "millisecond", "milliseconds",
          "microsecond", "microseconds", "nanosecond", "nanoseconds"});
}

int Parser::BinaryPrecedence(size_t ahead) const {
  const Token& t = Peek(ahead);
  if (t.type == TokenType::kWord) {
    switch (t.kw) {
      case Kw::kOr:
        return 1;
      case Kw::kAnd:
        return 2;
      case Kw::kIs:
      case Kw::kIn:
      case Kw::kLike:
      case Kw::kIlike:
      case Kw::kRlike:
      case Kw::kRegexp:
      case Kw::kBetween:
      case Kw::kSimilar:
        return 4;
      case Kw::kNot: {
        const Token& n = Peek(ahead + 1);
        bool predicate = n.Is(Kw::kIn) || n.Is(Kw::kLike) || n.Is(Kw::kIlike) || n.Is(Kw::kRlike) ||
                         n.Is(Kw::kRegexp) || n.Is(Kw::kBetween) || n.Is(Kw::kSimilar);
        return predicate ? 4 : 0;
      }
      case Kw::kDiv:
        return 8;
      case Kw::kNone:
        return IsWordIn(t, {"isnull", "notnull"}) ? 4 : 0;
      default:
        return 0;
    }
  }
  if (t.type != TokenType::kPunct) return 0;
  switch (t.punct) {
    case Punct::kEq:
    case Punct::kEqEq:
    case Punct::kNotEq:
    case Punct::kLt:
    case Punct::kLe:
    case Punct::kGt:
    case Punct::kGe:
    case Punct::kNullSafeEq:
    case Punct::kTilde:
      return 4;
    case Punct::kPipe:
    case Punct::kConcat:
    case Punct::kOtherBinary:
    case Punct::kArrow:
      return 5;
    case Punct::kAmp:
    case Punct::kCaret:
    case Punct::kShiftLeft:
    case Punct::kShiftRight:
      return 6;
    case Punct::kPlus:
    case Punct::kMinus:
      return 7;
    case Punct::kStar:
    case Punct::kSlash:
    case Punct::kPercent:
      return 8;
    default:
      return 0;
  }
}

ExprPtr Parser::ParseExpr() {
  DepthGuard guard(this);
  return ParseBinary(1);
}

ExprPtr Parser::ParseBinary(int min_precedence) {
  return ParseBinaryRest(ParseOperand(), min_precedence);
}

ExprPtr Parser::ParseBinaryRest(ExprPtr lhs, int min_precedence) {
  while (true) {
    int precedence = BinaryPrecedence();
    if (precedence == 0 || precedence < min_precedence) return lhs;
    if (precedence == 4) {
      lhs = ParsePredicate(std::move(lhs));
      continue;
    }
    Advance();
    ExprPtr rhs = ParseBinary(precedence + 1);
    lhs = Combine(std::move(lhs), std::move(rhs), static_cast<uint8_t>(precedence));
  }
}

ExprPtr Parser::ParseOperand() {
  if (Peek().Is(Kw::kNot)) {
    DepthGuard guard(this);
    Advance();
    return MakeOperator(3, ParseBinary(3));
  }
  return ParseUnary();
}

ExprPtr Parser::ParseUnary() {
  const Token& t = Peek();
  if (t.Is(Punct::kMinus) || t.Is(Punct::kPlus) || t.Is(Punct::kTilde) || t.Is(Punct::kBang) ||
      t.Is(Punct::kOtherBinary)) {
    DepthGuard guard(this);
    Advance();
    return MakeOperator(kUnaryLevel, ParseUnary());
  }
  return ParsePostfix(ParsePrimary());
}

ExprPtr Parser::ParsePostfix(ExprPtr e) {
  while (true) {
    if (Accept(Punct::kColonColon)) {
      ParseType();
    } else if (Accept(Punct::kLBracket)) {
      ExprPtr index = ParseExpr();
      if (Accept(Punct::kColon) && !Peek().Is(Punct::kRBracket)) {
        index = Combine(std::move(index), ParseExpr(), kPostfixLevel);
      }
      Expect(Punct::kRBracket);
      e = Combine(std::move(e), std::move(index), kPostfixLevel);
    } else if (Peek().Is(Punct::kDot) && (IsIdentifier(Peek(1)) || Peek(1).Is(Punct::kStar))) {
      Advance();
      Advance();  // field of a composite value
    } else if (PeekWord("collate")) {
      Advance();
      if (Peek().type == TokenType::kString) {
        Advance();
      } else {
        QualifiedName();
      }
    } else if (PeekWord("at") && PeekWord("time", 1) && PeekWord("zone", 2)) {
      Advance();
      Advance();
      Advance();
      e = Combine(std::move(e), ParsePostfix(ParsePrimary()), kPostfixLevel);
    } else {
      return e;
    }
  }
}

ExprPtr Parser::ParsePrimary() {
  const Token& t = Peek();
  switch (t.type) {
    case TokenType::kNumber: {
      Advance();
      auto e = MakeExpr(ExprKind::kLiteral, t.offset);
      if (t.text.size() <= 4 && t.text.find_first_not_of("0123456789") == std::string_view::npos) {
        e->ordinal = std::stoi(std::string(t.text));
      }
      return e;
    }
    case TokenType::kParam:
      Advance();
      return MakeExpr(ExprKind::kLiteral, t.offset);
    case TokenType::kString:
      Advance();
      while (Peek().type == TokenType::kString) Advance();  // 'a' 'b' concatenates
      return MakeExpr(ExprKind::kLiteral, t.offset);
    case TokenType::kQuotedIdent:
      return ParseNamePath();
    case TokenType::kPunct:
      if (t.Is(Punct::kLParen)) return ParseParenthesized();
      if (t.Is(Punct::kColon) && IsIdentifier(Peek(1))) {  // :name parameter
        Advance();
        Advance();
        return MakeExpr(ExprKind::kLiteral, t.offset);
      }
      FailExpected("an expression");
    case TokenType::kWord:
      break;
    default:
      FailExpected("an expression");
  }
  switch (t.kw) {
    case Kw::kCase:
      return ParseCase();
    case Kw::kExists: {
      if (!AtQueryStart(2)) break;  // Spark's exists(array, x -> ...) is a function
      Advance();
      auto e = MakeExpr(ExprKind::kExists, t.offset);
      Expect(Punct::kLParen);
      e->query = ParseQuery();
      Expect(Punct::kRParen);
      return e;
    }
    case Kw::kNull:
    case Kw::kTrue:
    case Kw::kFalse:
    case Kw::kUnknown:
    case Kw::kDefault:
      Advance();
      return MakeExpr(ExprKind::kLiteral, t.offset);
    case Kw::kInterval: {
      const Token& n = Peek(1);
      if (n.type == TokenType::kString || n.type == TokenType::kNumber || n.Is(Punct::kLParen) ||
          n.Is(Punct::kMinus)) {
        return ParseInterval();
      }
      break;
    }
    case Kw::kArray:
      if (Peek(1).Is(Punct::kLBracket)) {
        Advance();
        Advance();
        auto e = MakeOperator(0, nullptr);
        e->offset = t.offset;
        if (!Peek().Is(Punct::kRBracket)) {
          do {
            e->children.push_back(ParseExpr());
          } while (Accept(Punct::kComma));
        }
        Expect(Punct::kRBracket);
        return e;
      }
      break;
    case Kw::kLeft:
    case Kw::kRight:
    case Kw::kFull:
    case Kw::kWindow:
      if (!Peek(1).Is(Punct::kLParen)) FailExpected("an expression");  // left(s, 3)
      break;
    default:
      if (CannotStartExpression(t.kw)) FailExpected("an expression");
      break;
  }
  return ParseNamePath();
}

ExprPtr Parser::ParseNamePath() {
  uint32_t offset = Peek().offset;
  Name parts;
  parts.push_back(Identifier());
  while (Peek().Is(Punct::kDot)) {
    if (Peek(1).Is(Punct::kStar)) {
      Advance();
      Advance();
      auto star = MakeExpr(ExprKind::kStar, offset);
      star->name = std::move(parts);
      return star;
    }
    if (!IsIdentifier(Peek(1))) break;
    Advance();
    parts.push_back(Identifier());
  }
  if (Peek().Is(Punct::kLParen)) return ParseFunction(std::move(parts), offset);
  if (parts.size() == 1) {
    if (IsNiladicFunction(parts[0])) return MakeExpr(ExprKind::kLiteral, offset);
    if (Peek().type == TokenType::kString && IsTypedLiteralPrefix(parts[0])) {
      Advance();
      return MakeExpr(ExprKind::kLiteral, offset);
    }
    if (Peek().Is(Punct::kArrow) && options_.dialect != Dialect::kPostgres) {
      Advance();
      auto lambda = MakeExpr(ExprKind::kLambda, offset);
      lambda->name = std::move(parts);
      lambda->children.push_back(ParseExpr());
      return lambda;
    }
  }
  auto column = MakeExpr(ExprKind::kColumn, offset);
  column->name = std::move(parts);
  return column;
}

// Not depth-guarded itself: the ParseExpr / ParseQuery inside counts one level per '('.
ExprPtr Parser::ParseParenthesized() {
  uint32_t offset = Peek().offset;
  Expect(Punct::kLParen);
  if (Accept(Punct::kRParen)) {
    auto empty = MakeOperator(0, nullptr);
    empty->offset = offset;
    return empty;
  }
  ExprPtr first;
  if ((AtQueryStart() || Peek().Is(Kw::kFrom)) && !Peek().Is(Punct::kLParen)) {
    auto e = MakeExpr(ExprKind::kSubquery, offset);
    e->query = ParseQuery();
    Expect(Punct::kRParen);
    return e;
  }
  if (Peek().Is(Punct::kLParen) && AtQueryStart()) {
    DepthGuard guard(this);
    ExprPtr inner = ParseParenthesized();
    const Token& t = Peek();
    bool continues = t.Is(Kw::kUnion) || t.Is(Kw::kIntersect) || t.Is(Kw::kExcept) ||
                     t.Is(Kw::kMinus) || t.Is(Kw::kOrder) || t.Is(Kw::kLimit);
    if (inner->kind == ExprKind::kSubquery && continues) {
      auto e = MakeExpr(ExprKind::kSubquery, offset);
      e->query = ContinueQuery(std::move(inner->query));
      Expect(Punct::kRParen);
      return e;
    }
    first = ParseBinaryRest(ParsePostfix(std::move(inner)), 1);
  } else {
    first = ParseExpr();
  }
  ExprPtr result;
  if (Peek().Is(Punct::kComma)) {
    result = MakeOperator(0, std::move(first));
    while (Accept(Punct::kComma)) result->children.push_back(ParseExpr());
  } else {
    result = std::move(first);
  }
  Expect(Punct::kRParen);
  if (Peek().Is(Punct::kArrow) && options_.dialect != Dialect::kPostgres) {
    auto lambda = MakeExpr(ExprKind::kLambda, offset);
    auto add_param = [&](const Expr& p) {
      if (p.kind != ExprKind::kColumn || p.name.size() != 1) Fail(Peek(), "invalid lambda");
      lambda->name.push_back(p.name[0]);
    };
    if (result->kind == ExprKind::kOperator && result->precedence == 0) {
      for (const ExprPtr& p : result->children) add_param(*p);
    } else {
      add_param(*result);
    }
    Advance();
    lambda->children.push_back(ParseExpr());
    return lambda;
  }
  return result;
}

ExprPtr Parser::ParsePredicate(ExprPtr lhs) {
  ExprPtr node = lhs->kind == ExprKind::kOperator && lhs->precedence == 4
                     ? std::move(lhs)
                     : MakeOperator(4, std::move(lhs));
  bool negated = Accept(Kw::kNot);
  const Token& t = Peek();
  if (t.type == TokenType::kPunct) {
    Advance();
    if ((Peek().Is(Kw::kAny) || Peek().Is(Kw::kAll) || Peek().Is(Kw::kSome)) &&
        Peek(1).Is(Punct::kLParen)) {
      Advance();
      node->children.push_back(ParseParenthesized());
    } else {
      node->children.push_back(ParseBinary(5));
    }
  } else if (Accept(Kw::kIs)) {
    Accept(Kw::kNot);
    if (Accept(Kw::kDistinct)) {
      Expect(Kw::kFrom);
      node->children.push_back(ParseBinary(5));
    } else if (!Accept(Kw::kNull) && !Accept(Kw::kTrue) && !Accept(Kw::kFalse) &&
               !Accept(Kw::kUnknown)) {
      FailExpected("NULL, TRUE, FALSE or DISTINCT FROM");
    }
  } else if (Accept(Kw::kIn)) {
    if (!Peek().Is(Punct::kLParen)) FailExpected("'('");
    if (Peek(1).Is(Punct::kRParen)) {
      Advance();
      FailExpected("an expression");
    }
    ExprPtr list = ParseParenthesized();
    if (list->kind == ExprKind::kOperator && list->precedence == 0) {
      for (ExprPtr& item : list->children) node->children.push_back(std::move(item));
    } else {
      node->children.push_back(std::move(list));
    }
  } else if (Accept(Kw::kLike) || Accept(Kw::kIlike) || Accept(Kw::kRlike) || Accept(Kw::kRegexp) ||
             (Accept(Kw::kSimilar) && (Expect(Kw::kTo), true))) {
    if ((Peek().Is(Kw::kAny) || Peek().Is(Kw::kAll) || Peek().Is(Kw::kSome)) &&
        Peek(1).Is(Punct::kLParen)) {
      Advance();
      node->children.push_back(ParseParenthesized());
    } else {
      node->children.push_back(ParseBinary(5));
    }
    if (Accept(Kw::kEscape)) node->children.push_back(ParseBinary(5));
  } else if (Accept(Kw::kBetween)) {
    if (!AcceptWord("symmetric")) AcceptWord("asymmetric");
    node->children.push_back(ParseBinary(5));
    Expect(Kw::kAnd);
    node->children.push_back(ParseBinary(5));
  } else if (!negated && (AcceptWord("isnull") || AcceptWord("notnull"))) {
  } else {
    FailExpected("IN, LIKE or BETWEEN");
  }
  return node;
}

}  // namespace linea::sql::internal
