// Office documents as text: Word (.docx), OpenDocument text (.odt,
// LibreOffice and Vietnam's government standard), Excel (.xlsx) and
// OpenDocument spreadsheets (.ods); and the legacy binary Word 97-2003
// (.doc) and Excel 97-2003 (.xls) files. Input: the ZIP package or OLE2
// compound file. Output: plain
// UTF-8 text in the shape of the seeds' tab-separated exports (one line per
// paragraph, each table or sheet row one line of tab-separated cells), the
// route it came by, and how many stretches of legacy-font text (.VnTime:
// TCVN3, VNI-Times: VNI) were decoded on the way. The pipeline reads the
// text like a tab-separated text export.
//
// The format is decided by the package's content, not the file name: an
// ODF package by its "mimetype" member, an OOXML package by the main part
// its relationships name (its content type, else its root element).
#ifndef VNPLAN_INGEST_OFFICE_TEXT_H_
#define VNPLAN_INGEST_OFFICE_TEXT_H_

#include <filesystem>
#include <string>

#include "common/error.h"

namespace vnplan::ingest {

struct OfficeText {
  std::string text;     // UTF-8, every line ended by '\n'
  std::string route;    // "docx", "odt", "xlsx", "ods", "doc", "xls" or "rtf"
  int legacy_runs = 0;  // stretches of runs decoded from a legacy font
};

// Reads the office document at `path`. kInputError, with a reason that
// says what the file is and how to save it instead, when it is not a ZIP
// archive or a corrupt one, a password-protected ODF document, another
// kind of package (PowerPoint, OpenDocument presentation or drawing, an
// EPUB, a plain ZIP archive), or a part it needs is missing, not well
// formed or larger than 256 MB uncompressed.
Result<OfficeText> ReadOfficeDocument(const std::filesystem::path& path);

// Reads the legacy office document (an OLE2 compound file) at `path`: an
// Excel 97-2003 workbook (xls_text.h) when it holds a workbook stream, else
// a Word 97-2003 document (doc_text.h); each is parsed in a child process
// with the default limits. Errors as ReadXls and ReadDoc give them (a
// password-protected .docx/.xlsx, a PowerPoint .ppt: kInputError).
Result<OfficeText> ReadLegacyOfficeDocument(const std::filesystem::path& path);

}  // namespace vnplan::ingest

#endif  // VNPLAN_INGEST_OFFICE_TEXT_H_
