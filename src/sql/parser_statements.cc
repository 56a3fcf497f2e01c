// src/sql/parser_statements.cc: INSERT (incl. Hive multi-insert), CREATE, MERGE, UPDATE, DELETE.
#include "sql/parser.h"

namespace linea::sql::internal {
namespace {

// Each branch of a multi-insert binds the shared FROM again: bounded like the FROM itself.
constexpr size_t kMaxInsertBranches = 256;

bool IsConstraintStart(const Parser& p) {
  const Token& t = p.Peek();
  if (t.Is(Kw::kLike)) return true;
  for (std::string_view w : {"primary", "constraint", "unique", "foreign", "check", "key", "index",
                             "exclude", "period", "watermark", "fulltext"}) {
    if (p.PeekWord(w)) return true;
  }
  return false;
}

}  // namespace

std::unique_ptr<Statement> Parser::ParseInsert(std::unique_ptr<Statement> s) {
  Expect(Kw::kInsert);
  s->kind = StatementKind::kInsert;
  InsertTarget target = ParseInsertTarget();
  ParseInsertBody(s.get(), std::move(target));
  ParseReturning(s.get());
  return s;
}

InsertTarget Parser::ParseInsertTarget() {
  InsertTarget target;
  target.offset = Peek().offset;
  if (Accept(Kw::kOverwrite)) {
    if (Accept(Kw::kLocal) || PeekWord("directory")) {
      if (!AcceptWord("directory")) FailExpected("DIRECTORY");
      while (Peek().type != TokenType::kEnd && !AtQueryStart() && !Peek().Is(Kw::kFrom)) {
        Advance();  // 'path' ROW FORMAT ... STORED AS ...
      }
      return target;
    }
    Accept(Kw::kTable);
  } else if (Accept(Kw::kInto)) {
    Accept(Kw::kTable);
  } else {
    FailExpected("INTO or OVERWRITE");
  }
  target.table = TableName();
  while (true) {
    if (Accept(Kw::kPartition)) {
      Expect(Punct::kLParen);
      do {
        PartitionColumn column;
        column.name = Identifier();
        if (Accept(Punct::kEq)) {
          column.is_static = true;
          ParseExpr();
        }
        target.partition.push_back(std::move(column));
      } while (Accept(Punct::kComma));
      Expect(Punct::kRParen);
    } else if (Peek().Is(Kw::kIf)) {
      Advance();
      Expect(Kw::kNot);
      Expect(Kw::kExists);
    } else if (Peek().Is(Punct::kLParen) && !AtQueryStart()) {
      Advance();
      do {
        target.columns.push_back(QualifiedName().back());
      } while (Accept(Punct::kComma));
      Expect(Punct::kRParen);
    } else if (Peek().Is(Kw::kAs) && IsIdentifier(Peek(1)) && !AtQueryStart(1)) {
      Advance();
      target.alias = Identifier();
    } else if (PeekWord("overriding")) {
      Advance();
      Advance();
      AcceptWord("value");
    } else if (Peek().Is(Kw::kBy) && PeekWord("name", 1)) {
      Advance();
      Advance();
    } else {
      return target;
    }
  }
}

void Parser::ParseInsertBody(Statement* s, InsertTarget target) {
  InsertBranch branch;
  branch.target = std::move(target);
  if (Accept(Kw::kDefault)) {
    Expect(Kw::kValues);
  } else if (AtQueryStart()) {
    branch.query = ParseQuery();
  } else {
    FailExpected("SELECT or VALUES");
  }
  s->inserts.push_back(std::move(branch));
  if (!Peek().Is(Kw::kOn) || !Peek(1).Is(Kw::kConflict)) return;
  Advance();
  Advance();
  s->on_conflict = std::make_unique<OnConflict>();
  OnConflict* oc = s->on_conflict.get();
  if (Peek().Is(Punct::kLParen)) {
    SkipBalanced();
    if (Accept(Kw::kWhere)) oc->conditions.push_back(ParseExpr());
  } else if (Accept(Kw::kOn)) {
    if (!AcceptWord("constraint")) FailExpected("CONSTRAINT");
    Identifier();
  }
  Expect(Kw::kDo);
  if (Accept(Kw::kNothing)) return;
  Expect(Kw::kUpdate);
  Expect(Kw::kSet);
  oc->do_update = true;
  oc->set = ParseAssignments();
  if (Accept(Kw::kWhere)) oc->conditions.push_back(ParseExpr());
}

std::unique_ptr<Statement> Parser::ParseFromFirst(std::unique_ptr<Statement> s) {
  Expect(Kw::kFrom);
  s->shared_from = ParseFromList();
  if (Peek().Is(Kw::kInsert)) {
    s->kind = StatementKind::kInsert;
    while (Accept(Kw::kInsert)) {
      InsertBranch branch;
      branch.target = ParseInsertTarget();
      if (!AtSelectClause()) FailExpected("SELECT");
      branch.query = ParseQuery();
      s->inserts.push_back(std::move(branch));
      if (s->inserts.size() > kMaxInsertBranches) {
        Fail(Peek(), "more than " + std::to_string(kMaxInsertBranches) +
                         " INSERT branches in one statement");
      }
    }
    ExpectEnd();
    return s;
  }
  if (!AtSelectClause()) FailExpected("INSERT or SELECT");
  s->kind = StatementKind::kSelect;
  auto query = std::make_unique<Query>();
  query->ctes = std::move(s->ctes);
  query->recursive = s->recursive_ctes;
  s->query = ParseQueryAfterWith(std::move(query));
  SelectCore* first = s->query->terms.front().select.get();
  if (first->from.empty()) first->from = std::move(s->shared_from);
  s->shared_from.clear();
  ExpectEnd();
  return s;
}

std::unique_ptr<Statement> Parser::ParseCreate(std::unique_ptr<Statement> s) {
  Expect(Kw::kCreate);
  if (Accept(Kw::kOr)) Expect(Kw::kReplace);
  while (true) {
    if (Accept(Kw::kTemporary) || Accept(Kw::kTemp)) {
      s->temporary = true;
    } else if (Accept(Kw::kGlobal)) {
      s->global = true;
    } else if (!(Accept(Kw::kLocal) || Accept(Kw::kExternal) || Accept(Kw::kMaterialized) ||
                 AcceptWord("unlogged") || AcceptWord("transient") || AcceptWord("secure"))) {
      break;
    }
  }
  bool view = Accept(Kw::kView);
  if (!view && !Accept(Kw::kTable)) {
    s->kind = StatementKind::kOther;  // CREATE DATABASE / FUNCTION / INDEX / ...
    SkipToEnd();
    return s;
  }
  if (Accept(Kw::kIf)) {
    Expect(Kw::kNot);
    Expect(Kw::kExists);
  }
  s->target = TableName();
  if (Peek().Is(Punct::kLParen) && !AtQueryStart()) ParseColumnDefinitions(&s->columns);
  if (view) {
    s->kind = StatementKind::kCreateView;
    while (Peek().type != TokenType::kEnd && !Peek().Is(Kw::kAs)) {
      if (Peek().Is(Punct::kLParen)) {
        SkipBalanced();
      } else {
        Advance();  // COMMENT '...', TBLPROPERTIES (...), USING ..., OPTIONS (...)
      }
    }
    if (Accept(Kw::kAs)) {
      s->query = ParseQuery();
      if (Accept(Kw::kWith)) SkipToEnd();  // WITH [CASCADED | LOCAL] CHECK OPTION
      ExpectEnd();
    }
    return s;
  }
  s->kind = StatementKind::kCreateTable;
  while (Peek().type != TokenType::kEnd) {
    if (Peek().Is(Kw::kAs) && (AtQueryStart(1) || Peek(1).Is(Kw::kFrom))) {
      Advance();
      s->kind = StatementKind::kCreateTableAs;
      s->query = ParseQuery();
      if (Accept(Kw::kWith) || AcceptWord("distributed")) SkipToEnd();  // WITH DATA, Greenplum
      ExpectEnd();
      return s;
    }
    if (PeekWord("partitioned") && Peek(1).Is(Kw::kBy) && Peek(2).Is(Punct::kLParen)) {
      Advance();
      Advance();
      ParseColumnDefinitions(&s->partition_columns);
    } else if (Peek().Is(Punct::kLParen)) {
      SkipBalanced();
    } else {
      Advance();
    }
  }
  return s;
}

// ( name type ..., CONSTRAINT ..., ... ): appends the column names.
void Parser::ParseColumnDefinitions(StringList* columns) {
  Expect(Punct::kLParen);
  while (true) {
    if (!IsConstraintStart(*this)) columns->push_back(Identifier());
    int angle = 0;
    while (angle > 0 || (!Peek().Is(Punct::kComma) && !Peek().Is(Punct::kRParen))) {
      const Token& t = Peek();
      if (t.type == TokenType::kEnd) FailExpected("')'");
      if (t.Is(Punct::kLParen)) {
        SkipBalanced();
        continue;
      }
      if (t.Is(Punct::kLt)) ++angle;
      if (t.Is(Punct::kGt)) --angle;
      if (t.Is(Punct::kShiftRight)) angle -= 2;
      if (angle < 0) angle = 0;
      Advance();
    }
    if (Accept(Punct::kRParen)) return;
    Expect(Punct::kComma);
  }
}

std::unique_ptr<Statement> Parser::ParseMerge(std::unique_ptr<Statement> s) {
  Expect(Kw::kMerge);
  Accept(Kw::kInto);
  s->kind = StatementKind::kMerge;
  s->target = TableName();
  s->target_alias = ParseAlias();
  Expect(Kw::kUsing);
  s->merge_source = ParseTableRef();
  Expect(Kw::kOn);
  s->condition = ParseExpr();
  if (!Peek().Is(Kw::kWhen)) FailExpected("WHEN");
  while (Peek().Is(Kw::kWhen)) s->merge_clauses.push_back(ParseMergeClause());
  ExpectEnd();
  return s;
}

MergeClause Parser::ParseMergeClause() {
  Expect(Kw::kWhen);
  MergeClause c;
  c.matched = !Accept(Kw::kNot);
  Expect(Kw::kMatched);
  if (Accept(Kw::kBy)) {
    if (AcceptWord("source")) {
      c.matched = true;  // acts on target rows, like MATCHED
    } else if (!AcceptWord("target")) {
      FailExpected("SOURCE or TARGET");
    }
  }
  if (Accept(Kw::kAnd)) c.condition = ParseExpr();
  Expect(Kw::kThen);
  if (Accept(Kw::kUpdate)) {
    Expect(Kw::kSet);
    c.action = MergeAction::kUpdate;
    if (Accept(Punct::kStar)) {
      c.star = true;
    } else {
      c.set = ParseAssignments();
    }
  } else if (Accept(Kw::kDelete)) {
    c.action = MergeAction::kDelete;
  } else if (Accept(Kw::kInsert)) {
    c.action = MergeAction::kInsert;
    if (Accept(Punct::kStar)) {
      c.star = true;
      return c;
    }
    if (Accept(Punct::kLParen)) {
      do {
        c.insert_columns.push_back(QualifiedName().back());
      } while (Accept(Punct::kComma));
      Expect(Punct::kRParen);
    }
    if (Accept(Kw::kDefault)) {
      Expect(Kw::kValues);
      return c;
    }
    Expect(Kw::kValues);
    Expect(Punct::kLParen);
    do {
      c.insert_values.push_back(ParseExpr());
    } while (Accept(Punct::kComma));
    Expect(Punct::kRParen);
  } else if (Accept(Kw::kDo)) {
    Expect(Kw::kNothing);
    c.action = MergeAction::kNothing;
  } else {
    FailExpected("UPDATE, DELETE or INSERT");
  }
  return c;
}

PoolVector<Assignment> Parser::ParseAssignments() {
  PoolVector<Assignment> out;
  do {
    Assignment a;
    if (Accept(Punct::kLParen)) {
      do {
        a.columns.push_back(QualifiedName().back());
      } while (Accept(Punct::kComma));
      Expect(Punct::kRParen);
      Expect(Punct::kEq);
      Accept(Kw::kRow);
    } else {
      a.columns.push_back(QualifiedName().back());
      if (Peek().Is(Punct::kLBracket)) {  // SET arr[1] = ...
        Advance();
        ParseExpr();
        Expect(Punct::kRBracket);
      }
      Expect(Punct::kEq);
    }
    a.value = ParseExpr();
    out.push_back(std::move(a));
  } while (Accept(Punct::kComma));
  return out;
}

std::unique_ptr<Statement> Parser::ParseUpdate(std::unique_ptr<Statement> s) {
  Expect(Kw::kUpdate);
  s->kind = StatementKind::kUpdate;
  Accept(Kw::kOnly);
  s->target = TableName();
  s->target_alias = ParseAlias();
  Expect(Kw::kSet);
  s->assignments = ParseAssignments();
  if (Accept(Kw::kFrom)) s->from = ParseFromList();
  if (Accept(Kw::kWhere)) s->condition = ParseExpr();
  ParseReturning(s.get());
  return s;
}

std::unique_ptr<Statement> Parser::ParseDelete(std::unique_ptr<Statement> s) {
  Expect(Kw::kDelete);
  Accept(Kw::kFrom);
  s->kind = StatementKind::kDelete;
  Accept(Kw::kOnly);
  s->target = TableName();
  s->target_alias = ParseAlias();
  if (Accept(Kw::kUsing)) s->from = ParseFromList();
  if (Accept(Kw::kWhere)) s->condition = ParseExpr();
  ParseReturning(s.get());
  return s;
}

void Parser::ParseReturning(Statement* s) {
  if (!Accept(Kw::kReturning)) return;
  do {
    s->returning.push_back(ParseSelectItem(s->returning.size()));
  } while (Accept(Punct::kComma));
}

std::unique_ptr<Statement> Parser::ParseDataModifyingCte() {
  auto s = std::make_unique<Statement>();
  s->offset = Peek().offset;
  if (Peek().Is(Kw::kInsert)) return ParseInsert(std::move(s));
  if (Peek().Is(Kw::kUpdate)) return ParseUpdate(std::move(s));
  if (Peek().Is(Kw::kDelete)) return ParseDelete(std::move(s));
  FailExpected("SELECT, INSERT, UPDATE or DELETE");
}

std::unique_ptr<Statement> Parser::ParseCacheTable(std::unique_ptr<Statement> s) {
  AcceptWord("cache");
  AcceptWord("lazy");
  Expect(Kw::kTable);
  s->target = TableName();
  if (PeekWord("options") && Peek(1).Is(Punct::kLParen)) {
    Advance();
    SkipBalanced();
  }
  Accept(Kw::kAs);
  if (!AtQueryStart()) {  // CACHE TABLE t: caches an existing table, no lineage
    s->kind = StatementKind::kOther;
    SkipToEnd();
    return s;
  }
  s->kind = StatementKind::kCreateView;  // Spark: a temporary view of the query, cached
  s->temporary = true;
  s->query = ParseQuery();
  ExpectEnd();
  return s;
}

}  // namespace linea::sql::internal
