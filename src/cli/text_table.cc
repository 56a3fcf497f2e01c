#include "cli/text_table.h"

#include <algorithm>
#include <cstdio>

namespace linea::cli {

void DrawProgress(size_t done, size_t total, const std::string& unit) {
  constexpr int kWidth = 30;
  const int filled = total ? static_cast<int>(kWidth * done / total) : kWidth;
  std::fprintf(stderr, "\r\033[K[%s%s] %zu/%zu %s", std::string(filled, '=').c_str(),
               std::string(kWidth - filled, ' ').c_str(), done, total, unit.c_str());
  if (done == total) std::fputc('\n', stderr);
}

size_t DisplayWidth(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

void TextTable::Print(std::ostream& out, const std::string& indent) const {
  std::vector<size_t> width(header_.size());
  auto measure = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size() && i < width.size(); ++i) {
      width[i] = std::max(width[i], DisplayWidth(row[i]));
    }
  };
  measure(header_);
  for (const auto& row : rows_) measure(row);
  auto print_row = [&](const std::vector<std::string>& row) {
    out << indent;
    for (size_t i = 0; i < row.size(); ++i) {
      out << row[i];
      if (i + 1 < row.size()) out << std::string(width[i] - DisplayWidth(row[i]) + 2, ' ');
    }
    out << "\n";
  };
  print_row(header_);
  size_t note = 0;
  for (size_t r = 0; r <= rows_.size(); ++r) {
    for (; note < notes_.size() && notes_[note].first == r; ++note) {
      out << indent << "    " << notes_[note].second << "\n";
    }
    if (r < rows_.size()) print_row(rows_[r]);
  }
}

}  // namespace linea::cli
