#include "ingest/querylog/query_log.h"

#include <map>

#include <nlohmann/json.hpp>

#include "common/strings.h"

namespace linea::querylog {
namespace {

// One CSV row starting at `*pos`; advances `*pos` and `*line` past it.
Result<std::vector<std::string>> CsvRow(std::string_view text, size_t* pos, int* line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  int start_line = *line;
  size_t i = *pos;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++*line;
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c == '\n') {
      ++*line;
      ++i;
      break;
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  if (quoted) {
    return InvalidArgumentError("line " + std::to_string(start_line) + ": unbalanced quote");
  }
  *pos = i;
  return fields;
}

int ColumnOf(const std::vector<std::string>& header, std::initializer_list<const char*> names) {
  for (size_t i = 0; i < header.size(); ++i) {
    std::string h = ToLower(Trim(header[i]));
    for (const char* n : names) {
      if (h == n) return static_cast<int>(i);
    }
  }
  return -1;
}

Result<std::vector<QueryRecord>> ReadCsv(std::string_view text) {
  size_t pos = 0;
  int line = 1;
  Result<std::vector<std::string>> header = CsvRow(text, &pos, &line);
  if (!header.ok()) return header.status();
  int query = ColumnOf(*header, {"query_text", "query", "sql"});
  if (query < 0) return InvalidArgumentError("line 1: no query_text column in the CSV header");
  int db = ColumnOf(*header, {"database", "db"});
  int user = ColumnOf(*header, {"user", "user_name", "username"});
  int time = ColumnOf(*header, {"start_time", "time", "timestamp"});
  std::vector<QueryRecord> records;
  while (pos < text.size()) {
    int start = line;
    Result<std::vector<std::string>> row = CsvRow(text, &pos, &line);
    if (!row.ok()) return row.status();
    if (row->size() == 1 && Trim((*row)[0]).empty()) continue;
    auto field = [&](int i) { return i >= 0 && i < static_cast<int>(row->size()) ? (*row)[i] : ""; };
    records.push_back({field(query), field(db), field(user), field(time), start});
  }
  return records;
}

Result<std::vector<QueryRecord>> ReadJsonl(std::string_view text) {
  std::vector<QueryRecord> records;
  int line = 0;
  for (const std::string& raw : Split(text, '\n')) {
    ++line;
    if (Trim(raw).empty()) continue;
    nlohmann::json j = nlohmann::json::parse(raw, nullptr, false);
    std::string where = "line " + std::to_string(line) + ": ";
    if (j.is_discarded() || !j.is_object()) return InvalidArgumentError(where + "not a JSON object");
    auto text_of = [&](const char* key) {
      auto it = j.find(key);
      return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    std::string query = text_of("query_text");
    if (query.empty()) query = text_of("query");
    if (query.empty()) return InvalidArgumentError(where + "no query_text");
    records.push_back({query, text_of("database"), text_of("user"), text_of("start_time"), line});
  }
  return records;
}

}  // namespace

std::optional<LogFormat> ParseLogFormat(std::string_view name) {
  if (name == "text") return LogFormat::kText;
  if (name == "csv") return LogFormat::kCsv;
  if (name == "jsonl") return LogFormat::kJsonl;
  return std::nullopt;
}

Result<std::vector<QueryRecord>> ReadQueryLog(std::string_view text, LogFormat format) {
  switch (format) {
    case LogFormat::kText: return std::vector<QueryRecord>{{std::string(text), "", "", "", 1}};
    case LogFormat::kCsv: return ReadCsv(text);
    case LogFormat::kJsonl: return ReadJsonl(text);
  }
  return InternalError("unknown log format");
}

}  // namespace linea::querylog
