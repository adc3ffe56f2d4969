// Printed width of text set in a Times-like proportional font, in units of
// an average lower-case letter. Input: UTF-8 words as an OCR returned them
// (usually without diacritics, which do not change a letter's advance).
// Output: widths comparable with a table column's width measured the same
// way, so that "ill" is narrower than "mmm". Used to lay OCR'd table lines
// out into columns (text_tables.cc) and to simulate such lines (tools).
#ifndef VNPLAN_TABLE_PRINTED_WIDTH_H_
#define VNPLAN_TABLE_PRINTED_WIDTH_H_

#include <string_view>

namespace vnplan::table {

// Width of one word (no spaces): ASCII from Times New Roman's advance
// widths, any other code point one unit.
double WordWidth(std::string_view word);

// Width of a space between two words on a line.
inline constexpr double kSpaceWidth = 0.5;

}  // namespace vnplan::table

#endif  // VNPLAN_TABLE_PRINTED_WIDTH_H_
