// Spreadsheet number formats applied to numeric cell values, so that a
// cell shows in the text what Excel showed: dates above all, since Excel
// turns a typed "9/2023" into a date serial (45170) with a date format, and
// a plan's timeline column is full of them. Input: the value as the
// worksheet stores it and the cell's format code. Output: the displayed
// text.
//
// Handled: dates and times (d dd ddd dddd, m mm mmm mmmm, yy yyyy, h hh,
// mm/ss after h or before s, AM/PM), literal text ("…", \x, and the
// separators / - . , : and spaces), the General format (at most 10
// significant digits, as Excel's cell display), and plain numbers with
// 0, 0.00, #,##0 and #,##0.00 shapes and a trailing %. Sections (;),
// colours and conditions ([Red], [>100]) choose nothing: the first section
// is used. Locale tags ([$-42A]) are ignored: month names are English, as
// Excel without a locale shows them. Other codes leave the value as the
// file writes it.
#ifndef VNPLAN_INGEST_XLSX_NUMBER_FORMAT_H_
#define VNPLAN_INGEST_XLSX_NUMBER_FORMAT_H_

#include <string>
#include <string_view>

namespace vnplan::ingest {

// The format code of a built-in format id (ECMA-376 18.8.30), with ids 14
// and 22 in the day-first order of the Vietnamese locale (d/m/yyyy);
// empty for ids that have none here.
std::string BuiltInNumberFormat(int id);

// `value` (a number as the worksheet stores it: "45170", "0.1", "1E-3")
// shown through `format_code`; `date1904` is the workbook's date system.
// A value that is not a number, or a date outside 1900..9999, comes back
// unchanged.
std::string FormatCellNumber(std::string_view value, std::string_view format_code,
                             bool date1904 = false);

}  // namespace vnplan::ingest

#endif  // VNPLAN_INGEST_XLSX_NUMBER_FORMAT_H_
