#include "table/word_tables.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "table/row_labels.h"

namespace vnplan::table {
namespace {

// A printed line: words sorted left to right, and its vertical centre.
struct PrintedLine {
  std::vector<const Word*> words;
  double centre = 0.0;
  int top = 0, bottom = 0, left = 0, right = 0;
};

double Centre(const Box& b) { return (b.y0 + b.y1) / 2.0; }

template <typename T>
T Median(std::vector<T> values) {
  if (values.empty()) return T{};
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

std::vector<PrintedLine> GroupIntoLines(const Page& page, double height) {
  std::vector<const Word*> words;
  for (const auto& block : page.blocks) {
    for (const auto& line : block.lines) {
      for (const auto& w : line.words) {
        if (!w.box.empty() && !w.text.empty()) words.push_back(&w);
      }
    }
  }
  std::sort(words.begin(), words.end(), [](const Word* a, const Word* b) {
    return Centre(a->box) < Centre(b->box) ||
           (Centre(a->box) == Centre(b->box) && a->box.x0 < b->box.x0);
  });
  std::vector<PrintedLine> lines;
  for (const Word* w : words) {
    if (lines.empty() || Centre(w->box) - lines.back().centre > 0.5 * height) {
      lines.push_back({});
    }
    PrintedLine& line = lines.back();
    line.words.push_back(w);
    double sum = 0.0;
    for (const Word* x : line.words) sum += Centre(x->box);
    line.centre = sum / line.words.size();
  }
  for (auto& line : lines) {
    std::sort(line.words.begin(), line.words.end(),
              [](const Word* a, const Word* b) { return a->box.x0 < b->box.x0; });
    line.top = line.bottom = line.words.front()->box.y0;
    line.left = line.words.front()->box.x0;
    line.right = line.words.front()->box.x1;
    for (const Word* w : line.words) {
      line.top = std::min(line.top, w->box.y0);
      line.bottom = std::max(line.bottom, w->box.y1);
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
  const double wide = std::max(
      gap, std::min(2.5 * *std::min_element(spaces.begin(), spaces.end()), 1.5 * height));
  return 1 + static_cast<int>(std::count_if(spaces.begin(), spaces.end(),
                                            [&](int s) { return s > wide; }));
}

// True when two words of `line` closer than `gap` (one phrase) lie on
// either side of a column separator.
bool CrossesColumns(const PrintedLine& line, const std::vector<int>& separators, double gap) {
  for (size_t i = 1; i < line.words.size(); ++i) {
    const int x0 = line.words[i - 1]->box.x1, x1 = line.words[i]->box.x0;
    if (x1 - x0 > gap) continue;
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

}  // namespace

Table TableFromWords(const Page& page, const WordTableOptions& options) {
  Table table;
  table.format = TableFormat::kWords;
  std::vector<int> heights;
  for (const auto& block : page.blocks) {
    for (const auto& line : block.lines) {
      for (const auto& w : line.words) {
        if (!w.box.empty()) heights.push_back(w.box.height());
      }
    }
  }
  if (heights.size() < 6 || page.width <= 0) return table;
  const double height = std::max(4, Median(heights));
  const double gap = options.column_gap * height;
  std::vector<PrintedLine> lines = GroupIntoLines(page, height);

  // Table lines, and the line pitch of the page.
  std::vector<int> groups(lines.size());
  int page_left = page.width, page_right = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    groups[i] = CountGroups(lines[i], gap, height);
    page_left = std::min(page_left, lines[i].left);
    page_right = std::max(page_right, lines[i].right);
  }
  std::vector<double> pitches;
  for (size_t i = 1; i < lines.size(); ++i) pitches.push_back(lines[i].centre - lines[i - 1].centre);
  const double pitch = std::max(height, Median(pitches));
  auto is_table_line = [&](size_t i) { return groups[i] >= options.min_columns; };
  auto is_narrow = [&](size_t i) {
    return lines[i].right - lines[i].left < (page_right - page_left) / 2;
  };
  // The table: the run of lines with the most table lines, where lines of
  // two or more groups and narrow lines (a level row, a wrapped cell, a
  // standard's title) follow each other closely; a wide line of prose
  // ends it.
  int first = -1, last = -1, last_table_line = -1, table_lines = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!is_table_line(i)) continue;
    size_t end = i, end_table = i;
    int count = 1;
    while (end + 1 < lines.size() &&
           lines[end + 1].centre - lines[end].centre < options.tail_gap * pitch &&
           (groups[end + 1] >= 2 || is_narrow(end + 1))) {
      ++end;
      if (is_table_line(end)) {
        ++count;
        end_table = end;
      }
    }
    if (count > table_lines) {
      first = static_cast<int>(i);
      last = static_cast<int>(end);
      last_table_line = static_cast<int>(end_table);
      table_lines = count;
    }
    i = end;
  }
  if (table_lines < options.min_table_lines) return table;
  int left = page.width, right = 0;
  for (int i = first; i <= last; ++i) {
    if (groups[i] < 2) continue;
    left = std::min(left, lines[i].left);
    right = std::max(right, lines[i].right);
  }

  // Columns: the white gaps shared by the lines with two or more groups (a
  // one-group line lies in one column, or is a level row centred across
  // several).
  std::vector<int> occupancy(page.width + 1, 0);
  for (int i = first; i <= last; ++i) {
    if (groups[i] < 2) continue;
    for (const Word* w : lines[i].words) {
      for (int x = std::clamp(w->box.x0, 0, page.width); x < std::clamp(w->box.x1, 0, page.width);
           ++x) {
        ++occupancy[x];
      }
    }
  }
  std::vector<int> separators;
  for (int x = left; x < right;) {
    if (occupancy[x] > 0) {
      ++x;
      continue;
    }
    int start = x;
    while (x < right && occupancy[x] == 0) ++x;
    // A narrower gap is a column's when cells start flush at its right on
    // several lines (left-aligned cells; spaces between words do not line
    // up like that).
    bool aligned = false;
    if (x - start > options.narrow_column_gap * height && x - start <= gap) {
      int starts = 0;
      for (int i = first; i <= last && !aligned; ++i) {
        if (groups[i] < 2) continue;
        for (const Word* w : lines[i].words) {
          if (w->box.x0 >= x && w->box.x0 - x <= options.narrow_column_gap * height) {
            aligned = ++starts >= options.aligned_starts;
            break;
          }
        }
      }
    }
    if (x - start > gap || aligned) separators.push_back((start + x) / 2);
  }
  if (static_cast<int>(separators.size()) + 1 < options.min_columns) return table;
  // After the last table line, a line whose words run on across a column
  // boundary (a heading, a sentence) is no longer the table's; a level row
  // centred across columns is.
  for (int i = last_table_line + 1; i <= last; ++i) {
    if (ParseRowLabel(LineText(lines[i])).kind == LabelKind::kLevel) continue;
    if (CrossesColumns(lines[i], separators, gap)) {
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
  std::vector<int> last_line(columns, -1);  // per column: the row's last line with text
  for (int i = first; i <= last; ++i) {
    const PrintedLine& line = lines[i];
    std::vector<Cell> row(columns);
    for (const Word* w : line.words) AddWord(*w, page.number, &row[column_of(*w)]);
    // A level row centred across the table ("MỨC 1, 2, 3").
    if (groups[i] == 1 && ParseRowLabel(LineText(line)).kind == LabelKind::kLevel) {
      std::vector<Cell> spanned(columns);
      for (const Word* w : line.words) AddWord(*w, page.number, &spanned[0]);
      spanned[0].col_span = static_cast<int>(columns);
      for (size_t c = 1; c < columns; ++c) spanned[c].col_span = 0;
      table.rows.push_back(std::move(spanned));
      previous_spanned = true;
      continue;
    }
    bool continues = false, resumes = false;
    for (size_t c = 0; c < columns; ++c) {
      if (row[c].text.empty()) continue;
      continues |= last_line[c] == i - 1;
      resumes |= last_line[c] >= 0 && last_line[c] < i - 1;
    }
    bool starts = table.rows.empty() || previous_spanned || !continues || resumes ||
                  line.centre - lines[i - 1].centre > options.row_gap * pitch ||
                  !row[0].text.empty() ||
                  (columns > 1 && ParseRowLabel(row[1].text).kind != LabelKind::kNone);
    previous_spanned = false;
    if (starts) {
      std::fill(last_line.begin(), last_line.end(), -1);
      table.rows.emplace_back(columns);
    }
    auto& target = table.rows.back();
    for (const Word* w : line.words) {
      size_t c = column_of(*w);
      AddWord(*w, page.number, &target[c]);
      last_line[c] = i;
    }
  }
  table.header_rows = 1;
  if (page.number > 0) table.pages = {page.number};
  return table;
}

}  // namespace vnplan::table
