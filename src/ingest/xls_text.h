// Excel 97-2003 workbooks (.xls: BIFF8 in an OLE2 compound file; Excel
// 5/95 BIFF5 too) as text, read with FreeXL. Input: the .xls file.
// Output: OfficeText (office_text.h, route "xls") in the shape the .xlsx
// reader gives (xlsx_text.h): each sheet's rows laid out by AppendSheet
// (office_lines.h), sheets in the workbook's order separated by an empty
// line, their names not written.
//
// What FreeXL gives, and so what is read: every worksheet (hidden ones
// too: FreeXL does not say which are hidden), cell values (shared and
// inline strings, numbers, booleans as 0/1), and which numbers are dates
// or times. It gives no fonts, no merged ranges and no number format codes:
//   - numbers are shown as Excel's General format shows them (at most 10
//     significant digits), dates in the Vietnamese short-date form
//     (d/m/yyyy, built-in format 14), date-times as d/m/yyyy h:mm (22) and
//     times as h:mm:ss (21), as the .xlsx reader shows cells with those
//     formats; a custom format (mm/yyyy) is not followed;
//   - Excel keeps only the first cell of a merged range, so the others are
//     empty, as the .xlsx reader makes them;
//   - text typed in a legacy Vietnamese font (.VnTime: TCVN3, VNI-Times:
//     VNI) is stored as the Windows-1252 characters of its bytes
//     ("KÕ ho¹ch"); with no font to tell it, a cell is decoded where the
//     encoding repair (text/encoding_repair.h) finds a legacy encoding,
//     each cell on its own (a row may mix .VnTime and Unicode cells), a
//     cell of fewer than 4 words by the workbook's majority encoding. A
//     cell typed in a TCVN3 capitals font (.VnTimeH) comes out in lower
//     case.
//
// FreeXL parses in a child process (child_process.h): a damaged file can
// neither crash nor hang the caller.
#ifndef VNPLAN_INGEST_XLS_TEXT_H_
#define VNPLAN_INGEST_XLS_TEXT_H_

#include <filesystem>
#include <optional>

#include "common/error.h"
#include "ingest/child_process.h"
#include "ingest/office_text.h"

namespace vnplan::ingest {

// Reads the .xls at `path` (in a child process bounded by `limits`; a
// sound workbook of a few sheets takes milliseconds). std::nullopt when it
// is an OLE2 file without an Excel workbook stream (a Word .doc), or one
// whose container (header, sector tables) is too damaged to find a stream
// in. kInputError, with a reason that says how to save it instead, when it
// is not an OLE2 file, is password-protected, its workbook is damaged, or
// it crashes the parser or takes too long. kInternal when no child process
// can be made.
Result<std::optional<OfficeText>> ReadXls(const std::filesystem::path& path,
                                          const ChildLimits& limits = {});

}  // namespace vnplan::ingest

#endif  // VNPLAN_INGEST_XLS_TEXT_H_
