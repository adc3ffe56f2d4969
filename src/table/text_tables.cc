#include "table/text_tables.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <compare>
#include <cstring>
#include <map>
#include <optional>
#include <tuple>
#include <utility>

#include "table/fuzzy.h"
#include "table/html_tables.h"
#include "table/printed_width.h"
#include "table/captions.h"
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

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

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

// Appends `row`'s cells to `previous`'s and widens its source lines.
void MergeInto(std::vector<Cell>* previous, std::vector<Cell>&& row) {
  if (previous->size() < row.size()) previous->resize(row.size());
  int first = 0, last = 0;
  for (size_t k = 0; k < row.size(); ++k) {
    AppendText(&(*previous)[k].text, row[k].text);
    if (row[k].line > 0 && (first == 0 || row[k].line < first)) first = row[k].line;
    last = std::max(last, row[k].last_line);
  }
  if (first > 0) ExtendLines(previous, first, last);
}

// The 1-based line number of 0-based line index `i`.
int LineNumber(size_t i) { return static_cast<int>(i) + 1; }

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
        SetLines(&row, LineNumber(j), LineNumber(j));
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
  std::vector<size_t> chunk_end(1, i);  // the last line of each chunk
  size_t last_cell_line = i;
  while (j < lines.size() && (IsCellLine(lines[j]) || IsBlank(lines[j]))) {
    if (IsCellLine(lines[j])) {
      if (chunks.back().empty()) chunk_start.back() = j;
      chunks.back().push_back(CleanCellText(CellLineText(lines[j])));
      chunk_end.back() = j;
      last_cell_line = j;
    } else if (!chunks.back().empty()) {
      chunks.emplace_back();
      chunk_start.push_back(j);
      chunk_end.push_back(j);
    }
    ++j;
  }
  if (chunks.back().empty()) {
    chunks.pop_back();
    chunk_start.pop_back();
    chunk_end.pop_back();
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
  std::vector<std::pair<size_t, size_t>> row_lines{{chunk_start[header], chunk_end[header]}};
  bool row_complete = true;
  for (size_t c = header + 1; c < chunks.size(); ++c) {
    auto& chunk = chunks[c];
    if (rows.size() == 1 || StartsRow(chunk) || rows.back().size() + chunk.size() > ncols ||
        row_complete) {
      rows.push_back(chunk);
      row_lines.emplace_back(chunk_start[c], chunk_end[c]);
    } else {
      rows.back().insert(rows.back().end(), chunk.begin(), chunk.end());
      row_lines.back().second = chunk_end[c];
    }
    row_complete = rows.back().size() >= ncols;
  }
  for (size_t r = 0; r < rows.size(); ++r) {
    std::vector<Cell> row;
    for (auto& text : rows[r]) {
      Cell cell;
      cell.text = std::move(text);
      row.push_back(std::move(cell));
    }
    SetLines(&row, LineNumber(row_lines[r].first), LineNumber(row_lines[r].second));
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
      SetLines(&row, LineNumber(j), LineNumber(j));
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

// Paragraphs: runs of non-empty lines; a whitespace-only line is its own
// (empty) paragraph. Consumed lines break paragraphs.
std::vector<Paragraph> SplitParagraphs(const std::vector<std::string_view>& lines,
                                       const std::vector<bool>& consumed) {
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
  return paras;
}

// The time key of a timetable row: "Tuần 1", "Tuần", "Tháng 9/2021",
// "Ngày 5" (at most 24 bytes folded).
bool IsTimeKey(const std::string& text) {
  std::string f = Fold(text);
  if (f.empty() || f.size() > 24) return false;
  for (const char* word : {"tuan", "thang", "ngay"}) {
    if (f == word || f.starts_with(std::string(word) + " ")) return true;
  }
  return false;
}

// "11-12", "26-27", "9": the rest of a key whose word and number were
// exported as two paragraphs ("Tuần" / "11-12").
bool IsKeyNumber(const std::string& text) {
  return !text.empty() && text.size() <= 12 &&
         std::all_of(text.begin(), text.end(),
                     [](char c) { return IsDigit(c) || c == '-' || c == '/' || c == ' '; });
}

// Two-column timetables written one paragraph per cell (seed 001, "Thời
// gian biểu"): a "Thời gian" header paragraph, a second short header
// paragraph, then rows made of a time key ("Tuần 1") and the paragraphs
// after it (the activities, "- ..."), up to the first paragraph that is
// neither a key nor a "-" item. Kept whatever TextTableOptions::min_columns
// says: the header names both columns.
void FindTimetables(const std::vector<Paragraph>& paras, std::vector<Found>* found) {
  std::vector<size_t> text;  // indices of the non-empty paragraphs
  for (size_t p = 0; p < paras.size(); ++p) {
    if (!paras[p].text.empty()) text.push_back(p);
  }
  for (size_t t = 0; t + 3 < text.size(); ++t) {
    const std::string& first = paras[text[t]].text;
    const std::string& second = paras[text[t + 1]].text;
    std::string folded = Fold(first);
    if (!folded.starts_with("thoi gian") || folded.size() > 30) continue;
    if (second.empty() || second.size() > 60 || second.front() == '-' ||
        !IsTimeKey(paras[text[t + 2]].text)) {
      continue;
    }
    Found f{paras[text[t]].first_line, 0, {}};
    f.table.format = TableFormat::kParagraphs;
    f.table.header_rows = 1;
    f.table.rows.push_back({TextCell(first), TextCell(second)});
    SetLines(&f.table.rows.back(), LineNumber(paras[text[t]].first_line),
             LineNumber(paras[text[t + 1]].last_line));
    size_t u = t + 2;
    while (u < text.size()) {
      const std::string& key = paras[text[u]].text;
      if (!IsTimeKey(key)) break;
      std::vector<Cell> row = {TextCell(key), Cell{}};
      const size_t key_index = u;
      size_t last = u;
      ++u;
      if (u < text.size() && Fold(key).find(' ') == std::string::npos &&
          IsKeyNumber(paras[text[u]].text)) {
        AppendText(&row[0].text, paras[text[u]].text);
        last = u++;
      }
      while (u < text.size() && paras[text[u]].text.front() == '-') {
        AppendText(&row[1].text, paras[text[u]].text);
        last = u++;
      }
      SetLines(&row, LineNumber(paras[text[key_index]].first_line),
               LineNumber(paras[text[last]].last_line));
      f.table.rows.push_back(std::move(row));
      f.end_line = paras[text[last]].last_line + 1;
    }
    if (f.table.rows.size() < 3) continue;
    found->push_back(std::move(f));
    while (t + 1 < text.size() && paras[text[t + 1]].first_line < f.end_line) ++t;
  }
}

// Tables written one cell per paragraph (seed 001): k header paragraphs,
// then rows of k paragraphs whose first is the row number 1, 2, 3, ...
void FindParagraphTables(const std::vector<std::string_view>& lines,
                         const std::vector<bool>& consumed, int min_columns,
                         std::vector<Found>* found) {
  std::vector<Paragraph> paras = SplitParagraphs(lines, consumed);
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
    SetLines(&header, LineNumber(paras[p - k].first_line), LineNumber(paras[p - 1].last_line));
    f.table.rows.push_back(std::move(header));
    size_t q = p;
    int expected = 1;
    while (q + k <= n) {
      int w = 0;
      if (!IsBareNumber(paras[q].text, &w) || w != expected) break;
      std::vector<Cell> row;
      for (size_t c = q; c < q + k; ++c) row.push_back(TextCell(paras[c].text));
      SetLines(&row, LineNumber(paras[q].first_line), LineNumber(paras[q + k - 1].last_line));
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
    if (i == t.size() || t[i] == ' ' || t[i] == '|' || t[i] == '[' || t[i] == '{' ||
        t[i] == '/') {
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

// ---- Column assignment of OCR'd plan-table lines --------------------------
//
// An English OCR of a ruled table emits each printed line of a row as one
// text line holding the pieces of every column that has text there, left to
// right, sometimes separated by '|' (a column rule it saw), sometimes by a
// plain space; long cells may also come out as separate paragraphs. Each
// line is segmented by a small dynamic programme: a segment goes to one of
// the seven content columns (Kết quả … Ghi chú), in increasing order, at a
// cost made of the column's width in characters (estimated from the table
// itself), the rule marks, whether the column was still running on the line
// above, and content cues (dates in the time column, "Không có"/"Kinh phí"
// in the budget column, an agent such as "Hiệu trưởng" opening the
// responsible column). With a language model (TextTableOptions::scorer)
// the lines of a row are laid out together: a beam search keeps the best
// layouts of the lines so far, each line segmented in its k cheapest ways,
// and ranks them by layout cost minus the weighted log10 probability of
// the column texts they make, each piece restored on its own (the OCR
// lost the rules exactly where only meaning separates the columns). The
// widths are estimated on two passes without the model, the model is used
// on the third.

constexpr int kContentColumns = 7;  // plan columns 2..8
static_assert(kContentColumns == kColumnWordColumns);

// Costs of the layout (in units of one unrequired column boundary), set on
// seed 003 by a small search; the result was flat around these values.
// kLateStart, kEndedMargin (9 -> 12) and kSkipRunning (1.8 -> 1.5) were
// then searched on the synthetic layout bench (tools/layout_bench, seeds
// 100..199, one constant at a time, then pairs) and checked on its
// held-out seeds 900..999 and on seed 003 (with and without the LM).
// kEndedMargin 15 gains more on seeds 100..199 but loses held out;
// kSkipRunning 1.2 loses seed 003 without the LM.
constexpr double kWrapAcrossLines = 1.0;  // the previous line had room for this first word
constexpr double kWrapInLine = 0.7;       // the next word would have fitted in this piece
constexpr double kEndedMargin = 12.0;     // a piece this much narrower than its column ends it
constexpr double kFlowEnded = 1.0;        // going on in a column whose last piece looked final
constexpr double kSkipRunning = 1.5;      // leaving a running column empty on a wide line
// Starting a column below the row's first line, after a line of several
// columns. Cells are top-aligned: a column with no text on the first line
// is almost always empty, and what looks like its first piece is the
// continuation of a neighbour ("Tu thang 9/2023 va" / "nhung nam tiep
// theo" in the time column, not the empty responsible column). Layout
// bench (100 docs from seed 100, with the LM): 0.3 (before) 71.2 %, 1.5
// 75.6 %, 2.0 76.9 % but seed 003 then loses mean similarity (0.948 ->
// 0.947 with the LM, 0.885 -> 0.883 without).
constexpr double kLateStart = 1.5;
constexpr double kBoundary = 1.0;         // a column boundary without a rule mark
constexpr double kDatePhrase = 3.0;       // ... inside a date or budget phrase
// A line opening with "đồng" when the budget column's previous piece ended
// with an amount ("4 triệu" / "đồng"): the budget column's by this much,
// any other column's not (and "lop 9 | dong" is then no amount). Layout
// bench (100 docs, seeds 100..199 / held out 900..999): 2.0 +0.7 points
// with the LM; 4.0 +0.8 / +0.8 with the LM, +3.4 / +3.4 without; seed 003
// (no amounts) unchanged.
constexpr double kCurrencyGoesOn = 4.0;
// A piece opening with a number (or "năm") when the time column's last
// piece ended with "tháng": the time column's by this much, another
// column's not; and a piece without one in the time column costs it
// ("Tháng" / "đầu tư" / "12/2023": "đầu tư" is the responsible column's).
// Layout bench (100 docs, 100..199 / 900..999): 1.0 +0.1 points, 2.0
// +0.2 / +0.1 with the LM, +0.1 / +0.3 without, 3.0 +0.2 on 100..199;
// seed 003 +2 fields (Mức 4 row 3) from 1.0 on. The same for "đến" opening
// a piece after the time column's date on the line above ("10/2023" /
// "đến tháng 4/2024"): +0.4 / +0.5 points with the LM, +0.9 / +1.2
// without; seed 003 unchanged. And a time piece ending with "và", "đến",
// "từ" or "-" costs this much less to go on in the time column on the next
// line (with "và" allowed after a date: "2023-2024 và" / "những năm tiếp
// theo"): +1.0 / +1.2 points with the LM, +2.4 / +1.7 without, both truth
// halves up (even +0.7, odd +1.3, 60 docs); seed 003 unchanged.
constexpr double kTimeGoesOn = 2.0;
// With TextTableOptions::column_words each word of a piece adds its
// column's cost (OcrToken::column_cost: weight x -log-odds of the column,
// column_words.h), in AssignLine's segmentations only: a run of narrow
// lines laid out as one column's paragraph (RunCost) is placed by its
// widths and the cells' order, since summed over a whole paragraph the
// statistics of other schools' plans outweigh everything else (seed 003:
// 214/264 fields instead of 231 at weight 0.1 when runs are included).
constexpr int kColExpected = 0, kColActions = 1, kColResponsible = 2, kColTimeline = 3,
              kColBudget = 4, kColOther = 5, kColNotes = 6;

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Letters or digits (any non-ASCII byte counts as a letter).
bool HasAlnum(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char ch) {
    unsigned char c = static_cast<unsigned char>(ch);
    return c >= 0x80 || std::isalnum(c);
  });
}

struct OcrToken {
  std::string text;
  bool rule_before = false;  // a '|' (or '[', '{', '/') separates it from the previous token
  // Facts about the token and the ones after it, computed once per line
  // (PrepareCues) because the layout search asks for them many times.
  std::string folded{};       // Fold(text), set by PrepareCues
  double width = 0.0;         // printed width (WordWidth)
  bool date = false;          // IsDateToken
  bool goes_on_date = false;  // may follow a date in the time column: "đến", "năm", "-", "và"
  // Folded within one edit of "khong", "nam", "den" (three letters),
  // "thang" (five letters).
  bool like_khong = false, like_nam = false, like_den = false, like_thang = false;
  bool inside_date = false;    // InsideDatePhrase at this token
  bool inside_budget = false;  // InsideBudgetPhrase at this token
  uint8_t timeline = 0;       // a time phrase starts here: 1 with this token, 2 with the next
  uint8_t budget = 0;         // a budget phrase starts here: 1 / 2 likewise
  uint8_t agent_words = 0;    // words of the agent phrase starting here, 0 if none
  // Cost of this word in each content column from the per-column word
  // statistics (TextTableOptions::column_words); 0 without them.
  std::array<double, kContentColumns> column_cost{};
};

// OCR noise from rules and stray marks: one code point, or two without a
// lower-case letter ("LA", "1A") that are not a two-digit number.
bool JunkIsh(std::string_view t) {
  size_t n = CodePoints(t);
  if (n > 2) return false;
  // "vé", "t6", "x4", "dd" are words the OCR stripped; "LA", "1A", "7," are not.
  bool lower = std::any_of(t.begin(), t.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
  });
  bool digits = std::all_of(t.begin(), t.end(), [](char c) { return IsDigit(c); });
  return !(n == 2 && (lower || digits));
}

// A unit after a money amount's number: "triệu", "tỷ", "nghìn", "ngàn",
// "đồng" (folded).
bool IsAmountUnit(std::string_view folded) {
  return folded == "trieu" || folded == "ty" || folded == "nghin" || folded == "ngan" ||
         folded == "dong";
}

// Splits an OCR line into tokens, noting rule marks, and drops the specks:
// tokens without a letter or digit (but "-" and "&"), runs of two or more
// junk-ish tokens (but a term's Roman number or an amount's number), and
// whole lines with no token longer than two code points.
std::vector<OcrToken> TokenizeOcrLine(std::string_view line) {
  std::vector<OcrToken> raw;
  std::string current;
  bool rule = false;
  auto flush = [&]() {
    if (!current.empty()) {
      raw.push_back({current, rule});
      rule = false;
      current.clear();
    }
  };
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    bool slash_rule = c == '/' && !(i > 0 && IsDigit(line[i - 1]) && i + 1 < line.size() &&
                                    IsDigit(line[i + 1]));
    if (c == '|' || c == '[' || c == '{' || slash_rule) {
      flush();
      rule = true;
    } else if (c == ' ' || c == '\t') {
      flush();
    } else {
      current.push_back(c);
    }
  }
  flush();
  std::vector<OcrToken> kept;
  bool pending_rule = false;
  for (auto& t : raw) {
    if (!HasAlnum(t.text) && t.text != "-" && t.text != "&") {
      pending_rule |= t.rule_before;
      continue;
    }
    t.rule_before |= pending_rule;
    pending_rule = false;
    kept.push_back(std::move(t));
  }
  // "Học kỳ II 4 triệu": a term's Roman number and an amount's number are
  // words, not specks, however short.
  auto speck = [&](size_t k) {
    if (!JunkIsh(kept[k].text)) return false;
    const std::string& t = kept[k].text;
    if (k + 1 < kept.size() && std::all_of(t.begin(), t.end(), IsDigit)) {
      if (IsAmountUnit(Fold(kept[k + 1].text))) return false;
    }
    if (k > 0 && (t == "I" || t == "II" || t == "III" || t == "IV" || t == "V")) {
      std::string prev = Fold(kept[k - 1].text);
      if (prev == "ky" || prev == "ki" || prev == "quy" || prev == "hk") return false;
    }
    return true;
  };
  std::vector<OcrToken> out;
  for (size_t i = 0; i < kept.size();) {
    size_t j = i;
    while (j < kept.size() && speck(j)) ++j;
    if (j - i >= 2) {
      if (j < kept.size()) kept[j].rule_before |= kept[i].rule_before;
      i = j;
      continue;
    }
    if (j == i) j = i + 1;
    for (; i < j; ++i) out.push_back(std::move(kept[i]));
  }
  bool any_word = std::any_of(out.begin(), out.end(),
                              [](const OcrToken& t) { return CodePoints(t.text) > 2; });
  bool any_junk =
      std::any_of(out.begin(), out.end(), [](const OcrToken& t) { return JunkIsh(t.text); });
  if (!any_word && any_junk) out.clear();
  return out;
}

// "9/2023", "12/2023", "2023-2024", "1/9/2023".
bool IsDateToken(std::string_view t) {
  while (!t.empty() && (t.back() == '.' || t.back() == ',' || t.back() == ';')) t.remove_suffix(1);
  auto digits = [](std::string_view s, size_t lo, size_t hi) {
    return s.size() >= lo && s.size() <= hi && std::all_of(s.begin(), s.end(), IsDigit);
  };
  auto parts = SplitOn(t, '/');
  if (parts.size() == 2) return digits(parts[0], 1, 2) && digits(parts[1], 4, 4);
  if (parts.size() == 3) {
    return digits(parts[0], 1, 2) && digits(parts[1], 1, 2) && digits(parts[2], 4, 4);
  }
  auto years = SplitOn(t, '-');
  return years.size() == 2 && digits(years[0], 4, 4) && digits(years[1], 4, 4);
}

// Whether `folded` is within `max_distance` edits of the ASCII `word`.
bool FoldedNear(const std::string& folded, std::string_view word, int max_distance) {
  // The distance is at least the difference in length.
  const size_t n = CodePoints(folded);
  const size_t d = static_cast<size_t>(max_distance);
  if (n > word.size() + d || n + d < word.size()) return false;
  return EditDistance(folded, word) <= max_distance;
}

// The words of tokens[i..j) folded and joined by spaces.
std::string FoldedWords(const std::vector<OcrToken>& tokens, size_t i, size_t j) {
  std::string s;
  for (size_t k = i; k < j && k < tokens.size(); ++k) {
    if (!s.empty()) s.push_back(' ');
    s += tokens[k].folded;
  }
  return s;
}

bool ComputeTimelineStart(const std::vector<OcrToken>& tokens, size_t i, size_t j) {
  if (IsDateToken(tokens[i].text)) return true;
  const std::string& w = tokens[i].folded;
  if (w == "thang" || w == "hk") return true;
  if (i + 1 >= j) return false;
  const std::string& next = tokens[i + 1].folded;
  bool year = next.size() == 4 && std::all_of(next.begin(), next.end(), IsDigit);
  // "Năm học …", "năm 2023".
  if (FoldedNear(w, "nam", 1)) return year || FoldedNear(next, "hoc", 1);
  // "Từ tháng 9", "Từ 9/2023", "Học kỳ II", "Cả năm học", "Cuối năm", "Đầu
  // tháng", "Hàng tháng", "Quý I".
  if (w == "tu") return next == "thang" || IsDateToken(tokens[i + 1].text);
  if (w == "hoc") return next == "ky" || next == "ki";
  if (w == "ca" || w == "cuoi" || w == "dau" || w == "hang") {
    return next == "nam" || next == "thang" || next == "tuan" || next == "hoc" || next == "ky";
  }
  if (w == "quy") return next == "i" || next == "ii" || next == "iii" || next == "iv" || year;
  return false;
}

// A money amount: "3 triệu", "45 trieu", "5.000.000đ", "2 tỷ đồng".
bool IsAmount(const std::vector<OcrToken>& tokens, size_t i, size_t j) {
  const std::string& t = tokens[i].text;
  if (t.empty() || !IsDigit(t[0])) return false;
  const std::string& w = tokens[i].folded;
  if (w.size() >= 5 && (w.ends_with("d") || w.ends_with("dong")) &&
      std::count(w.begin(), w.end(), '.') >= 1) {
    return true;
  }
  if (i + 1 >= j) return false;
  return IsAmountUnit(tokens[i + 1].folded);
}

// "Tháng 9/2023", "tháng 10", "năm 2023", "Năm học 2023-2024": tokens[j]
// is inside such a date phrase (the number, or "học" before the number).
bool InsideDatePhrase(const std::vector<OcrToken>& tokens, size_t j) {
  // A date or a bare month/year number, not an amount ("3 triệu").
  auto number = [&](size_t k) {
    const std::string& t = tokens[k].text;
    return IsDateToken(t) || (t.size() <= 4 && std::all_of(t.begin(), t.end(), IsDigit) &&
                              !IsAmount(tokens, k, tokens.size()));
  };
  auto is = [&](size_t k, std::string_view word) {
    const std::string& w = tokens[k].folded;
    return w.size() == word.size() && FoldedNear(w, word, 1);
  };
  if (number(j)) {
    return FoldedNear(tokens[j - 1].folded, "thang", 1) || is(j - 1, "nam") ||
           (j >= 2 && is(j - 1, "hoc") && is(j - 2, "nam"));
  }
  return is(j, "hoc") && is(j - 1, "nam") && j + 1 < tokens.size() && number(j + 1);
}

// "Không | có", "Kinh | phí", "3 | triệu": tokens[j] continues a budget
// phrase that starts at tokens[j - 1].
bool InsideBudgetPhrase(const std::vector<OcrToken>& tokens, size_t j) {
  if (IsAmount(tokens, j - 1, j + 1)) return !IsAmount(tokens, j - 1, j);
  const std::string& prev = tokens[j - 1].folded;
  const std::string& w = tokens[j].folded;
  return (FoldedNear(prev, "khong", 1) && (w == "co" || w == "c6" || w == "cd")) ||
         (FoldedNear(prev, "kinh", 1) && FoldedNear(w, "phi", 1));
}

bool ComputeBudgetStart(const std::vector<OcrToken>& tokens, size_t i, size_t j) {
  const std::string& w = tokens[i].folded;
  if (w.empty()) return false;
  if ((w[0] == 'k' && FoldedNear(w, "khong", 1)) || (w[0] == 'n' && FoldedNear(w, "nguon", 1))) {
    return true;
  }
  if (IsAmount(tokens, i, j)) return true;
  if (i + 1 >= j) return false;
  const std::string& next = tokens[i + 1].folded;
  // "Kinh phí …", "Ngân sách …", "Xã hội hoá".
  return (FoldedNear(w, "kinh", 1) && FoldedNear(next, "phi", 1)) ||
         (w == "ngan" && next == "sach") || (w == "xa" && next == "hoi");
}

// An agent ("Hiệu trưởng …", "Nhà trường …") opening a segment: the usual
// start of the responsible column, rarely of the result or action columns.
// Returns the number of words of the shortest agent phrase at tokens[i]
// (within the line), 0 if none.
int ComputeAgentWords(const std::vector<OcrToken>& tokens, size_t i) {
  static const char* const kAgents[] = {"hieu truong", "pho hieu", "nha truong", "giao vien",
                                        "to truong",   "hoi dong", "chi bo",     "phong giao duc"};
  int best = 0;
  for (const char* agent : kAgents) {
    int words = static_cast<int>(std::count(agent, agent + std::strlen(agent), ' ') + 1);
    if (i + words > tokens.size() || (best && words >= best)) continue;
    if (EditDistance(FoldedWords(tokens, i, i + words), agent) <= 2) best = words;
  }
  return best;
}

// Fills the cached facts of every token of a line.
void PrepareCues(std::vector<OcrToken>* line) {
  const size_t n = line->size();
  for (OcrToken& t : *line) t.folded = Fold(t.text);
  for (size_t i = 0; i < n; ++i) {
    OcrToken& t = (*line)[i];
    t.width = WordWidth(t.text);
    t.date = IsDateToken(t.text);
    const std::string& folded = t.folded;
    t.like_khong = FoldedNear(folded, "khong", 1);
    t.like_nam = FoldedNear(folded, "nam", 1);
    t.like_den = folded.size() == 3 && FoldedNear(folded, "den", 1);
    t.like_thang = folded.size() == 5 && FoldedNear(folded, "thang", 1);
    t.goes_on_date = FoldedNear(folded, "den", 1) || t.like_nam || folded == "-" || folded == "va";
    t.timeline = ComputeTimelineStart(*line, i, i + 1) ? 1 : ComputeTimelineStart(*line, i, n) ? 2 : 0;
    t.budget = ComputeBudgetStart(*line, i, i + 1) ? 1 : ComputeBudgetStart(*line, i, n) ? 2 : 0;
    t.agent_words = static_cast<uint8_t>(ComputeAgentWords(*line, i));
    if (i > 0) {
      t.inside_date = InsideDatePhrase(*line, i);
      t.inside_budget = InsideBudgetPhrase(*line, i);
    }
  }
}

// Whether the segment tokens[i, j) opens with a time phrase ("Tháng",
// "9/2023", "Năm học"), a budget phrase ("Không có", "Kinh phí", "Nguồn"),
// or an agent.
bool TimelineStart(const std::vector<OcrToken>& tokens, size_t i, size_t j) {
  return tokens[i].timeline == 1 || (tokens[i].timeline == 2 && i + 1 < j);
}
bool BudgetStart(const std::vector<OcrToken>& tokens, size_t i, size_t j) {
  return tokens[i].budget == 1 || (tokens[i].budget == 2 && i + 1 < j);
}
bool AgentStart(const std::vector<OcrToken>& tokens, size_t i, size_t j) {
  return tokens[i].agent_words > 0 && i + tokens[i].agent_words <= j;
}

// Whether tokens[0, end) ends with an amount without its currency: "4
// triệu", "12 tỷ" (the "đồng" then opens the column's next line).
bool AmountOpen(const std::vector<OcrToken>& tokens, size_t end) {
  if (end < 2) return false;
  const std::string& unit = tokens[end - 1].folded;
  return unit != "dong" && IsAmount(tokens, end - 2, end);
}

// Whether tokens[begin, end) ends with "tháng" still waiting for its
// number: "Tháng", "Từ tháng" (not "Hàng tháng", "mỗi tháng").
bool MonthOpen(const std::vector<OcrToken>& tokens, size_t begin, size_t end) {
  if (end <= begin || !tokens[end - 1].like_thang) return false;
  if (end - begin >= 2) {
    const std::string& prev = tokens[end - 2].folded;
    if (prev == "hang" || prev == "moi" || prev == "cac") return false;
  }
  return true;
}

// Whether tokens[0, end) ends with a word that joins it to what follows:
// "và", "đến", "từ", "-".
bool EndsJoined(const std::vector<OcrToken>& tokens, size_t end) {
  const std::string& w = tokens[end - 1].folded;
  return w == "va" || w == "den" || w == "tu" || w == "-";
}

struct ColumnState {
  bool started = false;  // has text in an earlier line of the row
  bool in_prev = false;  // has text on the previous content line
  bool ended = false;    // its text on the previous line looked like its last line
  double prev_length = 0.0;  // printed width of its piece on the previous line
  // Its piece on the previous line ended with an amount still waiting for
  // its "đồng" ("4 triệu" / "đồng").
  bool amount_open = false;
  // ... ended with "tháng" still waiting for its number ("Tháng" / "12/2023").
  bool month_open = false;
  bool date_end = false;  // ... ended with a date ("10/2023" / "đến tháng 4/2024").
  bool joined = false;    // ... ended with "và", "đến", "từ" or "-" (EndsJoined).

  auto operator<=>(const ColumnState&) const = default;
};

enum class LineMode { kFirst, kWide, kFlow };

struct Segment {
  int column;  // 0..6 (kColExpected..kColNotes)
  size_t begin, end;  // token range
};

std::string SegmentText(const std::vector<OcrToken>& tokens, size_t i, size_t j) {
  std::string s;
  for (size_t k = i; k < j; ++k) {
    if (!s.empty()) s.push_back(' ');
    s += tokens[k].text;
  }
  return s;
}

// Printed width of tokens[i, j) with the spaces between them.
double SegmentLength(const std::vector<OcrToken>& tokens, size_t i, size_t j) {
  double width = kSpaceWidth * static_cast<double>(j - i - 1);
  for (size_t k = i; k < j; ++k) width += tokens[k].width;
  return width;
}

// What the cost of a line's segments depends on besides the line itself.
struct LineContext {
  const std::array<double, kContentColumns>* width;
  const std::array<ColumnState, kContentColumns>* state;
  LineMode mode;
  int flow;  // the column of the previous line when it had one segment (kFlow)
};

// Cost of putting text in column c at all, given the lines above.
double Avail(const LineContext& ctx, int c) {
  const ColumnState& s = (*ctx.state)[c];
  switch (ctx.mode) {
    case LineMode::kFirst:
      return 0.0;
    case LineMode::kWide:
      if (s.in_prev) return s.ended ? 2.5 : 0.0;
      if (!s.started) return kLateStart;
      return s.ended ? 2.5 : 1.0;  // dormant for a line, or finished
    case LineMode::kFlow:
      if (c == ctx.flow) return s.ended ? kFlowEnded : 0.0;
      if (c > ctx.flow) return 0.3 * (c - ctx.flow);
      return 2.0;
  }
  return 0.0;
}

// Cost of leaving column c empty between two segments of a wide line.
double Skip(const LineContext& ctx, int c) {
  if (ctx.mode == LineMode::kFlow) return 0.0;
  const ColumnState& s = (*ctx.state)[c];
  if (s.in_prev && !s.ended) return kSkipRunning;
  return s.started ? 0.0 : 0.4;
}

// Cost of tokens[i, j) as column c's piece of this line. `many`: the line
// certainly holds several columns (it has a rule mark).
double SegmentCost(const std::vector<OcrToken>& tokens, const LineContext& ctx, int c, size_t i,
                   size_t j, bool many, bool column_words = true) {
  const size_t n = tokens.size();
  const auto& width = *ctx.width;
  const auto& state = *ctx.state;
  double cost = Avail(ctx, c);
  double len = (SegmentLength(tokens, i, j));
  double over = len - (width[c] + 1.0);
  if (over > 0) cost += over <= 2.0 ? over : 2.0 + 3.0 * (over - 2.0);  // fonts are proportional
  // Word wrap fills a line: the next word would have fitted here.
  if (j < n && !tokens[j].rule_before &&
      len + 0.5 + tokens[j].width <= width[c] - 1) {
    cost += kWrapInLine;
  }
  // ... and the previous line of this column had room for the first word.
  // Graded by the room that was left: a paragraph of short lines does not
  // belong to a wide column.
  double room = width[c] - 1 - (state[c].prev_length + 0.5 + tokens[i].width);
  if (state[c].in_prev && !state[c].ended && room >= 0) {
    cost += std::min(2.0, kWrapAcrossLines * 0.4 * (room + 1.0));
  }
  for (size_t k = i + 1; k < j; ++k) {
    if (tokens[k].rule_before) cost += 8.0;
    // "sinh. cac giai phap": a sentence end, then a lower-case word.
    const std::string& prev = tokens[k - 1].text;
    unsigned char first = static_cast<unsigned char>(tokens[k].text[0]);
    if (prev.back() == '.' && first >= 'a' && first <= 'z') cost += 1.0;
  }
  bool date_inside = false;
  for (size_t k = i; k < j; ++k) {
    date_inside |= tokens[k].date;
    if (column_words) cost += tokens[k].column_cost[c];
  }
  if (c == kColTimeline) {
    bool cue = TimelineStart(tokens, i, j);
    if (!state[c].started) {
      cost += cue ? -3.0 : 3.0;
    } else if (cue) {
      cost -= 1.0;
    }
    // "2/2024 Tham": after a date only "đến …" or "năm …" goes on.
    for (size_t k = i; k + 1 < j; ++k) {
      if (tokens[k].date && !tokens[k + 1].goes_on_date) cost += 3.0;
    }
  } else if (date_inside) {
    cost += 3.0;
  }
  bool budget_cue = BudgetStart(tokens, i, j);
  if (c == kColBudget) {
    if (!state[c].started) cost += budget_cue ? -2.0 : 1.5;
  } else if (budget_cue && !state[kColBudget].started &&
             tokens[i].like_khong) {
    cost += 2.0;
  }
  // "Tháng" / "12/2023": the month's number goes on in the time column,
  // however many lines of other cells came between.
  if (state[kColTimeline].month_open) {
    bool number = IsDigit(tokens[i].text[0]) || tokens[i].like_nam;
    if (c == kColTimeline) {
      cost += number ? -kTimeGoesOn : kTimeGoesOn;
    } else if (number) {
      cost += kTimeGoesOn;
    }
  }
  // "10/2023" / "đến tháng 4/2024": "đến" goes on after the date.
  if (state[kColTimeline].in_prev && state[kColTimeline].date_end &&
      tokens[i].like_den) {
    cost += c == kColTimeline ? -kTimeGoesOn : kTimeGoesOn;
  }
  // "2023-2024 và" / "những năm tiếp theo": a time phrase left open goes on.
  if (c == kColTimeline && state[c].in_prev && state[c].joined) cost -= kTimeGoesOn;
  // "4 triệu" / "đồng": the currency goes on with its amount.
  if (state[kColBudget].in_prev && state[kColBudget].amount_open &&
      tokens[i].folded == "dong") {
    cost += c == kColBudget ? -kCurrencyGoesOn : kCurrencyGoesOn;
  }
  if (many && (c == kColExpected || c == kColActions) && !state[c].started &&
      AgentStart(tokens, i, j)) {
    cost += 1.0;
  }
  // "X P ~__| Tu sua ...": specks, then a rule, then the first word: the
  // first column had something (or nothing) left of the rule.
  if (i == 0 && c == kColExpected && tokens[0].rule_before) cost += 3.0;
  if (c == kColNotes) cost += 3.0;
  return cost;
}

// One way to segment a line, with its layout cost.
struct LineLayout {
  double cost = 0.0;
  std::vector<Segment> segments;
};

// The `k` cheapest segmentations of one line, cheapest first (a small
// dynamic programme over token boundaries and columns keeping the k best
// partial layouts per state; ties keep the order they were found in).
std::vector<LineLayout> AssignLine(const std::vector<OcrToken>& tokens, const LineContext& ctx,
                                   size_t k = 1) {
  const size_t n = tokens.size();
  // A partial layout: tokens [0, j) placed, last segment in column c.
  struct Entry {
    double cost;
    size_t from;  // token where the last segment starts
    int prev;     // column of the segment before it (-1: none)
    size_t rank;  // which of best[from][prev + 1] it extends
  };
  std::vector<std::array<std::vector<Entry>, kContentColumns + 1>> best(n + 1);
  best[0][0].push_back({0.0, 0, -1, 0});
  // Returns false when `e` is no better than the k kept.
  auto insert = [k](std::vector<Entry>* list, Entry e) {
    if (list->size() == k && list->back().cost <= e.cost) return false;
    auto at = std::upper_bound(list->begin(), list->end(), e.cost,
                               [](double c, const Entry& x) { return c < x.cost; });
    list->insert(at, e);
    if (list->size() > k) list->pop_back();
    return true;
  };
  // The agent cue is for lines that certainly hold several columns.
  bool many = n > 0 && std::any_of(tokens.begin() + 1, tokens.end(),
                                   [](const OcrToken& t) { return t.rule_before; });
  // A boundary without a rule mark before token j; dearer inside an agent
  // phrase ("Nhà | trường") and inside a date ("Tháng | 9/2023").
  // "lop 9 | dong" is no amount when the budget column's last piece
  // awaits its currency ("4 trieu").
  const ColumnState& budget = (*ctx.state)[kColBudget];
  const bool currency_pending = budget.in_prev && budget.amount_open;
  std::vector<double> split_cost(n + 1, kBoundary);
  for (size_t j = 1; j < n; ++j) {
    if (AgentStart(tokens, j - 1, n)) split_cost[j] += 1.5;
    bool budget_phrase = tokens[j].inside_budget &&
                         !(currency_pending && tokens[j].folded == "dong");
    if (tokens[j].inside_date || budget_phrase) split_cost[j] += kDatePhrase;
  }
  for (size_t i = 0; i < n; ++i) {
    for (int cp = -1; cp < kContentColumns; ++cp) {
      const auto& from = best[i][cp + 1];
      if (from.empty()) continue;
      double skipped = 0.0;
      for (int c = cp + 1; c < kContentColumns; ++c) {
        for (size_t j = i + 1; j <= n; ++j) {
          double step = skipped + SegmentCost(tokens, ctx, c, i, j, many);
          if (j < n && !tokens[j].rule_before) step += split_cost[j];
          // `from` is sorted by cost: once one is turned away, so are the rest.
          for (size_t r = 0; r < from.size(); ++r) {
            if (!insert(&best[j][c + 1], {from[r].cost + step, i, cp, r})) break;
          }
        }
        skipped += Skip(ctx, c);
      }
    }
  }
  // Complete layouts, with running columns left empty at the end of the line.
  struct End {
    double cost;
    int column;
    size_t rank;
  };
  std::vector<End> ends;
  for (int c = 0; c < kContentColumns; ++c) {
    double trailing = 0.0;
    for (int m = c + 1; m < kContentColumns; ++m) trailing += 0.5 * Skip(ctx, m);
    for (size_t r = 0; r < best[n][c + 1].size(); ++r) {
      ends.push_back({best[n][c + 1][r].cost + trailing, c, r});
    }
  }
  std::stable_sort(ends.begin(), ends.end(),
                   [](const End& x, const End& y) { return x.cost < y.cost; });
  if (ends.size() > k) ends.resize(k);
  std::vector<LineLayout> out;
  for (const End& end : ends) {
    LineLayout layout{end.cost, {}};
    size_t j = n, r = end.rank;
    int c = end.column;
    while (j > 0 && c >= 0) {
      const Entry& e = best[j][c + 1][r];
      layout.segments.push_back({c, e.from, j});
      j = e.from;
      c = e.prev;
      r = e.rank;
    }
    std::reverse(layout.segments.begin(), layout.segments.end());
    out.push_back(std::move(layout));
  }
  return out;
}

// Whether a column's piece on one line reads like the last line of its text.
bool LooksEnded(int column, const std::vector<OcrToken>& tokens, const Segment& s,
                const std::array<double, kContentColumns>& width) {
  double len = (SegmentLength(tokens, s.begin, s.end));
  if (len < width[column] - kEndedMargin) return true;
  const std::string& last = tokens[s.end - 1].text;
  if ((last.back() == '.' || last.back() == ';') && len < width[column] - 2) return true;
  if (column == kColTimeline && IsDateToken(last)) return true;
  if (column == kColBudget) {
    std::string f = FoldedWords(tokens, s.begin, s.end);
    if (FoldedNear(f, "khong", 1) || FoldedNear(f, "khong co", 2)) return true;
  }
  return false;
}

// A line that may be a single column's line in a run: no rule mark inside,
// no wider than the widest column, no time or budget cue.
bool IsNarrowLine(const std::vector<OcrToken>& line,
                  const std::array<double, kContentColumns>& width) {
  if (line.empty()) return false;
  // "Tháng", "năm 2023", "Không có": laid out alone (time, budget columns).
  if (TimelineStart(line, 0, line.size()) || BudgetStart(line, 0, line.size())) return false;
  for (size_t k = 1; k < line.size(); ++k) {
    if (line[k].rule_before) return false;
  }
  double widest = *std::max_element(width.begin(), width.end());
  return (SegmentLength(line, 0, line.size())) <= widest + 1.0;
}

// A row written one cell after another (every line one column's) keeps
// its cells in column order: a paragraph that comes before a short time or
// budget line of the same row ("11/2023", "Không có") lies left of that
// column. Returns the first column the lines before lines[e] cannot take
// (kContentColumns when no such line follows).
int CellsBefore(const std::vector<std::vector<OcrToken>>& lines, size_t e) {
  for (size_t m = e; m < lines.size(); ++m) {
    const auto& line = lines[m];
    if (line.empty() || line.size() > 3) continue;
    if (TimelineStart(line, 0, line.size())) return kColTimeline;
    if (BudgetStart(line, 0, line.size())) return kColBudget;
  }
  return kContentColumns;
}

// One way to lay a row's lines out so far: the columns' state, the layout
// cost, and the language model's score of the column texts (when a scorer
// is given).
struct RowLayout {
  std::array<ColumnState, kContentColumns> state{};
  LineMode mode = LineMode::kFirst;
  int flow = -1;
  bool one_cell_per_line = true;  // every line so far went to one column
  double cost = 0.0;
  double lm = 0.0;  // log10 probability of the column texts so far
  std::array<LayoutLmState, kContentColumns> lm_state{};
  std::array<bool, kContentColumns> has_text{};
  std::vector<std::pair<size_t, Segment>> placed;  // (line index, segment)

  LineContext Context(const std::array<double, kContentColumns>& width) const {
    return {&width, &state, mode, flow};
  }
};

// What AssignLine's answer for one line depends on: the line, the number
// of segmentations asked for and the context, reduced to the facts of the
// column state that SegmentCost, Avail, Skip and AssignLine read (the
// others are cleared, so that layouts differing only in them share the
// work). The width is fixed for a whole row search.
struct LineKey {
  size_t line = 0;
  size_t k = 0;
  LineMode mode = LineMode::kFirst;
  int flow = -1;
  std::array<ColumnState, kContentColumns> state{};

  auto operator<=>(const LineKey&) const = default;
};

LineKey MakeLineKey(size_t line, size_t k, const LineContext& ctx) {
  LineKey key{line, k, ctx.mode, ctx.mode == LineMode::kFlow ? ctx.flow : -1, {}};
  if (ctx.mode == LineMode::kFirst) return key;  // Avail and Skip ignore the state
  for (int c = 0; c < kContentColumns; ++c) {
    const ColumnState& from = (*ctx.state)[c];
    ColumnState& to = key.state[c];
    to.started = from.started;
    to.in_prev = from.in_prev;
    to.ended = from.ended;
    // The wrap test across lines reads the width of a running piece.
    if (from.in_prev && !from.ended) to.prev_length = from.prev_length;
  }
  const ColumnState& time = (*ctx.state)[kColTimeline];
  key.state[kColTimeline].month_open = time.month_open;
  if (time.in_prev) {
    key.state[kColTimeline].date_end = time.date_end;
    key.state[kColTimeline].joined = time.joined;
  }
  const ColumnState& budget = (*ctx.state)[kColBudget];
  if (budget.in_prev) key.state[kColBudget].amount_open = budget.amount_open;
  return key;
}

// What a row's layout search needs besides the lines.
struct RowSearch {
  const std::vector<std::vector<OcrToken>>* lines;
  // LM words of the pieces laid out so far, by (line, first token, end
  // token); filled on demand when there is a scorer.
  std::map<std::tuple<size_t, size_t, size_t>, std::vector<uint32_t>>* words;
  const std::array<double, kContentColumns>* width;
  const LayoutScorer* scorer;  // may be null
  // AssignLine's segmentations of the lines by LineKey, filled on demand
  // (a beam's layouts mostly share their column state).
  std::map<LineKey, std::vector<LineLayout>>* segmentations;
};

// Records in `cs` that its column's text on this line is line[seg].
void NotePiece(const std::vector<OcrToken>& line, const Segment& seg,
               const std::array<double, kContentColumns>& width, ColumnState* cs) {
  cs->started = cs->in_prev = true;
  cs->ended = LooksEnded(seg.column, line, seg, width);
  cs->prev_length = SegmentLength(line, seg.begin, seg.end);
  cs->amount_open = AmountOpen(line, seg.end);
  cs->month_open = MonthOpen(line, seg.begin, seg.end);
  cs->date_end = line[seg.end - 1].date;
  cs->joined = EndsJoined(line, seg.end);
}

// Puts line `index` into `layout` as `segments`.
void ApplyLine(const RowSearch& search, size_t index, const std::vector<Segment>& segments,
               RowLayout* layout) {
  const auto& line = (*search.lines)[index];
  for (auto& s : layout->state) s.in_prev = false;
  for (const auto& seg : segments) {
    NotePiece(line, seg, *search.width, &layout->state[seg.column]);
    layout->placed.push_back({index, seg});
    if (search.scorer) {
      int c = seg.column;
          if (!layout->has_text[c]) layout->lm_state[c] = search.scorer->Start();
      layout->has_text[c] = true;
      auto key = std::make_tuple(index, seg.begin, seg.end);
      auto it = search.words->find(key);
      if (it == search.words->end()) {
        std::vector<std::string> texts;
        for (size_t k = seg.begin; k < seg.end; ++k) texts.push_back(line[k].text);
        it = search.words->emplace(key, search.scorer->PieceWords(texts)).first;
      }
      for (uint32_t w : it->second) layout->lm += search.scorer->Score(&layout->lm_state[c], w);
    }
  }
  layout->one_cell_per_line &= segments.size() == 1;
  layout->mode = segments.size() == 1 ? LineMode::kFlow : LineMode::kWide;
  layout->flow = segments.size() == 1 ? segments[0].column : -1;
}

// Cost of column c taking lines[k, e) whole (the wrap test between
// consecutive lines included).
double RunCost(const RowSearch& search, size_t k, size_t e, const RowLayout& from, int c) {
  const auto& lines = *search.lines;
  const auto& width = *search.width;
  std::array<ColumnState, kContentColumns> st = from.state;
  LineMode m = from.mode;
  int f = from.flow;
  double cost = 0.0;
  for (size_t i = k; i < e; ++i) {
    const auto& line = lines[i];
    cost += SegmentCost(line, {&width, &st, m, f}, c, 0, line.size(), false, false);
    for (auto& s : st) s.in_prev = false;
    NotePiece(line, Segment{c, 0, line.size()}, width, &st[c]);
    m = LineMode::kFlow;
    f = c;
  }
  return cost;
}

// Lays lines[k, e) out as one column's paragraph after `from`, in the
// cheapest column below `limit` (the first on ties). Only the layout cost
// decides: a paragraph written apart from the rest of its row joins its
// column's text without a line break, so the language model cannot tell
// which column it continues.
void ExtendWithRun(const RowSearch& search, size_t k, size_t e, const RowLayout& from, int limit,
                   std::vector<RowLayout>* out) {
  int best = 0;
  double best_cost = 1e18;
  for (int c = 0; c < limit; ++c) {
    double cost = RunCost(search, k, e, from, c);
    if (cost < best_cost) {
      best_cost = cost;
      best = c;
    }
  }
  RowLayout next = from;
  next.cost += best_cost;
  for (size_t i = k; i < e; ++i) ApplyLine(search, i, {{best, 0, (*search.lines)[i].size()}}, &next);
  out->push_back(std::move(next));
}

// The layouts of line k alone appended to `from`, cheapest first.
void ExtendWithLine(const RowSearch& search, size_t k, const RowLayout& from, size_t k_best,
                    std::vector<RowLayout>* out) {
  const LineContext ctx = from.Context(*search.width);
  auto [it, added] = search.segmentations->try_emplace(MakeLineKey(k, k_best, ctx));
  if (added) it->second = AssignLine((*search.lines)[k], ctx, k_best);
  for (const LineLayout& alt : it->second) {
    RowLayout next = from;
    next.cost += alt.cost;
    ApplyLine(search, k, alt.segments, &next);
    out->push_back(std::move(next));
  }
}

// Search widths with a scorer: layouts kept after each line, and
// segmentations tried per line and layout (1 each without: the cheapest
// layout line by line). On the synthetic layout bench (tools/layout_bench,
// seeds 100..199) 64 / 16 gives 68.7 % of fields, 128 / 32 71.2 % at 2.8
// times the time, 256 / 64 a little more again at 3 times that; seed 003
// is the same from 64 / 16 on.
constexpr size_t kRowBeam = 128;
constexpr size_t kLineAlternatives = 32;
// Weight of the language model's log10 probability against the layout
// cost: 0.7 (seed 003: 0.5 and 1.0 lose 2 and 4 fields; layout bench: 1.0
// gains 0.7 points, 1.5 and 2.5 lose).
constexpr double kLmWeight = 0.7;

double Score(const RowLayout& layout) { return layout.cost - kLmWeight * layout.lm; }
// Laying out a line of a narrow run (IsNarrowLine) on its own rather than
// with the run in one column, with a scorer. Layout bench (100 docs, LM
// on): 0 gains 0.3 points on seeds 100..199 but seed 003 loses 2 fields
// (paragraph cells broken by the model); 1.0 +0.3 / +0.3 held out, seed
// 003 +2 fields; 2.0 and 4.0 seed 003 +1.
constexpr double kRunBreak = 1.0;

// The layout chosen for a row and, per content column, the probability
// that its cell is right as far as the layout goes (1 without a scorer).
struct RowChoice {
  RowLayout best;
  std::array<double, kContentColumns> confidence{};
};

// The pieces (line, first token, end token) each column takes in `layout`.
std::array<std::vector<std::tuple<size_t, size_t, size_t>>, kContentColumns> ColumnSpans(
    const RowLayout& layout) {
  std::array<std::vector<std::tuple<size_t, size_t, size_t>>, kContentColumns> spans;
  for (const auto& [line, seg] : layout.placed) {
    spans[seg.column].emplace_back(line, seg.begin, seg.end);
  }
  return spans;
}

// Layout confidence of each column of `layouts.front()` (the chosen
// layout; `layouts` sorted by Score, cheapest first): a posterior over the
// complete layouts of the search, p_i proportional to
// 10^(-scale * (Score_i - Score_0)), summed over the layouts that give the
// column exactly the same pieces (hence the same text). Layouts below
// 10^-12 of the best are left out (they cannot move the sums).
std::array<double, kContentColumns> LayoutConfidence(const std::vector<RowLayout>& layouts,
                                                     double scale) {
  std::array<double, kContentColumns> agree{};
  agree.fill(1.0);
  if (layouts.size() < 2 || scale <= 0.0) return agree;
  const auto chosen = ColumnSpans(layouts.front());
  const double best = Score(layouts.front());
  double total = 1.0;
  for (size_t i = 1; i < layouts.size(); ++i) {
    const double exponent = -scale * (Score(layouts[i]) - best);
    if (exponent < -12.0) break;  // sorted: the rest weigh less still
    const double p = std::pow(10.0, exponent);
    total += p;
    const auto spans = ColumnSpans(layouts[i]);
    for (int c = 0; c < kContentColumns; ++c) {
      if (spans[c] == chosen[c]) agree[c] += p;
    }
  }
  for (double& a : agree) a /= total;
  return agree;
}

// Lays out one row's lines: a beam search over lines; each line (or run of
// narrow lines, one column's paragraph) is laid out by AssignLine /
// RunCost given the layout of the lines above, and the layouts are ranked
// by their cost and, with a scorer, by how well their column texts read.
// With a scorer, also the layout confidence of each column of the chosen
// layout (LayoutConfidence over every complete layout of the last step,
// before the beam is cut); without one, the search keeps a single layout
// and the confidence is 1.
RowChoice LayOutRow(const RowSearch& search, double confidence_scale) {
  const auto& lines = *search.lines;
  const auto& width = *search.width;
  const bool wide = search.scorer != nullptr;
  const size_t beam = wide ? kRowBeam : 1;
  const size_t line_k = wide ? kLineAlternatives : 1;
  // at[k]: the layouts of lines[0, k) (a lattice: a run of narrow lines
  // jumps ahead, a single line goes one step).
  std::vector<std::vector<RowLayout>> at(lines.size() + 1);
  at[0].resize(1);
  auto prune = [&](std::vector<RowLayout>* next) {
    std::stable_sort(next->begin(), next->end(),
                     [](const RowLayout& x, const RowLayout& y) { return Score(x) < Score(y); });
    if (next->size() > beam) next->resize(beam);
  };
  for (size_t k = 0; k < lines.size(); ++k) {
    std::vector<RowLayout>& layouts = at[k];
    if (layouts.empty()) continue;
    prune(&layouts);
    if (lines[k].empty()) {
      for (RowLayout& from : layouts) at[k + 1].push_back(std::move(from));
      layouts.clear();
      continue;
    }
    // A run of two or more narrow lines (no rule mark, no wider than a
    // column) is one column's paragraph: one column for the whole run.
    size_t e = k;
    while (e < lines.size() && IsNarrowLine(lines[e], width)) ++e;
    if (e - k >= 2) {
      for (const RowLayout& from : layouts) {
        // With three or more lines the column is first chosen on the lines
        // after the first: the first may still be the end of a wide line
        // ("phu huynh hoc DBDCMHS"), laid out alone when it does not fit.
        if (e - k >= 3) {
          RowLayout probe = from;
          probe.mode = LineMode::kFlow;
          probe.flow = -1;
          std::vector<RowLayout> tail;
          ExtendWithRun(search, k + 1, e, probe, kContentColumns, &tail);
          int column = tail.front().placed.back().second.column;
          if (SegmentLength(lines[k], 0, lines[k].size()) > width[column] + 1.0) {
            std::vector<RowLayout> heads;
            ExtendWithLine(search, k, from, line_k, &heads);
            for (const RowLayout& head : heads) {
              ExtendWithRun(search, k + 1, e, head,
                            head.one_cell_per_line ? CellsBefore(lines, e) : kContentColumns,
                            &at[e]);
            }
            continue;
          }
        }
        ExtendWithRun(search, k, e, from,
                      from.one_cell_per_line ? CellsBefore(lines, e) : kContentColumns, &at[e]);
      }
    }
    // With a scorer the lines of a narrow run are also laid out one at a
    // time, at kRunBreak: "trong hoat dong Xuyen" / "Hoi" may be the ends of
    // two cells (result and budget) with the rule between them lost, which
    // only the language model can tell.
    if (e - k < 2 || wide) {
      size_t before = at[k + 1].size();
      for (const RowLayout& from : layouts) ExtendWithLine(search, k, from, line_k, &at[k + 1]);
      if (e - k >= 2) {
        for (size_t m = before; m < at[k + 1].size(); ++m) at[k + 1][m].cost += kRunBreak;
      }
    }
    layouts.clear();
  }
  std::vector<RowLayout>& layouts = at[lines.size()];
  if (search.scorer) {
    // The end of every column's text.
    for (RowLayout& layout : layouts) {
      for (int c = 0; c < kContentColumns; ++c) {
        if (layout.has_text[c]) layout.lm += search.scorer->ScoreEnd(layout.lm_state[c]);
      }
    }
  }
  std::stable_sort(layouts.begin(), layouts.end(),
                   [](const RowLayout& x, const RowLayout& y) { return Score(x) < Score(y); });
  RowChoice choice;
  choice.confidence.fill(1.0);
  if (wide) choice.confidence = LayoutConfidence(layouts, confidence_scale);
  choice.best = std::move(layouts.front());
  return choice;
}

// One criterion row of the OCR'd table: its label and its content lines
// ("" for a blank line).
struct OcrRow {
  std::vector<Cell> cells;  // 9 cells; [0] TT, [1] label
  std::vector<std::string> lines;
  bool criterion = false;
  size_t first_line = 0, last_line = 0;  // 0-based source lines of the row
};

// Lays the content lines of every criterion row out into columns 2..8.
// Column widths start from the widest lines and are re-estimated from the
// layout twice.
void LayOutOcrRows(std::vector<OcrRow>* rows, const TextTableOptions& options) {
  const LayoutScorer* scorer = options.scorer;
  std::vector<std::vector<std::vector<OcrToken>>> tokens(rows->size());
  std::vector<std::map<std::tuple<size_t, size_t, size_t>, std::vector<uint32_t>>> words(
      rows->size());
  std::vector<double> lengths;
  for (size_t r = 0; r < rows->size(); ++r) {
    for (const auto& line : (*rows)[r].lines) {
      tokens[r].push_back(TokenizeOcrLine(line));
      PrepareCues(&tokens[r].back());
      // Only with the language model: alone, the statistics of other
      // plans mislead more than they help (see column_words in
      // text_tables.h).
      if (options.column_words && scorer) {
        for (OcrToken& t : tokens[r].back()) {
          ColumnWords::Scores s = options.column_words->WordScores(t.text, options.column_word_options);
          for (int c = 0; c < kContentColumns; ++c) {
            t.column_cost[c] = -options.column_word_weight * s[c];
          }
        }
      }
      if (!tokens[r].back().empty()) {
        lengths.push_back(SegmentLength(tokens[r].back(), 0, tokens[r].back().size()));
      }
    }
  }
  if (lengths.empty()) return;
  std::sort(lengths.begin(), lengths.end());
  double total = static_cast<double>(lengths[lengths.size() * 95 / 100]);
  // Typical share of the content width per column (result, actions,
  // responsible, time, budget, other support, notes).
  static const std::array<double, kContentColumns> kShare = {0.19, 0.24, 0.16, 0.11,
                                                             0.09, 0.17, 0.04};
  std::array<double, kContentColumns> width;
  for (int c = 0; c < kContentColumns; ++c) width[c] = std::max(6.0, total * kShare[c]);

  std::vector<std::vector<std::pair<int, std::string>>> placed(rows->size());
  std::vector<std::array<double, kContentColumns>> confidence(rows->size());
  for (int pass = 0; pass < 3; ++pass) {
    std::array<std::vector<double>, kContentColumns> seen, ruled;
    for (size_t r = 0; r < rows->size(); ++r) {
      placed[r].clear();
      const auto& lines = tokens[r];
      std::map<LineKey, std::vector<LineLayout>> segmentations;
      RowChoice choice =
          LayOutRow({&lines, &words[r], &width, pass == 2 ? scorer : nullptr, &segmentations},
                    options.layout_confidence_scale);
      const RowLayout& layout = choice.best;
      for (int c = 0; c < kContentColumns; ++c) confidence[r][c] = choice.confidence[c];
      // Width statistics and cell text, line by line.
      for (size_t p = 0; p < layout.placed.size();) {
        size_t q = p;
        while (q < layout.placed.size() && layout.placed[q].first == layout.placed[p].first) ++q;
        const auto& line = lines[layout.placed[p].first];
        for (size_t m = p; m < q; ++m) {
          const Segment& s = layout.placed[m].second;
          bool closed_left = s.begin == 0 || line[s.begin].rule_before;
          bool closed_right = s.end == line.size() || line[s.end].rule_before;
          double length = SegmentLength(line, s.begin, s.end);
          if (closed_left && closed_right && q - p > 1) ruled[s.column].push_back(length);
          seen[s.column].push_back(length);
          placed[r].push_back({s.column, SegmentText(line, s.begin, s.end)});
        }
        p = q;
      }
    }
    for (int c = 0; c < kContentColumns; ++c) {
      if (seen[c].size() >= 6) {
        std::sort(seen[c].begin(), seen[c].end());
        width[c] = std::max(6.0, seen[c][seen[c].size() * 19 / 20]);
      }
      // A piece between two rule marks shows the column is at least that wide.
      if (!ruled[c].empty()) {
        std::sort(ruled[c].begin(), ruled[c].end());
        width[c] = std::max(width[c], ruled[c][ruled[c].size() * 9 / 10]);
      }
    }
  }
  for (size_t r = 0; r < rows->size(); ++r) {
    for (int c = 0; c < kContentColumns; ++c) {
      (*rows)[r].cells[2 + c].confidence = static_cast<float>(100.0 * confidence[r][c]);
    }
    for (const auto& [column, text] : placed[r]) {
      std::string& cell = (*rows)[r].cells[2 + column].text;
      // A compound broken after its hyphen at the end of a line
      // ("PCCC-" / "CNCH") is joined again; a free-standing dash
      // ("2023 -" / "2024") keeps its space.
      if (cell.size() >= 2 && cell.back() == '-' && cell[cell.size() - 2] != ' ') {
        cell += text;
      } else {
        AppendText(&cell, text);
      }
    }
  }
}

// Finds the plan table in OCR'd text: from the first level/standard label
// line to the next section heading. Its header was not readable, so the
// canonical nine headers are used. Level and standard rows are single
// lines (a standard title may continue on a later line); a criterion row
// runs from its "Tiêu chí" label to the next label, its number on the same
// or a following line.
std::optional<Found> ParsePipeOcr(const std::vector<std::string_view>& lines,
                                  const std::vector<bool>& consumed,
                                  const TextTableOptions& options) {
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

  std::vector<OcrRow> rows;
  int criteria = 0;
  OcrRow* row = nullptr;  // the criterion row being read
  bool need_number = false;
  bool standard_pending = false;
  std::string standard_number;  // of the current standard, for "35" -> "3.5"
  for (size_t i = first; i < end; ++i) {
    std::string line = CollapseSpaces(lines[i]);
    if (line.empty()) {
      if (row) row->lines.emplace_back();
      continue;
    }
    RowLabel whole = ParseRowLabel(line);
    if (whole.kind == LabelKind::kLevel) {
      rows.push_back({std::vector<Cell>(9), {}, false, i, i});
      rows.back().cells[0].text = line;
      row = nullptr;
      standard_number.clear();
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
    if (standard_pending) {
      // "Tiéu chuin" alone, then "2: Can bo ..." on a later line.
      rows.back().cells[1].text += " " + body;
      rows.back().last_line = i;
      RowLabel label = ParseRowLabel(rows.back().cells[1].text);
      if (label.kind == LabelKind::kStandard) standard_number = label.number;
      standard_pending = false;
      continue;
    }
    size_t word_len = 0;
    LabelKind lead = LeadingLabelWord(body, &word_len);
    if (lead == LabelKind::kStandard) {
      rows.push_back({std::vector<Cell>(9), {}, false, i, i});
      rows.back().cells[0].text = tt;
      rows.back().cells[1].text = body;
      RowLabel label = ParseRowLabel(body);
      standard_pending = label.kind != LabelKind::kStandard;
      standard_number = standard_pending ? "" : label.number;
      row = nullptr;
      need_number = false;
      continue;
    }
    auto add_number = [&](std::string number) {
      // "35" under standard 3: the OCR dropped the dot of "3.5".
      if (number.find('.') == std::string::npos && number.size() == 2 &&
          !standard_number.empty() && number[0] == standard_number[0]) {
        number = number.substr(0, 1) + "." + number.substr(1);
      }
      row->cells[1].text += " " + number;
    };
    if (lead == LabelKind::kCriterion) {
      rows.push_back({std::vector<Cell>(9), {}, true, i, i});
      row = &rows.back();
      ++criteria;
      std::string rest = CollapseSpaces(body.substr(word_len));
      row->cells[1].text = "Tiêu chí";
      std::string number;
      size_t len = 0;
      if (LeadingNumber(rest, &number, &len)) {
        add_number(number);
        rest = CollapseSpaces(rest.substr(len));
        need_number = false;
      } else {
        need_number = true;
      }
      line = rest;
    } else if (need_number && row) {
      std::string number;
      size_t len = 0;
      if (LeadingNumber(line, &number, &len)) {
        add_number(number);
        line = CollapseSpaces(line.substr(len));
        need_number = false;
      }
    }
    if (!row) continue;
    row->last_line = i;
    // A '|' or '[' left in front of the first piece is the label's rule.
    while (!line.empty() && (line.front() == '|' || line.front() == '[' ||
                             line.front() == '{' || line.front() == '/' || line.front() == ' ')) {
      line.erase(line.begin());
    }
    if (!line.empty()) row->lines.push_back(line);
  }
  if (criteria < 2) return std::nullopt;
  LayOutOcrRows(&rows, options);
  if (first > header_start) {
    SetLines(&f.table.rows.front(), LineNumber(header_start), LineNumber(first - 1));
  }
  for (auto& r : rows) {
    SetLines(&r.cells, LineNumber(r.first_line), LineNumber(r.last_line));
    f.table.rows.push_back(std::move(r.cells));
  }
  return f;
}

// The caption of a table that starts on line `first` (captions.h
// ChooseCaption): from the two paragraphs just above it, blank lines
// between allowed, at most kCaptionGap lines up; lines of other tables end
// the search.
std::string FindCaption(const std::vector<std::string_view>& lines,
                        const std::vector<bool>& consumed, size_t first) {
  constexpr size_t kCaptionGap = 6;
  const size_t stop = first > kCaptionGap ? first - kCaptionGap : 0;
  // Up to two paragraphs above `first`, nearest first.
  std::vector<std::string> paragraphs;
  size_t i = first;
  while (i > stop && paragraphs.size() < 2) {
    --i;
    if (consumed[i]) break;
    if (IsBlank(lines[i])) continue;
    std::string paragraph = CollapseSpaces(lines[i]);
    while (i > stop && !consumed[i - 1] && !IsBlank(lines[i - 1])) {
      --i;
      paragraph = CollapseSpaces(lines[i]) + " " + paragraph;
    }
    paragraphs.push_back(std::move(paragraph));
  }
  return ChooseCaption(paragraphs);
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
      // The rows' lines are counted from the fragment's first line.
      for (auto& row : f.table.rows) {
        for (Cell& cell : row) {
          if (cell.line > 0) cell.line += static_cast<int>(i);
          if (cell.last_line > 0) cell.last_line += static_cast<int>(i);
        }
      }
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
      if (auto f = ParsePipeOcr(lines, consumed, options)) accept(std::move(*f));
    }
  }
  if (options.paragraph_tables) {
    std::vector<Found> more;
    FindParagraphTables(lines, consumed, options.min_columns, &more);
    for (auto& f : more) accept(std::move(f));
    more.clear();
    FindTimetables(SplitParagraphs(lines, consumed), &more);
    for (auto& f : more) {
      for (size_t k = f.first_line; k < f.end_line; ++k) consumed[k] = true;
      found.push_back(std::move(f));
    }
  }
  std::sort(found.begin(), found.end(),
            [](const Found& a, const Found& b) { return a.first_line < b.first_line; });
  for (auto& f : found) {
    if (f.table.format != TableFormat::kPipeOcr) {
      f.table.caption = CleanCellText(FindCaption(lines, consumed, f.first_line));
    }
  }
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
