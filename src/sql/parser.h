// src/sql/parser.h: recursive-descent parser from one statement's tokens to a sql::Statement.
//
//   Result<std::unique_ptr<Statement>> parsed = ParseStatement(script, lexed.tokens, options);
//   if (!parsed.ok()) ... parsed.status().offset(), parsed.status().message()
//
// Errors name what was expected ("expected FROM, got 'FORM'"). Nesting (parentheses,
// subqueries, CASE, unary operators) deeper than `max_depth` is an error, never a stack
// overflow. Internally the parser throws a private exception; ParseStatement never throws.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "sql/ast.h"
#include "sql/lineage.h"
#include "sql/token.h"

namespace linea::sql {

struct ParseOptions {
  Dialect dialect = Dialect::kHive;
  int max_depth = 256;
};

// Parses the statement in `tokens` (one statement, ending with a kEnd token). `script` is the
// text the token offsets point into (SET takes its value from it).
// Errors: kInvalidArgument whose offset() is the byte in `script` the parser stopped at.
Result<std::unique_ptr<Statement>> ParseStatement(std::string_view script,
                                                  const std::vector<Token>& tokens,
                                                  const ParseOptions& options);

namespace internal {

// The parser proper; see parser.cc (helpers, statements), parser_select.cc (queries, FROM),
// parser_expr.cc (expressions), parser_functions.cc (functions, windows, CASE, types) and
// parser_statements.cc (DML / DDL).
class Parser {
 public:
  Parser(std::string_view script, const std::vector<Token>& tokens, const ParseOptions& options);
  std::unique_ptr<Statement> ParseStatement();  // throws ParseError

  // --- token helpers (parser.cc)
  const Token& Peek(size_t ahead = 0) const {
    size_t i = pos_ + ahead;
    return i < tokens_.size() ? tokens_[i] : tokens_.back();
  }
  const Token& Advance() {
    const Token& t = Peek();
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return t;
  }
  bool Accept(Kw kw) {
    if (!Peek().Is(kw)) return false;
    Advance();
    return true;
  }
  bool Accept(Punct p) {
    if (!Peek().Is(p)) return false;
    Advance();
    return true;
  }
  bool AcceptWord(std::string_view lower);  // a non-keyword word, case-insensitive
  bool PeekWord(std::string_view lower, size_t ahead = 0) const;
  void Expect(Kw kw);
  void Expect(Punct p);
  [[noreturn]] void Fail(const Token& at, std::string message) const;
  [[noreturn]] void FailExpected(std::string_view what) const;
  bool IsIdentifier(const Token& t) const;  // a word or quoted identifier
  std::string Identifier();                 // consumes one; fails otherwise
  Name QualifiedName();                     // a.b.c
  Name TableName();                         // a qualified name that is not a reserved word
  bool AtImplicitAlias() const;             // next token may be an alias without AS
  std::string ParseAlias();                 // [AS] alias, or "" when none
  void SkipBalanced();                      // skips a (...) group starting at '('
  StringList IdentifierList();              // ( a, b, c )
  // Tokens [first, end) as Spark names an unaliased expression: whitespace between tokens as
  // one space, unquoted words lower-cased, quotes of identifiers removed.
  std::string ExpressionText(size_t first, size_t end) const;

  // --- queries (parser_select.cc)
  QueryPtr ParseQuery();
  QueryPtr ParseQueryAfterWith(QueryPtr query);
  QueryPtr ContinueQuery(QueryPtr first);  // `first` was a parenthesized term
  void ParseWith(PoolVector<Cte>* ctes, bool* recursive);
  bool AtQueryStart(size_t ahead = 0) const;  // SELECT / WITH / VALUES / ( SELECT ...
  std::unique_ptr<SelectCore> ParseSelectCore();
  bool AtSelectClause() const;  // SELECT, or Hive's MAP / REDUCE (a TRANSFORM of their items)
  SelectItem ParseSelectItem(size_t position);
  void ParseStarModifiers(SelectItem* item);  // * EXCEPT (...) / * REPLACE (...)
  SelectItem ParseMapReduce();                // MAP a, b USING 'script' AS ...
  void ParseTransformTail(SelectItem* item);  // [ROW FORMAT] USING 'script' [AS ...] [ROW FORMAT]
  void SkipRowFormat();
  void ParseSelectBody(SelectCore* core);  // after the select list
  PoolVector<FromItem> ParseFromList();
  void CountFromTable();  // fails past kMaxFromTables in the current FROM clause
  FromItem ParseFromItem();
  TableRef ParseTableRef();
  void ParseTableFunctionInput(TableRef* ref);  // name(ON t PARTITION BY ... , args)
  void ParseTableAlias(TableRef* ref);
  void ParseLateralViews(PoolVector<LateralView>* views);
  bool AtJoin() const;
  PoolVector<ExprList> ParseValuesRows();
  void ParseGroupBy(ExprList* out);
  void ParseQueryTail(ExprList* tail);

  // --- expressions (parser_expr.cc, parser_functions.cc)
  ExprPtr ParseExpr();
  ExprPtr ParseBinary(int min_precedence);
  ExprPtr ParseBinaryRest(ExprPtr lhs, int min_precedence);
  ExprPtr ParseOperand();
  ExprPtr ParseUnary();
  ExprPtr ParsePostfix(ExprPtr e);
  ExprPtr ParsePrimary();
  ExprPtr ParsePredicate(ExprPtr lhs);
  ExprPtr ParseParenthesized();
  ExprPtr ParseNamePath();
  ExprPtr ParseFunction(Name name, uint32_t offset);
  void ParseFunctionArgs(Expr* f);
  ExprPtr ParseFunctionArg();
  std::unique_ptr<WindowSpec> ParseWindowSpec();
  ExprPtr ParseCase();
  ExprPtr ParseInterval();
  void ParseType();
  void ParseOrderItems(ExprList* out);
  int BinaryPrecedence(size_t ahead = 0) const;

  // --- statements (parser_statements.cc). ParseInsert, ParseUpdate and ParseDelete stop after
  // RETURNING (they also parse a data-modifying CTE); WholeStatement then expects the end.
  std::unique_ptr<Statement> WholeStatement(std::unique_ptr<Statement> s);
  std::unique_ptr<Statement> ParseInsert(std::unique_ptr<Statement> s);
  InsertTarget ParseInsertTarget();
  void ParseInsertBody(Statement* s, InsertTarget target);
  std::unique_ptr<Statement> ParseFromFirst(std::unique_ptr<Statement> s);
  std::unique_ptr<Statement> ParseCreate(std::unique_ptr<Statement> s);
  std::unique_ptr<Statement> ParseCacheTable(std::unique_ptr<Statement> s);
  std::unique_ptr<Statement> ParseDataModifyingCte();  // INSERT / UPDATE / DELETE ... RETURNING
  void ParseColumnDefinitions(StringList* columns);
  std::unique_ptr<Statement> ParseMerge(std::unique_ptr<Statement> s);
  MergeClause ParseMergeClause();
  std::unique_ptr<Statement> ParseUpdate(std::unique_ptr<Statement> s);
  std::unique_ptr<Statement> ParseDelete(std::unique_ptr<Statement> s);
  PoolVector<Assignment> ParseAssignments();
  std::unique_ptr<Statement> ParseUtility(std::unique_ptr<Statement> s);
  std::unique_ptr<Statement> ParseSet(std::unique_ptr<Statement> s);
  void ParseReturning(Statement* s);
  void SkipToEnd();
  void ExpectEnd();

  // Nesting guard: counts depth for its lifetime; throws past max_depth.
  class DepthGuard {
   public:
    explicit DepthGuard(Parser* parser);
    ~DepthGuard() { --parser_->depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

   private:
    Parser* parser_;
  };

  std::string_view script_;
  const std::vector<Token>& tokens_;
  ParseOptions options_;
  size_t pos_ = 0;
  int depth_ = 0;
  size_t last_implicit_alias_ = SIZE_MAX;  // token index of the latest alias without AS
  size_t from_tables_ = 0;                 // table references in the current FROM clause
};

// The exception thrown inside the parser; caught by sql::ParseStatement.
struct ParseError {
  uint32_t offset;
  std::string message;
};

// Expression node helpers (parser_expr.cc).
ExprPtr MakeExpr(ExprKind kind, uint32_t offset);
// A kOperator node of binary level `precedence` whose first child is `first` (may be null).
ExprPtr MakeOperator(uint8_t precedence, ExprPtr first);
// Appends `rhs` to `lhs` when lhs is an operator of the same level, else builds a new node.
ExprPtr Combine(ExprPtr lhs, ExprPtr rhs, uint8_t precedence);
// True when `t` is a word spelled (case-insensitively) as one of `words` (lower case).
bool IsWordIn(const Token& t, std::initializer_list<std::string_view> words);
bool IsIntervalUnit(const Token& t);  // day, days, hour, ...

// Keywords that cannot start an expression (SELECT, FROM, WHERE, ...).
bool CannotStartExpression(Kw kw);
// Words that cannot name a table or type unquoted: the above plus LEFT, CASE, NOT, NULL, ...
bool IsReservedWord(const Token& t);

// Human form of a token for messages: 'text' (truncated), or "end of statement".
std::string Describe(const Token& t);

}  // namespace internal
}  // namespace linea::sql
