// src/sql/parser_functions.cc: function calls (incl. special forms such as EXTRACT, TRIM,
// POSITION, CAST), window specifications, CASE, INTERVAL literals and type names.
#include <string>

#include "sql/parser.h"

namespace linea::sql::internal {

ExprPtr Parser::ParseFunction(Name name, uint32_t offset) {
  auto f = MakeExpr(ExprKind::kFunction, offset);
  f->name = std::move(name);
  f->children.reserve(3);
  Expect(Punct::kLParen);
  ParseFunctionArgs(f.get());
  if (Peek().Is(Kw::kWithin) && Peek(1).Is(Kw::kGroup)) {
    Advance();
    Advance();
    Expect(Punct::kLParen);
    Expect(Kw::kOrder);
    Expect(Kw::kBy);
    ParseOrderItems(&f->children);
    Expect(Punct::kRParen);
  }
  if (Peek().Is(Kw::kFilter) && Peek(1).Is(Punct::kLParen)) {
    Advance();
    Advance();
    Expect(Kw::kWhere);
    f->filter = ParseExpr();
    Expect(Punct::kRParen);
  }
  if ((PeekWord("ignore") || PeekWord("respect")) && Peek(1).Is(Kw::kNulls)) {
    Advance();
    Advance();
  }
  if (Accept(Kw::kOver)) {
    if (Peek().Is(Punct::kLParen)) {
      f->window = ParseWindowSpec();
    } else {
      f->window = std::make_unique<WindowSpec>();
      f->window->base_name = Identifier();
    }
  }
  return f;
}

void Parser::ParseFunctionArgs(Expr* f) {
  if (Accept(Punct::kRParen)) return;
  if (Peek().Is(Punct::kStar) && Peek(1).Is(Punct::kRParen)) {
    Advance();
    Advance();
    f->star_arg = true;
    return;
  }
  if (!Accept(Kw::kDistinct)) Accept(Kw::kAll);
  const std::string& fname = f->name.back();
  if (fname == "extract" && IsIdentifier(Peek()) &&
      (Peek(1).Is(Kw::kFrom) || Peek(1).Is(Punct::kComma))) {
    Advance();
    Advance();
  } else if (fname == "trim" || fname == "btrim") {
    if (!AcceptWord("both") && !AcceptWord("leading")) AcceptWord("trailing");
  } else if ((fname == "timestampadd" || fname == "timestampdiff" || fname == "dateadd") &&
             IsIntervalUnit(Peek()) && Peek(1).Is(Punct::kComma)) {
    Advance();
    Advance();
  } else if (fname == "position" && !Peek().Is(Kw::kSelect)) {
    f->children.push_back(ParseBinary(5));
    if (Accept(Kw::kIn)) f->children.push_back(ParseExpr());
    if (Accept(Punct::kRParen)) return;
    Expect(Punct::kComma);
  }
  bool cast = fname == "cast" || fname == "try_cast" || fname == "safe_cast";
  while (!Peek().Is(Punct::kRParen)) {
    if (AtQueryStart() && !Peek().Is(Punct::kLParen)) {
      auto sub = MakeExpr(ExprKind::kSubquery, Peek().offset);
      sub->query = ParseQuery();
      f->children.push_back(std::move(sub));
    } else {
      f->children.push_back(ParseFunctionArg());
    }
    if (Accept(Kw::kAs)) {
      if (cast) {
        ParseType();
        if (AcceptWord("format")) ParsePrimary();
      } else {
        Identifier();  // struct(a AS x)
      }
    }
    if ((PeekWord("ignore") || PeekWord("respect")) && Peek(1).Is(Kw::kNulls)) {
      Advance();
      Advance();
    }
    if (Peek().Is(Kw::kOrder) && Peek(1).Is(Kw::kBy)) {
      Advance();
      Advance();
      ParseOrderItems(&f->children);
    }
    if (AcceptWord("separator")) f->children.push_back(ParsePrimary());
    if (Accept(Punct::kComma) || Accept(Kw::kFrom) || Accept(Kw::kFor) || AcceptWord("placing") ||
        Accept(Kw::kUsing)) {
      continue;
    }
    break;
  }
  Expect(Punct::kRParen);
}

ExprPtr Parser::ParseFunctionArg() {
  if (IsIdentifier(Peek()) && Peek(1).Is(Punct::kFatArrow)) {  // named argument
    Advance();
    Advance();
  }
  return ParseExpr();
}

std::unique_ptr<WindowSpec> Parser::ParseWindowSpec() {
  auto w = std::make_unique<WindowSpec>();
  Expect(Punct::kLParen);
  const Token& t = Peek();
  if (IsIdentifier(t) && !t.Is(Kw::kPartition) && !t.Is(Kw::kOrder) && !t.Is(Kw::kRows) &&
      !t.Is(Kw::kRange) && !t.Is(Kw::kSort) && !t.Is(Kw::kDistribute) && !t.Is(Kw::kCluster) &&
      !PeekWord("groups")) {
    w->base_name = Identifier();
  }
  if (Accept(Kw::kPartition) || Accept(Kw::kDistribute) || Accept(Kw::kCluster)) {
    Expect(Kw::kBy);
    do {
      w->partition_by.push_back(ParseExpr());
    } while (Accept(Punct::kComma));
  }
  if (Accept(Kw::kOrder) || Accept(Kw::kSort)) {
    Expect(Kw::kBy);
    ParseOrderItems(&w->order_by);
  }
  if (Peek().Is(Kw::kRows) || Peek().Is(Kw::kRange) || PeekWord("groups")) {
    int depth = 0;
    while (depth > 0 || !Peek().Is(Punct::kRParen)) {
      if (Peek().type == TokenType::kEnd) FailExpected("')'");
      if (Peek().Is(Punct::kLParen)) ++depth;
      if (Peek().Is(Punct::kRParen)) --depth;
      Advance();
    }
  }
  Expect(Punct::kRParen);
  return w;
}

ExprPtr Parser::ParseCase() {
  auto e = MakeExpr(ExprKind::kCase, Advance().offset);
  if (!Peek().Is(Kw::kWhen)) e->children.push_back(ParseExpr());
  if (!Peek().Is(Kw::kWhen)) FailExpected("WHEN");
  while (Accept(Kw::kWhen)) {
    e->children.push_back(ParseExpr());
    Expect(Kw::kThen);
    e->children.push_back(ParseExpr());
  }
  if (Accept(Kw::kElse)) e->children.push_back(ParseExpr());
  Expect(Kw::kEnd);
  return e;
}

ExprPtr Parser::ParseInterval() {
  uint32_t offset = Advance().offset;  // INTERVAL
  Accept(Punct::kMinus);
  ExprPtr value;
  if (Peek().Is(Punct::kLParen)) {
    value = ParseParenthesized();
  } else {
    Advance();  // string or number
    value = MakeExpr(ExprKind::kLiteral, offset);
  }
  while (IsIntervalUnit(Peek())) {
    Advance();
    if (Accept(Kw::kTo)) {
      if (!IsIntervalUnit(Peek())) FailExpected("an interval unit");
      Advance();
    }
    const Token& n = Peek();
    if ((n.type == TokenType::kNumber || n.type == TokenType::kString) && IsIntervalUnit(Peek(1))) {
      Advance();
    }
  }
  return value;
}

void Parser::ParseType() {
  if (!IsIdentifier(Peek()) || IsReservedWord(Peek())) FailExpected("a type name");
  bool interval = Peek().Is(Kw::kInterval);
  Advance();
  while (true) {
    if (PeekWord("precision") || PeekWord("varying") || PeekWord("unsigned")) {
      Advance();
    } else if ((Peek().Is(Kw::kWith) || PeekWord("without")) && PeekWord("time", 1) &&
               PeekWord("zone", 2)) {
      Advance();
      Advance();
      Advance();
    } else if (Peek().Is(Kw::kWith) && Peek(1).Is(Kw::kLocal) && PeekWord("time", 2) &&
               PeekWord("zone", 3)) {  // Hive: timestamp with local time zone
      for (int i = 0; i < 4; ++i) Advance();
    } else if (Peek().Is(Punct::kDot) && IsIdentifier(Peek(1))) {
      Advance();
      Advance();
    } else if (Peek().Is(Punct::kLParen)) {
      SkipBalanced();
    } else if (Peek().Is(Punct::kLt)) {
      int depth = 0;
      do {
        const Token& t = Peek();
        if (t.type == TokenType::kEnd) FailExpected("'>'");
        if (t.Is(Punct::kLt)) depth += 1;
        if (t.Is(Punct::kGt)) depth -= 1;
        if (t.Is(Punct::kShiftRight)) depth -= 2;
        if (t.Is(Punct::kShiftLeft)) depth += 2;
        Advance();
      } while (depth > 0);
    } else if (Accept(Punct::kLBracket)) {
      if (Peek().type == TokenType::kNumber) Advance();
      Expect(Punct::kRBracket);
    } else if (interval && (IsIntervalUnit(Peek()) || Peek().Is(Kw::kTo))) {
      Advance();
    } else {
      return;
    }
  }
}

}  // namespace linea::sql::internal
