// Judges the OCR words of a table cell. Input: a word's text or a cell's
// reading (a Page of words with confidences); output: whether a word reads
// as text (a number or a Vietnamese syllable) and how much sure text a
// reading holds, for choosing between two readings of one cell
// (grid_tables.cc) and for telling seal strokes from words
// (pipeline/noise_filter.h).
#ifndef VNPLAN_TABLE_CELL_WORDS_H_
#define VNPLAN_TABLE_CELL_WORDS_H_

#include <string_view>

#include "common/page.h"

namespace vnplan::table {

// True if `word` has a digit, or its letters (marks around them aside)
// make a Vietnamese syllable: "2025", "trường,", "(ký" yes; "X", "mm",
// "Vt\", "%" no.
bool LooksLikeText(std::string_view word);

// The characters of the words of `page` that look like text at confidence
// >= `min_confidence`, each weighted by its word's confidence, less those
// of the words with letters that do not ("mm" at 50: garbage), likewise
// weighted.
double ReadingScore(const Page& page, float min_confidence = 60.0f);

}  // namespace vnplan::table

#endif  // VNPLAN_TABLE_CELL_WORDS_H_
