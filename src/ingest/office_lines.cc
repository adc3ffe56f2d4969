#include "ingest/office_lines.h"

#include <algorithm>

#include "common/utf8.h"

namespace vnplan::ingest {
namespace {

int TextCells(const std::vector<std::string>& cells) {
  return static_cast<int>(
      std::count_if(cells.begin(), cells.end(), [](const std::string& s) { return !s.empty(); }));
}

// One past the last cell with text.
size_t UsedWidth(const std::vector<std::string>& cells) {
  size_t n = cells.size();
  while (n > 0 && cells[n - 1].empty()) --n;
  return n;
}

}  // namespace

void AppendParagraph(std::string_view text, std::vector<std::string>* lines) {
  size_t start = 0;
  for (size_t end; (end = text.find('\n', start)) != std::string_view::npos; start = end + 1) {
    lines->push_back(CollapseSpaces(text.substr(start, end - start)));
  }
  lines->push_back(CollapseSpaces(text.substr(start)));
}

std::string CellLine(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) {
    const std::string flat = CollapseSpaces(line);
    if (flat.empty()) continue;
    if (!text.empty()) text.push_back(' ');
    text += flat;
  }
  return text;
}

void AppendRow(const std::vector<std::string>& cells, std::vector<std::string>* lines) {
  if (TextCells(cells) == 0) return;
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) line.push_back('\t');
    line += cells[i];
  }
  lines->push_back(std::move(line));
}

void AppendHeader(std::vector<std::string> header, std::vector<std::string>* lines) {
  // Letters: ASCII ones, and every non-ASCII character (Vietnamese letters;
  // a page number is digits, spaces and dashes).
  const auto has_letter = [](const std::string& line) {
    return std::any_of(line.begin(), line.end(), [](char c) {
      const auto u = static_cast<unsigned char>(c);
      return u >= 0x80 || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z');
    });
  };
  std::erase_if(header, [&](const std::string& line) { return !has_letter(line); });
  if (header.empty()) return;
  for (std::string& line : header) lines->push_back(std::move(line));
  lines->emplace_back();
}

std::string JoinLines(const std::vector<std::string>& lines) {
  size_t first = 0, end = lines.size();
  while (first < end && lines[first].empty()) ++first;
  while (end > first && lines[end - 1].empty()) --end;
  std::string text;
  for (size_t i = first; i < end; ++i) {
    text += lines[i];
    text.push_back('\n');
  }
  return text;
}

void AppendSheet(const std::vector<SheetRow>& rows, std::vector<std::string>* lines) {
  std::vector<SheetRow> kept;
  for (const SheetRow& r : rows) {
    SheetRow flat{r.row, {}};
    for (const std::string& cell : r.cells) flat.cells.push_back(CollapseSpaces(cell));
    flat.cells.resize(UsedWidth(flat.cells));
    if (!flat.cells.empty()) kept.push_back(std::move(flat));
  }
  const size_t n = kept.size();
  std::vector<bool> table(n);
  for (size_t i = 0; i < n; ++i) table[i] = TextCells(kept[i].cells) >= 2;
  std::vector<bool> row_of_table = table;
  for (size_t i = 1; i < n; ++i) {
    if (table[i] || !row_of_table[i - 1]) continue;
    const bool between = i + 1 < n && table[i + 1];
    const bool indented = kept[i].cells.size() > 1;  // its one text cell is not the first
    row_of_table[i] = between || indented;
  }
  for (size_t i = 0; i < n;) {
    if (!row_of_table[i]) {
      if (i > 0 && kept[i].row > kept[i - 1].row + 1) lines->emplace_back();
      const std::vector<std::string>& cells = kept[i].cells;
      lines->push_back(*std::find_if(cells.begin(), cells.end(),
                                     [](const std::string& s) { return !s.empty(); }));
      ++i;
      continue;
    }
    size_t end = i, width = 0;
    while (end < n && row_of_table[end]) width = std::max(width, UsedWidth(kept[end++].cells));
    for (size_t k = i; k < end; ++k) {
      if (k > 0 && kept[k].row > kept[k - 1].row + 1) lines->emplace_back();
      std::vector<std::string> cells = kept[k].cells;
      cells.resize(width);
      AppendRow(cells, lines);
    }
    i = end;
  }
}

}  // namespace vnplan::ingest
