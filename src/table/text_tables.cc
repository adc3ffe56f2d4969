#include "table/text_tables.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>

#include "table/fuzzy.h"
#include "table/row_labels.h"

namespace vnplan::table {
namespace {

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == text.size()) break;
    start = end + 1;
  }
  return lines;
}

std::vector<std::string_view> SplitOn(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t end = line.find(sep, start);
    if (end == std::string_view::npos) {
      out.push_back(line.substr(start));
      break;
    }
    out.push_back(line.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool IsBlank(std::string_view line) { return CollapseSpaces(line).empty(); }

size_t CountChar(std::string_view s, char c) { return std::count(s.begin(), s.end(), c); }

bool IsTsvLine(std::string_view line) { return CountChar(line, '\t') >= 2; }

// "\tcell" (optionally preceded by spaces) with exactly one tab.
bool IsCellLine(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  return i < line.size() && line[i] == '\t' && CountChar(line, '\t') == 1;
}

std::string_view CellLineText(std::string_view line) {
  return line.substr(line.find('\t') + 1);
}

bool IsMarkdownLine(std::string_view line) {
  std::string t = CollapseSpaces(line);
  return t.size() >= 3 && t.front() == '|' && CountChar(t, '|') >= 3;
}

// Cells made only of '-', ':', '=' and spaces, at least one dash overall.
bool IsSeparatorRow(const std::vector<std::string_view>& fields) {
  bool dash = false;
  for (auto f : fields) {
    for (char c : f) {
      if (c == '-' || c == '=') {
        dash = true;
      } else if (c != ':' && c != ' ' && c != '+' && c != '\t') {
        return false;
      }
    }
  }
  return dash;
}

Cell TextCell(std::string_view raw) {
  Cell cell;
  cell.text = CleanCellText(raw);
  return cell;
}

void AppendText(std::string* into, std::string_view more) {
  if (more.empty()) return;
  if (!into->empty()) into->push_back(' ');
  into->append(more);
}

// A row whose first two cells are empty but which has text elsewhere: the
// rest of a row cut by a page break in the exporter.
bool IsContinuationRow(const std::vector<Cell>& row) {
  if (row.size() < 3) return false;
  if (!row[0].text.empty() || !row[1].text.empty()) return false;
  for (const auto& c : row) {
    if (!c.text.empty()) return true;
  }
  return false;
}

void MergeInto(std::vector<Cell>* previous, std::vector<Cell>&& row) {
  if (previous->size() < row.size()) previous->resize(row.size());
  for (size_t k = 0; k < row.size(); ++k) AppendText(&(*previous)[k].text, row[k].text);
}

bool AllEmpty(const std::vector<Cell>& row) {
  return std::all_of(row.begin(), row.end(), [](const Cell& c) { return c.text.empty(); });
}

struct Found {
  size_t first_line;
  size_t end_line;  // one past the last line consumed
  Table table;
};

// Tab-separated block starting at `i`.
Found ParseTsv(const std::vector<std::string_view>& lines, size_t i) {
  Found f{i, i, {}};
  f.table.format = TableFormat::kTsv;
  size_t j = i;
  size_t last_table_line = i;
  while (j < lines.size() && (IsTsvLine(lines[j]) || IsBlank(lines[j]))) {
    if (IsTsvLine(lines[j])) {
      last_table_line = j;
      auto fields = SplitOn(lines[j], '\t');
      if (!IsSeparatorRow(fields)) {
        std::vector<Cell> row;
        for (auto field : fields) row.push_back(TextCell(field));
        if (!AllEmpty(row)) {
          if (!f.table.rows.empty() && IsContinuationRow(row)) {
            MergeInto(&f.table.rows.back(), std::move(row));
          } else {
            f.table.rows.push_back(std::move(row));
          }
        }
      }
    }
    ++j;
  }
  f.end_line = last_table_line + 1;
  f.table.header_rows = f.table.rows.empty() ? 0 : 1;
  PadRows(&f.table);
  return f;
}

bool StartsRow(const std::vector<std::string>& chunk) {
  if (chunk.size() == 1) return ParseRowLabel(chunk[0]).kind == LabelKind::kLevel;
  if (chunk.size() >= 2) {
    LabelKind k0 = ParseRowLabel(chunk[0]).kind;
    if (k0 == LabelKind::kLevel || k0 == LabelKind::kStandard || k0 == LabelKind::kCriterion) {
      return true;
    }
    LabelKind k1 = ParseRowLabel(chunk[1]).kind;
    return k1 == LabelKind::kStandard || k1 == LabelKind::kCriterion;
  }
  return false;
}

// One-cell-per-line region starting at `i`. Returns a table with no rows if
// the region holds no table (layout blocks).
Found ParseCellLines(const std::vector<std::string_view>& lines, size_t i, int min_columns) {
  Found f{i, i, {}};
  f.table.format = TableFormat::kCellLines;
  size_t j = i;
  std::vector<std::vector<std::string>> chunks(1);
  std::vector<size_t> chunk_start(1, i);
  size_t last_cell_line = i;
  while (j < lines.size() && (IsCellLine(lines[j]) || IsBlank(lines[j]))) {
    if (IsCellLine(lines[j])) {
      if (chunks.back().empty()) chunk_start.back() = j;
      chunks.back().push_back(CleanCellText(CellLineText(lines[j])));
      last_cell_line = j;
    } else if (!chunks.back().empty()) {
      chunks.emplace_back();
      chunk_start.push_back(j);
    }
    ++j;
  }
  if (chunks.back().empty()) {
    chunks.pop_back();
    chunk_start.pop_back();
  }
  f.end_line = last_cell_line + 1;
  // The header: the first chunk with at least min_columns cells.
  size_t header = 0;
  while (header < chunks.size() && chunks[header].size() < static_cast<size_t>(min_columns)) {
    ++header;
  }
  if (header == chunks.size()) return f;
  f.first_line = chunk_start[header];
  const size_t ncols = chunks[header].size();
  std::vector<std::vector<std::string>> rows{chunks[header]};
  bool row_complete = true;
  for (size_t c = header + 1; c < chunks.size(); ++c) {
    auto& chunk = chunks[c];
    if (rows.size() == 1 || StartsRow(chunk) || rows.back().size() + chunk.size() > ncols ||
        row_complete) {
      rows.push_back(chunk);
    } else {
      rows.back().insert(rows.back().end(), chunk.begin(), chunk.end());
    }
    row_complete = rows.back().size() >= ncols;
  }
  for (auto& r : rows) {
    std::vector<Cell> row;
    for (auto& text : r) {
      Cell cell;
      cell.text = std::move(text);
      row.push_back(std::move(cell));
    }
    if (AllEmpty(row)) continue;
    if (f.table.rows.size() > 1 && IsContinuationRow(row)) {
      MergeInto(&f.table.rows.back(), std::move(row));
    } else {
      f.table.rows.push_back(std::move(row));
    }
  }
  f.table.header_rows = 1;
  PadRows(&f.table);
  return f;
}

Found ParseMarkdown(const std::vector<std::string_view>& lines, size_t i) {
  Found f{i, i, {}};
  f.table.format = TableFormat::kMarkdown;
  size_t j = i;
  while (j < lines.size() && IsMarkdownLine(lines[j])) {
    std::string t = CollapseSpaces(lines[j]);
    std::string_view body(t);
    body.remove_prefix(1);
    if (!body.empty() && body.back() == '|') body.remove_suffix(1);
    auto fields = SplitOn(body, '|');
    if (!IsSeparatorRow(fields)) {
      std::vector<Cell> row;
      for (auto field : fields) row.push_back(TextCell(field));
      if (!f.table.rows.empty() && IsContinuationRow(row)) {
        MergeInto(&f.table.rows.back(), std::move(row));
      } else if (!AllEmpty(row)) {
        f.table.rows.push_back(std::move(row));
      }
    }
    ++j;
  }
  f.end_line = j;
  f.table.header_rows = f.table.rows.empty() ? 0 : 1;
  PadRows(&f.table);
  return f;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int SpanAttribute(std::string_view tag, std::string_view name) {
  std::string lower = Lower(tag);
  size_t p = lower.find(name);
  if (p == std::string::npos) return 1;
  p += name.size();
  while (p < lower.size() && (lower[p] == ' ' || lower[p] == '=' || lower[p] == '"' ||
                              lower[p] == '\'')) {
    ++p;
  }
  int v = 0;
  while (p < lower.size() && std::isdigit(static_cast<unsigned char>(lower[p]))) {
    v = v * 10 + (lower[p++] - '0');
  }
  return v > 0 ? v : 1;
}

// Parses the <table> markup in `html` (rows, cells, colspan, rowspan).
Table ParseHtmlTable(std::string_view html) {
  Table table;
  table.format = TableFormat::kHtml;
  std::string lower = Lower(html);
  std::vector<std::vector<int>> occupied;  // rowspan carry-over per column
  size_t pos = 0;
  while (true) {
    size_t tr = lower.find("<tr", pos);
    if (tr == std::string::npos) break;
    size_t tr_end = lower.find("</tr", tr);
    if (tr_end == std::string::npos) tr_end = lower.size();
    std::vector<Cell> row;
    size_t cpos = tr;
    const size_t r = table.rows.size();
    while (true) {
      size_t td = lower.find("<t", cpos + 1);
      while (td != std::string::npos && td < tr_end && lower.compare(td, 3, "<td") != 0 &&
             lower.compare(td, 3, "<th") != 0) {
        td = lower.find("<t", td + 1);
      }
      if (td == std::string::npos || td >= tr_end) break;
      size_t open_end = lower.find('>', td);
      if (open_end == std::string::npos) break;
      size_t close = lower.find("</t", open_end);
      size_t next_cell = lower.find("<t", open_end);
      size_t end = std::min({close, next_cell, tr_end});
      std::string_view tag = html.substr(td, open_end - td);
      // Columns still covered by a rowspan from above.
      while (r < occupied.size() && row.size() < occupied[r].size() && occupied[r][row.size()]) {
        Cell covered;
        covered.row_span = 0;
        covered.col_span = 0;
        row.push_back(covered);
      }
      Cell cell = TextCell(html.substr(open_end + 1, end - open_end - 1));
      cell.col_span = SpanAttribute(tag, "colspan");
      cell.row_span = SpanAttribute(tag, "rowspan");
      size_t col = row.size();
      row.push_back(cell);
      for (int k = 1; k < cell.col_span; ++k) {
        Cell covered;
        covered.col_span = 0;
        covered.row_span = 0;
        row.push_back(covered);
      }
      for (int dr = 1; dr < cell.row_span; ++dr) {
        if (occupied.size() <= r + dr) occupied.resize(r + dr + 1);
        auto& occ = occupied[r + dr];
        if (occ.size() < col + cell.col_span) occ.resize(col + cell.col_span, 0);
        for (int k = 0; k < cell.col_span; ++k) occ[col + k] = 1;
      }
      cpos = end;
    }
    if (!row.empty()) table.rows.push_back(std::move(row));
    pos = tr_end + 1;
  }
  table.header_rows = table.rows.empty() ? 0 : 1;
  PadRows(&table);
  return table;
}

bool IsBareNumber(std::string_view text, int* value) {
  std::string t = CollapseSpaces(text);
  if (t.empty() || t.size() > 3) return false;
  int v = 0;
  for (char c : t) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *value = v;
  return true;
}

struct Paragraph {
  std::string text;  // collapsed; "" for a whitespace-only line
  size_t first_line, last_line;
};

// Tables written one cell per paragraph (seed 001): k header paragraphs,
// then rows of k paragraphs whose first is the row number 1, 2, 3, ...
void FindParagraphTables(const std::vector<std::string_view>& lines,
                         const std::vector<bool>& consumed, int min_columns,
                         std::vector<Found>* found) {
  // Paragraphs: runs of non-empty lines; a whitespace-only line is its own
  // (empty) paragraph. Consumed lines break paragraphs.
  std::vector<Paragraph> paras;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (consumed[i] || lines[i].empty()) continue;
    if (IsBlank(lines[i])) {
      paras.push_back({"", i, i});
      continue;
    }
    Paragraph p{CleanCellText(lines[i]), i, i};
    while (i + 1 < lines.size() && !consumed[i + 1] && !IsBlank(lines[i + 1])) {
      ++i;
      AppendText(&p.text, CleanCellText(lines[i]));
      p.last_line = i;
    }
    paras.push_back(std::move(p));
  }
  size_t n = paras.size();
  for (size_t p = 0; p < n; ++p) {
    int v = 0;
    if (!IsBareNumber(paras[p].text, &v) || v != 1) continue;
    // Row width: distance to the "2" paragraph.
    size_t k = 0;
    for (size_t q = p + 1; q < n && q <= p + 12; ++q) {
      int w = 0;
      if (IsBareNumber(paras[q].text, &w) && w == 2) {
        k = q - p;
        break;
      }
    }
    if (k < static_cast<size_t>(min_columns) || p < k) continue;
    // Header: the k paragraphs before "1", short and non-numeric.
    bool header_ok = true;
    for (size_t h = p - k; h < p; ++h) {
      int w = 0;
      if (paras[h].text.empty() || paras[h].text.size() > 120 || IsBareNumber(paras[h].text, &w)) {
        header_ok = false;
      }
    }
    if (!header_ok) continue;
    Found f{paras[p - k].first_line, 0, {}};
    f.table.format = TableFormat::kParagraphs;
    f.table.header_rows = 1;
    std::vector<Cell> header;
    for (size_t h = p - k; h < p; ++h) header.push_back(TextCell(paras[h].text));
    f.table.rows.push_back(std::move(header));
    size_t q = p;
    int expected = 1;
    while (q + k <= n) {
      int w = 0;
      if (!IsBareNumber(paras[q].text, &w) || w != expected) break;
      std::vector<Cell> row;
      for (size_t c = q; c < q + k; ++c) row.push_back(TextCell(paras[c].text));
      f.table.rows.push_back(std::move(row));
      f.end_line = paras[q + k - 1].last_line + 1;
      q += k;
      ++expected;
    }
    if (f.table.rows.size() < 3) continue;
    found->push_back(std::move(f));
    p = q - 1;
  }
}


// ---- OCR'd text with '|' column hints (seed 003) --------------------------

// "VI. TO CHUC THUC HIEN": a section heading ends the table.
bool IsSectionHeading(std::string_view line) {
  std::string t = CollapseSpaces(line);
  size_t i = 0;
  while (i < t.size() && (t[i] == 'I' || t[i] == 'V' || t[i] == 'X')) ++i;
  return i > 0 && i < t.size() && t[i] == '.' && i + 1 < t.size();
}

// The label word of a criterion/standard at the start of an OCR line,
// possibly glued to the text ("Tiéuchi |Cac"). Returns the kind and the
// byte length of the prefix it occupies (label word only, no number).
LabelKind LeadingLabelWord(std::string_view line, size_t* length) {
  std::string t(line);
  // Try the first one or two whitespace-separated words.
  std::vector<size_t> ends;
  for (size_t i = 0; i <= t.size(); ++i) {
    if (i == t.size() || t[i] == ' ' || t[i] == '|' || t[i] == '[' || t[i] == '{') {
      if (i > 0 && (ends.empty() || ends.back() != i)) ends.push_back(i);
      if (ends.size() == 2) break;
    }
  }
  for (size_t e : ends) {
    std::string word = FoldAlnum(t.substr(0, e));
    while (!word.empty() && word.back() >= '0' && word.back() <= '9') word.pop_back();
    if (word.empty()) continue;
    if (EditDistance(word, "tieuchi") <= 1) {
      *length = e;
      return LabelKind::kCriterion;
    }
    if (EditDistance(word, "tieuchuan") <= 2) {
      *length = e;
      return LabelKind::kStandard;
    }
  }
  return LabelKind::kNone;
}

// A criterion number at the start of a line: "1.1", "2.4", "35", "53".
bool LeadingNumber(std::string_view line, std::string* number, size_t* length) {
  size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  size_t start = i;
  while (i < line.size() && ((line[i] >= '0' && line[i] <= '9') || line[i] == '.')) ++i;
  if (i == start || (i < line.size() && line[i] != ' ' && line[i] != '|' && line[i] != '[' &&
                     line[i] != '{' && line[i] != '/')) {
    return false;
  }
  std::string n(line.substr(start, i - start));
  while (!n.empty() && n.back() == '.') n.pop_back();
  if (n.empty() || n.size() > 6) return false;
  *number = n;
  *length = i;
  return true;
}

std::vector<std::string> SplitPipes(std::string_view line) {
  std::vector<std::string> pieces(1);
  for (char c : line) {
    if (c == '|' || c == '[' || c == '{') {
      pieces.emplace_back();
    } else {
      pieces.back().push_back(c);
    }
  }
  for (auto& p : pieces) p = CollapseSpaces(p);
  return pieces;
}

// Finds the plan table in OCR'd text: from the first level/standard label
// line to the next section heading. Its header was not readable, so the
// canonical nine headers are used. Cells of a criterion row are laid out by
// the '|' pieces of each line, in order (approximate).
std::optional<Found> ParsePipeOcr(const std::vector<std::string_view>& lines,
                                  const std::vector<bool>& consumed) {
  static const std::vector<std::string> kHeader = {
      "TT", "Tiêu chuẩn, tiêu chí", "Kết quả cần đạt (so với hiện trạng)",
      "Công việc/giải pháp cần thực hiện", "Chủ trì và phối hợp thực hiện",
      "Thời gian thực hiện và hoàn thành", "Dự kiến kinh phí", "Điều kiện hỗ trợ khác", "Ghi chú"};
  size_t first = lines.size();
  for (size_t i = 0; i < lines.size(); ++i) {
    if (consumed[i]) continue;
    if (ParseRowLabel(lines[i]).kind == LabelKind::kLevel) {
      first = i;
      break;
    }
  }
  if (first == lines.size()) return std::nullopt;
  size_t end = first;
  while (end < lines.size() && !consumed[end] && !IsSectionHeading(lines[end])) ++end;
  // The unreadable header block just above (up to the previous blank line).
  size_t header_start = first;
  while (header_start > 0 && !consumed[header_start - 1] && !IsBlank(lines[header_start - 1])) {
    --header_start;
  }
  Found f{header_start, end, {}};
  f.table.format = TableFormat::kPipeOcr;
  f.table.header_rows = 1;
  std::vector<Cell> header;
  for (const auto& h : kHeader) header.push_back(TextCell(h));
  f.table.rows.push_back(std::move(header));
  int criteria = 0;
  std::vector<Cell>* row = nullptr;
  bool need_number = false;
  bool standard_pending = false;
  for (size_t i = first; i < end; ++i) {
    std::string line = CollapseSpaces(lines[i]);
    if (line.empty()) continue;
    RowLabel whole = ParseRowLabel(line);
    if (whole.kind == LabelKind::kLevel) {
      f.table.rows.push_back(std::vector<Cell>(9));
      f.table.rows.back()[0].text = line;
      row = nullptr;
      continue;
    }
    // "1 Tieu chun 1: ..." (TT number first), "Tiéu chuan 3: ...".
    std::string tt, body = line;
    {
      std::string number;
      size_t len = 0;
      if (LeadingNumber(line, &number, &len) && number.find('.') == std::string::npos) {
        size_t l2 = 0;
        if (LeadingLabelWord(CollapseSpaces(line.substr(len)), &l2) == LabelKind::kStandard) {
          tt = number;
          body = CollapseSpaces(line.substr(len));
        }
      }
    }
    size_t word_len = 0;
    LabelKind lead = LeadingLabelWord(body, &word_len);
    if (standard_pending && row) {
      // "Tiéu chuin" alone, then "2: Can bo ..." on a later line.
      (*row)[1].text += " " + body;
      standard_pending = false;
      continue;
    }
    if (lead == LabelKind::kStandard) {
      f.table.rows.push_back(std::vector<Cell>(9));
      row = &f.table.rows.back();
      (*row)[0].text = tt;
      (*row)[1].text = body;
      standard_pending = ParseRowLabel(body).kind != LabelKind::kStandard;
      row = standard_pending ? row : nullptr;
      need_number = false;
      continue;
    }
    if (lead == LabelKind::kCriterion) {
      f.table.rows.push_back(std::vector<Cell>(9));
      row = &f.table.rows.back();
      ++criteria;
      std::string label = CollapseSpaces(body.substr(0, word_len));
      std::string rest = CollapseSpaces(body.substr(word_len));
      std::string number;
      size_t len = 0;
      if (LeadingNumber(rest, &number, &len)) {
        label += " " + number;
        rest = CollapseSpaces(rest.substr(len));
        need_number = false;
      } else {
        need_number = true;
      }
      (*row)[1].text = label;
      line = rest;
    } else if (need_number && row) {
      std::string number;
      size_t len = 0;
      if (LeadingNumber(line, &number, &len)) {
        (*row)[1].text += " " + number;
        line = CollapseSpaces(line.substr(len));
        need_number = false;
      }
    }
    if (!row || line.empty()) continue;
    auto pieces = SplitPipes(line);
    if (pieces.size() > 1 && pieces[0].empty()) pieces.erase(pieces.begin());
    for (size_t k = 0; k < pieces.size(); ++k) {
      size_t col = std::min<size_t>(2 + k, 8);
      AppendText(&(*row)[col].text, pieces[k]);
    }
  }
  if (criteria < 2) return std::nullopt;
  return f;
}

}  // namespace

TextTables ExtractTablesFromText(std::string_view utf8, const TextTableOptions& options) {
  TextTables result;
  auto lines = SplitLines(utf8);
  std::vector<bool> consumed(lines.size(), false);
  std::vector<Found> found;
  auto accept = [&](Found&& f) {
    if (f.table.rows.size() < 2 || f.table.columns() < static_cast<size_t>(options.min_columns)) {
      return false;
    }
    for (size_t k = f.first_line; k < f.end_line; ++k) consumed[k] = true;
    found.push_back(std::move(f));
    return true;
  };

  for (size_t i = 0; i < lines.size();) {
    std::string_view line = lines[i];
    if (IsTsvLine(line)) {
      Found f = ParseTsv(lines, i);
      size_t next = f.end_line;
      accept(std::move(f));
      i = next;
    } else if (IsCellLine(line)) {
      Found f = ParseCellLines(lines, i, options.min_columns);
      size_t next = f.end_line;
      accept(std::move(f));
      i = std::max(next, i + 1);
    } else if (IsMarkdownLine(line)) {
      Found f = ParseMarkdown(lines, i);
      size_t next = f.end_line;
      accept(std::move(f));
      i = std::max(next, i + 1);
    } else if (Lower(line).find("<table") != std::string::npos) {
      // Gather lines up to </table>.
      size_t j = i;
      std::string html;
      while (j < lines.size()) {
        html.append(lines[j]);
        html.push_back('\n');
        if (Lower(lines[j]).find("</table") != std::string::npos) break;
        ++j;
      }
      Found f{i, std::min(j + 1, lines.size()), ParseHtmlTable(html)};
      accept(std::move(f));
      i = std::min(j + 1, lines.size());
    } else {
      ++i;
    }
  }
  if (options.pipe_ocr_tables) {
    bool has_plan = false;
    for (const auto& f : found) {
      for (const auto& row : f.table.rows) {
        for (const auto& c : row) {
          if (ParseRowLabel(c.text).kind == LabelKind::kCriterion) has_plan = true;
        }
      }
    }
    if (!has_plan) {
      if (auto f = ParsePipeOcr(lines, consumed)) accept(std::move(*f));
    }
  }
  if (options.paragraph_tables) {
    std::vector<Found> more;
    FindParagraphTables(lines, consumed, options.min_columns, &more);
    for (auto& f : more) accept(std::move(f));
  }
  std::sort(found.begin(), found.end(),
            [](const Found& a, const Found& b) { return a.first_line < b.first_line; });
  for (auto& f : found) result.tables.push_back(std::move(f.table));

  // Remaining text: unconsumed lines; one empty line per table.
  for (size_t i = 0; i < lines.size(); ++i) {
    if (consumed[i]) {
      if (i == 0 || !consumed[i - 1]) result.text.append("\n");
      continue;
    }
    std::string_view line = lines[i];
    if (IsCellLine(line)) line = CellLineText(line);
    result.text.append(line);
    if (i + 1 < lines.size()) result.text.push_back('\n');
  }
  return result;
}

}  // namespace vnplan::table
