// Finds tables in flattened text exports and rebuilds their rows into the
// row model (table_model.h). Input: NFC UTF-8 text of a whole document.
// Output: the tables plus the remaining (non-table) text. Formats handled:
//   - tab-separated rows, one row per line (seeds 000, 004); a row whose
//     first two cells are empty continues the previous row (page breaks);
//     dash-only separator rows are dropped;
//   - one cell per line, each line starting with a tab, rows separated by
//     blank lines (seed 002); the header row fixes the column count and
//     rows split by stray blank lines are re-joined;
//   - Markdown pipe tables and HTML <table> markup;
//   - one cell per paragraph without tabs, headed by a "TT" header
//     (seed 001: member lists, evidence tables);
//   - two-column timetables, one cell per paragraph: a "Thời gian" header,
//     then a time key ("Tuần 1", or "Tuần" / "11-12") and its "- …"
//     activity paragraphs per row (seed 001, "Thời gian biểu");
//   - OCR'd text where the plan table became lines with '|' column hints
//     (seed 003): rows are rebuilt from the level/standard/criterion labels
//     ("35" under standard 3 read as "3.5"); each line of a row is split
//     into the content columns by a small dynamic programme over column
//     widths estimated from the table itself, the '|' marks, which columns
//     ran on the line above and content cues (dates, "Không có", agents);
//     OCR specks are dropped; the header is replaced by the canonical one;
//     with TextTableOptions::scorer the lines of a row are laid out
//     together, also by how well the column texts read; each content cell
//     of such a row then carries a layout confidence (Cell::confidence,
//     0..100): the posterior probability, over the complete row layouts of
//     the search (p proportional to 10^(-layout_confidence_scale x
//     (score - best score))), of the layouts that give the cell the same
//     pieces of text, i.e. an estimate that the cell holds the right text
//     as far as the layout goes (calibrated on tools/layout_bench, README
//     "Session 8: layout confidence"). Without a scorer, and for every
//     other format, Cell::confidence stays 100.
#ifndef VNPLAN_TABLE_TEXT_TABLES_H_
#define VNPLAN_TABLE_TEXT_TABLES_H_

#include <string>
#include <string_view>
#include <vector>

#include "table/column_words.h"
#include "table/layout_scorer.h"
#include "table/table_model.h"

namespace vnplan::table {

struct TextTableOptions {
  // Tables narrower than this are left in the text (layout tables such as
  // the two-column letterhead). Default 3.
  int min_columns = 3;
  // Also look for one-cell-per-paragraph tables headed by "TT"/"STT"
  // (seed 001). Default true.
  bool paragraph_tables = true;
  // When no other table holds criterion rows, look for a plan table in OCR
  // line text (seed 003). Default true.
  bool pipe_ocr_tables = true;
  // When set, the lines of each OCR'd plan row are laid out by a beam
  // search that also ranks layouts by how well their column texts read
  // under this language model (where the OCR lost the rules between
  // columns, only meaning separates them); it must outlive the call.
  // Default null: the cheapest layout line by line, by widths, rule marks
  // and content cues alone.
  const LayoutScorer* scorer = nullptr;
  // When set together with `scorer`, the words of OCR'd plan rows also
  // weigh on their column: a word costs column_word_weight x
  // -ln(P(w | c) / P(w)) in column c (column_words.h), in units of one
  // unrequired column boundary, when lines are split into pieces (not when
  // a run of narrow lines is placed as one column's paragraph). Ignored
  // without a scorer: on their own the statistics of other plans lose
  // (tools/layout_bench/README.md, session 8). It must outlive the call.
  // Default null (off: the layout of session 6).
  const ColumnWords* column_words = nullptr;
  // Weight of the per-word column statistics. Default 0.05.
  double column_word_weight = 0.05;
  // Smoothing and clipping of those statistics. Default {} (prior 20, cap 3).
  ColumnWordOptions column_word_options;
  // Sharpness of the layout confidence of OCR'd plan rows laid out with a
  // scorer: a layout whose score (cost minus weighted LM log10 probability)
  // is worse than the chosen one by d weighs 10^(-scale x d) against it.
  // <= 0: confidence 100 everywhere. The layout itself does not depend on
  // it. Default 0.5: the lowest Brier score and calibration error of the
  // fields of the layout bench, seeds 100..199 (0.4-0.7 tried;
  // tools/layout_bench/README.md, "Session 8: layout confidence").
  double layout_confidence_scale = 0.5;
};

struct TextTables {
  std::vector<Table> tables;  // in document order
  // The input with every table replaced by one empty line; cell lines of
  // rejected layout tables are kept without their leading tab.
  std::string text;
};

TextTables ExtractTablesFromText(std::string_view utf8, const TextTableOptions& options = {});

}  // namespace vnplan::table

#endif  // VNPLAN_TABLE_TEXT_TABLES_H_
