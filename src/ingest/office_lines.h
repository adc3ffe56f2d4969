// The shape of the text the office readers (docx_text, odf_text,
// xlsx_text) give: the lines of a seed's text export. Input: paragraphs'
// text, table cells, spreadsheet rows. Output: lines (no '\n' inside), one
// per paragraph line, each table row one line of tab-separated cells, so
// the text route reads the result like any tab-separated export.
#ifndef VNPLAN_INGEST_OFFICE_LINES_H_
#define VNPLAN_INGEST_OFFICE_LINES_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vnplan::ingest {

// Appends a paragraph (its line breaks as '\n') as lines, white space
// (tabs too) collapsed to single spaces and trimmed; an empty paragraph is
// one empty line.
void AppendParagraph(std::string_view text, std::vector<std::string>* lines);

// A table cell's lines as one: each line's spaces collapsed (a nested
// table's tabs too), empty lines skipped, the rest joined by spaces.
std::string CellLine(const std::vector<std::string>& lines);

// Appends `cells` as one tab-separated line, unless every cell is empty.
void AppendRow(const std::vector<std::string>& cells, std::vector<std::string>* lines);

// Appends the lines of a page header printed above the body (a
// letterhead kept there): those with a letter (page numbers go), then an
// empty line if any was appended.
void AppendHeader(std::vector<std::string> header, std::vector<std::string>* lines);

// The document's text: each line followed by '\n', empty lines at the
// start and end left out.
std::string JoinLines(const std::vector<std::string>& lines);

// Limits of the table and sheet readers, so that a few bytes cannot ask
// for millions of cells: a cell or row with text is repeated (ODF's
// number-*-repeated) at most kMaxRepeat times, and the copies of one
// document add up to at most kMaxRepeatBytes of text; cells at or past
// column kMaxColumns are ignored.
inline constexpr int kMaxRepeat = 1000;
inline constexpr size_t kMaxRepeatBytes = size_t{16} << 20;
inline constexpr int kMaxColumns = 1024;

// One row of a spreadsheet: its 0-based row number and its cells' text
// by 0-based column (white space is collapsed here); missing columns are
// empty.
struct SheetRow {
  long row = 0;
  std::vector<std::string> cells;
};

// Appends a sheet's rows (in row order) as lines:
//   - rows with no text are left out; where rows were left out or skipped
//     between two written rows, one empty line stands for them;
//   - a row with text in two or more cells is a table row; so is a row
//     with text in one cell right below a table row (the nearest written
//     row above) when the row below has two or more cells with text (a
//     level row "MỨC 1") or its cell is not in the first column (a
//     criterion under a merged "TT" cell, the rest of a wrapped cell);
//     consecutive table rows (across left-out rows) make one
//     table, each of its rows written with as many cells (trailing ones
//     empty) as its widest row, as a spreadsheet's tab-separated export
//     writes them;
//   - any other row (a title, a paragraph of the letter) is its one cell's
//     text on its own, wherever its column.
void AppendSheet(const std::vector<SheetRow>& rows, std::vector<std::string>* lines);

}  // namespace vnplan::ingest

#endif  // VNPLAN_INGEST_OFFICE_LINES_H_
