// src/sql/keywords.cc: keyword lookup, bucketed by first letter (no allocation, no hashing).
#include <array>
#include <string_view>
#include <vector>

#include "sql/token.h"

namespace linea::sql {
namespace {

struct Entry {
  std::string_view name;  // upper case
  Kw kw;
};

constexpr Entry kKeywords[] = {
    {"ALL", Kw::kAll},
    {"ALTER", Kw::kAlter},
    {"AND", Kw::kAnd},
    {"ANTI", Kw::kAnti},
    {"ANY", Kw::kAny},
    {"ARRAY", Kw::kArray},
    {"AS", Kw::kAs},
    {"ASC", Kw::kAsc},
    {"BETWEEN", Kw::kBetween},
    {"BY", Kw::kBy},
    {"CASE", Kw::kCase},
    {"CAST", Kw::kCast},
    {"CLUSTER", Kw::kCluster},
    {"CONFLICT", Kw::kConflict},
    {"CREATE", Kw::kCreate},
    {"CROSS", Kw::kCross},
    {"CUBE", Kw::kCube},
    {"CURRENT", Kw::kCurrent},
    {"DATE", Kw::kDate},
    {"DEFAULT", Kw::kDefault},
    {"DELETE", Kw::kDelete},
    {"DESC", Kw::kDesc},
    {"DISTINCT", Kw::kDistinct},
    {"DISTRIBUTE", Kw::kDistribute},
    {"DIV", Kw::kDiv},
    {"DO", Kw::kDo},
    {"DROP", Kw::kDrop},
    {"ELSE", Kw::kElse},
    {"END", Kw::kEnd},
    {"ESCAPE", Kw::kEscape},
    {"EXCEPT", Kw::kExcept},
    {"EXISTS", Kw::kExists},
    {"EXTERNAL", Kw::kExternal},
    {"FALSE", Kw::kFalse},
    {"FETCH", Kw::kFetch},
    {"FILTER", Kw::kFilter},
    {"FIRST", Kw::kFirst},
    {"FOLLOWING", Kw::kFollowing},
    {"FOR", Kw::kFor},
    {"FROM", Kw::kFrom},
    {"FULL", Kw::kFull},
    {"GLOBAL", Kw::kGlobal},
    {"GROUP", Kw::kGroup},
    {"GROUPING", Kw::kGrouping},
    {"HAVING", Kw::kHaving},
    {"IF", Kw::kIf},
    {"ILIKE", Kw::kIlike},
    {"IN", Kw::kIn},
    {"INNER", Kw::kInner},
    {"INSERT", Kw::kInsert},
    {"INTERSECT", Kw::kIntersect},
    {"INTERVAL", Kw::kInterval},
    {"INTO", Kw::kInto},
    {"IS", Kw::kIs},
    {"JOIN", Kw::kJoin},
    {"LAST", Kw::kLast},
    {"LATERAL", Kw::kLateral},
    {"LEFT", Kw::kLeft},
    {"LIKE", Kw::kLike},
    {"LIMIT", Kw::kLimit},
    {"LOCAL", Kw::kLocal},
    {"MATCHED", Kw::kMatched},
    {"MATERIALIZED", Kw::kMaterialized},
    {"MERGE", Kw::kMerge},
    {"MINUS", Kw::kMinus},
    {"NATURAL", Kw::kNatural},
    {"NOT", Kw::kNot},
    {"NOTHING", Kw::kNothing},
    {"NULL", Kw::kNull},
    {"NULLS", Kw::kNulls},
    {"OFFSET", Kw::kOffset},
    {"ON", Kw::kOn},
    {"ONLY", Kw::kOnly},
    {"OR", Kw::kOr},
    {"ORDER", Kw::kOrder},
    {"ORDINALITY", Kw::kOrdinality},
    {"OUTER", Kw::kOuter},
    {"OVER", Kw::kOver},
    {"OVERWRITE", Kw::kOverwrite},
    {"PARTITION", Kw::kPartition},
    {"PRECEDING", Kw::kPreceding},
    {"QUALIFY", Kw::kQualify},
    {"RANGE", Kw::kRange},
    {"RECURSIVE", Kw::kRecursive},
    {"REGEXP", Kw::kRegexp},
    {"RENAME", Kw::kRename},
    {"REPLACE", Kw::kReplace},
    {"RETURNING", Kw::kReturning},
    {"RIGHT", Kw::kRight},
    {"RLIKE", Kw::kRlike},
    {"ROLLUP", Kw::kRollup},
    {"ROW", Kw::kRow},
    {"ROWS", Kw::kRows},
    {"SELECT", Kw::kSelect},
    {"SEMI", Kw::kSemi},
    {"SET", Kw::kSet},
    {"SETS", Kw::kSets},
    {"SIMILAR", Kw::kSimilar},
    {"SOME", Kw::kSome},
    {"SORT", Kw::kSort},
    {"TABLE", Kw::kTable},
    {"TABLESAMPLE", Kw::kTablesample},
    {"TEMP", Kw::kTemp},
    {"TEMPORARY", Kw::kTemporary},
    {"THEN", Kw::kThen},
    {"TIMESTAMP", Kw::kTimestamp},
    {"TO", Kw::kTo},
    {"TRUE", Kw::kTrue},
    {"TRUNCATE", Kw::kTruncate},
    {"UNBOUNDED", Kw::kUnbounded},
    {"UNION", Kw::kUnion},
    {"UNKNOWN", Kw::kUnknown},
    {"UPDATE", Kw::kUpdate},
    {"USE", Kw::kUse},
    {"USING", Kw::kUsing},
    {"VALUES", Kw::kValues},
    {"VIEW", Kw::kView},
    {"WHEN", Kw::kWhen},
    {"WHERE", Kw::kWhere},
    {"WINDOW", Kw::kWindow},
    {"WITH", Kw::kWith},
    {"WITHIN", Kw::kWithin},
};

constexpr size_t kMaxKeywordLength = 12;

// Entries grouped by first letter and length, built once.
struct Buckets {
  std::array<std::array<std::vector<Entry>, kMaxKeywordLength + 1>, 26> by_letter_length;
  std::vector<std::string_view> names;  // indexed by Kw
  Buckets() {
    names.resize(static_cast<size_t>(Kw::kWithin) + 1);
    for (const Entry& e : kKeywords) {
      by_letter_length[e.name[0] - 'A'][e.name.size()].push_back(e);
      names[static_cast<size_t>(e.kw)] = e.name;
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

std::string_view KeywordName(Kw kw) {
  const auto& names = GetBuckets().names;
  size_t i = static_cast<size_t>(kw);
  return i < names.size() ? names[i] : std::string_view();
}

}  // namespace linea::sql
