// src/sql/keywords.cc: the keyword table — spelling, Kw and category (DuckDB's keyword
// categories, simplified) — and its lookup, bucketed by first letter (no allocation, no
// hashing).
#include <array>
#include <string_view>
#include <vector>

#include "sql/token.h"

namespace linea::sql {
namespace {

struct Entry {
  std::string_view name;  // upper case
  Kw kw;
  KeywordCategory category;
};

constexpr Entry kKeywords[] = {
    {"ALL", Kw::kAll, KeywordCategory::kUnreserved},
    {"ALTER", Kw::kAlter, KeywordCategory::kReserved},
    {"AND", Kw::kAnd, KeywordCategory::kClause},
    {"ANTI", Kw::kAnti, KeywordCategory::kUnreserved},
    {"ANY", Kw::kAny, KeywordCategory::kUnreserved},
    {"ARRAY", Kw::kArray, KeywordCategory::kUnreserved},
    {"AS", Kw::kAs, KeywordCategory::kClause},
    {"ASC", Kw::kAsc, KeywordCategory::kUnreserved},
    {"BETWEEN", Kw::kBetween, KeywordCategory::kClause},
    {"BY", Kw::kBy, KeywordCategory::kUnreserved},
    {"CASE", Kw::kCase, KeywordCategory::kReserved},
    {"CAST", Kw::kCast, KeywordCategory::kUnreserved},
    {"CLUSTER", Kw::kCluster, KeywordCategory::kUnreserved},
    {"CONFLICT", Kw::kConflict, KeywordCategory::kUnreserved},
    {"CREATE", Kw::kCreate, KeywordCategory::kReserved},
    {"CROSS", Kw::kCross, KeywordCategory::kClause},
    {"CUBE", Kw::kCube, KeywordCategory::kUnreserved},
    {"CURRENT", Kw::kCurrent, KeywordCategory::kUnreserved},
    {"DATE", Kw::kDate, KeywordCategory::kUnreserved},
    {"DEFAULT", Kw::kDefault, KeywordCategory::kUnreserved},
    {"DELETE", Kw::kDelete, KeywordCategory::kReserved},
    {"DESC", Kw::kDesc, KeywordCategory::kUnreserved},
    {"DISTINCT", Kw::kDistinct, KeywordCategory::kReserved},
    {"DISTRIBUTE", Kw::kDistribute, KeywordCategory::kUnreserved},
    {"DIV", Kw::kDiv, KeywordCategory::kUnreserved},
    {"DO", Kw::kDo, KeywordCategory::kUnreserved},
    {"DROP", Kw::kDrop, KeywordCategory::kReserved},
    {"ELSE", Kw::kElse, KeywordCategory::kClause},
    {"END", Kw::kEnd, KeywordCategory::kClause},
    {"ESCAPE", Kw::kEscape, KeywordCategory::kUnreserved},
    {"EXCEPT", Kw::kExcept, KeywordCategory::kClause},
    {"EXISTS", Kw::kExists, KeywordCategory::kReserved},
    {"EXTERNAL", Kw::kExternal, KeywordCategory::kUnreserved},
    {"FALSE", Kw::kFalse, KeywordCategory::kReserved},
    {"FETCH", Kw::kFetch, KeywordCategory::kUnreserved},
    {"FILTER", Kw::kFilter, KeywordCategory::kUnreserved},
    {"FIRST", Kw::kFirst, KeywordCategory::kUnreserved},
    {"FOLLOWING", Kw::kFollowing, KeywordCategory::kUnreserved},
    {"FOR", Kw::kFor, KeywordCategory::kUnreserved},
    {"FROM", Kw::kFrom, KeywordCategory::kClause},
    {"FULL", Kw::kFull, KeywordCategory::kReserved},
    {"GLOBAL", Kw::kGlobal, KeywordCategory::kUnreserved},
    {"GROUP", Kw::kGroup, KeywordCategory::kClause},
    {"GROUPING", Kw::kGrouping, KeywordCategory::kUnreserved},
    {"HAVING", Kw::kHaving, KeywordCategory::kClause},
    {"IF", Kw::kIf, KeywordCategory::kUnreserved},
    {"ILIKE", Kw::kIlike, KeywordCategory::kClause},
    {"IN", Kw::kIn, KeywordCategory::kClause},
    {"INNER", Kw::kInner, KeywordCategory::kClause},
    {"INSERT", Kw::kInsert, KeywordCategory::kClause},
    {"INTERSECT", Kw::kIntersect, KeywordCategory::kClause},
    {"INTERVAL", Kw::kInterval, KeywordCategory::kUnreserved},
    {"INTO", Kw::kInto, KeywordCategory::kClause},
    {"IS", Kw::kIs, KeywordCategory::kClause},
    {"JOIN", Kw::kJoin, KeywordCategory::kClause},
    {"LAST", Kw::kLast, KeywordCategory::kUnreserved},
    {"LATERAL", Kw::kLateral, KeywordCategory::kReserved},
    {"LEFT", Kw::kLeft, KeywordCategory::kReserved},
    {"LIKE", Kw::kLike, KeywordCategory::kClause},
    {"LIMIT", Kw::kLimit, KeywordCategory::kClause},
    {"LOCAL", Kw::kLocal, KeywordCategory::kUnreserved},
    {"MATCHED", Kw::kMatched, KeywordCategory::kUnreserved},
    {"MATERIALIZED", Kw::kMaterialized, KeywordCategory::kUnreserved},
    {"MERGE", Kw::kMerge, KeywordCategory::kReserved},
    {"MINUS", Kw::kMinus, KeywordCategory::kUnreserved},
    {"NATURAL", Kw::kNatural, KeywordCategory::kClause},
    {"NOT", Kw::kNot, KeywordCategory::kReserved},
    {"NOTHING", Kw::kNothing, KeywordCategory::kUnreserved},
    {"NULL", Kw::kNull, KeywordCategory::kReserved},
    {"NULLS", Kw::kNulls, KeywordCategory::kUnreserved},
    {"OFFSET", Kw::kOffset, KeywordCategory::kUnreserved},
    {"ON", Kw::kOn, KeywordCategory::kClause},
    {"ONLY", Kw::kOnly, KeywordCategory::kUnreserved},
    {"OR", Kw::kOr, KeywordCategory::kClause},
    {"ORDER", Kw::kOrder, KeywordCategory::kClause},
    {"ORDINALITY", Kw::kOrdinality, KeywordCategory::kUnreserved},
    {"OUTER", Kw::kOuter, KeywordCategory::kClause},
    {"OVER", Kw::kOver, KeywordCategory::kClause},
    {"OVERWRITE", Kw::kOverwrite, KeywordCategory::kUnreserved},
    {"PARTITION", Kw::kPartition, KeywordCategory::kUnreserved},
    {"PRECEDING", Kw::kPreceding, KeywordCategory::kUnreserved},
    {"QUALIFY", Kw::kQualify, KeywordCategory::kClause},
    {"RANGE", Kw::kRange, KeywordCategory::kUnreserved},
    {"RECURSIVE", Kw::kRecursive, KeywordCategory::kUnreserved},
    {"REGEXP", Kw::kRegexp, KeywordCategory::kClause},
    {"RENAME", Kw::kRename, KeywordCategory::kUnreserved},
    {"REPLACE", Kw::kReplace, KeywordCategory::kUnreserved},
    {"RETURNING", Kw::kReturning, KeywordCategory::kClause},
    {"RIGHT", Kw::kRight, KeywordCategory::kReserved},
    {"RLIKE", Kw::kRlike, KeywordCategory::kClause},
    {"ROLLUP", Kw::kRollup, KeywordCategory::kUnreserved},
    {"ROW", Kw::kRow, KeywordCategory::kUnreserved},
    {"ROWS", Kw::kRows, KeywordCategory::kUnreserved},
    {"SELECT", Kw::kSelect, KeywordCategory::kClause},
    {"SEMI", Kw::kSemi, KeywordCategory::kUnreserved},
    {"SET", Kw::kSet, KeywordCategory::kClause},
    {"SETS", Kw::kSets, KeywordCategory::kUnreserved},
    {"SIMILAR", Kw::kSimilar, KeywordCategory::kUnreserved},
    {"SOME", Kw::kSome, KeywordCategory::kUnreserved},
    {"SORT", Kw::kSort, KeywordCategory::kUnreserved},
    {"TABLE", Kw::kTable, KeywordCategory::kUnreserved},
    {"TABLESAMPLE", Kw::kTablesample, KeywordCategory::kUnreserved},
    {"TEMP", Kw::kTemp, KeywordCategory::kUnreserved},
    {"TEMPORARY", Kw::kTemporary, KeywordCategory::kUnreserved},
    {"THEN", Kw::kThen, KeywordCategory::kClause},
    {"TIMESTAMP", Kw::kTimestamp, KeywordCategory::kUnreserved},
    {"TO", Kw::kTo, KeywordCategory::kUnreserved},
    {"TRUE", Kw::kTrue, KeywordCategory::kReserved},
    {"TRUNCATE", Kw::kTruncate, KeywordCategory::kUnreserved},
    {"UNBOUNDED", Kw::kUnbounded, KeywordCategory::kUnreserved},
    {"UNION", Kw::kUnion, KeywordCategory::kClause},
    {"UNKNOWN", Kw::kUnknown, KeywordCategory::kUnreserved},
    {"UPDATE", Kw::kUpdate, KeywordCategory::kReserved},
    {"USE", Kw::kUse, KeywordCategory::kUnreserved},
    {"USING", Kw::kUsing, KeywordCategory::kClause},
    {"VALUES", Kw::kValues, KeywordCategory::kClause},
    {"VIEW", Kw::kView, KeywordCategory::kUnreserved},
    {"WHEN", Kw::kWhen, KeywordCategory::kClause},
    {"WHERE", Kw::kWhere, KeywordCategory::kClause},
    {"WINDOW", Kw::kWindow, KeywordCategory::kClause},
    {"WITH", Kw::kWith, KeywordCategory::kClause},
    {"WITHIN", Kw::kWithin, KeywordCategory::kUnreserved},
};

constexpr size_t kMaxKeywordLength = 12;

// Entries grouped by first letter and length, built once.
struct Buckets {
  std::array<std::array<std::vector<Entry>, kMaxKeywordLength + 1>, 26> by_letter_length;
  std::vector<std::string_view> names;      // indexed by Kw
  std::vector<KeywordCategory> categories;  // indexed by Kw
  Buckets() {
    names.resize(static_cast<size_t>(Kw::kWithin) + 1);
    categories.resize(names.size(), KeywordCategory::kUnreserved);
    for (const Entry& e : kKeywords) {
      by_letter_length[e.name[0] - 'A'][e.name.size()].push_back(e);
      names[static_cast<size_t>(e.kw)] = e.name;
      categories[static_cast<size_t>(e.kw)] = e.category;
    }
  }
};

// Built during static initialization; nothing calls LookupKeyword before main().
const Buckets kBuckets;

const Buckets& GetBuckets() { return kBuckets; }

char Upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

}  // namespace

Kw LookupKeyword(std::string_view word) {
  if (word.size() < 2 || word.size() > kMaxKeywordLength) return Kw::kNone;
  char first = Upper(word[0]);
  if (first < 'A' || first > 'Z') return Kw::kNone;
  for (const Entry& e : GetBuckets().by_letter_length[first - 'A'][word.size()]) {
    size_t i = 1;
    while (i < word.size() && Upper(word[i]) == e.name[i]) ++i;
    if (i == word.size()) return e.kw;
  }
  return Kw::kNone;
}

KeywordCategory CategoryOf(Kw kw) {
  const auto& categories = GetBuckets().categories;
  size_t i = static_cast<size_t>(kw);
  return i < categories.size() ? categories[i] : KeywordCategory::kUnreserved;
}

std::string_view KeywordName(Kw kw) {
  const auto& names = GetBuckets().names;
  size_t i = static_cast<size_t>(kw);
  return i < names.size() ? names[i] : std::string_view();
}

}  // namespace linea::sql
