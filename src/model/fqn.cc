#include "model/fqn.h"

#include <algorithm>
#include <cctype>

#include "common/strings.h"

namespace linea::model {
namespace {

bool NeedsQuotes(std::string_view segment) {
  if (segment.empty()) return true;
  for (unsigned char c : segment) {
    if (c == '.' || c == '"' || std::isspace(c) || c < 0x20) return true;
  }
  return false;
}

Status ErrorAt(std::string_view text, size_t pos, std::string_view what) {
  return InvalidArgumentError("invalid FQN \"" + std::string(text) + "\": " + std::string(what) +
                              " at offset " + std::to_string(pos));
}

Status TooLong(std::string_view text) {
  // Quote only the start, cut at a character boundary.
  size_t shown = std::min<size_t>(text.size(), 64);
  while (shown > 0 && shown < text.size() &&
         (static_cast<unsigned char>(text[shown]) & 0xC0) == 0x80) {
    --shown;
  }
  return InvalidArgumentError("invalid FQN \"" + std::string(text.substr(0, shown)) +
                              "…\": longer than " + std::to_string(kMaxFqnBytes) + " bytes (" +
                              std::to_string(text.size()) + ")");
}

}  // namespace

Result<Fqn> Fqn::Parse(std::string_view text) {
  if (text.empty()) return InvalidArgumentError("invalid FQN: empty name");
  if (text.size() > kMaxFqnBytes) return TooLong(text);
  if (!IsValidUtf8(text)) return InvalidArgumentError("invalid FQN: not valid UTF-8");
  std::vector<std::string> segments;
  size_t i = 0;
  while (true) {
    std::string segment;
    if (i < text.size() && text[i] == '"') {
      size_t open = i++;
      bool closed = false;
      while (i < text.size()) {
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            segment += '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        segment += text[i++];
      }
      if (!closed) return ErrorAt(text, open, "unbalanced quote");
      if (segment.empty()) return ErrorAt(text, open, "empty segment");
      if (i < text.size() && text[i] != '.') return ErrorAt(text, i, "text after closing quote");
    } else {
      size_t start = i;
      while (i < text.size() && text[i] != '.') {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '"') return ErrorAt(text, i, "quote inside an unquoted segment");
        if (std::isspace(c) || c < 0x20) return ErrorAt(text, i, "whitespace outside quotes");
        ++i;
      }
      if (i == start) return ErrorAt(text, start, "empty segment");
      segment.assign(text.substr(start, i - start));
    }
    segments.push_back(std::move(segment));
    if (i == text.size()) break;
    ++i;  // the dot
    if (i == text.size()) return ErrorAt(text, i, "empty segment");
  }
  return Fqn(std::move(segments));
}

Fqn Fqn::FromSegments(std::vector<std::string> segments) { return Fqn(std::move(segments)); }

std::string Fqn::ToString() const {
  std::string out;
  for (size_t i = 0; i < segments_.size(); ++i) {
    if (i) out += '.';
    out += QuoteSegment(segments_[i]);
  }
  return out;
}

Fqn Fqn::Prefix() const {
  return Fqn(std::vector<std::string>(segments_.begin(), segments_.end() - 1));
}

Fqn Fqn::Child(std::string_view name) const {
  std::vector<std::string> s = segments_;
  s.emplace_back(name);
  return Fqn(std::move(s));
}

std::string QuoteSegment(std::string_view segment) {
  if (!NeedsQuotes(segment)) return std::string(segment);
  std::string out = "\"";
  for (char c : segment) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string JoinFqn(std::string_view parent, std::string_view name) {
  std::string out(parent);
  out += '.';
  out += QuoteSegment(name);
  return out;
}

Result<std::string> CanonicalFqn(std::string_view text) {
  Result<Fqn> fqn = Fqn::Parse(text);
  if (!fqn.ok()) return fqn.status();
  return fqn->ToString();  // never longer than `text`: quoting only ever drops quotes
}

}  // namespace linea::model
