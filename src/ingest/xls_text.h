// Excel 97-2003 workbooks (.xls: BIFF8 in an OLE2 compound file; Excel
// 5/95 BIFF5 too) as text. Input: the .xls file. Output: OfficeText
// (office_text.h, route "xls") in the shape the .xlsx reader gives
// (xlsx_text.h): each sheet's rows laid out by AppendSheet
// (office_lines.h), cells of a merged range empty except its first;
// sheets in the workbook's order, hidden ones and chart sheets left out,
// separated by an empty line, their names not written.
//
// FreeXL reads the cell values (shared and inline strings, numbers,
// booleans as 0/1, dates). It gives no fonts, number formats, merged
// ranges or sheet states, so those are read from the workbook stream's
// records (through libgsf): FONT, FORMAT, XF, DATEMODE, BOUNDSHEET, each
// cell record's XF index and MERGEDCELLS. Then, as in the .xlsx reader:
//   - numbers and dates are shown through their cell's number format
//     (xlsx_number_format.h: a date "05/2025" with mm/yyyy, "1,500,000"
//     with #,##0); without one, dates as built-in format 14 (d/m/yyyy),
//     date-times as 22 (d/m/yyyy h:mm), times as h:mm:ss, numbers as
//     General (at most 10 significant digits);
//   - text in a legacy Vietnamese font (.VnTime: TCVN3, .VnTimeH: TCVN3
//     capitals, VNI-Times: VNI), which Excel stores as the Windows-1252
//     characters of its bytes ("KÕ ho¹ch"), is decoded by the cell's font
//     (legacy_fonts.h). The runs of a rich-text cell take the cell's font.
// When no cell is in a legacy font (a workbook whose fonts were changed,
// or whose records cannot be read), a cell is decoded where the encoding
// repair (text/encoding_repair.h) finds a legacy encoding, each cell on
// its own (a row may mix legacy and Unicode cells), a cell of fewer than 4
// words by the workbook's majority encoding; .VnTimeH capitals then come
// out in lower case.
//
// Parsing runs in a child process (child_process.h): FreeXL reads out of
// bounds on some damaged files, and a damaged file must neither crash nor
// hang the caller.
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
