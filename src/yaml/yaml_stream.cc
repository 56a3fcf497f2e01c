#include "yaml/yaml_stream.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

#include <exception>
#include <sstream>
#include <utility>

#include "common/strings.h"

namespace linea::yaml {
namespace {

constexpr std::string_view kBom = "\xef\xbb\xbf";

// 1-based line of the first line that is not valid UTF-8, or 0 when all are. ('\n' never
// occurs inside a multi-byte sequence, so checking line by line is exact.)
int FirstInvalidUtf8Line(std::string_view text) {
  int line = 1;
  while (true) {
    size_t end = text.find('\n');
    if (!IsValidUtf8(text.substr(0, end))) return line;
    if (end == std::string_view::npos) return 0;
    text.remove_prefix(end + 1);
    ++line;
  }
}

size_t CountOf(std::string_view text, std::string_view what) {
  size_t count = 0;
  for (size_t pos = text.find(what); pos != std::string_view::npos;
       pos = text.find(what, pos + 1)) {
    ++count;
  }
  return count;
}

// Ignores every event but remembers where the latest document started.
class DocumentProbe : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override { last_start_ = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

  const YAML::Mark& last_start() const { return last_start_; }

 private:
  YAML::Mark last_start_;
};

// Line where yaml-cpp stops making progress, or 0. A stream holds at most one document more
// than it has "---" and "..." markers; when the parser reports more, it is looping on a token
// it cannot consume. Throws what the parser throws.
int StuckDocumentLine(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  DocumentProbe probe;
  size_t limit = 1 + CountOf(text, "---") + CountOf(text, "...");
  for (size_t documents = 0; parser.HandleNextDocument(probe);) {
    if (++documents > limit) return probe.last_start().line + 1;
  }
  return 0;
}

// True when the quoted scalar opening at text[pos] has no closing quote.
bool QuoteRunsToEnd(std::string_view text, size_t pos) {
  char quote = text[pos];
  for (size_t i = pos + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;
    } else if (text[i] == quote) {
      if (quote != '\'' || i + 1 >= text.size() || text[i + 1] != '\'') return false;
      ++i;  // '' inside single quotes
    }
  }
  return true;
}

// Line of an unterminated quoted scalar, or 0. Only the stream's last scalar can be one (it
// runs to the end), so this walks down the last entries only: O(depth), alias-safe.
int UnterminatedQuoteLine(std::string_view text, const std::vector<YAML::Node>& docs) {
  if (docs.empty()) return 0;
  YAML::Node node = docs.back();  // moved with reset(): Node::operator= would write the tree
  while (node.IsMap() || (node.IsSequence() && node.size() > 0)) {
    if (node.IsSequence()) {
      node.reset(std::as_const(node)[node.size() - 1]);
      continue;
    }
    YAML::const_iterator last = node.begin();
    for (auto it = node.begin(); it != node.end(); ++it) last = it;
    if (last == node.end()) return 0;
    node.reset(last->second.IsNull() ? last->first : last->second);
  }
  if (!node.IsScalar() || node.Tag() != "!" || node.Mark().pos < 0) return 0;
  size_t pos = static_cast<size_t>(node.Mark().pos);
  if (StartsWith(text, kBom)) pos += kBom.size();  // yaml-cpp does not count the BOM
  if (pos >= text.size() || (text[pos] != '"' && text[pos] != '\'')) return 0;
  return QuoteRunsToEnd(text, pos) ? node.Mark().line + 1 : 0;
}

int LineOf(const YAML::Mark& mark) { return mark.line >= 0 ? mark.line + 1 : 1; }

YamlStream Error(int line, std::string message) {
  return YamlStream{{}, YamlError{line, std::move(message)}};
}

}  // namespace

YamlStream LoadYamlStream(std::string_view text) {
  if (int line = FirstInvalidUtf8Line(text)) return Error(line, "file is not valid UTF-8");
  std::string copy(text);
  try {
    if (int line = StuckDocumentLine(copy)) {
      return Error(line, "YAML syntax error: unexpected ',' or text after the document");
    }
    std::vector<YAML::Node> docs = YAML::LoadAll(copy);
    if (int line = UnterminatedQuoteLine(text, docs)) {
      return Error(line, "YAML syntax error: unterminated quoted string");
    }
    return YamlStream{std::move(docs), std::nullopt};
  } catch (const YAML::DeepRecursion& e) {
    return Error(LineOf(e.mark),
                 "YAML nesting too deep (gave up at depth " + std::to_string(e.depth()) + ")");
  } catch (const YAML::Exception& e) {
    return Error(LineOf(e.mark), "YAML syntax error: " + e.msg);
  } catch (const std::exception& e) {
    return Error(1, std::string("cannot read YAML: ") + e.what());
  }
}

}  // namespace linea::yaml
