// src/sql/parser_select.cc: queries, set operations, SELECT, FROM, joins, LATERAL VIEW.
#include "sql/parser.h"

namespace linea::sql::internal {
namespace {

constexpr size_t kMaxLookahead = 1024;

}  // namespace

// Name resolution looks through every table of a FROM clause and every CTE of a WITH: these
// bounds keep a hostile 1 MB statement from taking quadratic time.
constexpr size_t kMaxFromTables = 500;
constexpr size_t kMaxCtes = 1000;

bool Parser::AtQueryStart(size_t ahead) const {
  size_t i = ahead;
  while (Peek(i).Is(Punct::kLParen) && i < ahead + kMaxLookahead) ++i;
  const Token& t = Peek(i);
  // Hive's FROM-first query starts a query only inside parentheses: `(FROM t SELECT ...)`.
  return t.Is(Kw::kSelect) || t.Is(Kw::kWith) || t.Is(Kw::kValues) ||
         (i > ahead && t.Is(Kw::kFrom));
}

QueryPtr Parser::ParseQuery() {
  DepthGuard guard(this);
  auto q = std::make_unique<Query>();
  if (Peek().Is(Kw::kWith)) ParseWith(&q->ctes, &q->recursive);
  return ParseQueryAfterWith(std::move(q));
}

namespace {

bool AcceptSetOperator(Parser* p) {
  const Token& t = p->Peek();
  if (!t.Is(Kw::kUnion) && !t.Is(Kw::kIntersect) && !t.Is(Kw::kExcept) && !t.Is(Kw::kMinus)) {
    return false;
  }
  p->Advance();
  if (!p->Accept(Kw::kAll)) p->Accept(Kw::kDistinct);
  return true;
}

}  // namespace

QueryPtr Parser::ParseQueryAfterWith(QueryPtr q) {
  do {
    QueryTerm term;
    const Token& t = Peek();
    if (AtSelectClause()) {
      term.select = ParseSelectCore();
    } else if (t.Is(Kw::kValues)) {
      term.values = ParseValuesRows();
    } else if (t.Is(Punct::kLParen)) {
      Advance();
      term.nested = ParseQuery();
      Expect(Punct::kRParen);
    } else if (t.Is(Kw::kFrom)) {  // Hive: FROM t SELECT ...
      Advance();
      PoolVector<FromItem> from = ParseFromList();
      term.select = ParseSelectCore();
      if (!term.select->from.empty()) Fail(t, "FROM given twice");
      term.select->from = std::move(from);
    } else if (t.Is(Kw::kTable) && IsIdentifier(Peek(1))) {  // PostgreSQL: TABLE t
      Advance();
      term.select = std::make_unique<SelectCore>();
      SelectItem item;
      item.expr = std::make_unique<Expr>();
      item.expr->kind = ExprKind::kStar;
      term.select->items.push_back(std::move(item));
      FromItem from;
      from.base.offset = Peek().offset;
      from.base.name = TableName();
      term.select->from.push_back(std::move(from));
    } else {
      FailExpected("SELECT");
    }
    q->terms.push_back(std::move(term));
  } while (AcceptSetOperator(this));
  ParseQueryTail(&q->tail);
  return q;
}

QueryPtr Parser::ContinueQuery(QueryPtr first) {
  auto q = std::make_unique<Query>();
  QueryTerm term;
  term.nested = std::move(first);
  q->terms.push_back(std::move(term));
  while (AcceptSetOperator(this)) {
    QueryTerm next;
    if (Peek().Is(Kw::kSelect)) {
      next.select = ParseSelectCore();
    } else {
      Expect(Punct::kLParen);
      next.nested = ParseQuery();
      Expect(Punct::kRParen);
    }
    q->terms.push_back(std::move(next));
  }
  ParseQueryTail(&q->tail);
  return q;
}

void Parser::ParseQueryTail(ExprList* tail) {
  while (true) {
    const Token& t = Peek();
    if (t.Is(Kw::kOrder) || t.Is(Kw::kSort) || t.Is(Kw::kCluster) || t.Is(Kw::kDistribute)) {
      Advance();
      Expect(Kw::kBy);
      ParseOrderItems(tail);
    } else if (t.Is(Kw::kLimit)) {
      Advance();
      if (!Accept(Kw::kAll)) tail->push_back(ParseExpr());
      if (Accept(Punct::kComma)) tail->push_back(ParseExpr());
    } else if (t.Is(Kw::kOffset)) {
      Advance();
      tail->push_back(ParseExpr());
      Accept(Kw::kRow) || Accept(Kw::kRows);
    } else if (t.Is(Kw::kFetch)) {
      Advance();
      Accept(Kw::kFirst) || AcceptWord("next");
      if (!Peek().Is(Kw::kRow) && !Peek().Is(Kw::kRows)) tail->push_back(ParseExpr());
      Accept(Kw::kRow) || Accept(Kw::kRows);
      if (!Accept(Kw::kOnly)) {
        Expect(Kw::kWith);
        if (!AcceptWord("ties")) FailExpected("TIES");
      }
    } else if (t.Is(Kw::kFor) && (PeekWord("update", 1) || PeekWord("share", 1))) {
      while (Peek().type != TokenType::kEnd && !Peek().Is(Punct::kRParen)) Advance();
    } else {
      return;
    }
  }
}

void Parser::ParseOrderItems(ExprList* out) {
  do {
    out->push_back(ParseExpr());
    Accept(Kw::kAsc) || Accept(Kw::kDesc);
    if (Accept(Kw::kNulls) && !Accept(Kw::kFirst)) Expect(Kw::kLast);
  } while (Accept(Punct::kComma));
}

void Parser::ParseWith(PoolVector<Cte>* ctes, bool* recursive) {
  Expect(Kw::kWith);
  *recursive = Accept(Kw::kRecursive);
  do {
    Cte cte;
    cte.offset = Peek().offset;
    cte.name = Identifier();
    if (Peek().Is(Punct::kLParen)) cte.columns = IdentifierList();
    Expect(Kw::kAs);
    if (!Accept(Kw::kMaterialized) && Accept(Kw::kNot)) Expect(Kw::kMaterialized);
    Expect(Punct::kLParen);
    if (AtQueryStart() || Peek().Is(Kw::kFrom)) {  // also Hive's (FROM t SELECT ...)
      cte.query = ParseQuery();
    } else {
      DepthGuard guard(this);
      cte.statement = ParseDataModifyingCte();
    }
    Expect(Punct::kRParen);
    ctes->push_back(std::move(cte));
    if (ctes->size() > kMaxCtes) {
      Fail(Peek(), "more than " + std::to_string(kMaxCtes) + " CTEs in one WITH");
    }
  } while (Accept(Punct::kComma));
}

bool Parser::AtSelectClause() const {
  return Peek().Is(Kw::kSelect) ||
         (options_.dialect != Dialect::kPostgres && (PeekWord("map") || PeekWord("reduce")));
}

std::unique_ptr<SelectCore> Parser::ParseSelectCore() {
  auto core = std::make_unique<SelectCore>();
  if (!Peek().Is(Kw::kSelect) && AtSelectClause()) {
    core->items.push_back(ParseMapReduce());
    ParseSelectBody(core.get());
    return core;
  }
  Expect(Kw::kSelect);
  if (Accept(Kw::kDistinct)) {
    core->distinct = true;
    if (Accept(Kw::kOn)) {
      Expect(Punct::kLParen);
      do {
        core->distinct_on.push_back(ParseExpr());
      } while (Accept(Punct::kComma));
      Expect(Punct::kRParen);
    }
  } else {
    Accept(Kw::kAll);
  }
  do {
    core->items.push_back(ParseSelectItem(core->items.size()));
  } while (Accept(Punct::kComma));
  if (Accept(Kw::kInto)) {
    core->into_temporary = Accept(Kw::kTemporary) || Accept(Kw::kTemp);
    if (!core->into_temporary) AcceptWord("unlogged");
    Accept(Kw::kTable);
    core->into = QualifiedName();
  }
  ParseSelectBody(core.get());
  return core;
}

SelectItem Parser::ParseSelectItem(size_t position) {
  SelectItem item;
  size_t first = pos_;
  if (Peek().Is(Punct::kStar)) {
    item.expr = std::make_unique<Expr>();
    item.expr->kind = ExprKind::kStar;
    item.expr->offset = Advance().offset;
  } else {
    item.expr = ParseExpr();
  }
  if (item.expr->kind == ExprKind::kStar) ParseStarModifiers(&item);
  bool transform = position == 0 && item.expr->kind == ExprKind::kFunction &&
                   item.expr->name.size() == 1 && item.expr->name[0] == "transform" &&
                   (Peek().Is(Kw::kUsing) || (Peek().Is(Kw::kRow) && PeekWord("format", 1)));
  if (transform) {  // Hive / Spark SELECT TRANSFORM (...) USING 'script'
    ParseTransformTail(&item);
    return item;
  }
  size_t end = pos_;
  if (Peek().Is(Kw::kAs) && Peek(1).Is(Punct::kLParen)) {
    Advance();
    item.aliases = IdentifierList();
  } else if (std::string alias = ParseAlias(); !alias.empty()) {
    item.aliases.push_back(std::move(alias));
  }
  if (options_.dialect == Dialect::kSpark && !item.has_alias() &&
      item.expr->kind != ExprKind::kColumn && item.expr->kind != ExprKind::kStar) {
    item.text = ExpressionText(first, end);
  }
  return item;
}

void Parser::ParseStarModifiers(SelectItem* item) {
  if (Peek().Is(Kw::kExcept) && Peek(1).Is(Punct::kLParen) && !AtQueryStart(1)) {
    Advance();
    Expect(Punct::kLParen);
    do {
      Name name = QualifiedName();
      if (name.size() == 1) item->star_except.push_back(name[0]);  // a.b: a field, not a column
    } while (Accept(Punct::kComma));
    Expect(Punct::kRParen);
  }
  if (Peek().Is(Kw::kReplace) && Peek(1).Is(Punct::kLParen)) {
    Advance();
    Expect(Punct::kLParen);
    do {
      item->star_replace.push_back(ParseExpr());
      Expect(Kw::kAs);
      item->star_replace_as.push_back(Identifier());
    } while (Accept(Punct::kComma));
    Expect(Punct::kRParen);
  }
}

SelectItem Parser::ParseMapReduce() {
  SelectItem item;
  item.expr = MakeExpr(ExprKind::kFunction, Peek().offset);
  item.expr->name.push_back(Identifier());  // map / reduce
  do {
    item.expr->children.push_back(ParseExpr());
  } while (Accept(Punct::kComma));
  ParseTransformTail(&item);
  return item;
}

void Parser::ParseTransformTail(SelectItem* item) {
  SkipRowFormat();
  Expect(Kw::kUsing);
  if (Peek().type != TokenType::kString) FailExpected("the script as a string");
  Advance();
  if (Accept(Kw::kAs)) {
    bool parenthesized = Accept(Punct::kLParen);
    do {
      item->aliases.push_back(Identifier());
      bool typed = parenthesized
                       ? !Peek().Is(Punct::kComma) && !Peek().Is(Punct::kRParen)
                       : IsIdentifier(Peek()) && !IsReservedWord(Peek()) && !Peek().Is(Kw::kRow) &&
                             !PeekWord("recordreader") && !Peek().Is(Kw::kCluster) &&
                             !Peek().Is(Kw::kDistribute) && !Peek().Is(Kw::kSort);
      if (typed) ParseType();  // AS (key string, value int)
    } while (Accept(Punct::kComma));
    if (parenthesized) Expect(Punct::kRParen);
  } else {
    item->aliases = {"key", "value"};  // Hive's default: the line up to the first tab, the rest
  }
  SkipRowFormat();
  if (AcceptWord("recordreader")) {
    if (Peek().type != TokenType::kString) FailExpected("a class name string");
    Advance();
  }
}

// ROW FORMAT DELIMITED [FIELDS TERMINATED BY ',' ...] | ROW FORMAT SERDE 'class' [WITH
// SERDEPROPERTIES (...)], and RECORDWRITER 'class', around a TRANSFORM script, in any order.
void Parser::SkipRowFormat() {
  while (true) {
    if (AcceptWord("recordwriter")) {
      if (Peek().type != TokenType::kString) FailExpected("a class name string");
      Advance();
      continue;
    }
    if (!Peek().Is(Kw::kRow) || !PeekWord("format", 1)) return;
    Advance();
    Advance();
    if (AcceptWord("serde")) {
      if (Peek().type != TokenType::kString) FailExpected("a SerDe class name string");
      Advance();
      if (Peek().Is(Kw::kWith) && PeekWord("serdeproperties", 1)) {
        Advance();
        Advance();
        SkipBalanced();
      }
      continue;
    }
    if (!AcceptWord("delimited")) FailExpected("DELIMITED or SERDE");
    while (Peek().type == TokenType::kString ||
           IsWordIn(Peek(), {"fields", "terminated", "by", "escaped", "collection", "items", "map",
                             "keys", "lines", "null", "defined"}) ||
           (Peek().Is(Kw::kAs) && Peek(1).type == TokenType::kString)) {  // NULL DEFINED AS 'x'
      Advance();
    }
  }
}

void Parser::ParseSelectBody(SelectCore* core) {
  if (Accept(Kw::kFrom)) core->from = ParseFromList();
  if (Accept(Kw::kWhere)) core->where = ParseExpr();
  if (Accept(Kw::kGroup)) {
    Expect(Kw::kBy);
    ParseGroupBy(&core->group_by);
  }
  if (Accept(Kw::kHaving)) core->having = ParseExpr();
  while (true) {
    if (Accept(Kw::kWindow)) {
      do {
        std::string name = Identifier();
        Expect(Kw::kAs);
        core->windows.emplace_back(std::move(name), ParseWindowSpec());
      } while (Accept(Punct::kComma));
    } else if (Accept(Kw::kQualify)) {
      core->qualify = ParseExpr();
    } else {
      return;
    }
  }
}

void Parser::ParseGroupBy(ExprList* out) {
  if (Accept(Kw::kAll)) return;
  do {
    if (Peek().Is(Kw::kGrouping) && Peek(1).Is(Kw::kSets)) {
      Advance();
      Advance();
      out->push_back(ParseParenthesized());
    } else {
      out->push_back(ParseExpr());
    }
  } while (Accept(Punct::kComma));
  if (Peek().Is(Kw::kWith) && (Peek(1).Is(Kw::kRollup) || Peek(1).Is(Kw::kCube))) {
    Advance();
    Advance();
  }
  if (Peek().Is(Kw::kGrouping) && Peek(1).Is(Kw::kSets)) {  // Hive: GROUP BY a, b GROUPING SETS
    Advance();
    Advance();
    out->push_back(ParseParenthesized());
  }
}

PoolVector<FromItem> Parser::ParseFromList() {
  size_t outer_tables = from_tables_;
  from_tables_ = 0;
  PoolVector<FromItem> items;
  do {
    items.push_back(ParseFromItem());
  } while (Accept(Punct::kComma));
  from_tables_ = outer_tables;
  return items;
}

void Parser::CountFromTable() {
  if (++from_tables_ > kMaxFromTables) {
    Fail(Peek(), "more than " + std::to_string(kMaxFromTables) + " tables in one FROM clause");
  }
}

bool Parser::AtJoin() const {
  const Token& t = Peek();
  return t.Is(Kw::kJoin) || t.Is(Kw::kInner) || t.Is(Kw::kCross) || t.Is(Kw::kLeft) ||
         t.Is(Kw::kRight) || t.Is(Kw::kFull) || t.Is(Kw::kNatural) || t.Is(Kw::kSemi) ||
         t.Is(Kw::kAnti);
}

FromItem Parser::ParseFromItem() {
  FromItem item;
  item.base = ParseTableRef();
  while (AtJoin()) {
    Join join;
    join.natural = Accept(Kw::kNatural);
    if (Accept(Kw::kCross)) {
      join.kind = JoinKind::kCross;
    } else if (Accept(Kw::kLeft) || Accept(Kw::kRight) || Accept(Kw::kFull)) {
      const Token& side = tokens_[pos_ - 1];
      join.kind = side.Is(Kw::kLeft)    ? JoinKind::kLeft
                  : side.Is(Kw::kRight) ? JoinKind::kRight
                                        : JoinKind::kFull;
      if (Accept(Kw::kSemi))
        join.kind = JoinKind::kSemi;
      else if (Accept(Kw::kAnti))
        join.kind = JoinKind::kAnti;
      else
        Accept(Kw::kOuter);
    } else if (Accept(Kw::kSemi)) {
      join.kind = JoinKind::kSemi;
    } else if (Accept(Kw::kAnti)) {
      join.kind = JoinKind::kAnti;
    } else {
      Accept(Kw::kInner);
    }
    Expect(Kw::kJoin);
    join.right = ParseTableRef();
    if (Accept(Kw::kOn)) {
      join.on = ParseExpr();
    } else if (Accept(Kw::kUsing)) {
      join.using_columns = IdentifierList();
      if (Accept(Kw::kAs)) Identifier();
    }
    ParseLateralViews(&join.right.lateral_views);
    item.joins.push_back(std::move(join));
  }
  return item;
}

TableRef Parser::ParseTableRef() {
  DepthGuard guard(this);
  CountFromTable();
  TableRef ref;
  ref.offset = Peek().offset;
  ref.lateral = Accept(Kw::kLateral);
  const Token& t = Peek();
  if (t.Is(Punct::kLParen)) {
    if (AtQueryStart()) {
      Advance();
      ref.kind = TableRefKind::kSubquery;
      ref.query = ParseQuery();
      Expect(Punct::kRParen);
    } else {
      Advance();
      ref.kind = TableRefKind::kJoinGroup;
      ref.group = std::make_unique<FromItem>(ParseFromItem());
      Expect(Punct::kRParen);
    }
  } else if (t.Is(Kw::kValues)) {
    ref.kind = TableRefKind::kSubquery;
    auto q = std::make_unique<Query>();
    QueryTerm term;
    term.values = ParseValuesRows();
    q->terms.push_back(std::move(term));
    ref.query = std::move(q);
  } else if (IsIdentifier(t) && Peek(1).Is(Punct::kLParen) && Peek(2).Is(Kw::kOn)) {
    ParseTableFunctionInput(&ref);
  } else if (IsIdentifier(t) && Peek(1).Is(Punct::kLParen)) {
    ref.kind = TableRefKind::kFunction;
    ref.function = ParseNamePath();
    if (Peek().Is(Kw::kWith) && Peek(1).Is(Kw::kOrdinality)) {
      Advance();
      Advance();
    }
  } else {
    if (t.Is(Kw::kOnly) && IsIdentifier(Peek(1))) Advance();
    ref.name = TableName();
    bool time_travel = (PeekWord("version") || Peek().Is(Kw::kTimestamp)) && Peek(1).Is(Kw::kAs) &&
                       PeekWord("of", 2);
    if (time_travel) {
      Advance();
      Advance();
      Advance();
      ParsePrimary();
    }
  }
  if (Accept(Kw::kTablesample)) {
    if (!Peek().Is(Punct::kLParen)) Advance();  // TABLESAMPLE SYSTEM (10)
    SkipBalanced();
  }
  ParseTableAlias(&ref);
  if (Accept(Kw::kTablesample)) {
    if (!Peek().Is(Punct::kLParen)) Advance();
    SkipBalanced();
  }
  ParseLateralViews(&ref.lateral_views);
  return ref;
}

void Parser::ParseTableFunctionInput(TableRef* ref) {
  ref->kind = TableRefKind::kFunction;
  ref->function = MakeExpr(ExprKind::kFunction, Peek().offset);
  ref->function->name = QualifiedName();
  Expect(Punct::kLParen);
  Expect(Kw::kOn);
  ref->function_input = std::make_unique<FromItem>();
  ref->function_input->base = ParseTableRef();
  ExprList* args = &ref->function->children;
  if (Accept(Kw::kPartition) || Accept(Kw::kDistribute) || Accept(Kw::kCluster)) {
    Expect(Kw::kBy);
    do {
      args->push_back(ParseExpr());
    } while (Accept(Punct::kComma));
  }
  if (Accept(Kw::kOrder) || Accept(Kw::kSort)) {
    Expect(Kw::kBy);
    ParseOrderItems(args);
  }
  while (!Accept(Punct::kRParen)) {  // arg1('LATE.LATE+'), arg2(...)
    if (!args->empty()) Accept(Punct::kComma);
    args->push_back(ParseExpr());
  }
}

void Parser::ParseTableAlias(TableRef* ref) {
  ref->alias = ParseAlias();
  if (!ref->alias.empty() && Peek().Is(Punct::kLParen)) ref->column_aliases = IdentifierList();
}

void Parser::ParseLateralViews(PoolVector<LateralView>* views) {
  while (Peek().Is(Kw::kLateral) && Peek(1).Is(Kw::kView)) {
    Advance();
    Advance();
    CountFromTable();
    LateralView view;
    view.outer = Accept(Kw::kOuter);
    view.function = ParseExpr();
    if (!Peek().Is(Kw::kAs) && AtImplicitAlias()) view.alias = Identifier();
    if (Accept(Kw::kAs)) {
      if (Peek().Is(Punct::kLParen)) {
        view.columns = IdentifierList();
      } else {
        do {
          view.columns.push_back(Identifier());
        } while (Accept(Punct::kComma));
      }
    }
    views->push_back(std::move(view));
  }
}

PoolVector<ExprList> Parser::ParseValuesRows() {
  Expect(Kw::kValues);
  PoolVector<ExprList> rows;
  do {
    ExprList row;
    if (Accept(Punct::kLParen)) {
      do {
        row.push_back(ParseExpr());
      } while (Accept(Punct::kComma));
      Expect(Punct::kRParen);
    } else {
      row.push_back(ParseExpr());
    }
    rows.push_back(std::move(row));
  } while (Accept(Punct::kComma));
  return rows;
}

}  // namespace linea::sql::internal
