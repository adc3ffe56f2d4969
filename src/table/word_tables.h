// Borderless tables from word positions: the fallback for pages where no
// ruled grid was found (tables typed without borders, or rules too faint to
// detect). Input: a recognised page (OCR words or a PDF text layer, with
// boxes). Output: the table its aligned word columns form, as a
// TableFormat::kWords table whose first row is the header; no rows when the
// page has no such structure.
//
// The method is the "stream" mode of PDF table extractors (Tabula, Camelot):
//   1. words are grouped into printed lines by their vertical centres;
//   2. a line whose words fall into at least `min_columns` groups separated
//      by wide white gaps is a table line; the table is the run of lines
//      with the most groups in table lines, where lines of two or more
//      groups and narrow lines follow each other closely (a wide line of
//      prose ends it);
//   3. columns are the white gaps shared by every table line (x occupancy):
//      wide ones, or narrow ones where several lines start flush at the
//      right (left-aligned cells); a word box that runs on over the next
//      word's start (OCR words glued across a column gap) ends there;
//   4. rows start at a line with text in the first column, a row label in
//      its leftmost cell (table/row_labels.h: "Tiêu chí 1.5", "Tiêu chuẩn
//      2:"; a column of specks at the left may come before; the label may
//      be wrapped after its word, "Tiêu chí" / "1.5"), a
//      level row ("MỨC 4", centred across the table: one cell spanning all
//      columns), or a vertical gap wider than the usual line pitch; a line
//      continues the row above, cell by cell (wrapped cell text), when one
//      of its cells goes on from the line before and none resumes a cell
//      that had stopped (a speck of one or two characters with a mark, "\"N",
//      resumes none); a line of one-character specks goes with the row
//      it lies in; where a table runs over pages, a page's header row ends
//      where its lines stop reading like the other pages' header lines (a
//      row cut by the page break goes on under the repeated header), and
//      goes on over the lines just after it that read like them (a header
//      line the OCR dropped), and starts at a run of lines above a white
//      gap that reads like the other pages' header (the lines under it
//      lost); the run's best-read header row gives its text to the others,
//      also to a header row with cells lost;
//   5. each cell's box is its slot, the region a ruled cell would have (x
//      between its column's separators, y over its row's lines), from which
//      RereadCells reads it again on a scan.
#ifndef VNPLAN_TABLE_WORD_TABLES_H_
#define VNPLAN_TABLE_WORD_TABLES_H_

#include <vector>

#include "common/error.h"
#include "common/image.h"
#include "common/ocr_engine.h"
#include "common/page.h"
#include "table/grid_tables.h"
#include "table/table_model.h"

namespace vnplan::table {

struct WordTableOptions {
  // A table line has words in at least this many separated groups, and the
  // table at least this many columns. Default 3.
  int min_columns = 3;
  // At least this many table lines make a table (a page may hold just the
  // table's header and first row). Default 2.
  int min_table_lines = 2;
  // White gap between two columns, in median word heights (an inter-word
  // space is about 0.3; cell padding at 300 dpi about 0.7), or this many
  // median spaces between words if that is less. Defaults 0.6, 2.5.
  double column_gap = 0.6;
  double column_gap_spaces = 2.5;
  // A narrower white gap, down to this many word heights, separates
  // columns when at least `aligned_starts` table lines have a word starting
  // flush at its right edge (within the same distance). Defaults 0.3, 3.
  double narrow_column_gap = 0.3;
  int aligned_starts = 3;
  // A gap above a line wider than this many median line pitches starts a
  // row. Default 1.6.
  double row_gap = 1.6;
  // Lines of one table follow each other with gaps under this many line
  // pitches. Default 2.5.
  double tail_gap = 2.5;
  // TablesFromWords: consecutive pages whose tables' widths differ by less
  // than this share one column model. Default 0.03.
  double same_width = 0.03;
  // A separator another page of the table shows is taken where this page
  // is white, or where words cover it by at most this many word heights
  // at their ends (a speck glued to a word's start). Default 0.5.
  double borrow_edge = 0.5;
  // TablesFromWords: a line at the end of a page's header row whose text
  // has a similarity (fuzzy.h, diacritics folded) under this with every
  // header line of the run's other pages starts a row instead (the rest of
  // a row cut by the page break, under the repeated header); a line just
  // after it that reaches this with one of them is the header's (a header
  // line the OCR dropped made it start a row). A header row whose mean cell
  // similarity with the run's best-read header row reaches this takes that
  // row's text. Default 0.6.
  double header_line_similarity = 0.6;
};

Table TableFromWords(const Page& page, const WordTableOptions& options = {});

// The same over a document's pages (in page order; one table per page, no
// rows where a page has none). Consecutive pages whose tables are as wide
// pool their lines for column separators: a page keeps its own and takes
// the pooled ones that fall in its own white space (a page holding only the
// header and one row cannot show a narrow column gap by flush-left starts
// on its own). A page whose table is another's without its leading
// column(s) (no text there: a number column where no row starts on that
// page) ends where it ends and has its separators: it joins that run,
// widened to its left edge, the missing columns empty. Likewise a page
// whose table lacks the trailing column(s) (the OCR lost their words):
// it starts where the others start and its separators agree with theirs;
// it is widened to their right edge.
std::vector<Table> TablesFromWords(const std::vector<const Page*>& pages,
                                   const WordTableOptions& options = {});

// A document's tables in page order: `by_page[i]` are page i's ruled
// tables; a page with none gets the borderless table of `pages[i]` (its
// recognised words; null: none), runs of such pages read together by
// TablesFromWords. `borderless` (optional) counts the pages that gave one.
std::vector<Table> TablesInPageOrder(std::vector<std::vector<Table>> by_page,
                                     const std::vector<const Page*>& pages,
                                     int* borderless = nullptr,
                                     const WordTableOptions& options = {});

// Reads the cells of `table`, a borderless table TablesFromWords found on
// `page`, again each from its own slot of the page image `image` (the
// image `page`'s words are placed on), the way ruled cells are read
// (grid_tables.h ReadRegions with `options`): Tesseract's layout analysis
// of a whole page mixes up or drops a table's text, a single cell does
// not. A cell takes the crop's text when it holds sure text
// (cell_words.h ReadingScore > 0) and at least as much as the page's
// words in the slot; else it keeps the page's. Errors: ReadRegions'.
Status RereadCells(const GrayImage& image, const Page& page, OcrEngine& engine,
                   const GridOptions& options, Table* table);

}  // namespace vnplan::table

#endif  // VNPLAN_TABLE_WORD_TABLES_H_
