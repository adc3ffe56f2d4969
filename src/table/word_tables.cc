#include "table/word_tables.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/median.h"
#include "common/utf8.h"
#include "table/cell_words.h"
#include "table/fuzzy.h"
#include "table/row_labels.h"

namespace vnplan::table {
namespace {

// A printed line: words sorted left to right, and its vertical centre.
struct PrintedLine {
  std::vector<const Word*> words;
  double centre = 0.0;
  int top = 0, bottom = 0;  // of its words of about a word's height
  int left = 0, right = 0;
};

double Centre(const Box& b) { return (b.y0 + b.y1) / 2.0; }

// `clipped` receives the copies of words whose box was cut (below).
std::vector<PrintedLine> GroupIntoLines(const Page& page, double height,
                                        std::deque<Word>* clipped) {
  std::vector<const Word*> words;
  for (const auto& block : page.blocks) {
    for (const auto& line : block.lines) {
      for (const auto& w : line.words) {
        // Blank words (a noise token emptied to a space) are no text: they
        // would make a column of their own at the page's edge.
        if (!w.box.empty() && w.text.find_first_not_of(" \t\n") != std::string::npos) {
          words.push_back(&w);
        }
      }
    }
  }
  std::sort(words.begin(), words.end(), [](const Word* a, const Word* b) {
    return Centre(a->box) < Centre(b->box) ||
           (Centre(a->box) == Centre(b->box) && a->box.x0 < b->box.x0);
  });
  std::vector<PrintedLine> lines;
  double centre_sum = 0.0;
  for (const Word* w : words) {
    if (lines.empty() || Centre(w->box) - lines.back().centre > 0.5 * height) {
      lines.push_back({});
      centre_sum = 0.0;
    }
    PrintedLine& line = lines.back();
    line.words.push_back(w);
    centre_sum += Centre(w->box);
    line.centre = centre_sum / line.words.size();
  }
  for (auto& line : lines) {
    std::sort(line.words.begin(), line.words.end(),
              [](const Word* a, const Word* b) { return a->box.x0 < b->box.x0; });
    // A word whose box runs on over the next word's start (the OCR glued a
    // header cell's words into one box reaching across the column gap into
    // the next cell's words) ends where that word starts: its box would
    // hide the gap from the other pages' separators.
    for (size_t i = 0; i + 1 < line.words.size(); ++i) {
      const Word& w = *line.words[i];
      const int next = line.words[i + 1]->box.x0;
      if (w.box.x1 <= next || next <= w.box.x0) continue;
      clipped->push_back(w);
      clipped->back().box.x1 = next;
      line.words[i] = &clipped->back();
    }
    // Top and bottom from the words of about a word's height (an OCR
    // "word" of a seal's or a rule's remnants may span several lines).
    line.top = static_cast<int>(std::lround(line.centre - height / 2));
    line.bottom = static_cast<int>(std::lround(line.centre + height / 2));
    line.left = line.words.front()->box.x0;
    line.right = line.words.front()->box.x1;
    for (const Word* w : line.words) {
      if (w->box.height() <= 1.6 * height) {
        line.top = std::min(line.top, w->box.y0);
        line.bottom = std::max(line.bottom, w->box.y1);
      }
      line.left = std::min(line.left, w->box.x0);
      line.right = std::max(line.right, w->box.x1);
    }
  }
  return lines;
}

// Word groups of a line: runs of words with gaps under `gap` pixels, and
// under 2.5 times the line's narrowest space up to 1.5 word heights (a
// spaced-out title is one group).
int CountGroups(const PrintedLine& line, double gap, double height) {
  std::vector<int> spaces;
  for (size_t i = 1; i < line.words.size(); ++i) {
    spaces.push_back(line.words[i]->box.x0 - line.words[i - 1]->box.x1);
  }
  if (spaces.empty()) return 1;
  const double wide =
      std::max(gap, std::min(2.5 * *std::min_element(spaces.begin(), spaces.end()), 1.5 * height));
  return 1 + static_cast<int>(
                 std::count_if(spaces.begin(), spaces.end(), [&](int s) { return s > wide; }));
}

// True when two words of `line` at most `space` apart (one phrase) lie on
// either side of a column separator.
bool CrossesColumns(const PrintedLine& line, const std::vector<int>& separators, double space) {
  for (size_t i = 1; i < line.words.size(); ++i) {
    const int x0 = line.words[i - 1]->box.x1, x1 = line.words[i]->box.x0;
    if (x1 - x0 > space) continue;
    auto s = std::upper_bound(separators.begin(), separators.end(),
                              (line.words[i - 1]->box.x0 + x0) / 2);
    if (s != separators.end() && *s < (x1 + line.words[i]->box.x1) / 2) return true;
  }
  return false;
}

std::string LineText(const PrintedLine& line) {
  std::string text;
  for (const Word* w : line.words) {
    if (!text.empty()) text += ' ';
    text += w->text;
  }
  return text;
}

void AddWord(const Word& w, int page, Cell* cell) {
  if (!cell->text.empty()) cell->text += ' ';
  cell->text += w.text;
  cell->page = page;
  cell->confidence = cell->box ? std::min(cell->confidence, w.confidence) : w.confidence;
  Box b = cell->box.value_or(w.box);
  cell->box = Box{std::min(b.x0, w.box.x0), std::min(b.y0, w.box.y0), std::max(b.x1, w.box.x1),
                  std::max(b.y1, w.box.y1)};
}

// One page's table: its printed lines and where the table lies in them.
struct Region {
  const Page* page = nullptr;
  std::shared_ptr<std::deque<Word>> clipped = std::make_shared<std::deque<Word>>();
  std::vector<PrintedLine> lines;  // their words are the page's or `clipped`'s
  std::vector<int> groups;  // word groups per line
  double height = 0, gap = 0, pitch = 0;
  double space = 0;  // median space between words
  int first = -1, last = -1, last_table_line = -1;
  // The first line of the run of lines just above the table, only a white
  // gap apart (no line between); -1: none.
  int above = -1;
  int left = 0, right = 0;  // x extent of the lines with two or more groups
};

std::optional<Region> FindRegion(const Page& page, const WordTableOptions& options) {
  std::vector<int> heights;
  for (const auto& block : page.blocks) {
    for (const auto& line : block.lines) {
      for (const auto& w : line.words) {
        if (!w.box.empty()) heights.push_back(w.box.height());
      }
    }
  }
  if (heights.size() < 6 || page.width <= 0) return std::nullopt;
  Region r;
  r.page = &page;
  r.height = std::max(4, UpperMedian(heights));
  r.lines = GroupIntoLines(page, r.height, r.clipped.get());
  const auto& lines = r.lines;
  // The white gap between columns: `column_gap` word heights, or less when
  // the spaces between words are narrow for the boxes' height (a PDF text
  // layer's boxes span the font's ascent and descent, an OCR's the ink).
  std::vector<int> spaces;
  for (const auto& line : lines) {
    for (size_t i = 1; i < line.words.size(); ++i) {
      int space = line.words[i]->box.x0 - line.words[i - 1]->box.x1;
      if (space > 0 && space < r.height) spaces.push_back(space);
    }
  }
  r.space = spaces.empty() ? 0.3 * r.height : UpperMedian(spaces);
  r.gap = std::min(options.column_gap * r.height, options.column_gap_spaces * r.space);

  // Table lines, and the line pitch of the page.
  r.groups.resize(lines.size());
  int page_left = page.width, page_right = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    r.groups[i] = CountGroups(lines[i], r.gap, r.height);
    page_left = std::min(page_left, lines[i].left);
    page_right = std::max(page_right, lines[i].right);
  }
  std::vector<double> pitches;
  for (size_t i = 1; i < lines.size(); ++i)
    pitches.push_back(lines[i].centre - lines[i - 1].centre);
  r.pitch = std::max(r.height, UpperMedian(pitches));
  const double pitch = r.pitch;
  auto is_table_line = [&](size_t i) { return r.groups[i] >= options.min_columns; };
  auto is_narrow = [&](size_t i) {
    return lines[i].right - lines[i].left < (page_right - page_left) / 2;
  };
  // The table: the run of lines with the most word groups in table lines
  // (a table's header of many columns outweighs a few lines of prose whose
  // justified or damaged gaps make three groups), where lines of two or
  // more groups and narrow lines (a level row, a wrapped cell, a
  // standard's title) follow each other closely; a wide line of prose
  // ends it.
  struct Run {
    int first, last, last_table_line, count, groups, left, right;
  };
  std::vector<Run> runs;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!is_table_line(i)) continue;
    size_t end = i, end_table = i;
    int count = 1, groups = r.groups[i];
    int left = lines[i].left, right = lines[i].right;
    while (end + 1 < lines.size() &&
           lines[end + 1].centre - lines[end].centre < options.tail_gap * pitch &&
           (r.groups[end + 1] >= 2 || is_narrow(end + 1))) {
      ++end;
      if (is_table_line(end)) {
        ++count;
        groups += r.groups[end];
        end_table = end;
      }
      if (r.groups[end] >= 2) {
        left = std::min(left, lines[end].left);
        right = std::max(right, lines[end].right);
      }
    }
    runs.push_back({static_cast<int>(i), static_cast<int>(end), static_cast<int>(end_table), count,
                    groups, left, right});
    i = end;
  }
  size_t best = runs.size();
  for (size_t k = 0; k < runs.size(); ++k) {
    if (best == runs.size() || runs[k].groups > runs[best].groups) best = k;
  }
  if (best == runs.size()) return std::nullopt;
  // A run just after the table, only a white gap apart (no line between:
  // the OCR lost the lines there, a second table's header and level row, a
  // standard's row), is the table's when its lines lie within the table's
  // span, over at least half its width (its first or last columns may be
  // empty there), and are as split as table rows (word groups per table
  // line at least 2/3 of the table's; prose with seal gaps makes fewer).
  auto continues = [&](const Run& a, const Run& b) {
    const int width = a.right - a.left;
    const double tolerance = options.same_width * width;
    return a.count >= options.min_table_lines && b.count >= options.min_table_lines &&
           b.left >= a.left - tolerance && b.right <= a.right + tolerance &&
           b.right - b.left >= width / 2 &&
           3.0 * b.groups / b.count >= 2.0 * a.groups / a.count;
  };
  const size_t from = best;
  size_t to = best;
  while (to + 1 < runs.size() && runs[to + 1].first == runs[to].last + 1 &&
         continues(runs[best], runs[to + 1])) {
    ++to;
  }
  r.first = runs[from].first;
  if (from > 0 && runs[from - 1].last + 1 == runs[from].first) r.above = runs[from - 1].first;
  r.last = runs[to].last;
  r.last_table_line = runs[to].last_table_line;
  int table_lines = 0;
  for (size_t k = from; k <= to; ++k) table_lines += runs[k].count;
  if (table_lines < options.min_table_lines) return std::nullopt;
  r.left = page.width;
  r.right = 0;
  for (int i = r.first; i <= r.last; ++i) {
    if (r.groups[i] < 2) continue;
    r.left = std::min(r.left, lines[i].left);
    r.right = std::max(r.right, lines[i].right);
  }
  return r;
}

// Column separators of `r`, x relative to its left edge: the white gaps of
// the lines with two or more groups (a one-group line lies in one column,
// or is a level row centred across several), wide ones or narrower ones
// where several lines start flush at the right (left-aligned cells; spaces
// between words do not line up like that).
std::vector<int> FindSeparators(const Region& r, const WordTableOptions& options) {
  const int width = r.right - r.left;
  const double gap = r.gap, narrow = options.narrow_column_gap * r.height;
  std::vector<int> occupancy(width + 1, 0);
  std::vector<std::vector<int>> starts;  // per line: word starts
  for (int i = r.first; i <= r.last; ++i) {
    if (r.groups[i] < 2) continue;
    starts.emplace_back();
    for (const Word* w : r.lines[i].words) {
      const int x0 = std::clamp(w->box.x0 - r.left, 0, width);
      const int x1 = std::clamp(w->box.x1 - r.left, 0, width);
      for (int x = x0; x < x1; ++x) ++occupancy[x];
      starts.back().push_back(x0);
    }
  }
  std::vector<int> separators;
  for (int x = 0; x < width;) {
    if (occupancy[x] > 0) {
      ++x;
      continue;
    }
    const int start = x;
    while (x < width && occupancy[x] == 0) ++x;
    bool aligned = false;
    if (x - start > narrow && x - start <= gap) {
      int flush = 0;
      for (const auto& line : starts) {
        flush +=
            std::any_of(line.begin(), line.end(), [&](int s) { return s >= x && s - x <= narrow; });
      }
      aligned = flush >= options.aligned_starts;
    }
    if (x - start > gap || aligned) separators.push_back((start + x) / 2);
  }
  return separators;
}

// True when no word of the region's lines of two or more groups covers x
// by more than `edge` pixels on both sides (a speck or quote mark the OCR
// glued to a word's start may reach across a column gap).
bool IsWhite(const Region& r, int x, int edge = 0) {
  for (int i = r.first; i <= r.last; ++i) {
    if (r.groups[i] < 2) continue;
    for (const Word* w : r.lines[i].words) {
      if (w->box.x0 + edge <= x && x < w->box.x1 - edge) return false;
    }
  }
  return true;
}

// Gives each cell of `table` its slot on the page, the region a ruled
// cell would have (RereadCells reads it): x from the column separators (the
// table's outer columns out to its lines' extent), y from the first line
// of its row to the last; both widened by a quarter of a word height, or
// up to half the white gap to the next line when that is less.
void SetCellBoxes(const Region& region, const std::vector<int>& separators,
                  const std::vector<std::pair<int, int>>& row_lines, Table* table) {
  const auto& lines = region.lines;
  const int pad = static_cast<int>(std::ceil(0.25 * region.height));
  int left = INT_MAX, right = INT_MIN;
  for (const auto& [first, last] : row_lines) {
    for (int i = first; i <= last; ++i) {
      left = std::min(left, lines[i].left);
      right = std::max(right, lines[i].right);
    }
  }
  // A page whose leading column holds no text (its table widened to the
  // other pages' left edge): that column's slots start there.
  if (!separators.empty() && left >= separators.front()) left = std::min(left, region.left);
  // One whose trailing column(s) hold no text (widened to the others' right
  // edge): those columns' slots end there.
  if (!separators.empty() && right <= separators.back()) right = std::max(right, region.right);
  for (size_t r = 0; r < table->rows.size(); ++r) {
    const auto [first, last] = row_lines[r];
    int top = lines[first].top, bottom = lines[last].bottom;
    for (int i = first; i <= last; ++i) {
      top = std::min(top, lines[i].top);
      bottom = std::max(bottom, lines[i].bottom);
    }
    int above = pad, below = pad;
    if (first > 0) above = std::clamp((top - lines[first - 1].bottom) / 2, 0, pad);
    if (last + 1 < static_cast<int>(lines.size())) {
      below = std::clamp((lines[last + 1].top - bottom) / 2, 0, pad);
    }
    auto& row = table->rows[r];
    for (size_t c = 0; c < row.size(); ++c) {
      Cell& cell = row[c];
      if (cell.col_span == 0) continue;
      const size_t end = c + std::max(1, cell.col_span);  // one past its last column
      const int x0 = c == 0 ? left - pad : separators[c - 1];
      const int x1 = end >= row.size() ? right + pad : separators[end - 1];
      cell.box = Box{x0, top - above, x1, bottom + below};
      cell.page = region.page->number;
    }
  }
}

// The table of `region` cut into columns at `relative` (+ its left edge).
// `header_end` (-1: found from the lines) is the header row's last line:
// the lines up to it are the first row's and the next one starts a row.
// `header_lines` (optional) receives the first and last line of the first
// row.
Table BuildTable(const Region& region, const std::vector<int>& relative,
                 const WordTableOptions& options, int header_end = -1,
                 std::pair<int, int>* header_lines = nullptr) {
  Table table;
  table.format = TableFormat::kWords;
  const Page& page = *region.page;
  const auto& lines = region.lines;
  const auto& groups = region.groups;
  std::vector<int> separators;
  for (int x : relative) separators.push_back(x + region.left);
  int first = region.first, last = region.last;
  // After the last table line, a line whose words run on across a column
  // boundary (a heading, a sentence) is no longer the table's; a level row
  // centred across columns is.
  for (int i = region.last_table_line + 1; i <= last; ++i) {
    if (ParseRowLabel(LineText(lines[i])).kind == LabelKind::kLevel) continue;
    if (CrossesColumns(lines[i], separators, 1.5 * region.space)) {
      last = i - 1;
      break;
    }
  }
  const size_t columns = separators.size() + 1;
  auto column_of = [&](const Word& w) {
    int centre = (w.box.x0 + w.box.x1) / 2;
    return static_cast<size_t>(std::upper_bound(separators.begin(), separators.end(), centre) -
                               separators.begin());
  };

  // Rows. A line continues the row above when one of its cells continues
  // that row's cell from the line before and none resumes a cell that
  // stopped earlier (the header's cells stop at its last line: a page's
  // first data line does not join them).
  bool previous_spanned = false;
  int standard_column = -1;                    // the label's column when the row is a standard's
  std::vector<int> last_line(columns, -1);     // per column: the row's last line with text
  std::vector<std::pair<int, int>> row_lines;  // per row: its first and last line
  // The text of line `i` in column `c`.
  auto text_in = [&](int i, size_t c) {
    std::string text;
    for (const Word* w : lines[i].words) {
      if (column_of(*w) != c) continue;
      if (!text.empty()) text += ' ';
      text += w->text;
    }
    return text;
  };
  int previous = first - 1;  // the last line that counted for continuity
  for (int i = first; i <= last; ++i) {
    const PrintedLine& line = lines[i];
    if (i > first && i <= header_end) {  // the header row, as given
      row_lines.back().second = i;
      for (const Word* w : line.words) {
        AddWord(*w, page.number, &table.rows.back()[column_of(*w)]);
        last_line[column_of(*w)] = i;
      }
      previous = i;
      continue;
    }
    std::vector<Cell> row(columns);
    for (const Word* w : line.words) AddWord(*w, page.number, &row[column_of(*w)]);
    // A level row centred across the table ("MỨC 1, 2, 3").
    if (groups[i] == 1 && ParseRowLabel(LineText(line)).kind == LabelKind::kLevel) {
      std::vector<Cell> spanned(columns);
      for (const Word* w : line.words) AddWord(*w, page.number, &spanned[0]);
      spanned[0].col_span = static_cast<int>(columns);
      for (size_t c = 1; c < columns; ++c) spanned[c].col_span = 0;
      table.rows.push_back(std::move(spanned));
      row_lines.emplace_back(i, i);
      previous_spanned = true;
      previous = i;
      continue;
    }
    // A cell of a speck read with a letter ("\"N", "*Ê": one or two
    // characters, one of them a mark) on a line that goes on with the row's
    // text resumes no cell: a seal's or the scan's dirt beside a wrapped
    // line would cut the row there.
    auto speck = [](const std::string& text) {
      return Utf8ToU32(text).size() <= 2 && std::any_of(text.begin(), text.end(), [](char ch) {
               return std::ispunct(static_cast<unsigned char>(ch)) != 0;
             });
    };
    bool continues = false, resumes = false;
    for (size_t c = 0; c < columns; ++c) {
      if (row[c].text.empty()) continue;
      continues |= last_line[c] == previous;
    }
    for (size_t c = 0; c < columns; ++c) {
      if (row[c].text.empty() || (continues && speck(row[c].text))) continue;
      resumes |= last_line[c] >= 0 && last_line[c] < previous;
    }
    // A line of specks only (every word a single character) in cells the
    // row has not used, a seal's or the scan's dirt between a row's lines,
    // goes with the row without starting one or breaking its lines' run.
    if (!table.rows.empty() && !previous_spanned && !continues &&
        std::all_of(line.words.begin(), line.words.end(),
                    [](const Word* w) { return Utf8ToU32(w->text).size() <= 1; })) {
      row_lines.back().second = i;
      for (const Word* w : line.words) AddWord(*w, page.number, &table.rows.back()[column_of(*w)]);
      continue;
    }
    const auto leftmost =
        std::find_if(row.begin(), row.end(), [](const Cell& c) { return !c.text.empty(); });
    // A label in the leftmost cell starts a row, also when a narrow column
    // wrapped it after its word ("Tiêu chí" / "5.5.3: Hình thành ...").
    bool label = false;
    if (leftmost != row.end()) {
      label = ParseRowLabel(leftmost->text).kind != LabelKind::kNone;
      if (!label && i < last) {
        const std::string joined =
            leftmost->text + ' ' + text_in(i + 1, static_cast<size_t>(leftmost - row.begin()));
        const LabelKind kind = ParseRowLabel(joined).kind;
        label = kind == LabelKind::kStandard || kind == LabelKind::kCriterion;
      }
    }
    // Text in the first column starts a row, but in the header (the first
    // row) only a number does ("1", "(1)"): on a page whose number column
    // the OCR lost, the first column is the labels', headed "Tiêu chuẩn, /
    // tiêu chí".
    const bool first_column =
        !row[0].text.empty() &&
        (table.rows.size() != 1 || std::any_of(row[0].text.begin(), row[0].text.end(), [](char c) {
           return std::isdigit(static_cast<unsigned char>(c));
         }));
    // A standard's row holds its number and title only: a line that opens
    // cells in two or more other columns is the next row, however its
    // label was read ("Tiêu" for "Tiêu chí 5.3", a label lost).
    bool after_standard = false;
    if (standard_column >= 0 && table.rows.size() > 1) {
      int opened = 0;
      bool others = false;  // the row has text outside its number and title
      for (size_t c = 1; c < columns; ++c) {
        if (static_cast<int>(c) == standard_column) continue;
        others |= last_line[c] >= 0;
        opened += !row[c].text.empty();
      }
      after_standard = !others && opened >= 2;
    }
    bool starts = table.rows.empty() || previous_spanned || !continues || resumes ||
                  line.centre - lines[previous].centre > options.row_gap * region.pitch ||
                  first_column || label || after_standard ||
                  (header_end >= 0 && i == header_end + 1);
    previous_spanned = false;
    previous = i;
    if (starts) {
      std::fill(last_line.begin(), last_line.end(), -1);
      table.rows.emplace_back(columns);
      row_lines.emplace_back(i, i);
      // A standard's label in the line's first two cells (after a number).
      standard_column = -1;
      int seen = 0;
      for (size_t c = 0; c < columns && seen < 2; ++c) {
        if (row[c].text.empty()) continue;
        ++seen;
        std::string text = row[c].text;
        if (ParseRowLabel(text).kind == LabelKind::kNone && i < last)
          text += ' ' + text_in(i + 1, c);
        if (ParseRowLabel(text).kind == LabelKind::kStandard) {
          standard_column = static_cast<int>(c);
          break;
        }
      }
    }
    row_lines.back().second = i;
    auto& target = table.rows.back();
    for (const Word* w : line.words) {
      size_t c = column_of(*w);
      AddWord(*w, page.number, &target[c]);
      last_line[c] = i;
    }
  }
  SetCellBoxes(region, separators, row_lines, &table);
  if (header_lines && !row_lines.empty()) *header_lines = row_lines.front();
  table.header_rows = 1;
  if (page.number > 0) table.pages = {page.number};
  return table;
}

// True when `narrow`'s table is `wide`'s without its leading column(s),
// whose text the page lacks (a number column where no row starts on that
// page, its header word lost): it starts right of one of `wide`'s
// separators, ends where `wide` ends, and each of its own separators
// (`narrow_separators`; `wide_separators` for `wide`, both relative to
// their region's left edge) is one of `wide`'s on the page.
bool LacksLeadingColumns(const Region& wide, const std::vector<int>& wide_separators,
                         const Region& narrow, const std::vector<int>& narrow_separators,
                         const WordTableOptions& options) {
  const double tolerance = 2 * std::max(wide.gap, narrow.gap);
  if (narrow.left <= wide.left + tolerance || narrow_separators.size() < 2) return false;
  if (std::abs(narrow.right - wide.right) > options.same_width * (wide.right - wide.left)) {
    return false;
  }
  if (wide_separators.empty() || wide.left + wide_separators.front() >= narrow.left) return false;
  return std::all_of(narrow_separators.begin(), narrow_separators.end(), [&](int s) {
    return std::any_of(wide_separators.begin(), wide_separators.end(), [&](int w) {
      return std::abs(wide.left + w - (narrow.left + s)) <= tolerance;
    });
  });
}

// True when `narrow`'s table is `wide`'s without its trailing column(s),
// and maybe its leading ones too, whose text the OCR lost on that page
// (Tesseract's layout analysis drops a column of a low-resolution scan, or
// its cells are empty there: the notes, a number column where no row
// starts): it lies within `wide`, ends left of one of `wide`'s separators,
// starts where `wide` starts or right of one of its separators, and where
// both show columns they agree: every separator of the one that shows
// fewer there (`narrow_separators`; `wide_separators` for `wide`, both
// relative to their region's left edge) is one of the other's, and at
// least two are.
bool LacksTrailingColumns(const Region& wide, const std::vector<int>& wide_separators,
                          const Region& narrow, const std::vector<int>& narrow_separators,
                          const WordTableOptions& options) {
  const double tolerance = 2 * std::max(wide.gap, narrow.gap);
  if (narrow.left < wide.left - tolerance) return false;
  if (narrow.right >= wide.right - options.same_width * (wide.right - wide.left)) return false;
  std::vector<int> a, b;  // on the page, within `narrow`'s span
  int before = 0, after = 0;  // `wide`'s separators left and right of it
  for (int s : wide_separators) {
    const int x = wide.left + s;
    if (x <= narrow.left) {
      ++before;
    } else if (x >= narrow.right) {
      ++after;
    } else {
      a.push_back(x);
    }
  }
  if (after == 0) return false;  // no column of `wide` beyond it
  if (narrow.left > wide.left + tolerance && before == 0) return false;
  for (int s : narrow_separators) b.push_back(narrow.left + s);
  const std::vector<int>& fewer = a.size() <= b.size() ? a : b;
  const std::vector<int>& more = a.size() <= b.size() ? b : a;
  return fewer.size() >= 2 && std::all_of(fewer.begin(), fewer.end(), [&](int s) {
           return std::any_of(more.begin(), more.end(),
                              [&](int m) { return std::abs(m - s) <= tolerance; });
         });
}

// Moves `r`'s left edge out to `left` (when that is further left), keeping
// its separators (relative to the left edge) where they are on the page.
void WidenLeft(int left, Region* r, std::vector<int>* separators) {
  if (left >= r->left) return;
  for (int& x : *separators) x += r->left - left;
  r->left = left;
}

// Moves `r`'s right edge out to `right` (when that is further right).
void WidenRight(int right, Region* r) { r->right = std::max(r->right, right); }

// The header repeated on the pages of a run (`tables` [first, first +
// count)) is one header that the OCR read with different losses on each
// page. The page's header row most like the others' is taken as its best
// reading, and its cells' text goes to every header row of as many columns
// that reads like it (mean cell similarity at least
// `header_line_similarity`): the table's columns are then named from the
// best reading, and JoinAcrossPages knows each page's header for a repeated
// one (a header row it does not know, with an empty first cell, is taken
// for the rest of the previous page's last row).
void ShareTheBestHeader(const WordTableOptions& options, std::vector<Table>* tables, size_t first,
                        size_t count) {
  auto header = [&](size_t k) -> const std::vector<Cell>* {
    const Table& t = (*tables)[first + k];
    return t.rows.empty() || t.header_rows < 1 ? nullptr : &t.rows.front();
  };
  // Most like the others; of two as like them (two pages), the one with
  // more text (the OCR drops words more often than it adds them).
  size_t best = count;
  double best_score = 0;
  size_t best_length = 0;
  for (size_t k = 0; k < count; ++k) {
    if (!header(k)) continue;
    double score = 0;
    for (size_t m = 0; m < count; ++m) {
      if (m != k && header(m)) score += RowSimilarity(*header(k), *header(m));
    }
    size_t length = 0;
    for (const Cell& cell : *header(k)) length += cell.text.size();
    if (score > best_score + 1e-9 || (score > best_score - 1e-9 && length > best_length)) {
      best = k;
      best_score = score;
      best_length = length;
    }
  }
  if (best == count) return;
  const std::vector<Cell> reading = *header(best);
  // A header row reads like the best one over all their cells, or over the
  // cells where it has text when it has text in at least half as many
  // cells as the best reading (the OCR lost the rest: "TT" and "Tiêu
  // chuẩn, tiêu chí" dropped with a column's words).
  auto reads_like = [&](const std::vector<Cell>& row) {
    if (RowSimilarity(row, reading) >= options.header_line_similarity) return true;
    if (row.size() != reading.size()) return false;
    double sum = 0;
    int with_text = 0, read = 0;
    for (size_t c = 0; c < row.size(); ++c) {
      if (row[c].col_span == 0 || reading[c].col_span == 0) continue;
      read += !reading[c].text.empty();
      if (row[c].text.empty()) continue;
      sum += Similarity(Fold(row[c].text), Fold(reading[c].text));
      ++with_text;
    }
    return with_text > 0 && 2 * with_text >= read &&
           sum / with_text >= options.header_line_similarity;
  };
  for (size_t k = 0; k < count; ++k) {
    if (k == best || !header(k) || !reads_like(*header(k))) continue;
    std::vector<Cell>& row = (*tables)[first + k].rows.front();
    for (size_t c = 0; c < row.size(); ++c) {
      if (row[c].col_span == 0 || reading[c].col_span == 0) continue;
      row[c].text = reading[c].text;
      row[c].confidence = reading[c].confidence;
    }
  }
}

}  // namespace

Table TableFromWords(const Page& page, const WordTableOptions& options) {
  return std::move(TablesFromWords({&page}, options).front());
}

std::vector<Table> TablesFromWords(const std::vector<const Page*>& pages,
                                   const WordTableOptions& options) {
  std::vector<std::optional<Region>> regions;
  for (const Page* page : pages) regions.push_back(FindRegion(*page, options));
  Table empty;
  empty.format = TableFormat::kWords;
  std::vector<Table> out(pages.size(), empty);
  // Each page's own separators.
  std::vector<std::vector<int>> separators_of(regions.size());
  for (size_t k = 0; k < regions.size(); ++k) {
    if (regions[k]) separators_of[k] = FindSeparators(*regions[k], options);
  }
  // Consecutive pages whose tables are as wide (a table running on) share
  // one column model; a page with a single row cannot show its narrow gaps
  // by alignment alone. A page whose table lacks the leading column(s) of
  // the others' joins them, widened to their left edge (the column is then
  // empty on it, and the pages' rows line up when joined).
  for (size_t i = 0; i < regions.size();) {
    if (!regions[i]) {
      ++i;
      continue;
    }
    std::vector<size_t> members = {i};
    size_t j = i + 1;
    for (; j < regions.size() && regions[j]; ++j) {
      if (pages[j]->number > 0 && pages[j]->number != pages[j - 1]->number + 1) break;
      Region& front = *regions[i];
      Region& next = *regions[j];
      const int a = front.right - front.left, b = next.right - next.left;
      if (std::abs(a - b) <= options.same_width * std::max(a, b)) {
        members.push_back(j);
        continue;
      }
      if (LacksLeadingColumns(front, separators_of[i], next, separators_of[j], options)) {
        WidenLeft(front.left, &next, &separators_of[j]);
      } else if (LacksLeadingColumns(next, separators_of[j], front, separators_of[i], options)) {
        for (size_t m : members) WidenLeft(next.left, &*regions[m], &separators_of[m]);
      } else if (LacksTrailingColumns(front, separators_of[i], next, separators_of[j], options)) {
        WidenLeft(front.left, &next, &separators_of[j]);
        WidenRight(front.right, &next);
      } else if (LacksTrailingColumns(next, separators_of[j], front, separators_of[i], options)) {
        for (size_t m : members) {
          WidenLeft(next.left, &*regions[m], &separators_of[m]);
          WidenRight(next.right, &*regions[m]);
        }
      } else {
        break;
      }
      members.push_back(j);
    }
    // A page also takes the others' separators that fall in its own white
    // space (a gap its few lines could not prove), moved by the offset of
    // its nearest own separator (left edges and scales differ a little from
    // page to page).
    std::vector<Region*> run;
    std::vector<std::vector<int>> own;
    for (size_t m : members) {
      run.push_back(&*regions[m]);
      own.push_back(separators_of[m]);
    }
    std::vector<std::pair<int, int>> header(run.size());  // header row's lines
    std::vector<std::vector<int>> cut(run.size());         // separators taken
    auto build = [&](size_t k) {
      const Region& r = *run[k];
      std::vector<int> separators = own[k];
      for (size_t m = 0; m < run.size(); ++m) {
        if (m == k) continue;
        const double scale =
            static_cast<double>(r.right - r.left) / std::max(1, run[m]->right - run[m]->left);
        std::vector<int> mapped;
        for (int x : own[m]) mapped.push_back(static_cast<int>(std::lround(x * scale)));
        for (int x : mapped) {
          int shift = 0, best = INT_MAX;
          for (int mine : own[k]) {
            for (int theirs : mapped) {
              if (std::abs(theirs - mine) <= 3 * r.gap && std::abs(theirs - x) < best) {
                best = std::abs(theirs - x);
                shift = mine - theirs;
              }
            }
          }
          const int at = x + shift;
          const bool known = std::any_of(separators.begin(), separators.end(),
                                         [&](int s) { return std::abs(s - at) <= 2 * r.gap; });
          if (known) continue;
          // Mapped so, a separator lands only near its gap (the shift comes
          // from this page's own separators, the middles of the gaps its
          // few lines leave, and column gaps are narrow at low resolution):
          // it is taken at the nearest x up to two gaps away where the page
          // is white, else where words cover it only at their ends.
          const int reach = static_cast<int>(2 * r.gap);
          const int edge = static_cast<int>(options.borrow_edge * r.height);
          std::optional<int> taken;
          for (int pass = 0; pass < 2 && !taken; ++pass) {
            for (int d = 0; d <= reach && !taken; ++d) {
              for (int x : {at - d, at + d}) {
                if (IsWhite(r, x + r.left, pass == 0 ? 0 : edge)) {
                  taken = x;
                  break;
                }
              }
            }
          }
          if (taken && std::none_of(separators.begin(), separators.end(), [&](int s) {
                return std::abs(s - *taken) <= 2 * r.gap;
              })) {
            separators.push_back(*taken);
          }
        }
      }
      std::sort(separators.begin(), separators.end());
      if (static_cast<int>(separators.size()) + 1 >= options.min_columns) {
        out[i + k] = BuildTable(r, separators, options, -1, &header[k]);
        cut[k] = separators;
      }
    };
    for (size_t k = 0; k < run.size(); ++k) build(k);
    // The header repeated on each page of the run is the same. Lines just
    // after a page's header row that read like header lines of the other
    // pages are the header's (the OCR dropped a line of a header cell, and
    // the cell's next line resumed it as a row of its own); lines at the
    // end of the header row that match none are a row cut by the page
    // break, going on under the header.
    auto reads_like_header = [&](size_t k, int line) {
      const std::string text = Fold(LineText(run[k]->lines[line]));
      for (size_t m = 0; m < run.size(); ++m) {
        if (m == k || out[i + m].rows.empty()) continue;
        for (int h = header[m].first; h <= header[m].second; ++h) {
          if (Similarity(text, Fold(LineText(run[m]->lines[h]))) >=
              options.header_line_similarity) {
            return true;
          }
        }
      }
      return false;
    };
    // A page's header row cut off from its table by a white gap (the OCR
    // lost the lines under it: a standard's title, a first row) made a run
    // of its own above the table: when one of its lines reads like a header
    // line of another page, the page's table starts there.
    for (size_t k = 0; run.size() > 1 && k < run.size(); ++k) {
      Region& r = *run[k];
      if (r.above < 0 || out[i + k].rows.empty()) continue;
      bool header_above = false;
      for (int line = r.above; line < r.first && !header_above; ++line) {
        header_above = reads_like_header(k, line);
      }
      if (!header_above) continue;
      r.first = r.above;
      r.above = -1;
      build(k);
    }
    std::vector<int> built(run.size());  // the header rows' last lines as built
    for (size_t k = 0; k < run.size(); ++k) {
      built[k] = header[k].second;
      while (run.size() > 1 && !out[i + k].rows.empty() && header[k].second < run[k]->last &&
             ParseRowLabel(LineText(run[k]->lines[header[k].second + 1])).kind ==
                 LabelKind::kNone &&
             reads_like_header(k, header[k].second + 1)) {
        ++header[k].second;
      }
    }
    // Then the header rows so extended are compared.
    for (size_t k = 0; run.size() > 1 && k < run.size(); ++k) {
      if (out[i + k].rows.empty()) continue;
      int last = header[k].second;
      while (last > header[k].first && !reads_like_header(k, last)) --last;
      if (last != built[k]) out[i + k] = BuildTable(*run[k], cut[k], options, last);
    }
    ShareTheBestHeader(options, &out, i, run.size());
    i = j;
  }
  return out;
}

Status RereadCells(const GrayImage& image, const Page& page, OcrEngine& engine,
                   const GridOptions& options, Table* table) {
  std::vector<Box> slots;
  std::vector<Cell*> cells;
  for (size_t r = static_cast<size_t>(std::max(0, table->header_rows)); r < table->rows.size();
       ++r) {
    for (auto& cell : table->rows[r]) {
      if (cell.col_span == 0 || !cell.box) continue;
      slots.push_back(*cell.box);
      cells.push_back(&cell);
    }
  }
  auto readings = ReadRegions(image, slots, engine, options);
  if (!readings) return std::unexpected(readings.error());
  for (size_t k = 0; k < cells.size(); ++k) {
    const std::optional<Page>& crop = (*readings)[k];
    if (!crop) continue;
    // The page's words in this slot, as one reading.
    Page words;
    words.blocks.emplace_back().lines.emplace_back();
    auto& line = words.blocks.back().lines.back();
    for (const auto& block : page.blocks) {
      for (const auto& l : block.lines) {
        for (const auto& w : l.words) {
          const int x = (w.box.x0 + w.box.x1) / 2, y = (w.box.y0 + w.box.y1) / 2;
          if (slots[k].x0 <= x && x < slots[k].x1 && slots[k].y0 <= y && y < slots[k].y1) {
            line.words.push_back(w);
          }
        }
      }
    }
    Cell& cell = *cells[k];
    std::string text = CollapseSpaces(PageText(*crop));
    // A row label the page's words make is kept (labels decide the rows;
    // a crop may take in a lost number column's digits before it).
    const LabelKind label = ParseRowLabel(cell.text).kind;
    if (label != LabelKind::kNone && ParseRowLabel(text).kind != label) continue;
    const double score = ReadingScore(*crop);
    if (score <= 0 || score < ReadingScore(words)) continue;
    cell.text = std::move(text);
    cell.confidence = crop->mean_confidence;
  }
  return {};
}

std::vector<Table> TablesInPageOrder(std::vector<std::vector<Table>> by_page,
                                     const std::vector<const Page*>& pages, int* borderless,
                                     const WordTableOptions& options) {
  std::vector<const Page*> ruleless;
  std::vector<size_t> at;
  for (size_t i = 0; i < by_page.size() && i < pages.size(); ++i) {
    if (!by_page[i].empty() || pages[i] == nullptr) continue;
    ruleless.push_back(pages[i]);
    at.push_back(i);
  }
  std::vector<Table> found = TablesFromWords(ruleless, options);
  for (size_t k = 0; k < found.size(); ++k) {
    if (found[k].rows.empty()) continue;
    by_page[at[k]].push_back(std::move(found[k]));
    if (borderless) ++*borderless;
  }
  std::vector<Table> tables;
  for (auto& page_tables : by_page) {
    for (auto& t : page_tables) tables.push_back(std::move(t));
  }
  return tables;
}

}  // namespace vnplan::table
