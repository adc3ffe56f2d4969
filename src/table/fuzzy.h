// Fuzzy comparison helpers for recognising headers and row labels in text
// that may have lost its diacritics or carry OCR noise: folding to a
// lower-case, diacritic-free form (via text/vietnamese.h) and normalised
// Levenshtein similarity on code points.
#ifndef VNPLAN_TABLE_FUZZY_H_
#define VNPLAN_TABLE_FUZZY_H_

#include <string>
#include <string_view>

namespace vnplan::table {

// Lower-cased, diacritics removed (đ -> d), whitespace collapsed:
// "Tiêu chuẩn 1: Tổ chức" -> "tieu chuan 1: to chuc".
std::string Fold(std::string_view utf8);

// Fold() keeping only ASCII letters and digits: "Tiêu chí 1.9" -> "tieuchi19".
std::string FoldAlnum(std::string_view utf8);

// Levenshtein distance between the code-point sequences of two UTF-8 strings.
int EditDistance(std::string_view a, std::string_view b);

// 1 - EditDistance / max(length in code points); 1.0 for two empty strings.
double Similarity(std::string_view a, std::string_view b);

}  // namespace vnplan::table

#endif  // VNPLAN_TABLE_FUZZY_H_
