// OCR repair of Vietnamese month and school-year expressions, using their
// fixed grammar: "tháng <1-12>/<year>", "học kỳ I|II" and
// "năm học <Y> - <Y+1>". Input:
// NFC UTF-8 text where such expressions are expected (a plan's timeline
// cell). Output: the text with each damaged expression rewritten, and how
// many were.
//
//   "Tháng 9 2024"           -> "Tháng 9/2024"         ('/' read as a space)
//   "từ tháng 52026"         -> "từ tháng 5/2026"      ('/' lost)
//   "tháng 912025", "9l2025" -> "tháng 9/2025"         ('/' read as 1, l, I or |)
//   "Tháng 12:2025"          -> "Tháng 12/2025"        ('/' read as ':' or ';')
//   "Từ thẳng 9/2019"        -> "Từ tháng 9/2019"      (the month word misread)
//   "Học kỳ Ï", "học kỷ ll"  -> "Học kỳ I", "học kỳ II" (a semester is I or II)
//   "năm học 2029 -. 2026"   -> "năm học 2025 - 2026"  (a school year is Y to Y+1)
//   "năm học 2023 – 20924"   -> "năm học 2023 – 2024"   (also "2U26": a digit read as a letter)
//   "Năm học 2023 2024"      -> "Năm học 2023 - 2024"
//   "Nảm học 2025 - 2026"    -> "Năm học 2025 - 2026"  (marks misread before a school year)
//
// Written conventions are not damage and stay: "tháng 5.2020",
// "tháng 9-2024", "9 / 2024". A school year is changed only when exactly one
// of its two years is one edit away from what the other implies
// ("2024 - 2026" stays: either year could be the misread one).
#ifndef VNPLAN_TEXT_TIME_EXPRESSIONS_H_
#define VNPLAN_TEXT_TIME_EXPRESSIONS_H_

#include <string>
#include <string_view>

namespace vnplan::text {

struct TimeRepair {
  std::string text;
  int repairs = 0;  // expressions rewritten
};

TimeRepair RepairTimeExpressions(std::string_view text);

}  // namespace vnplan::text

#endif  // VNPLAN_TEXT_TIME_EXPRESSIONS_H_
