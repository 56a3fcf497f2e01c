// src/cli/text_table.h: aligned plain-text tables for human-readable CLI output.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace linea::cli {

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  // REQUIRES: cells.size() == header size.
  void AddRow(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  // A full-width line printed under the previous row (e.g. a path), indented.
  void AddNote(std::string note) { notes_.emplace_back(rows_.size(), std::move(note)); }
  bool empty() const { return rows_.empty(); }
  // Columns are padded to their widest cell; the last column is not padded.
  void Print(std::ostream& out, const std::string& indent = "  ") const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::pair<size_t, std::string>> notes_;  // (rows before it, text)
};

// Redraws a one-line progress bar "[====    ] done/total unit" on stderr in place, ending the
// line when done == total. Only for a terminal (the caller checks isatty).
void DrawProgress(size_t done, size_t total, const std::string& unit);

// Display width of UTF-8 text (code points; good enough for names and arrows).
size_t DisplayWidth(const std::string& s);

}  // namespace linea::cli
