// src/model/fqn.h: fully qualified names.
//
// An FQN is dot-separated segments; a segment holding '.', '"' or whitespace is written in
// double quotes with '"' doubled inside: kafka."geo.moves.v1", files."a ""b"" c".
// Comparison is case-sensitive on the stored (formatted) form.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace linea::model {

// The longest FQN accepted, in bytes: an FQN must stay addressable in a
// URL (percent-encoded, at most three times as long, within the server's 16 KiB target limit).
// Hive allows 128-character database and table names and 767-character column names.
inline constexpr size_t kMaxFqnBytes = 2048;

class Fqn {
 public:
  // Parses `text`. Errors (kInvalidArgument, message names the position): empty text, empty
  // segment ("a..b", "a."), unbalanced quote, text after a closing quote, whitespace or control
  // characters outside quotes, invalid UTF-8, text longer than kMaxFqnBytes.
  static Result<Fqn> Parse(std::string_view text);
  // REQUIRES: `segments` non-empty and no segment empty.
  static Fqn FromSegments(std::vector<std::string> segments);

  const std::vector<std::string>& segments() const { return segments_; }
  size_t size() const { return segments_.size(); }
  // The last segment, unquoted.
  const std::string& name() const { return segments_.back(); }
  // The canonical text form (quotes only where needed).
  std::string ToString() const;
  // All but the last segment. REQUIRES: size() > 1.
  Fqn Prefix() const;
  // This FQN with `name` appended.
  Fqn Child(std::string_view name) const;

  bool operator==(const Fqn& other) const { return segments_ == other.segments_; }

 private:
  explicit Fqn(std::vector<std::string> segments) : segments_(std::move(segments)) {}
  std::vector<std::string> segments_;
};

// `segment` as written inside an FQN: quoted when it holds '.', '"' or whitespace (or is empty).
std::string QuoteSegment(std::string_view segment);
// Appends `name` as a segment to the formatted FQN `parent`.
std::string JoinFqn(std::string_view parent, std::string_view name);
// Canonical form of `text` (re-quoted), or the parse error.
Result<std::string> CanonicalFqn(std::string_view text);

}  // namespace linea::model
