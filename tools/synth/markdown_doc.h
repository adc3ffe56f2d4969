// The document model of the synthetic-scan generator and its parser: a small
// Markdown subset (UTF-8, NFC expected) -> Document (paragraphs, headings,
// pipe tables). The renderer (page_layout.h) lays a Document out on pages.
//
// Supported syntax (one block per blank-line-separated group of lines):
//   # Title             heading level 1 (bold, centred, +1 pt)
//   ## Section          heading level 2 (bold, left)
//   ### Sub             heading level 3 (bold italic, left)
//   -> text <-          centred paragraph;  -> text   right-aligned paragraph
//   - item / 1. item    each list line is its own paragraph
//   other lines         paragraph; consecutive lines are joined by a space,
//                       a line ending in two spaces or "<br>" forces a break
//   **bold**, *italic*  inline emphasis anywhere (also in cells); \* is a '*'
//   <!-- pagebreak -->  forces a new page
//   <!-- widths: 3 10 12 -->   relative column widths for the NEXT table
//                       (default: proportional to content)
//   <!-- align: l c r -->      column alignment (l|c|r|j) for the NEXT table;
//                       the separator's colons (:--, :-:, --:) also set it
//   <!-- noborder -->   the NEXT table has no rules (e.g. a header block)
//   | a | b | c |       table row; "<br>" inside a cell is a line break
//   |---|---|---|       separator: the rows above it are header rows
//   || MỨC 1, 2, 3 ||   "level row": one cell spanning the full table width
// A table is a run of consecutive lines starting with '|'.
#ifndef VNPLAN_TOOLS_SYNTH_MARKDOWN_DOC_H_
#define VNPLAN_TOOLS_SYNTH_MARKDOWN_DOC_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace vnplan::synth {

enum class Align { kLeft, kCenter, kRight, kJustify };

struct TableRow {
  // Cell texts with inline Markdown kept ("**x**"), "<br>" turned into '\n'.
  // A level row has exactly one cell.
  std::vector<std::string> cells;
  bool header = false;     // above the |---| separator
  bool level_row = false;  // written "|| text ||", spans all columns
};

struct Table {
  int columns = 0;                     // max cell count over non-level rows
  std::vector<TableRow> rows;
  std::vector<double> column_weights;  // from <!-- widths -->; empty = auto
  std::vector<Align> column_align;     // empty = left (header rows: centre)
  bool borders = true;                 // false after <!-- noborder -->
};

enum class BlockKind { kParagraph, kHeading, kTable, kPageBreak };

struct Block {
  BlockKind kind = BlockKind::kParagraph;
  int heading_level = 0;     // 1..3 for kHeading
  Align align = Align::kJustify;
  std::string text;          // inline Markdown; '\n' = forced line break
  Table table;               // kTable only
};

struct Document {
  std::vector<Block> blocks;
};

// Parses the Markdown subset above. Fails (kInputError) only on invalid
// UTF-8; unknown syntax is kept as paragraph text.
Result<Document> ParseMarkdown(std::string_view utf8);

// One run of inline text with its emphasis.
struct InlineRun {
  std::string text;
  bool bold = false;
  bool italic = false;
};

// Splits inline Markdown (**bold**, *italic*, \* escapes) into runs.
std::vector<InlineRun> ParseInline(std::string_view md);

// The plain text of inline Markdown (emphasis markers removed).
std::string PlainText(std::string_view md);

}  // namespace vnplan::synth

#endif  // VNPLAN_TOOLS_SYNTH_MARKDOWN_DOC_H_
