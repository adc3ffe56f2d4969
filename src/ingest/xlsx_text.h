// Excel workbooks (.xlsx, Office Open XML spreadsheets) as text, read with
// libzip and libxml2. Input: the package (or, for tests, its parts).
// Output: OfficeText (route "xlsx") in the shape of the seeds' exports:
// each sheet's rows laid out by AppendSheet (office_lines.h), columns
// placed by the cell references (A1, C1: B is empty), cells of a merged
// range empty except its first; sheets in the workbook's order, hidden
// ones and chart sheets left out, separated by an empty line, their names
// not written.
//
// Cell values: shared strings (rich text runs joined, phonetic guides
// left out), inline strings, formula strings, numbers shown through their
// cell's number format (xlsx_number_format.h: a typed "9/2023" is stored as
// the date serial 45170 and shown again as the format says), and booleans
// and errors as the file writes them ("1", "#N/A").
//
// Runs set in a legacy Vietnamese font are decoded (legacy_fonts.h): the
// font of a rich-text run (rFont), else the cell's font (its s index in
// styles.xml's cellXfs, that format's fontId in fonts), else the workbook's
// default font (fonts[0]).
#ifndef VNPLAN_INGEST_XLSX_TEXT_H_
#define VNPLAN_INGEST_XLSX_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "ingest/office_text.h"

namespace vnplan::ingest {

class ZipPackage;

// Decodes the worksheets `sheets_xml` (in order) with the shared strings
// (xl/sharedStrings.xml) and styles (xl/styles.xml) parts, either of which
// may be empty; `date1904`: the workbook counts dates from 1904 (its
// workbookPr date1904). kInputError when a worksheet is not well formed or has no
// sheetData, or the shared strings part is given but not well formed (its
// cells cannot be read); broken styles only leave the fonts unresolved.
Result<OfficeText> XlsxToText(const std::vector<std::string>& sheets_xml,
                              std::string_view shared_strings_xml, std::string_view styles_xml,
                              bool date1904 = false);

// Reads the .xlsx package `zip` whose main part is `workbook` (named by
// the package relationships): its sheets through the workbook's
// relationships. kInputError when a part is missing, corrupt or as for
// XlsxToText.
Result<OfficeText> ReadXlsxPackage(const ZipPackage& zip, const std::string& workbook);

// The 0-based column and row of an A1-style cell reference ("C12" -> 2,
// 11); false when `ref` is not one (or past column XFD / row 1048576).
bool ParseCellReference(std::string_view ref, long* column, long* row);

}  // namespace vnplan::ingest

#endif  // VNPLAN_INGEST_XLSX_TEXT_H_
