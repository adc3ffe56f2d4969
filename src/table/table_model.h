// The row model shared by every table extractor (text exports, ruled page
// images, word boxes) and consumed by the plan mapper (plan_schema.h):
// a table is a list of rows of cells, each cell holding its UTF-8 text and,
// when it came from an image, its box, page and span.
#ifndef VNPLAN_TABLE_TABLE_MODEL_H_
#define VNPLAN_TABLE_TABLE_MODEL_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/page.h"
#include "common/utf8.h"

namespace vnplan::table {

struct Cell {
  std::string text;        // UTF-8, whitespace collapsed, "" for an empty cell
  std::optional<Box> box;  // page-image pixels; only for image sources
  int page = 0;            // 1-based page the cell (first) appeared on, 0 unknown
  int row_span = 1;        // rows covered by a merged cell (image sources)
  int col_span = 1;        // columns covered by a merged cell
  float confidence = 100.0f;  // 0..100, Tesseract's scale; 100 for text sources
  // Text sources only: the 1-based lines of the extractor's input text the
  // cell's row was read from (a row continued after a page break spans
  // both parts); 0 when unknown (image sources).
  int line = 0;
  int last_line = 0;
};

// Sets the source lines of every cell of `row` to first..last (1-based).
void SetLines(std::vector<Cell>* row, int first, int last);

// Widens the source lines of every cell of `row` to cover first..last.
void ExtendLines(std::vector<Cell>* row, int first, int last);

// How a table was found; recorded in diagnostics and generic-table output.
enum class TableFormat {
  kTsv,        // tab-separated rows, one row per line (seeds 000, 004)
  kCellLines,  // one cell per line, rows separated by blank lines (seed 002)
  kParagraphs, // one cell per blank-line separated paragraph, no tabs (seed 001)
  kMarkdown,   // | a | b | pipe tables
  kHtml,       // <table><tr><td>
  kPipeOcr,    // OCR'd text with '|' column hints (seed 003)
  kGrid,       // ruled grid detected on a page image
  kWords,      // borderless table clustered from OCR word boxes
};

const char* TableFormatName(TableFormat format);

struct Table {
  // rows[r][c]; rows may be shorter than the widest row only transiently:
  // extractors pad every row to the same number of columns. A merged
  // (spanning) cell is stored once, in its top-left slot, and the slots it
  // covers hold empty cells with col_span/row_span 0.
  std::vector<std::vector<Cell>> rows;
  std::vector<int> pages;  // pages the table spans, ascending; empty if unknown
  int header_rows = 0;     // leading rows that form the header (0 if none found)
  TableFormat format = TableFormat::kTsv;
  // The heading the table is placed under ("a) Hội đồng tự đánh giá", "6.
  // Thời gian biểu"), "" when none stands just above it (captions.h).
  std::string caption;

  size_t columns() const { return rows.empty() ? 0 : rows.front().size(); }
};

// Cell text is collapsed with common/utf8.h's CollapseSpaces.
using ::vnplan::CollapseSpaces;

// Removes inline markup that flattened exports leave in cell text:
// <b>, </i>, <br> and other tags, **bold**, __bold__, and the entities
// &amp; &lt; &gt; &quot; &nbsp; &#NNN;. Then collapses spaces.
std::string CleanCellText(std::string_view text);

// Mean similarity (fuzzy.h Similarity, diacritics folded) of two rows'
// cells, over the cells where either has text; 0 for rows of different
// widths or without text.
double RowSimilarity(const std::vector<Cell>& a, const std::vector<Cell>& b);

// Pads every row of `table` with empty cells to the widest row.
void PadRows(Table* table);

}  // namespace vnplan::table

#endif  // VNPLAN_TABLE_TABLE_MODEL_H_
