// src/sql/token.h: tokens produced by sql::Lexer. A token's text is a view into the script (or
// into the lexer's arena for substituted ${variables}); it never owns memory.
#pragma once

#include <cstdint>
#include <string_view>

namespace linea::sql {

enum class TokenType : uint8_t {
  kEnd,          // end of statement (at ';' or end of script)
  kWord,         // identifier or keyword, possibly containing unknown ${var} segments
  kQuotedIdent,  // `x` (Hive/Spark) or "x" (PostgreSQL); text keeps the quotes
  kString,       // '...', Hive/Spark "...", E'...', $tag$...$tag$; text keeps the quotes
  kNumber,       // 1, 1.5, .5, 1e10, 10L, 1.5BD
  kParam,        // ?, $1 (a :name parameter is a ":" then a word)
  kPunct,        // operators and punctuation, see Punct
  kError,        // lexical error; text is the error message
};

enum class Punct : uint8_t {
  kNone,
  kLParen,
  kRParen,
  kComma,
  kDot,
  kSemicolon,
  kStar,
  kPlus,
  kMinus,
  kSlash,
  kPercent,
  kEq,
  kEqEq,
  kNotEq,
  kLt,
  kLe,
  kGt,
  kGe,
  kNullSafeEq,  // <=>
  kConcat,      // ||
  kColonColon,  // ::
  kColon,
  kLBracket,
  kRBracket,
  kLBrace,
  kRBrace,
  kAmp,
  kPipe,
  kCaret,
  kTilde,
  kBang,
  kShiftLeft,
  kShiftRight,
  kArrow,        // ->
  kFatArrow,     // =>
  kOtherBinary,  // any other operator (PostgreSQL ->>, #>, @>, <@, ~*, !~, ...)
};

// Keywords the parser dispatches on. Words that are not listed are kNone (plain identifiers);
// a listed keyword can still be an identifier where the grammar allows it.
enum class Kw : uint16_t {
  kNone,
  kAll,
  kAlter,
  kAnd,
  kAnti,
  kAny,
  kArray,
  kAs,
  kAsc,
  kBetween,
  kBy,
  kCase,
  kCast,
  kCluster,
  kConflict,
  kCreate,
  kCross,
  kCube,
  kCurrent,
  kDate,
  kDefault,
  kDelete,
  kDesc,
  kDistinct,
  kDistribute,
  kDiv,
  kDo,
  kDrop,
  kElse,
  kEnd,
  kEscape,
  kExcept,
  kExists,
  kExternal,
  kFalse,
  kFetch,
  kFilter,
  kFirst,
  kFollowing,
  kFor,
  kFrom,
  kFull,
  kGlobal,
  kGroup,
  kGrouping,
  kHaving,
  kIf,
  kIlike,
  kIn,
  kInner,
  kInsert,
  kIntersect,
  kInterval,
  kInto,
  kIs,
  kJoin,
  kLast,
  kLateral,
  kLeft,
  kLike,
  kLimit,
  kLocal,
  kMaterialized,
  kMatched,
  kMerge,
  kMinus,
  kNatural,
  kNot,
  kNothing,
  kNull,
  kNulls,
  kOffset,
  kOn,
  kOnly,
  kOr,
  kOrder,
  kOrdinality,
  kOuter,
  kOver,
  kOverwrite,
  kPartition,
  kPreceding,
  kQualify,
  kRange,
  kRecursive,
  kRegexp,
  kRename,
  kReplace,
  kReturning,
  kRight,
  kRlike,
  kRollup,
  kRow,
  kRows,
  kSelect,
  kSemi,
  kSet,
  kSets,
  kSimilar,
  kSome,
  kSort,
  kTable,
  kTablesample,
  kTemp,
  kTemporary,
  kThen,
  kTimestamp,
  kTo,
  kTrue,
  kTruncate,
  kUnbounded,
  kUnion,
  kUnknown,
  kUpdate,
  kUse,
  kUsing,
  kValues,
  kView,
  kWhen,
  kWhere,
  kWindow,
  kWith,
  kWithin,
};

// The keyword spelled by `word` (any case), or Kw::kNone.
Kw LookupKeyword(std::string_view word);

// How the parser treats a keyword where a name or an expression may stand (keywords.cc's
// table says which is which):
//   kClause      starts or continues a clause or an operator (FROM, JOIN, AND, AS, THEN, …):
//                it cannot start an expression and is never a table or type name;
//   kReserved    starts something of its own (CASE, NOT, NULL, CREATE, LEFT, …): never a table
//                or type name, but may start an expression;
//   kUnreserved  everything else (DATE, ARRAY, VIEW, …): also usable as a name.
enum class KeywordCategory : uint8_t { kUnreserved, kReserved, kClause };
KeywordCategory CategoryOf(Kw kw);

// The upper-case spelling of `kw` ("SELECT"); "" for kNone.
std::string_view KeywordName(Kw kw);

struct Token {
  TokenType type = TokenType::kEnd;
  Punct punct = Punct::kNone;  // kPunct only
  Kw kw = Kw::kNone;           // kWord only
  uint32_t offset = 0;         // byte offset in the script (a substituted value: the ${ offset)
  std::string_view text;       // raw text, quotes included; kError: the message

  bool Is(Kw k) const { return type == TokenType::kWord && kw == k; }
  bool Is(Punct p) const { return type == TokenType::kPunct && punct == p; }
};

}  // namespace linea::sql
