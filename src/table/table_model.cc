#include "table/table_model.h"

#include <algorithm>
#include <cstdlib>

#include "common/utf8.h"
#include "table/fuzzy.h"

namespace vnplan::table {

const char* TableFormatName(TableFormat format) {
  switch (format) {
    case TableFormat::kTsv: return "tsv";
    case TableFormat::kCellLines: return "cell-lines";
    case TableFormat::kParagraphs: return "paragraphs";
    case TableFormat::kMarkdown: return "markdown";
    case TableFormat::kHtml: return "html";
    case TableFormat::kPipeOcr: return "pipe-ocr";
    case TableFormat::kGrid: return "grid";
    case TableFormat::kWords: return "words";
  }
  return "unknown";
}

std::string CleanCellText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '<') {
      // A tag: letters, optional '/', up to '>' within 40 bytes.
      size_t end = text.find('>', i);
      if (end != std::string_view::npos && end - i <= 40 && i + 1 < text.size() &&
          (std::isalpha(static_cast<unsigned char>(text[i + 1])) || text[i + 1] == '/')) {
        std::string_view tag = text.substr(i + 1, end - i - 1);
        bool is_break = tag.starts_with("br") || tag.starts_with("BR") ||
                        tag.starts_with("/p") || tag.starts_with("/P");
        out.push_back(is_break ? '\n' : ' ');
        if (!is_break) out.pop_back();
        i = end + 1;
        continue;
      }
    }
    if (c == '&') {
      static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
          {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
          {"&nbsp;", " "}, {"&apos;", "'"}};
      bool done = false;
      for (auto [name, value] : kEntities) {
        if (text.substr(i).starts_with(name)) {
          out.append(value);
          i += name.size();
          done = true;
          break;
        }
      }
      if (done) continue;
      if (text.substr(i).starts_with("&#")) {
        size_t semi = text.find(';', i);
        if (semi != std::string_view::npos && semi - i <= 10) {
          std::string num(text.substr(i + 2, semi - i - 2));
          long cp = (!num.empty() && (num[0] == 'x' || num[0] == 'X'))
                        ? std::strtol(num.c_str() + 1, nullptr, 16)
                        : std::strtol(num.c_str(), nullptr, 10);
          if (cp > 0 && cp < 0x110000) {
            AppendUtf8(static_cast<char32_t>(cp), &out);
            i = semi + 1;
            continue;
          }
        }
      }
    }
    if ((c == '*' || c == '_') && i + 1 < text.size() && text[i + 1] == c) {
      i += 2;
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return CollapseSpaces(out);
}

void SetLines(std::vector<Cell>* row, int first, int last) {
  for (Cell& cell : *row) {
    cell.line = first;
    cell.last_line = last;
  }
}

void ExtendLines(std::vector<Cell>* row, int first, int last) {
  for (Cell& cell : *row) {
    cell.line = cell.line > 0 ? std::min(cell.line, first) : first;
    cell.last_line = std::max(cell.last_line, last);
  }
}

double RowSimilarity(const std::vector<Cell>& a, const std::vector<Cell>& b) {
  if (a.size() != b.size()) return 0;
  double sum = 0;
  int cells = 0;
  for (size_t c = 0; c < a.size(); ++c) {
    if (a[c].text.empty() && b[c].text.empty()) continue;
    sum += Similarity(Fold(a[c].text), Fold(b[c].text));
    ++cells;
  }
  return cells > 0 ? sum / cells : 0;
}

void PadRows(Table* table) {
  size_t width = 0;
  for (const auto& row : table->rows) width = std::max(width, row.size());
  for (auto& row : table->rows) row.resize(width);
}

}  // namespace vnplan::table
